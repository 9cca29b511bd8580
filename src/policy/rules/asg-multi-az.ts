import { Rule, check } from '../rule';

export const rule: Rule = {
  id: 'asg-multi-az',
  description: 'Auto Scaling groups span at least two subnets (availability zones).',
  resourceTypes: ['aws_autoscaling_group'],
  evaluate(group) {
    const subnets = Math.max(group.references.vpc_zone_identifier?.length ?? 0, [group.values.vpc_zone_identifier ?? []].flat().length);
    return check(subnets >= 2, 'vpc_zone_identifier has fewer than two subnets: spread over the AZs');
  },
};
