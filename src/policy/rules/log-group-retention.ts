import { Rule, check } from '../rule';

export const rule: Rule = {
  id: 'log-group-retention',
  description: 'Log groups have a retention period (never "forever").',
  resourceTypes: ['aws_cloudwatch_log_group'],
  evaluate(group) {
    const days = group.values.retention_in_days;
    return check(typeof days === 'number' && days > 0, 'retention_in_days is unset or 0: set it from logRetentionDays');
  },
};
