import { blocks } from '../model';
import { Rule, check } from '../rule';

export const rule: Rule = {
  id: 'launch-template-no-public-ip',
  description: 'Instances get no public IP address.',
  resourceTypes: ['aws_launch_template'],
  evaluate(template) {
    const publicNic = blocks(template.values, 'network_interfaces').some((n) => String(n.associate_public_ip_address) === 'true');
    return check(!publicNic, 'a network interface associates a public IP: set associate_public_ip_address = false');
  },
};
