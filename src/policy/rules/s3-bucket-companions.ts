import { Rule, check, referencing } from '../rule';

/** Companion resources every bucket needs, and what each gives it. */
const COMPANIONS: Record<string, string> = {
  aws_s3_bucket_public_access_block: 'public-access block',
  aws_s3_bucket_versioning: 'versioning',
  aws_s3_bucket_server_side_encryption_configuration: 'default encryption',
  aws_s3_bucket_policy: 'bucket policy',
  aws_s3_bucket_lifecycle_configuration: 'lifecycle',
  aws_s3_bucket_ownership_controls: 'ownership controls',
};

export const rule: Rule = {
  id: 's3-bucket-companions',
  description: 'Every bucket has its public-access block, versioning, encryption, policy, lifecycle and ownership controls.',
  resourceTypes: ['aws_s3_bucket'],
  evaluate(bucket, model) {
    const missing = Object.entries(COMPANIONS).filter(([type]) => referencing(model, type, bucket, 'bucket').length === 0);
    return check(missing.length === 0, `missing ${missing.map(([type, what]) => `${what} (${type})`).join(', ')}`);
  },
};
