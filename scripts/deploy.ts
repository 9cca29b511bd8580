/**
 * npm run deploy -- --env <env> [--allow-stateful-change <address>]... [--dry-run]
 * npm run diff   -- --env <env> [--dry-run]
 *
 * Synthesizes the environment, runs terraform init against the real backend, selects the
 * environment's workspace, plans to a file, runs the policy pack and the stateful-change gate on
 * the plan, and (deploy) applies exactly that plan. Refuses when TF_WORKSPACE names another
 * environment.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { loadEnvironment } from '../src/config/loader';
import { EnvironmentName } from '../src/config/schema';
import { modelFromPlan, modelFromSynth } from '../src/policy/model';
import { blockingFindings, evaluate, formatFinding } from '../src/policy/runner';
import { DeployMode, DeployRefusal, DeployStep, deploySteps, describeStep } from './lib/deploy';
import { REPO_ROOT } from './lib/offline-plan';
import { allowList, checkStatefulChanges, formatGate } from './lib/stateful-gate';

function checkPlan(step: DeployStep, environment: EnvironmentName, allow: string[]): boolean {
  const plan = JSON.parse(readFileSync(path.join(step.cwd, step.args[0]!), 'utf8'));
  const synthesized = modelFromSynth(JSON.parse(readFileSync(path.join(step.cwd, 'cdk.tf.json'), 'utf8')));
  const blocking = blockingFindings(evaluate(modelFromPlan(plan, synthesized.suppressions)));
  for (const f of blocking) console.error(formatFinding(f));
  const config = loadEnvironment(path.join(REPO_ROOT, 'environments'), environment);
  const gate = checkStatefulChanges(plan, { protectedEnvironment: config.protection === 'protected', allow });
  console.log(formatGate(environment, gate));
  return blocking.length === 0 && gate.ok;
}

function main(): number {
  const { values } = parseArgs({
    options: {
      env: { type: 'string' },
      mode: { type: 'string', default: 'deploy' },
      'dry-run': { type: 'boolean', default: false },
      'allow-stateful-change': { type: 'string', multiple: true },
    },
  });
  if (!values.env) {
    console.error('--env <dev|staging|prod> is required');
    return 1;
  }
  let steps: DeployStep[];
  try {
    steps = deploySteps({ environment: values.env, mode: values.mode as DeployMode, tfWorkspace: process.env.TF_WORKSPACE });
  } catch (error) {
    if (error instanceof DeployRefusal) {
      console.error(`Refusing: ${error.message}`);
      return 1;
    }
    throw error;
  }
  const allow = allowList(values['allow-stateful-change']);
  for (const step of steps) {
    console.log(`==> ${step.description}: ${describeStep(step)}`);
    if (values['dry-run']) continue;
    if (step.command === 'check-plan') {
      if (!checkPlan(step, values.env as EnvironmentName, allow)) return 1;
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

process.exitCode = main();
