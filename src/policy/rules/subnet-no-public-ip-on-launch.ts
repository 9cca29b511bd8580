import { Rule, check } from '../rule';

export const rule: Rule = {
  id: 'subnet-no-public-ip-on-launch',
  description: 'No subnet gives instances a public IP on launch.',
  resourceTypes: ['aws_subnet'],
  evaluate(subnet) {
    return check(
      subnet.values.map_public_ip_on_launch !== true,
      'map_public_ip_on_launch is true: set it to false (load balancers and NAT gateways bring their own addresses)',
    );
  },
};
