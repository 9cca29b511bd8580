import { Rule, check } from '../rule';

export const rule: Rule = {
  id: 'rds-copy-tags-to-snapshot',
  description: 'Snapshots inherit the cluster tags (ownership and cost allocation).',
  resourceTypes: ['aws_rds_cluster'],
  evaluate(cluster) {
    return check(cluster.values.copy_tags_to_snapshot === true, 'copy_tags_to_snapshot is not true: set it');
  },
};
