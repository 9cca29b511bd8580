import { Rule, check, referencing } from '../rule';

export const rule: Rule = {
  id: 'waf-logging',
  description: 'Every web ACL logs its requests.',
  resourceTypes: ['aws_wafv2_web_acl'],
  evaluate(acl, model) {
    return check(
      referencing(model, 'aws_wafv2_web_acl_logging_configuration', acl, 'resource_arn').length > 0,
      'no logging configuration: log to an aws-waf-logs-* group',
    );
  },
};
