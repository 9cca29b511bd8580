import { Json, block, blocks } from '../model';
import { Rule, check, notApplicable } from '../rule';

/** Backup vaults a synthesized value references (`${aws_backup_vault.<name>.arn}`). */
function vaultsIn(value: unknown): string[] {
  if (typeof value !== 'string') return [];
  return [...value.matchAll(/\$\{([^}]*)\}/g)].flatMap((m) =>
    [...m[1]!.matchAll(/\baws_backup_vault\.([A-Za-z0-9_-]+)/g)].map((a) => `aws_backup_vault.${a[1]}`),
  );
}

/**
 * Source: AWS Backup Developer Guide, "Creating backup copies across AWS Regions" (a rule's copy
 * action copies each recovery point to a vault of another region, with a lifecycle of its own);
 * hashicorp/terraform-provider-aws#37862 (a copy_action without lifecycle is stored with an empty
 * custom lifecycle: AWS keeps the copies forever). A recovery point only in its cluster's region
 * is lost with the region or with the vault.
 * From a Terraform plan, destination ARNs are unknown and the configuration gives references per
 * attribute: there, the vaults of all the rules of a backup plan are judged together.
 */
export const rule: Rule = {
  id: 'backup-copied-to-other-region',
  description:
    "Every rule of a backup plan copies to a vault of another region (a copy_action whose destination_vault_arn references an aws_backup_vault bound to a region other than the plan's), and every copy_action sets lifecycle.delete_after. Source: AWS Backup Developer Guide, Creating backup copies across AWS Regions; hashicorp/terraform-provider-aws#37862 (without a lifecycle the copies are kept forever).",
  resourceTypes: ['aws_backup_plan'],
  evaluate(backupPlan, model) {
    const rules = blocks(backupPlan.values, 'rule');
    if (rules.length === 0) return notApplicable('no rule known');
    const home = backupPlan.region;
    // Whether a vault address is a vault of this configuration bound to another region.
    const otherRegion = (vault: string): boolean => {
      const region = model.resources.find((r) => r.address === vault)?.region;
      return region !== undefined && region !== home;
    };
    const pooled = (backupPlan.references.rule ?? []).filter((a) => a.startsWith('aws_backup_vault.'));
    const problems: string[] = [];
    rules.forEach((r: Json, i: number) => {
      const name = r.rule_name ?? `#${i + 1}`;
      const copies = blocks(r, 'copy_action');
      const copied =
        model.source === 'plan' ? pooled.some(otherRegion) : copies.some((c) => vaultsIn(c.destination_vault_arn).some(otherRegion));
      if (!copied) {
        problems.push(
          `rule ${name} copies to no vault of another region: add a copy_action whose destination_vault_arn references the aws_backup_vault of a region other than ${home ?? '(no region)'}`,
        );
      }
      const unbounded = copies.filter((c) => typeof block(c, 'lifecycle')?.delete_after !== 'number').length;
      if (unbounded > 0) {
        problems.push(
          `rule ${name} has ${unbounded} copy_action without lifecycle.delete_after: AWS keeps such copies forever (hashicorp/terraform-provider-aws#37862); give each copy the rule's retention`,
        );
      }
    });
    return check(problems.length === 0, problems.join('; '));
  },
};
