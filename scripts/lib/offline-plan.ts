/**
 * The offline plan harness: plans a synthesized stack with the real Terraform CLI and the real
 * AWS provider, without network, credentials or the S3 backend. It works on a scratch copy and
 * never edits cdktf.out.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { loadEnvironment } from '../../src/config/loader';
import { EnvironmentName } from '../../src/config/schema';
import { modelFromPlan, modelFromSynth } from '../../src/policy/model';
import { PolicyReport, evaluate } from '../../src/policy/runner';
import { STACK_NAME } from '../../src/stacks/stack-name';
import { GateResult, checkStatefulChanges } from './stateful-gate';

/**
 * The repository root: the nearest folder with cdktf.json above this module (this file also runs
 * bundled into a script by scripts/run-app.cjs, where __dirname is the script's folder).
 */
export const REPO_ROOT = findRepoRoot(__dirname);

function findRepoRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'cdktf.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no cdktf.json in ${from} or above it`);
  }
}

/**
 * Environment of every terraform and cdktf child process that may reach AWS with the operator's
 * credentials (deploy, diff): no telemetry, automation output. The instance metadata service
 * stays on: CI runners take their credentials from instance profiles and container roles.
 */
export const QUIET_ENV = {
  CHECKPOINT_DISABLE: '1',
  TF_IN_AUTOMATION: '1',
} as const;

/** Environment of the offline plan only: as QUIET_ENV, and the metadata service off (there is no AWS). */
export const OFFLINE_ENV = {
  ...QUIET_ENV,
  AWS_EC2_METADATA_DISABLED: 'true',
} as const;

/** The hashicorp/aws version @cdktf/provider-aws 20.1.0 binds (required_providers pins it). */
export const AWS_PROVIDER_VERSION = '5.100.0';

/** A problem with the machine (terraform, mirror) rather than with the stack. */
export class HarnessError extends Error {
  override name = 'HarnessError';
}

/** Terraform on the PATH, at least 1.11 (write-only arguments, ephemeral resources). */
export function terraformVersion(): string {
  let out: string;
  try {
    out = execFileSync('terraform', ['version', '-json'], {
      encoding: 'utf8',
      env: { ...process.env, ...OFFLINE_ENV, TF_CLI_CONFIG_FILE: '/dev/null' },
    });
  } catch {
    throw new HarnessError(
      'terraform was not found on the PATH; the offline plan needs Terraform >= 1.11 (https://developer.hashicorp.com/terraform/install).',
    );
  }
  const version = (JSON.parse(out) as { terraform_version: string }).terraform_version;
  const [major, minor] = version.split('.').map(Number);
  if (major! < 1 || (major === 1 && minor! < 11)) {
    throw new HarnessError(`terraform ${version} is too old; the offline plan needs Terraform >= 1.11.`);
  }
  return version;
}

/**
 * The filesystem mirror holding registry.terraform.io/hashicorp/aws: `TF_PLUGIN_MIRROR` when set,
 * else the first directory on this machine (depth <= 4) whose `registry.terraform.io` holds
 * hashicorp/aws at the pinned version.
 */
export function findProviderMirror(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env.TF_PLUGIN_MIRROR;
  if (fromEnv) {
    if (!existsSync(path.join(fromEnv, 'registry.terraform.io', 'hashicorp', 'aws'))) {
      throw new HarnessError(`TF_PLUGIN_MIRROR=${fromEnv} holds no registry.terraform.io/hashicorp/aws provider.`);
    }
    return fromEnv;
  }
  const found = spawnSync('find', ['/', '-maxdepth', '4', '-type', 'd', '-name', 'registry.terraform.io'], { encoding: 'utf8' });
  for (const dir of found.stdout.split('\n').filter(Boolean)) {
    if (existsSync(path.join(dir, 'hashicorp', 'aws', AWS_PROVIDER_VERSION))) return path.dirname(dir);
  }
  throw new HarnessError(
    `No Terraform provider mirror with hashicorp/aws ${AWS_PROVIDER_VERSION} was found (searched / to depth 4 for registry.terraform.io). ` +
      `Set TF_PLUGIN_MIRROR to a filesystem mirror that holds registry.terraform.io/hashicorp/aws/${AWS_PROVIDER_VERSION}.`,
  );
}

export function mirrorHasProvider(mirror: string, namespace: string, type: string): boolean {
  return existsSync(path.join(mirror, 'registry.terraform.io', namespace, type));
}

/**
 * How the app runs (`npm run synth`, cdktf.json): this checkout's runner, also for the main.ts of
 * another checkout (an upgrade plan's base revision, which may predate it).
 */
const RUN_APP = path.join(REPO_ROOT, 'scripts', 'run-app.cjs');

/** Runs the app (of the checkout at `root`, default this one) for one environment into `outdir`; returns the stack directory. */
export function synthesize(environment: string, outdir: string, configDir?: string, root: string = REPO_ROOT): string {
  const env: NodeJS.ProcessEnv = { ...process.env, ...OFFLINE_ENV, ENVIRONMENT: environment, CDKTF_OUTDIR: outdir };
  if (configDir) env.CONFIG_DIR = configDir;
  else delete env.CONFIG_DIR;
  const result = spawnSync(process.execPath, [RUN_APP, 'main.ts'], { cwd: root, encoding: 'utf8', env });
  if (result.status !== 0) {
    throw new HarnessError(`synth of ${environment} failed:\n${result.stderr || result.stdout}`);
  }
  return path.join(outdir, 'stacks', STACK_NAME);
}

type Json = Record<string, unknown>;

export interface ScratchOptions {
  /** Whether the mirror holds hashicorp/random; when not, ephemeral passwords become input variables. */
  readonly randomAvailable: boolean;
  /**
   * Replace ephemeral reads of Secrets Manager (`ephemeral.aws_secretsmanager_secret_version`)
   * by ephemeral input variables. Needed when planning against a prior state: the secret's id is
   * known there, so Terraform would open the read, which calls AWS. From an empty state the read
   * is deferred to apply and the artifact plans unchanged.
   */
  readonly substituteSecretReads?: boolean;
  /**
   * Drop `lifecycle.prevent_destroy` in the scratch copy, so a plan that replaces such a resource
   * still completes and can be summarized and gated (Terraform itself would stop at it; the
   * addresses are returned in `preventDestroy`).
   */
  readonly dropPreventDestroy?: boolean;
}

export interface ScratchResult {
  readonly dir: string;
  /** The synthesized stack as read from the source directory (before substitutions). */
  readonly stack: Json;
  /** Ephemeral random_password blocks replaced by ephemeral input variables, as `name -> variable`. */
  readonly substituted: Record<string, string>;
  /** Values for the substituted variables, to pass as TF_VAR_* (random, never written to disk). */
  readonly variableValues: Record<string, string>;
  /** Resources whose prevent_destroy the scratch copy dropped (dropPreventDestroy). */
  readonly preventDestroy: string[];
}

/**
 * Copies the synthesized stack into `scratchDir` and adds the override files that make it plan
 * offline: a local backend, and dummy credentials plus skip flags for every aliased AWS provider.
 */
export function prepareScratch(stackDir: string, scratchDir: string, options: ScratchOptions): ScratchResult {
  mkdirSync(scratchDir, { recursive: true });
  const stack = JSON.parse(readFileSync(path.join(stackDir, 'cdk.tf.json'), 'utf8')) as Json;

  const substituted: Record<string, string> = {};
  const variableValues: Record<string, string> = {};
  let text = JSON.stringify(stack, null, 2);
  const ephemeral = (stack.ephemeral as Json | undefined)?.random_password as Json | undefined;
  if (ephemeral && !options.randomAvailable) {
    const variables: Json = { ...((stack.variable as Json | undefined) ?? {}) };
    for (const name of Object.keys(ephemeral)) {
      const variable = `offline_${name.replace(/[^A-Za-z0-9_]/g, '_')}_result`;
      substituted[name] = variable;
      variables[variable] = {
        type: 'string',
        sensitive: true,
        ephemeral: true,
        description: `Offline plan only: stands in for ephemeral.random_password.${name}.result`,
      };
      variableValues[variable] = randomSecret();
    }
    const copy = JSON.parse(text) as Json;
    const eph = copy.ephemeral as Json;
    delete eph.random_password;
    if (Object.keys(eph).length === 0) delete copy.ephemeral;
    copy.variable = variables;
    const terraform = copy.terraform as Json;
    delete (terraform.required_providers as Json).random;
    if (copy.provider) delete (copy.provider as Json).random;
    text = JSON.stringify(copy, null, 2);
    for (const [name, variable] of Object.entries(substituted)) {
      text = text.split(`ephemeral.random_password.${name}.result`).join(`var.${variable}`);
    }
  }
  if (options.substituteSecretReads) text = substituteSecretReads(text, substituted, variableValues);
  const preventDestroy: string[] = [];
  if (options.dropPreventDestroy) {
    const copy = JSON.parse(text) as { resource?: Record<string, Record<string, Json>> };
    for (const [type, byName] of Object.entries(copy.resource ?? {})) {
      for (const [name, body] of Object.entries(byName)) {
        const lifecycle = body.lifecycle as Json | undefined;
        if (lifecycle?.prevent_destroy === true) {
          delete lifecycle.prevent_destroy;
          preventDestroy.push(`${type}.${name}`);
        }
      }
    }
    text = JSON.stringify(copy, null, 2);
  }
  writeFileSync(path.join(scratchDir, 'cdk.tf.json'), text);

  writeFileSync(
    path.join(scratchDir, 'backend_override.tf.json'),
    JSON.stringify({ terraform: { backend: { local: { path: 'terraform.tfstate' } } } }, null, 2),
  );
  const providers = ((stack.provider as Json | undefined)?.aws as Json[] | undefined) ?? [];
  const offlineProviders = providers.map((p) => ({
    alias: p.alias,
    access_key: 'offline-plan',
    secret_key: 'offline-plan',
    skip_credentials_validation: true,
    skip_requesting_account_id: true,
    skip_metadata_api_check: true,
    skip_region_validation: true,
    // The account cannot be learned offline, so the allowed_account_ids check is lifted here only.
    allowed_account_ids: null,
  }));
  writeFileSync(path.join(scratchDir, 'providers_override.tf.json'), JSON.stringify({ provider: { aws: offlineProviders } }, null, 2));
  return { dir: scratchDir, stack, substituted, variableValues, preventDestroy };
}

/**
 * Each `ephemeral.aws_secretsmanager_secret_version.<name>` becomes an ephemeral input variable
 * holding a secret string with a random password; references to `.secret_string` read it. Any
 * other AWS ephemeral resource cannot be planned offline against a state and is refused.
 */
function substituteSecretReads(text: string, substituted: Record<string, string>, values: Record<string, string>): string {
  const copy = JSON.parse(text) as Json;
  const ephemeral = (copy.ephemeral as Json | undefined) ?? {};
  const others = Object.keys(ephemeral).filter((t) => t.startsWith('aws_') && t !== 'aws_secretsmanager_secret_version');
  if (others.length > 0) throw new HarnessError(`cannot plan offline against a state: ephemeral ${others.join(', ')} would call AWS`);
  const reads = (ephemeral.aws_secretsmanager_secret_version as Json | undefined) ?? {};
  if (Object.keys(reads).length === 0) return text;
  const variables: Json = { ...((copy.variable as Json | undefined) ?? {}) };
  for (const name of Object.keys(reads)) {
    const variable = `offline_${name.replace(/[^A-Za-z0-9_]/g, '_')}_secret_string`;
    substituted[`aws_secretsmanager_secret_version.${name}`] = variable;
    variables[variable] = {
      type: 'string',
      sensitive: true,
      ephemeral: true,
      description: `Offline plan only: stands in for ephemeral.aws_secretsmanager_secret_version.${name}.secret_string`,
    };
    values[variable] = JSON.stringify({ username: 'offline', password: randomSecret() });
  }
  delete ephemeral.aws_secretsmanager_secret_version;
  if (Object.keys(ephemeral).length === 0) delete copy.ephemeral;
  copy.variable = variables;
  let out = JSON.stringify(copy, null, 2);
  for (const name of Object.keys(reads)) {
    out = out
      .split(`ephemeral.aws_secretsmanager_secret_version.${name}.secret_string`)
      .join(`var.${substituted[`aws_secretsmanager_secret_version.${name}`]}`);
  }
  return out;
}

function randomSecret(): string {
  return randomBytes(24).toString('base64url');
}

/**
 * What the scratch copy changed, in words, for the run's output. `withoutRandom` says why
 * hashicorp/random was not used: the mirror path when it lacks the provider, else undefined
 * when the caller chose to leave it out (planEnvironment's randomAvailable: false).
 */
export function substitutionNotes(scratch: ScratchResult, withoutRandom: { mirror: string } | undefined): string[] {
  const why = withoutRandom
    ? `hashicorp/random is not in the mirror (${withoutRandom.mirror})`
    : 'hashicorp/random is left out of this plan';
  const notes = Object.entries(scratch.substituted).map(([name, variable]) =>
    name.startsWith('aws_secretsmanager_secret_version.')
      ? `planning against a prior state: in the scratch copy only, ephemeral.${name} (it would call AWS) is replaced by the ephemeral input variable ${variable}.`
      : `${why}: in the scratch copy only, ephemeral.random_password.${name} is replaced by the ephemeral input variable ${variable}.`,
  );
  if (scratch.preventDestroy.length > 0) {
    notes.push(
      `in the scratch copy only, prevent_destroy is lifted from ${scratch.preventDestroy.length} resource(s), so that a plan replacing one is summarized: the stateful-change gate judges it, and a real plan would stop at prevent_destroy first.`,
    );
  }
  return notes;
}

export interface PlanOptions {
  readonly workspace: string;
  readonly mirror: string;
  readonly variableValues?: Record<string, string>;
  /** Plan only these addresses (and what they depend on). */
  readonly targets?: readonly string[];
}

/** Wall time of one step of the offline plan, for the run's output and `npm run bench`. */
export interface StepTime {
  readonly step: string;
  readonly seconds: number;
}

export interface PlanResult {
  /** `terraform show -json` of the saved plan. */
  readonly plan: Json;
  /** Every command's combined output, for logs. */
  readonly log: string;
  /** Wall time of each terraform command, in order. */
  readonly timings: StepTime[];
}

/** A failed terraform step; `output` holds what terraform printed. */
export class TerraformStepError extends Error {
  constructor(
    readonly step: string,
    readonly output: string,
  ) {
    super(`terraform ${step} failed:\n${output}`);
    this.name = 'TerraformStepError';
  }
}

/**
 * init, then plan -out and show -json in the workspace; all offline. No separate `terraform
 * validate`: plan validates the configuration first and fails with the same diagnostics, and a
 * validate costs a provider start-up and schema load of its own (README, "Speed, measured").
 */
export function runOfflinePlan(dir: string, options: PlanOptions): PlanResult {
  const started = performance.now();
  const init = initScratch(dir, options.mirror);
  const initTime = { step: 'init', seconds: (performance.now() - started) / 1000 };
  const result = replanInWorkspace(dir, options.workspace, options.variableValues, { targets: options.targets });
  return { plan: result.plan, log: init + result.log, timings: [initTime, ...result.timings] };
}

/** Writes the CLI config (filesystem mirror only) and runs terraform init; returns its output. */
export function initScratch(dir: string, mirror: string): string {
  // An unpacked-layout mirror is linked, not copied, into .terraform: no plugin cache needed
  // (and Terraform's cache is not safe for the parallel inits of the test workers).
  writeFileSync(
    path.join(dir, 'terraform.rc'),
    `provider_installation {\n  filesystem_mirror {\n    path = ${JSON.stringify(mirror)}\n  }\n}\n`,
  );
  const terraform = offlineTerraform(dir);
  terraform.run('init', ['init', '-input=false', '-no-color']);
  return terraform.log();
}

/**
 * Plans an initialised scratch directory in a workspace (plan, show), e.g. again in another
 * workspace to show the workspace guard refusing it.
 *
 * The workspace is chosen with TF_WORKSPACE on each command rather than a `terraform workspace
 * select -or-create` of its own (a terraform start and a backend load, 0.8 s here): the scratch
 * directory has the local backend, whose state manager creates a workspace's directory
 * (terraform.tfstate.d/<name>) on first use, and TF_WORKSPACE is Terraform's documented way to
 * select one (developer.hashicorp.com/terraform/cli/config/environment-variables#tf_workspace).
 * The deploy path, on the real S3 backend, still selects its workspace explicitly.
 */
export function replanInWorkspace(
  dir: string,
  workspace: string,
  variableValues?: Record<string, string>,
  options: { targets?: readonly string[] } = {},
): PlanResult {
  const terraform = offlineTerraform(dir, variableValues, workspace);
  const start = terraform.log().length;
  const targets = (options.targets ?? []).map((t) => `-target=${t}`);
  // -refresh=false: refreshing would call AWS; the plan compares the configuration with the state as stored.
  terraform.run('plan', ['plan', '-input=false', '-no-color', '-lock=false', '-refresh=false', ...targets, '-out=plan.bin']);
  const plan = JSON.parse(terraform.run('show', ['show', '-json', 'plan.bin'])) as Json;
  return { plan, log: terraform.log().slice(start), timings: terraform.timings() };
}

/**
 * Runs terraform in `dir` with the offline CLI config and environment, in `workspace` when given
 * (TF_WORKSPACE, also shown in the log's command lines); throws TerraformStepError.
 */
function offlineTerraform(dir: string, variableValues?: Record<string, string>, workspace?: string) {
  const env: NodeJS.ProcessEnv = { ...process.env, ...OFFLINE_ENV, TF_CLI_CONFIG_FILE: path.join(dir, 'terraform.rc') };
  // The caller's TF_WORKSPACE never leaks in: the harness names the workspace or uses none (init).
  delete env.TF_WORKSPACE;
  if (workspace !== undefined) env.TF_WORKSPACE = workspace;
  const prefix = workspace === undefined ? '' : `TF_WORKSPACE=${workspace} `;
  for (const [name, value] of Object.entries(variableValues ?? {})) env[`TF_VAR_${name}`] = value;
  let log = '';
  const timings: StepTime[] = [];
  return {
    log: () => log,
    timings: () => [...timings],
    run(step: string, args: string[]): string {
      const started = performance.now();
      const r = spawnSync('terraform', args, { cwd: dir, env, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
      timings.push({ step, seconds: (performance.now() - started) / 1000 });
      const out = `${r.stdout ?? ''}${r.stderr ?? ''}`;
      log += `$ ${prefix}terraform ${args.join(' ')}\n${step === 'show' ? '(plan JSON)\n' : out}`;
      if (r.status !== 0) throw new TerraformStepError(step, out);
      return r.stdout;
    },
  };
}

export interface PlanSummary {
  /** Planned resources as `type -> region -> count` (region `global` when the provider has none). */
  readonly byTypeAndRegion: Record<string, Record<string, number>>;
  /** Count of planned changes per action list, e.g. `create: 31`. */
  readonly actions: Record<string, number>;
  readonly total: number;
}

/** Provider configuration key (`aws.us_east_1`) -> its region, `global` for a provider without one. */
export function providerRegions(plan: Json): Record<string, string> {
  const regions: Record<string, string> = {};
  for (const [key, p] of Object.entries(((plan.configuration as Json | undefined)?.provider_config as Record<string, Json>) ?? {})) {
    const region = ((p.expressions as Json | undefined)?.region as Json | undefined)?.constant_value;
    regions[key] = typeof region === 'string' ? region : 'global';
  }
  return regions;
}

/** Counts the plan's resource changes by type and by the region of their provider. */
export function summarizePlan(plan: Json): PlanSummary {
  const config = plan.configuration as Json;
  const regionOf = providerRegions(plan);
  const providerOf: Record<string, string> = {};
  const collect = (module: Json | undefined, prefix: string): void => {
    for (const r of (module?.resources as Json[] | undefined) ?? [])
      providerOf[`${prefix}${r.address as string}`] = r.provider_config_key as string;
    for (const [name, call] of Object.entries((module?.module_calls as Record<string, Json>) ?? {})) {
      collect(call.module as Json, `${prefix}module.${name}.`);
    }
  };
  collect(config.root_module as Json, '');

  const byTypeAndRegion: Record<string, Record<string, number>> = {};
  const actions: Record<string, number> = {};
  let total = 0;
  for (const rc of (plan.resource_changes as Json[] | undefined) ?? []) {
    const type = rc.type as string;
    const configAddress = (rc.address as string).replace(/\[[^\]]*\]$/, '');
    const region = regionOf[providerOf[configAddress] ?? ''] ?? 'global';
    byTypeAndRegion[type] ??= {};
    byTypeAndRegion[type][region] = (byTypeAndRegion[type][region] ?? 0) + 1;
    const action = ((rc.change as Json).actions as string[]).join('+');
    actions[action] = (actions[action] ?? 0) + 1;
    total += 1;
  }
  return { byTypeAndRegion, actions, total };
}

export function formatSummary(environment: string, summary: PlanSummary): string {
  const regions = [...new Set(Object.values(summary.byTypeAndRegion).flatMap((r) => Object.keys(r)))].sort();
  const types = Object.keys(summary.byTypeAndRegion).sort();
  const width = Math.max(13, ...types.map((t) => t.length));
  const header = ['resource type'.padEnd(width), ...regions.map((r) => r.padStart(10))].join(' ');
  const rows = types.map((t) =>
    [t.padEnd(width), ...regions.map((r) => String(summary.byTypeAndRegion[t]![r] ?? '-').padStart(10))].join(' '),
  );
  const actions = Object.entries(summary.actions)
    .map(([a, n]) => `${a}: ${n}`)
    .join(', ');
  return [`Offline plan of ${environment}: ${summary.total} resource changes (${actions})`, header, ...rows].join('\n');
}

export interface EnvironmentPlan {
  readonly environment: string;
  readonly workspace: string;
  readonly scratch: ScratchResult;
  readonly result: PlanResult;
  readonly summary: PlanSummary;
  readonly notes: string[];
  /** The policy pack run on the plan's JSON (suppressions taken from the synthesized JSON). */
  readonly policy: PolicyReport;
  /** The stateful-change gate (only protected environments are gated). */
  readonly gate: GateResult;
  /** Wall time of each step: synth (when this call synthesized), the terraform commands, policy and gate. */
  readonly timings: StepTime[];
}

/**
 * The kept scratch directory and the workspace its plans ran in: they chose it with TF_WORKSPACE
 * (replanInWorkspace), so terraform run there by hand needs the same. npm run bench reads the
 * first line.
 */
export function formatScratch(dir: string, workspace: string): string {
  return `scratch directory: ${dir}\n  (terraform there with TF_WORKSPACE=${workspace}: the workspace of its plans)`;
}

/** `synth 1.4 s, init 1.1 s, ...`: one line for the run's output. */
export function formatTimings(timings: readonly StepTime[]): string {
  return timings.map((t) => `${t.step} ${t.seconds.toFixed(1)} s`).join(', ');
}

/**
 * The whole path for one environment: synthesize (from `configDir`, default environments/, or
 * take `stackDir`), copy to scratch, add overrides, plan in `workspace` (default: the environment).
 */
export function planEnvironment(
  environment: string,
  options: {
    workspace?: string;
    stackDir?: string;
    scratchRoot?: string;
    mirror?: string;
    configDir?: string;
    /** Stateful resources the operator allows to be deleted or replaced. */
    allowStatefulChanges?: readonly string[];
    /** Plan only the resources of these types (and their dependencies): a focused, faster plan. */
    targetTypes?: readonly string[];
    /**
     * Plan ephemeral random_password blocks with hashicorp/random (default: when the mirror holds
     * it). false stands an input variable in for each on any machine: the offline plan suites pass
     * it so that what they plan does not depend on what this machine's mirror holds.
     */
    randomAvailable?: boolean;
  } = {},
): EnvironmentPlan {
  terraformVersion();
  const mirror = options.mirror ?? findProviderMirror();
  const root = options.scratchRoot ?? mkdtempSync(path.join(tmpdir(), `offline-plan-${environment}-`));
  const synthStarted = performance.now();
  const stackDir = options.stackDir ?? synthesize(environment, path.join(root, 'cdktf.out'), options.configDir);
  const synthTime: StepTime[] = options.stackDir ? [] : [{ step: 'synth', seconds: (performance.now() - synthStarted) / 1000 }];
  const mirrorHasRandom = mirrorHasProvider(mirror, 'hashicorp', 'random');
  const scratch = prepareScratch(stackDir, path.join(root, 'plan'), { randomAvailable: options.randomAvailable ?? mirrorHasRandom });
  const notes = substitutionNotes(scratch, mirrorHasRandom ? undefined : { mirror });
  const workspace = options.workspace ?? environment;
  const synthesizedJson = scratch.stack as { resource?: Record<string, object> };
  const targets = (options.targetTypes ?? []).flatMap((type) =>
    Object.keys(synthesizedJson.resource?.[type] ?? {}).map((name) => `${type}.${name}`),
  );
  const result = runOfflinePlan(scratch.dir, { workspace, mirror, variableValues: scratch.variableValues, targets });
  const checksStarted = performance.now();
  const synthesized = modelFromSynth(synthesizedJson);
  const policy = evaluate(modelFromPlan(result.plan, synthesized.suppressions));
  const config = loadEnvironment(options.configDir ?? path.join(REPO_ROOT, 'environments'), environment as EnvironmentName);
  const gate = checkStatefulChanges(result.plan, {
    protectedEnvironment: config.protection === 'protected',
    allow: options.allowStatefulChanges ?? [],
  });
  const summary = summarizePlan(result.plan);
  const timings = [...synthTime, ...result.timings, { step: 'policy and gate', seconds: (performance.now() - checksStarted) / 1000 }];
  return { environment, workspace, scratch, result, summary, notes, policy, gate, timings };
}
