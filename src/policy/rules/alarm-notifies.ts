import { Rule, check } from '../rule';

export const rule: Rule = {
  id: 'alarm-notifies',
  description: 'Alarms notify someone on ALARM and on OK, and treat missing data on purpose.',
  resourceTypes: ['aws_cloudwatch_metric_alarm'],
  evaluate(alarm) {
    const actions = (k: string) => Math.max(alarm.references[k]?.length ?? 0, [alarm.values[k] ?? []].flat().length);
    return check(
      actions('alarm_actions') > 0 && actions('ok_actions') > 0 && typeof alarm.values.treat_missing_data === 'string',
      'alarm_actions, ok_actions or treat_missing_data missing: notify the alarm topic and decide how missing data counts',
    );
  },
};
