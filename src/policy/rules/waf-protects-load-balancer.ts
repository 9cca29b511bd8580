import { Rule, check, notApplicable, referencing } from '../rule';

export const rule: Rule = {
  id: 'waf-protects-load-balancer',
  description: 'Every internet-facing application load balancer is associated with a WAF web ACL.',
  resourceTypes: ['aws_lb', 'aws_alb'],
  evaluate(lb, model) {
    if (lb.values.internal === true || (lb.values.load_balancer_type ?? 'application') !== 'application')
      return notApplicable('internal or not application');
    return check(
      referencing(model, 'aws_wafv2_web_acl_association', lb, 'resource_arn').length > 0,
      'no aws_wafv2_web_acl_association: put the WebAcl construct in front',
    );
  },
};
