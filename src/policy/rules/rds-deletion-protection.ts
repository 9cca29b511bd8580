import { Rule, check } from '../rule';

export const rule: Rule = {
  id: 'rds-deletion-protection',
  description: 'Clusters and global clusters have deletion protection (the destroyable profile suppresses this on purpose).',
  resourceTypes: ['aws_rds_cluster', 'aws_rds_global_cluster'],
  evaluate(cluster) {
    return check(
      cluster.values.deletion_protection === true,
      'deletion_protection is not true: use the protected profile for data you keep',
    );
  },
};
