import { block } from '../model';
import { Rule, check } from '../rule';

export const rule: Rule = {
  id: 's3-acls-disabled',
  description: 'Buckets enforce bucket-owner ownership: ACLs are off.',
  resourceTypes: ['aws_s3_bucket_ownership_controls'],
  evaluate(controls) {
    return check(
      block(controls.values, 'rule')?.object_ownership === 'BucketOwnerEnforced',
      'object_ownership is not "BucketOwnerEnforced"',
    );
  },
};
