import { Rule, check, notApplicable } from '../rule';

/** Policies that allow only TLS 1.2 and 1.3 with forward secrecy. */
const MODERN = /^ELBSecurityPolicy-(TLS13-1-2-|FS-1-2-)/;

export const rule: Rule = {
  id: 'listener-tls-policy',
  description: 'HTTPS listeners use a TLS 1.2+/1.3 security policy.',
  resourceTypes: ['aws_lb_listener', 'aws_alb_listener'],
  evaluate(listener) {
    if (listener.values.protocol !== 'HTTPS') return notApplicable('not HTTPS');
    return check(
      MODERN.test(String(listener.values.ssl_policy ?? '')),
      `ssl_policy "${listener.values.ssl_policy}" allows old TLS: use ELBSecurityPolicy-TLS13-1-2-2021-06`,
    );
  },
};
