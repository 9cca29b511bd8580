import { Rule, check } from '../rule';

export const rule: Rule = {
  id: 'rds-instance-private',
  description: 'Database instances are not publicly accessible.',
  resourceTypes: ['aws_rds_cluster_instance', 'aws_db_instance'],
  evaluate(instance) {
    return check(instance.values.publicly_accessible !== true, 'publicly_accessible is true: set it to false');
  },
};
