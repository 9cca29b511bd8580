import { Rule, check } from '../rule';
import { egressRules } from '../security-group-permissions';

export const rule: Rule = {
  id: 'sg-egress-no-all-traffic',
  description: 'No egress rule allows every protocol and port to the internet.',
  resourceTypes: ['aws_security_group', 'aws_vpc_security_group_egress_rule', 'aws_security_group_rule'],
  evaluate(resource) {
    const world = (c: string) => c === '0.0.0.0/0' || c === '::/0';
    const open = egressRules(resource).filter((r) => r.protocol === '-1' && r.cidrs.some(world));
    const to = [...new Set(open.flatMap((r) => r.cidrs.filter(world)))].join(' and ');
    return check(open.length === 0, `egress of all traffic to ${to}: allow only the ports the tier needs`);
  },
};
