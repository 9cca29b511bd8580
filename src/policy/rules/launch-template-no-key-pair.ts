import { Rule, check } from '../rule';

export const rule: Rule = {
  id: 'launch-template-no-key-pair',
  description: 'No SSH key pair: instances are reached with SSM Session Manager.',
  resourceTypes: ['aws_launch_template'],
  evaluate(template) {
    return check(!template.values.key_name, 'key_name is set: remove it and use Session Manager');
  },
};
