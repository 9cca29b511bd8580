import { Rule, check } from '../rule';

const FLAGS = ['block_public_acls', 'block_public_policy', 'ignore_public_acls', 'restrict_public_buckets'];

export const rule: Rule = {
  id: 's3-public-access-blocked',
  description: 'Public-access blocks turn on all four settings.',
  resourceTypes: ['aws_s3_bucket_public_access_block'],
  evaluate(block) {
    const off = FLAGS.filter((f) => block.values[f] !== true);
    return check(off.length === 0, `${off.join(', ')} not true: turn every block on`);
  },
};
