import { Rule, check } from '../rule';

export const rule: Rule = {
  id: 'alb-deletion-protection',
  description: 'Load balancers have deletion protection (the destroyable profile suppresses this on purpose).',
  resourceTypes: ['aws_lb', 'aws_alb'],
  evaluate(lb) {
    return check(lb.values.enable_deletion_protection === true, 'enable_deletion_protection is not true: use the protected profile');
  },
};
