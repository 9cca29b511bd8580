import { isSet } from '../model';
import { Rule, check } from '../rule';

export const rule: Rule = {
  id: 'log-group-encrypted',
  description: 'Log groups are encrypted with a customer-managed key.',
  resourceTypes: ['aws_cloudwatch_log_group'],
  evaluate(group) {
    return check(isSet(group, 'kms_key_id'), "no kms_key_id: encrypt with the region's CMK");
  },
};
