import { blocks } from '../model';
import { Rule, check } from '../rule';

export const rule: Rule = {
  id: 'listener-https-or-redirect',
  description: 'Listeners serve HTTPS, or redirect HTTP to HTTPS.',
  resourceTypes: ['aws_lb_listener', 'aws_alb_listener'],
  evaluate(listener) {
    // Unset means HTTP: "For Application Load Balancers, valid values are HTTP and HTTPS, with a
    // default of HTTP" (provider docs, aws_lb_listener `protocol`). Judged as HTTP (fail closed).
    if ((listener.values.protocol ?? 'HTTP') !== 'HTTP') return check(true, '');
    const redirects = blocks(listener.values, 'default_action').every(
      (a) => a.type === 'redirect' && [a.redirect].flat()[0]?.protocol === 'HTTPS',
    );
    return check(redirects, 'a plain-HTTP listener forwards traffic: configure dns (HTTPS) and redirect HTTP to HTTPS');
  },
};
