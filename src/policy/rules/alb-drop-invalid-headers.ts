import { Rule, check, notApplicable } from '../rule';

export const rule: Rule = {
  id: 'alb-drop-invalid-headers',
  description: 'Application load balancers drop invalid HTTP header fields.',
  resourceTypes: ['aws_lb', 'aws_alb'],
  evaluate(lb) {
    if ((lb.values.load_balancer_type ?? 'application') !== 'application') return notApplicable('not an application load balancer');
    return check(lb.values.drop_invalid_header_fields === true, 'drop_invalid_header_fields is not true: set it');
  },
};
