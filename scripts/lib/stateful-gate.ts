/**
 * The stateful-change gate: reads a plan (`terraform show -json`) and refuses, for a protected
 * environment, any plan that deletes or replaces a resource holding data or access to it. An
 * operator proceeds on purpose by naming each such resource in an override.
 */
import { Json } from '../../src/policy/model';
import { STATEFUL_TYPES } from '../../src/policy/rules/stateful-prevent-destroy';

/** Environment variable with the addresses an operator allows to be deleted or replaced, comma separated. */
export const ALLOW_ENV = 'ALLOW_STATEFUL_CHANGE';

export interface StatefulChange {
  readonly address: string;
  readonly type: string;
  /** `delete` or `replace`. */
  readonly action: 'delete' | 'replace';
  /** Attributes that force the replacement (from the plan's replace_paths). */
  readonly forcedBy: string[];
  /** Terraform's reason, e.g. `replace_because_cannot_update`. */
  readonly reason?: string;
}

export interface GateResult {
  readonly ok: boolean;
  /** Stateful deletes and replacements not allowed by the override. */
  readonly refused: StatefulChange[];
  /** Those the override named. */
  readonly allowed: StatefulChange[];
  /**
   * In an environment the gate does not protect (destroyable): its stateful deletes and
   * replacements, reported so that nobody reads "nothing stateful" into a plan that replaces a VPC.
   */
  readonly ungated: StatefulChange[];
}

/** Every delete or replace of a stateful resource in the plan. */
export function statefulChanges(plan: Json): StatefulChange[] {
  const changes: StatefulChange[] = [];
  for (const rc of (plan.resource_changes ?? []) as Json[]) {
    if (rc.mode !== 'managed' || !STATEFUL_TYPES.includes(rc.type)) continue;
    const actions: string[] = rc.change?.actions ?? [];
    if (!actions.includes('delete')) continue;
    const action = actions.includes('create') ? 'replace' : 'delete';
    const forcedBy = ((rc.change?.replace_paths ?? []) as (string | number)[][]).map((p) => p.join('.'));
    changes.push({ address: rc.address, type: rc.type, action, forcedBy, reason: rc.action_reason });
  }
  return changes;
}

/** Applies the gate: only protected environments are gated; `allow` names addresses to let through. */
export function checkStatefulChanges(plan: Json, options: { protectedEnvironment: boolean; allow: readonly string[] }): GateResult {
  const changes = statefulChanges(plan);
  if (!options.protectedEnvironment) return { ok: true, refused: [], allowed: [], ungated: changes };
  const allowed = changes.filter((c) => options.allow.includes(c.address));
  const refused = changes.filter((c) => !options.allow.includes(c.address));
  return { ok: refused.length === 0, refused, allowed, ungated: [] };
}

/** Addresses from `--allow-stateful-change` flags and the ALLOW_STATEFUL_CHANGE variable. */
export function allowList(flags: readonly string[] = [], envValue: string | undefined = process.env[ALLOW_ENV]): string[] {
  return [...flags, ...(envValue ?? '').split(',')].map((a) => a.trim()).filter(Boolean);
}

export function formatGate(environment: string, result: GateResult): string {
  const describe = (c: StatefulChange) =>
    `  - ${c.address}: ${c.action}${c.forcedBy.length > 0 ? ` (forced by a change to ${c.forcedBy.join(', ')})` : ''}`;
  const lines: string[] = [];
  if (result.refused.length > 0) {
    lines.push(
      `Refusing the plan of protected environment ${environment}: it would delete or replace ${result.refused.length} stateful resource(s):`,
      ...result.refused.map(describe),
      `To proceed on purpose, name each one: --allow-stateful-change <address> (or ${ALLOW_ENV}=<address>[,<address>]).`,
    );
  }
  if (result.allowed.length > 0) lines.push('Allowed by the operator:', ...result.allowed.map(describe));
  if (result.ungated.length > 0) {
    lines.push(
      `Stateful-change gate of ${environment}: not gated (a destroyable environment); the plan deletes or replaces ${result.ungated.length} stateful resource(s):`,
      ...result.ungated.map(describe),
    );
  }
  if (lines.length === 0) lines.push(`Stateful-change gate of ${environment}: no stateful resource is deleted or replaced.`);
  return lines.join('\n');
}
