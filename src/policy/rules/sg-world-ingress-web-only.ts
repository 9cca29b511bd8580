import { Rule, check } from '../rule';
import { ingressRules } from '../security-group-permissions';

const WORLD = ['0.0.0.0/0', '::/0'];

export const rule: Rule = {
  id: 'sg-world-ingress-web-only',
  description: 'Ingress from the whole internet only on TCP 80 and 443.',
  resourceTypes: ['aws_security_group', 'aws_vpc_security_group_ingress_rule', 'aws_security_group_rule'],
  evaluate(resource) {
    const bad = ingressRules(resource).filter(
      (r) => r.cidrs.some((c) => WORLD.includes(c)) && !(r.protocol === 'tcp' && r.from === r.to && [80, 443].includes(r.from ?? -1)),
    );
    return check(
      bad.length === 0,
      'ingress from 0.0.0.0/0 or ::/0 on a port other than TCP 80/443: admit a security group or a narrower CIDR instead',
    );
  },
};
