import { isSet } from '../model';
import { Rule, check } from '../rule';

export const rule: Rule = {
  id: 'rds-enhanced-monitoring',
  description: 'Database instances publish enhanced monitoring (interval <= 60 s) through a role.',
  resourceTypes: ['aws_rds_cluster_instance'],
  evaluate(instance) {
    const interval = instance.values.monitoring_interval;
    return check(
      typeof interval === 'number' && interval > 0 && interval <= 60 && isSet(instance, 'monitoring_role_arn'),
      'monitoring_interval is 0 or unset, or no monitoring_role_arn: enable enhanced monitoring',
    );
  },
};
