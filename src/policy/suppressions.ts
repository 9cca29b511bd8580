import { TerraformResource } from 'cdktf';
import { RULES } from './rules';

const RECORDED = new WeakMap<TerraformResource, { rule: string; reason: string }[]>();

/**
 * Exempts one resource from one rule, for a written reason. The suppression travels in the
 * synthesized JSON (as a `//` comment, which Terraform ignores), so the same exemption applies
 * when the rules run on a plan, and every report lists it.
 */
export function suppressRule(resource: TerraformResource, ruleId: string, reason: string): void {
  if (!RULES.some((r) => r.id === ruleId)) throw new Error(`suppressRule: unknown rule ${ruleId} on ${resource.node.path}`);
  if (reason.trim().length < 20)
    throw new Error(`suppressRule: ${ruleId} on ${resource.node.path} needs a written reason (20+ characters), got "${reason}"`);
  const list = RECORDED.get(resource) ?? [];
  list.push({ rule: ruleId, reason });
  RECORDED.set(resource, list);
  resource.addOverride('//.policy_suppressions', [...list]);
}
