/**
 * npm run plan:gate -- --plan <terraform show -json file> --env <env> [--allow-stateful-change <address>]...
 *
 * Refuses (exit 1) a plan of a protected environment that deletes or replaces a stateful
 * resource, naming each and the attributes forcing replacement, unless the operator names it.
 * Refuses (exit 2) input it cannot judge: no environment (--env, else ENVIRONMENT), or a file
 * that is not a Terraform plan's JSON.
 */
import * as path from 'node:path';
import { loadEnvironment, reportingConfigErrors } from '../src/config/loader';
import { REPO_ROOT } from './lib/offline-plan';
import { InputRefusal, readTerraformPlan, requiredEnvironment } from './lib/plan-input';
import { allowList, checkStatefulChanges, formatGate } from './lib/stateful-gate';
import { parseCliArgs } from './lib/cli-args';

/** Exit code for input the gate cannot judge (a refused plan exits 1). */
export const EXIT_UNUSABLE_INPUT = 2;

function main(): number {
  const { values } = parseCliArgs('plan:gate', {
    plan: { type: 'string' },
    env: { type: 'string' },
    'allow-stateful-change': { type: 'string', multiple: true },
  });
  try {
    const env = requiredEnvironment(values.env, process.env.ENVIRONMENT);
    if (!values.plan) throw new InputRefusal('--plan <file> is required: the output of terraform show -json <planfile>');
    const plan = readTerraformPlan(values.plan);
    const config = loadEnvironment(process.env.CONFIG_DIR ?? path.join(REPO_ROOT, 'environments'), env);
    const result = checkStatefulChanges(plan, {
      protectedEnvironment: config.protection === 'protected',
      allow: allowList(values['allow-stateful-change']),
    });
    console.log(formatGate(env, result));
    return result.ok ? 0 : 1;
  } catch (error) {
    if (!(error instanceof InputRefusal)) throw error;
    console.error(`Refusing: ${error.message}`);
    return EXIT_UNUSABLE_INPUT;
  }
}

reportingConfigErrors(main);
