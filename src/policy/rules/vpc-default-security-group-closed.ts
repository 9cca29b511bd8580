import { blocks } from '../model';
import { Rule, check, nonCompliant, referencing } from '../rule';

export const rule: Rule = {
  id: 'vpc-default-security-group-closed',
  description: "Every VPC's default security group is managed with no rules.",
  resourceTypes: ['aws_vpc'],
  evaluate(vpc, model) {
    const managed = referencing(model, 'aws_default_security_group', vpc, 'vpc_id');
    const open = managed.filter((g) => blocks(g.values, 'ingress').length + blocks(g.values, 'egress').length > 0);
    if (managed.length === 0)
      return nonCompliant('the default security group is not managed: add an aws_default_security_group with no rules');
    return check(open.length === 0, `${open.map((g) => g.address).join(', ')} has rules: remove them`);
  },
};
