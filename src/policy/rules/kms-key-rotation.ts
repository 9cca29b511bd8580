import { Rule, check } from '../rule';

export const rule: Rule = {
  id: 'kms-key-rotation',
  description: 'Customer-managed keys rotate yearly.',
  resourceTypes: ['aws_kms_key'],
  evaluate(key) {
    return check(key.values.enable_key_rotation === true, 'enable_key_rotation is not true: turn rotation on');
  },
};
