import { Rule, check, notApplicable } from '../rule';

/** Policies that allow only TLS 1.2 and 1.3 with forward secrecy. */
const MODERN = /^ELBSecurityPolicy-(TLS13-1-2-|FS-1-2-)/;

export const rule: Rule = {
  id: 'listener-tls-policy',
  description: 'HTTPS listeners use a TLS 1.2+/1.3 security policy.',
  resourceTypes: ['aws_lb_listener', 'aws_alb_listener'],
  evaluate(listener) {
    if (listener.values.protocol !== 'HTTPS') return notApplicable('not HTTPS');
    const policy = listener.values.ssl_policy as string | undefined;
    // Unset, the API picks ELBSecurityPolicy-2016-08 (Elastic Load Balancing docs, "Security
    // policies for your Application Load Balancer"), which allows TLS 1.0.
    const named = policy === undefined ? 'ssl_policy is not set, so the API default ELBSecurityPolicy-2016-08' : `ssl_policy "${policy}"`;
    return check(MODERN.test(policy ?? ''), `${named} allows old TLS: use ELBSecurityPolicy-TLS13-1-2-2021-06`);
  },
};
