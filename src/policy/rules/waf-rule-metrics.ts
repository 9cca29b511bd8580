import { block, blocks } from '../model';
import { Rule, check } from '../rule';

export const rule: Rule = {
  id: 'waf-rule-metrics',
  description: 'A web ACL and each of its rules publish CloudWatch metrics and sampled requests.',
  resourceTypes: ['aws_wafv2_web_acl'],
  evaluate(acl) {
    const configs = [block(acl.values, 'visibility_config'), ...blocks(acl.values, 'rule').map((r) => block(r, 'visibility_config'))];
    return check(
      configs.every((v) => v?.cloudwatch_metrics_enabled === true && v?.sampled_requests_enabled === true),
      'a visibility_config lacks metrics or sampling: enable both',
    );
  },
};
