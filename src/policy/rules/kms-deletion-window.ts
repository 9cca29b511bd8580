import { Rule, check } from '../rule';

export const rule: Rule = {
  id: 'kms-deletion-window',
  description: 'Keys set their deletion window explicitly (7-30 days).',
  resourceTypes: ['aws_kms_key'],
  evaluate(key) {
    const days = key.values.deletion_window_in_days;
    return check(
      typeof days === 'number' && days >= 7 && days <= 30,
      'deletion_window_in_days is not set between 7 and 30: set it from the protection profile',
    );
  },
};
