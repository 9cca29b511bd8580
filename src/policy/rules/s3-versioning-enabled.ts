import { block } from '../model';
import { Rule, check } from '../rule';

export const rule: Rule = {
  id: 's3-versioning-enabled',
  description: 'Bucket versioning is Enabled.',
  resourceTypes: ['aws_s3_bucket_versioning'],
  evaluate(versioning) {
    return check(block(versioning.values, 'versioning_configuration')?.status === 'Enabled', 'versioning status is not "Enabled"');
  },
};
