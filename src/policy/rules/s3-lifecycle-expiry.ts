import { blocks } from '../model';
import { Rule, check } from '../rule';

export const rule: Rule = {
  id: 's3-lifecycle-expiry',
  description: 'Bucket lifecycles expire objects and old versions, and abort stale uploads.',
  resourceTypes: ['aws_s3_bucket_lifecycle_configuration'],
  evaluate(lifecycle) {
    const rules = blocks(lifecycle.values, 'rule').filter((r) => r.status === 'Enabled');
    const ok = rules.some((r) => blocks(r, 'expiration').length > 0 || blocks(r, 'noncurrent_version_expiration').length > 0);
    return check(ok, 'no enabled rule expires objects or noncurrent versions');
  },
};
