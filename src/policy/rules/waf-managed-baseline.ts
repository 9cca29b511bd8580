import { blocks } from '../model';
import { Rule, check } from '../rule';

const REQUIRED = ['AWSManagedRulesCommonRuleSet', 'AWSManagedRulesKnownBadInputsRuleSet'];

export const rule: Rule = {
  id: 'waf-managed-baseline',
  description: 'Web ACLs run the AWS common and known-bad-inputs (Log4j) rule groups, and a rate limit.',
  resourceTypes: ['aws_wafv2_web_acl'],
  evaluate(acl) {
    const statements = blocks(acl.values, 'rule').map((r) => [r.statement].flat()[0] ?? {});
    const managed = statements.map((s) => [s.managed_rule_group_statement].flat()[0]?.name).filter(Boolean);
    const rateLimited = statements.some((s) => s.rate_based_statement);
    const missing = REQUIRED.filter((n) => !managed.includes(n));
    return check(missing.length === 0 && rateLimited, `missing ${[...missing, ...(rateLimited ? [] : ['a rate-based rule'])].join(', ')}`);
  },
};
