import { isSet } from '../model';
import { Rule, check } from '../rule';

export const rule: Rule = {
  id: 'kms-key-policy-explicit',
  description: 'Keys carry an explicit key policy rather than the default.',
  resourceTypes: ['aws_kms_key'],
  evaluate(key) {
    return check(isSet(key, 'policy'), 'no policy: write the key policy (administration plus the services that use the key)');
  },
};
