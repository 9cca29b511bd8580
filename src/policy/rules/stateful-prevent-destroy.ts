import { Rule, check, notApplicable } from '../rule';

/** Resources whose loss loses data or access to it. */
export const STATEFUL_TYPES = [
  'aws_rds_global_cluster',
  'aws_rds_cluster',
  'aws_rds_cluster_instance',
  'aws_kms_key',
  'aws_secretsmanager_secret',
  'aws_s3_bucket',
  'aws_cloudwatch_log_group',
];

export const rule: Rule = {
  id: 'stateful-prevent-destroy',
  description: 'Databases and keys carry lifecycle.prevent_destroy (the destroyable profile suppresses this on purpose).',
  resourceTypes: ['aws_rds_global_cluster', 'aws_rds_cluster', 'aws_rds_cluster_instance', 'aws_kms_key'],
  evaluate(resource, model) {
    if (model.source === 'plan') return notApplicable('lifecycle is not part of a plan');
    return check(resource.lifecycle?.prevent_destroy === true, 'lifecycle.prevent_destroy is not true: use the protected profile');
  },
};
