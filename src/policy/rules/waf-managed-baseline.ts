import { blocks } from '../model';
import { Rule, check } from '../rule';

const REQUIRED = ['AWSManagedRulesCommonRuleSet', 'AWSManagedRulesKnownBadInputsRuleSet'];

export const rule: Rule = {
  id: 'waf-managed-baseline',
  description: 'Web ACLs run the AWS common and known-bad-inputs (Log4j) rule groups, and a rate limit, declared as rule blocks.',
  resourceTypes: ['aws_wafv2_web_acl'],
  evaluate(acl) {
    // rule_json plans in a fraction of the time (README, "Speed, measured") but the provider reads
    // it back unchanged from state, never from AWS (aws 5.100.0, internal/service/wafv2/web_acl.go,
    // resourceWebACLRead; "There is no drift detection" in the resource's docs; issue #43166): a
    // rule removed or set to count in the console would never show in a plan.
    if (acl.values.rule_json) {
      return check(false, 'rules given as rule_json: the provider detects no drift in them; declare them as rule blocks');
    }
    const statements = blocks(acl.values, 'rule').map((r) => [r.statement].flat()[0] ?? {});
    const managed = statements.map((s) => [s.managed_rule_group_statement].flat()[0]?.name).filter(Boolean);
    const rateLimited = statements.some((s) => s.rate_based_statement);
    const missing = REQUIRED.filter((n) => !managed.includes(n));
    return check(missing.length === 0 && rateLimited, `missing ${[...missing, ...(rateLimited ? [] : ['a rate-based rule'])].join(', ')}`);
  },
};
