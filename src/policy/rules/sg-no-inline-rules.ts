import { blocks } from '../model';
import { Rule, check } from '../rule';

export const rule: Rule = {
  id: 'sg-no-inline-rules',
  description: 'Security groups declare no inline rules: each rule is its own resource.',
  resourceTypes: ['aws_security_group'],
  evaluate(group) {
    return check(
      blocks(group.values, 'ingress').length + blocks(group.values, 'egress').length === 0,
      'inline ingress/egress blocks: use aws_vpc_security_group_ingress_rule / _egress_rule resources (inline and separate rules fight each other)',
    );
  },
};
