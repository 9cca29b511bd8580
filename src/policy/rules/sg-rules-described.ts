import { Rule, check } from '../rule';
import { egressRules, ingressRules } from '../security-group-permissions';

export const rule: Rule = {
  id: 'sg-rules-described',
  description: 'Every security group rule says why it exists.',
  resourceTypes: [
    'aws_vpc_security_group_ingress_rule',
    'aws_vpc_security_group_egress_rule',
    'aws_security_group_rule',
    'aws_security_group',
  ],
  evaluate(resource) {
    const rules = [...ingressRules(resource), ...egressRules(resource)];
    return check(
      rules.every((r) => typeof r.description === 'string' && r.description.length > 0),
      'a rule without description: say what the traffic is for',
    );
  },
};
