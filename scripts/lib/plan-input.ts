/**
 * What the operator's tools read before they judge anything: a Terraform plan in JSON, and the
 * environment it is for. Both fail closed: input that is not recognisably a plan, or a missing
 * environment, is refused with a message saying what was expected, never guessed.
 */
import { readFileSync } from 'node:fs';
import { isEnvironmentName } from '../../src/config/loader';
import { ENVIRONMENT_NAMES, EnvironmentName } from '../../src/config/schema';
import { Json } from '../../src/policy/model';

/** The input is not what the tool needs; the message says what is wrong and what is expected. */
export class InputRefusal extends Error {
  override name = 'InputRefusal';
}

const ACTIONS = new Set(['no-op', 'create', 'read', 'update', 'delete', 'forget']);
export const EXPECTED_PLAN = 'the output of `terraform show -json <planfile>` (format_version 1.x, planned_values, resource_changes)';

/**
 * Checks that `value` is a plan as `terraform show -json <planfile>` writes it and returns it.
 * Refuses state JSON, a plan that errored, and resource changes whose actions it cannot read.
 */
export function asTerraformPlan(value: unknown, source: string): Json {
  const problems: string[] = [];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InputRefusal(
      `${source} is not a Terraform plan: expected ${EXPECTED_PLAN}, got ${Array.isArray(value) ? 'an array' : typeof value}`,
    );
  }
  const plan = value as Json;
  if (typeof plan.format_version !== 'string') problems.push('$.format_version is missing');
  else if (!/^1\./.test(plan.format_version))
    problems.push(`$.format_version is ${JSON.stringify(plan.format_version)}; this tool reads 1.x`);
  if (typeof plan.planned_values !== 'object' || plan.planned_values === null) {
    problems.push('$.planned_values is missing (a state file has values instead: plan first)');
  }
  if (!Array.isArray(plan.resource_changes)) problems.push('$.resource_changes is missing or not a list');
  if (plan.errored === true) problems.push('$.errored is true: Terraform could not finish this plan');
  if (Array.isArray(plan.resource_changes)) {
    plan.resource_changes.forEach((rc: Json, i: number) => {
      const actions = rc?.change?.actions;
      if (typeof rc?.address !== 'string' || typeof rc?.type !== 'string') {
        problems.push(`$.resource_changes[${i}] has no address or type`);
      } else if (!Array.isArray(actions) || actions.length === 0 || actions.some((a: unknown) => !ACTIONS.has(String(a)))) {
        problems.push(`$.resource_changes[${i}] (${rc.address}) has actions ${JSON.stringify(actions)}; known: ${[...ACTIONS].join(', ')}`);
      }
    });
  }
  if (problems.length > 0) {
    throw new InputRefusal(
      `${source} is not a Terraform plan this tool can judge (expected ${EXPECTED_PLAN}):\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
  }
  return plan;
}

/** Reads and checks a plan file (see asTerraformPlan). */
export function readTerraformPlan(file: string): Json {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : code === 'EACCES' ? 'permission denied' : code;
    throw new InputRefusal(`cannot read the plan ${file}: ${why}; expected ${EXPECTED_PLAN}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new InputRefusal(`${file} is not JSON (${(error as Error).message}): expected ${EXPECTED_PLAN}`);
  }
  return asTerraformPlan(value, file);
}

/**
 * The environment an operator's command is for: `--env`, else `ENVIRONMENT`. Never a default:
 * judging prod's plan by dev's rules would wave through what prod refuses.
 */
export function requiredEnvironment(flag: string | undefined, environmentVariable: string | undefined): EnvironmentName {
  const chosen = flag ?? environmentVariable;
  const source = flag !== undefined ? '--env' : 'ENVIRONMENT';
  if (chosen === undefined || chosen === '') {
    throw new InputRefusal(`no environment given: pass --env <${ENVIRONMENT_NAMES.join('|')}> or set ENVIRONMENT`);
  }
  if (!isEnvironmentName(chosen)) {
    throw new InputRefusal(`${source} is ${JSON.stringify(chosen)}; expected one of ${ENVIRONMENT_NAMES.join(', ')}`);
  }
  return chosen;
}
