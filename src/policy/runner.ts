import { PolicyModel } from './model';
import { Level, PLATFORM_PACK, PackEntry } from './pack';
import { Rule, RuleResult } from './rule';
import { RULES } from './rules';

export interface Finding {
  readonly ruleId: string;
  readonly level: Level;
  readonly address: string;
  readonly status: RuleResult['status'];
  readonly message?: string;
  /** The written reason, when a suppression covers this finding. */
  readonly suppressedBecause?: string;
}

export interface PolicyReport {
  readonly findings: readonly Finding[];
  /** Suppressions that name an unknown rule or no resource of the model: mistakes to fix. */
  readonly invalidSuppressions: readonly string[];
}

function applies(rule: Rule, type: string): boolean {
  return rule.resourceTypes === 'all-aws' ? type.startsWith('aws_') : rule.resourceTypes.includes(type);
}

/** Runs every rule of the pack on every resource it applies to. */
export function evaluate(
  model: PolicyModel,
  rules: readonly Rule[] = RULES,
  pack: Readonly<Record<string, PackEntry>> = PLATFORM_PACK,
): PolicyReport {
  const findings: Finding[] = [];
  // A suppression without a reason suppresses nothing (fail closed); it is also reported below.
  const suppressed = new Map(model.suppressions.filter((s) => s.reason.trim()).map((s) => [`${s.ruleId} ${s.address}`, s.reason]));
  for (const rule of rules) {
    const entry = pack[rule.id];
    if (!entry) throw new Error(`rule ${rule.id} has no entry in the pack`);
    for (const resource of model.resources) {
      if (!applies(rule, resource.type)) continue;
      const result = rule.evaluate(resource, model);
      const reason = suppressed.get(`${rule.id} ${resource.address}`);
      findings.push({
        ruleId: rule.id,
        level: entry.level,
        address: resource.address,
        status: result.status,
        message: result.message,
        suppressedBecause: result.status === 'NON_COMPLIANT' ? reason : undefined,
      });
    }
  }
  const ruleIds = new Set(rules.map((r) => r.id));
  const addresses = new Set(model.resources.map((r) => r.address));
  const invalidSuppressions = model.suppressions
    .filter((s) => !ruleIds.has(s.ruleId) || !addresses.has(s.address) || !s.reason.trim())
    .map(
      (s) =>
        `suppression of ${s.ruleId} on ${s.address}: ${!ruleIds.has(s.ruleId) ? 'unknown rule' : !addresses.has(s.address) ? 'no such resource' : 'no reason given'}`,
    );
  return { findings, invalidSuppressions };
}

/** Findings that fail a synth or a plan: error level, non-compliant, not suppressed. */
export function blockingFindings(report: PolicyReport): Finding[] {
  return report.findings.filter((f) => f.status === 'NON_COMPLIANT' && f.level === 'error' && !f.suppressedBecause);
}

/** `[rule-id] address: what is wrong and what to change`. */
export function formatFinding(f: Finding): string {
  return `[${f.ruleId}] ${f.address}: ${f.message ?? 'non-compliant'}`;
}

/** The problems that fail the synth: blocking findings and invalid suppressions. */
export function policyProblems(report: PolicyReport): string[] {
  return [...blockingFindings(report).map(formatFinding), ...report.invalidSuppressions];
}

export interface RuleSummary {
  readonly ruleId: string;
  readonly level: Level;
  readonly compliant: number;
  readonly nonCompliant: number;
  readonly suppressed: number;
  readonly notApplicable: number;
}

/** Counts per rule, in pack order. */
export function summarize(report: PolicyReport, rules: readonly Rule[] = RULES): RuleSummary[] {
  return rules.map((rule) => {
    const of = report.findings.filter((f) => f.ruleId === rule.id);
    return {
      ruleId: rule.id,
      level: PLATFORM_PACK[rule.id]!.level,
      compliant: of.filter((f) => f.status === 'COMPLIANT').length,
      nonCompliant: of.filter((f) => f.status === 'NON_COMPLIANT' && !f.suppressedBecause).length,
      suppressed: of.filter((f) => f.suppressedBecause).length,
      notApplicable: of.filter((f) => f.status === 'NOT_APPLICABLE').length,
    };
  });
}

export function formatSummaryTable(summaries: readonly RuleSummary[]): string {
  const width = Math.max(...summaries.map((s) => s.ruleId.length), 4);
  // One layout for the header and the rows, so each count sits under its heading.
  const line = (rule: string, level: string, status: string, counts: readonly (string | number)[]) =>
    `${rule.padEnd(width)}  ${level.padEnd(7)}  ${status.padEnd('NOT_APPLICABLE'.length)} ${counts.map((c, i) => String(c).padStart(i === 0 ? 4 : 5)).join(' ')}`;
  const header = line('rule', 'level', 'status', ['ok', 'fail', 'supp', 'n/a']);
  const rows = summaries.map((s) => {
    const status = s.nonCompliant > 0 ? 'NON_COMPLIANT' : s.compliant + s.suppressed > 0 ? 'COMPLIANT' : 'NOT_APPLICABLE';
    return line(s.ruleId, s.level, status, [s.compliant, s.nonCompliant, s.suppressed, s.notApplicable]);
  });
  return [header, ...rows].join('\n');
}
