import { Rule, check, referencing } from '../rule';

export const rule: Rule = {
  id: 'kms-key-aliased',
  description: 'Every key has an alias, so people can find it.',
  resourceTypes: ['aws_kms_key'],
  evaluate(key, model) {
    return check(referencing(model, 'aws_kms_alias', key, 'target_key_id').length > 0, 'no aws_kms_alias targets this key: add one');
  },
};
