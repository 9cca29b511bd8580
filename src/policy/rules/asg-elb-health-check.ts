import { Rule, check, notApplicable } from '../rule';

export const rule: Rule = {
  id: 'asg-elb-health-check',
  description: 'Auto Scaling groups behind a load balancer use its health checks.',
  resourceTypes: ['aws_autoscaling_group'],
  evaluate(group) {
    const behindLb = (group.references.target_group_arns?.length ?? 0) > 0 || (group.values.target_group_arns?.length ?? 0) > 0;
    if (!behindLb) return notApplicable('not behind a load balancer');
    return check(
      group.values.health_check_type === 'ELB',
      'health_check_type is not "ELB": replace instances the load balancer finds unhealthy',
    );
  },
};
