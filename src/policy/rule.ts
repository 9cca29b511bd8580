import { PolicyModel, PolicyResource } from './model';

export type Status = 'COMPLIANT' | 'NON_COMPLIANT' | 'NOT_APPLICABLE';

export interface RuleResult {
  readonly status: Status;
  /** What is wrong and what to change (NON_COMPLIANT), or why it does not apply. */
  readonly message?: string;
}

export const compliant: RuleResult = { status: 'COMPLIANT' };
export const notApplicable = (message?: string): RuleResult => ({ status: 'NOT_APPLICABLE', message });
export const nonCompliant = (message: string): RuleResult => ({ status: 'NON_COMPLIANT', message });
/** COMPLIANT when `ok`, else NON_COMPLIANT with `message`. */
export const check = (ok: boolean, message: string): RuleResult => (ok ? compliant : nonCompliant(message));

/** A detection: which resources it looks at and what it answers for each. Level and ids live in the pack. */
export interface Rule {
  /** Stable id, also the file name: `rds-storage-encrypted`. */
  readonly id: string;
  /** One line: what compliant means. */
  readonly description: string;
  /** Resource types evaluated (or every aws_* type); the rule is NOT_APPLICABLE to the others. */
  readonly resourceTypes: readonly string[] | 'all-aws';
  evaluate(resource: PolicyResource, model: PolicyModel): RuleResult;
}

/** Resources of the model that reference `target` in any attribute (or in `attribute`). */
export function referencing(model: PolicyModel, type: string, target: PolicyResource, attribute?: string): PolicyResource[] {
  return model.resources.filter(
    (r) => r.type === type && (attribute ? (r.references[attribute] ?? []) : Object.values(r.references).flat()).includes(target.address),
  );
}
