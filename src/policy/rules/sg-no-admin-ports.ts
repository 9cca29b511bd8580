import { Rule, check } from '../rule';
import { ingressRules, portsOverlap } from '../security-group-permissions';

export const rule: Rule = {
  id: 'sg-no-admin-ports',
  description: 'No security group admits SSH (22) or RDP (3389), from anywhere.',
  resourceTypes: ['aws_security_group', 'aws_vpc_security_group_ingress_rule', 'aws_security_group_rule'],
  evaluate(resource) {
    const admin = ingressRules(resource).filter((r) => portsOverlap(r, 22) || portsOverlap(r, 3389));
    return check(admin.length === 0, 'ingress on port 22 or 3389: remove it and reach instances through SSM Session Manager');
  },
};
