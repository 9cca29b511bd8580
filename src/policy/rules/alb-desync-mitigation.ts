import { Rule, check, notApplicable } from '../rule';

export const rule: Rule = {
  id: 'alb-desync-mitigation',
  description: 'Application load balancers use desync mitigation "defensive" or "strictest".',
  resourceTypes: ['aws_lb', 'aws_alb'],
  evaluate(lb) {
    if ((lb.values.load_balancer_type ?? 'application') !== 'application') return notApplicable('not an application load balancer');
    const mode = lb.values.desync_mitigation_mode ?? 'defensive';
    return check(['defensive', 'strictest'].includes(mode), `desync_mitigation_mode is "${mode}": use "defensive" or "strictest"`);
  },
};
