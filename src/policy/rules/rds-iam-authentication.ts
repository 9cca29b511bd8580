import { Rule, check, notApplicable } from '../rule';

export const rule: Rule = {
  id: 'rds-iam-authentication',
  description: 'Aurora clusters accept IAM database authentication.',
  resourceTypes: ['aws_rds_cluster'],
  evaluate(cluster) {
    if (cluster.values.replication_source_identifier) return notApplicable('cross-region read replica');
    return check(cluster.values.iam_database_authentication_enabled === true, 'iam_database_authentication_enabled is not true: enable it');
  },
};
