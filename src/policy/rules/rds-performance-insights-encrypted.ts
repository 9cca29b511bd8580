import { isSet } from '../model';
import { Rule, check } from '../rule';

export const rule: Rule = {
  id: 'rds-performance-insights-encrypted',
  description: 'Performance Insights is on and encrypted with a customer-managed key.',
  resourceTypes: ['aws_rds_cluster_instance'],
  evaluate(instance) {
    return check(
      instance.values.performance_insights_enabled === true && isSet(instance, 'performance_insights_kms_key_id'),
      "Performance Insights is off or not under a CMK: enable it with performance_insights_kms_key_id = the region's key",
    );
  },
};
