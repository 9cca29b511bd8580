/**
 * npm run deploy -- --env <env> [--allow-stateful-change <address>]... [--dry-run]
 * npm run diff   -- --env <env> [--dry-run]
 * (--env, else ENVIRONMENT; one of them is required)
 *
 * Synthesizes the environment, runs terraform init against the real backend, selects the
 * environment's workspace, plans to a file, runs the policy pack and the stateful-change gate on
 * the plan, and (deploy) applies exactly that plan. Refuses when TF_WORKSPACE names another
 * environment.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { loadEnvironment, reportingConfigErrors } from '../src/config/loader';
import { EnvironmentName } from '../src/config/schema';
import { modelFromPlan, modelFromSynth } from '../src/policy/model';
import { blockingFindings, evaluate, formatFinding } from '../src/policy/runner';
import { DeployMode, DeployRefusal, DeployStep, deploySteps, describeStep } from './lib/deploy';
import { REPO_ROOT } from './lib/offline-plan';
import { InputRefusal, readTerraformPlan, requiredEnvironment } from './lib/plan-input';
import { allowList, checkStatefulChanges, formatGate } from './lib/stateful-gate';
import { parseCliArgs } from './lib/cli-args';

/** The policy pack and the stateful-change gate on the saved plan; false refuses the apply. */
function checkPlan(step: DeployStep, environment: EnvironmentName, allow: string[]): boolean {
  const plan = readTerraformPlan(path.join(step.cwd, step.args[0]!));
  const synthesized = modelFromSynth(JSON.parse(readFileSync(path.join(step.cwd, 'cdk.tf.json'), 'utf8')));
  const blocking = blockingFindings(evaluate(modelFromPlan(plan, synthesized.suppressions)));
  for (const f of blocking) console.error(formatFinding(f));
  const config = loadEnvironment(process.env.CONFIG_DIR ?? path.join(REPO_ROOT, 'environments'), environment);
  const gate = checkStatefulChanges(plan, { protectedEnvironment: config.protection === 'protected', allow });
  console.log(formatGate(environment, gate));
  return blocking.length === 0 && gate.ok;
}

function main(): number {
  const { values } = parseCliArgs(['deploy', 'diff', 'plan'], {
    env: { type: 'string' },
    mode: { type: 'string', default: 'deploy' },
    'dry-run': { type: 'boolean', default: false },
    'allow-stateful-change': { type: 'string', multiple: true },
  });
  let steps: DeployStep[];
  try {
    const environment = requiredEnvironment(values.env, process.env.ENVIRONMENT);
    steps = deploySteps({
      environment,
      mode: values.mode as DeployMode,
      tfWorkspace: process.env.TF_WORKSPACE,
      outdir: process.env.CDKTF_OUTDIR,
    });
  } catch (error) {
    if (error instanceof DeployRefusal || error instanceof InputRefusal) {
      console.error(`Refusing: ${error.message}`);
      return 1;
    }
    throw error;
  }
  const environment = steps[0]!.env!.ENVIRONMENT as EnvironmentName;
  const allow = allowList(values['allow-stateful-change']);
  for (const step of steps) {
    if (values['dry-run']) {
      // A script an operator can paste into bash at the repository root: each step a comment and
      // a command, chained with && so that nothing after a failed step (a refused plan) runs.
      console.log(`# ${step.description}\n${describeStep(step, allow)}${step === steps.at(-1) ? '' : ' &&'}`);
      continue;
    }
    console.log(`==> ${step.description}: ${describeStep(step, allow)}`);
    if (step.command === 'check-plan') {
      try {
        if (!checkPlan(step, environment, allow)) {
          console.error('Refusing to apply: the plan did not pass the policy pack and the stateful-change gate (above).');
          return 1;
        }
      } catch (error) {
        if (!(error instanceof InputRefusal)) throw error;
        console.error(`Refusing to apply: ${error.message}`);
        return 1;
      }
      continue;
    }
    const childEnv: NodeJS.ProcessEnv = { ...process.env, ...step.env };
    delete childEnv.TF_WORKSPACE; // the workspace is selected explicitly
    const r = spawnSync(step.command, step.args, {
      cwd: step.cwd,
      env: childEnv,
      stdio: ['inherit', step.stdoutFile ? 'pipe' : 'inherit', 'inherit'],
      encoding: 'utf8',
      maxBuffer: 1024 * 1024 * 1024,
    });
    if (step.stdoutFile) writeFileSync(path.join(step.cwd, step.stdoutFile), r.stdout ?? '');
    if (r.status !== 0) {
      console.error(`${step.description} failed (exit ${r.status ?? r.signal})`);
      return 1;
    }
  }
  return 0;
}

reportingConfigErrors(main);
