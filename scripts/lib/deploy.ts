/**
 * Deploy (or diff) one environment against the real S3 backend: synthesize, init, select the
 * environment's workspace explicitly (so init never prompts, which TF_WORKSPACE alone can
 * cause), plan to a file, check the plan (policy pack and stateful-change gate), then apply
 * exactly that plan.
 */
import * as path from 'node:path';
import { isEnvironmentName } from '../../src/config/loader';
import { ENVIRONMENT_NAMES, EnvironmentName } from '../../src/config/schema';
import { STACK_NAME } from '../../src/stacks/stack-name';
import { QUIET_ENV, REPO_ROOT } from './offline-plan';

export type DeployMode = 'diff' | 'deploy';

export interface DeployStep {
  readonly description: string;
  /** A command to run, or `check-plan` for the in-process policy and gate check of plan.json. */
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd: string;
  /** Extra environment for the command. */
  readonly env?: Readonly<Record<string, string>>;
  /** Write the command's standard output to this file. */
  readonly stdoutFile?: string;
}

/** The operator asked for something the tool refuses to do. */
export class DeployRefusal extends Error {
  override name = 'DeployRefusal';
}

export interface DeployOptions {
  readonly environment: string;
  readonly mode: DeployMode;
  /** The caller's TF_WORKSPACE, if set. */
  readonly tfWorkspace?: string;
  /** Where cdktf writes; default cdktf.out in the repository. */
  readonly outdir?: string;
}

export function deploySteps(options: DeployOptions): DeployStep[] {
  const env = options.environment;
  if (!isEnvironmentName(env)) {
    throw new DeployRefusal(`unknown environment "${env}"; expected one of ${ENVIRONMENT_NAMES.join(', ')}`);
  }
  if (options.tfWorkspace && options.tfWorkspace !== env) {
    throw new DeployRefusal(
      `TF_WORKSPACE=${options.tfWorkspace} but --env ${env}: refusing to touch another environment's state. Unset TF_WORKSPACE or make it ${env}.`,
    );
  }
  const outdir = options.outdir ?? path.join(REPO_ROOT, 'cdktf.out');
  const stackDir = path.join(outdir, 'stacks', STACK_NAME);
  const steps: DeployStep[] = [
    {
      description: `synthesize ${env}`,
      command: process.execPath,
      args: ['scripts/run-app.cjs', 'main.ts'],
      cwd: REPO_ROOT,
      env: { ...QUIET_ENV, ENVIRONMENT: env as EnvironmentName, CDKTF_OUTDIR: outdir },
    },
    { description: 'initialise the S3 backend', command: 'terraform', args: ['init', '-input=false'], cwd: stackDir, env: QUIET_ENV },
    {
      description: `select workspace ${env}`,
      command: 'terraform',
      args: ['workspace', 'select', '-or-create', env],
      cwd: stackDir,
      env: QUIET_ENV,
    },
    { description: 'plan', command: 'terraform', args: ['plan', '-input=false', '-out=plan.bin'], cwd: stackDir, env: QUIET_ENV },
    {
      description: 'export the plan',
      command: 'terraform',
      args: ['show', '-json', 'plan.bin'],
      cwd: stackDir,
      env: QUIET_ENV,
      stdoutFile: 'plan.json',
    },
    {
      description: 'policy pack and stateful-change gate on the plan',
      command: 'check-plan',
      args: ['plan.json'],
      cwd: stackDir,
      env: { ENVIRONMENT: env },
    },
  ];
  if (options.mode === 'deploy') {
    steps.push({
      description: 'apply exactly the checked plan',
      command: 'terraform',
      args: ['apply', '-input=false', 'plan.bin'],
      cwd: stackDir,
      env: QUIET_ENV,
    });
  }
  return steps;
}

/**
 * A step as a command line an operator can paste into a shell at the repository root (--dry-run
 * and logs). The in-process plan check is shown as the two npm scripts that perform the same
 * checks on the same file: `policy --plan` and `plan:gate`, with the allowed addresses.
 */
export function describeStep(step: DeployStep, allow: readonly string[] = []): string {
  const dir = path.relative(REPO_ROOT, step.cwd) || '.';
  if (step.command === 'check-plan') {
    const plan = path.join(dir, step.args[0]!);
    const env = step.env!.ENVIRONMENT!;
    const allowed = allow.map((a) => ` --allow-stateful-change ${a}`).join('');
    return `npm run -s policy -- --plan ${plan} --env ${env} && npm run -s plan:gate -- --plan ${plan} --env ${env}${allowed}`;
  }
  const env = Object.entries(step.env ?? {})
    .filter(([k]) => !(k in QUIET_ENV))
    .map(([k, v]) => `${k}=${v} `)
    .join('');
  const command = step.command === process.execPath ? 'node' : step.command;
  const line = `${env}${command} ${step.args.join(' ')}${step.stdoutFile ? ` > ${step.stdoutFile}` : ''}`;
  return dir === '.' ? line : `(cd ${dir} && ${line})`;
}
