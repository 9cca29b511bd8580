import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ParseError, parseTree } from 'jsonc-parser';
import { z } from 'zod';
import { REGIONS, isKnownRegion } from './regions';
import { stateAccountOf } from './backend';
import { ENVIRONMENT_NAMES, EnvironmentConfig, EnvironmentName, LB_NAME_MAX, STATE_ROLE_ARN, environmentSchema, parseCidr } from './schema';

/** One thing wrong with one environment file. */
export interface ConfigProblem {
  /** File name relative to the environments directory, e.g. `dev.json`. */
  readonly file: string;
  /** JSON path of the offending value, e.g. `$.regions["us-east-1"].vpcCidr`. */
  readonly path: string;
  readonly message: string;
  /**
   * The value received; `undefined` when the key is missing. Absent (not even `undefined`) for
   * problems of the file itself (not found, not JSON), which have no value to show.
   */
  readonly value?: unknown;
}

/** A user mistake in the environment files: carries every problem found, not only the first. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly ConfigProblem[]) {
    super(formatProblems(problems));
    this.name = 'ConfigError';
  }
}

/**
 * Runs an entry point; a ConfigError (a user mistake) prints its message and sets exit code 1,
 * with no stack trace. Anything else is a bug and propagates.
 */
export function reportingConfigErrors(main: () => number | void): void {
  try {
    const code = main();
    if (typeof code === 'number') process.exitCode = code;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exitCode = 1;
  }
}

export function formatProblems(problems: readonly ConfigProblem[]): string {
  const lines = problems.map((p) => {
    if (!('value' in p)) return `  - ${p.file} ${p.path}: ${p.message}`;
    const got = p.value === undefined ? 'missing' : `got ${JSON.stringify(p.value)}`;
    return `  - ${p.file} ${p.path}: ${p.message} (${got})`;
  });
  return `Invalid environment configuration (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${lines.join('\n')}`;
}

export function isEnvironmentName(name: string): name is EnvironmentName {
  return (ENVIRONMENT_NAMES as readonly string[]).includes(name);
}

/** Chooses the environment: an explicit name, else the Terraform workspace, else dev. */
export function selectEnvironment(explicit: string | undefined, workspace: string | undefined): EnvironmentName {
  const chosen = explicit || workspace || 'dev';
  if (!isEnvironmentName(chosen)) {
    const source = explicit ? 'ENVIRONMENT' : 'TF_WORKSPACE';
    throw new ConfigError([
      {
        file: '(environment selection)',
        path: source,
        message: `unknown environment; expected one of ${ENVIRONMENT_NAMES.join(', ')}`,
        value: chosen,
      },
    ]);
  }
  return chosen;
}

/**
 * Loads and validates every environment file in `dir`, then applies the rules that span files
 * (no two VPCs of any environment and region overlap). Throws one ConfigError listing every
 * problem of every file.
 */
export function loadAllEnvironments(dir: string): Record<EnvironmentName, EnvironmentConfig> {
  const problems: ConfigProblem[] = [];
  const configs: Partial<Record<EnvironmentName, EnvironmentConfig>> = {};
  const raws: Partial<Record<EnvironmentName, unknown>> = {};

  for (const env of ENVIRONMENT_NAMES) {
    const file = `${env}.json`;
    let text: string;
    try {
      text = readFileSync(path.join(dir, file), 'utf8');
    } catch {
      problems.push({ file, path: '$', message: `file not found in ${dir}` });
      continue;
    }
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (e) {
      problems.push(syntaxProblem(file, text, e as Error));
      continue;
    }
    raws[env] = raw;
    const result = environmentSchema.safeParse(raw);
    if (result.success) {
      configs[env] = result.data;
      problems.push(...nameLengthProblems(env, result.data));
    } else problems.push(...result.error.issues.flatMap((issue) => toProblems(file, raw, issue)));
  }

  problems.push(...overlappingVpcs(raws));
  problems.push(...sharedStateBuckets(raws));
  if (problems.length > 0) throw new ConfigError(problems);
  return configs as Record<EnvironmentName, EnvironmentConfig>;
}

export function loadEnvironment(dir: string, env: EnvironmentName): EnvironmentConfig {
  return loadAllEnvironments(dir)[env];
}

/** Load balancer and target group names: `<project>-<env>-<region code>[-<port>]`, at most 32 characters. */
function nameLengthProblems(env: EnvironmentName, config: EnvironmentConfig): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  for (const region of Object.keys(config.regions)) {
    if (!isKnownRegion(region)) continue;
    const name = `${config.project}-${env}-${REGIONS[region].shortCode}-${config.compute.appPort}`;
    if (name.length > LB_NAME_MAX) {
      problems.push({
        file: `${env}.json`,
        path: '$.project',
        message: `too long: the target group name ${name} would have ${name.length} characters, AWS allows ${LB_NAME_MAX}`,
        value: config.project,
      });
    }
  }
  return problems;
}

/** Every pair of VPC CIDRs, across all files, that share addresses. Unparseable CIDRs are left to the schema. */
function overlappingVpcs(raws: Partial<Record<EnvironmentName, unknown>>): ConfigProblem[] {
  const vpcs: { env: EnvironmentName; region: string; cidr: string }[] = [];
  for (const [env, raw] of Object.entries(raws) as [EnvironmentName, unknown][]) {
    const regions = (raw as { regions?: unknown })?.regions;
    if (typeof regions !== 'object' || regions === null) continue;
    for (const [region, entry] of Object.entries(regions)) {
      const cidr = (entry as { vpcCidr?: unknown })?.vpcCidr;
      if (typeof cidr === 'string' && parseCidr(cidr)) vpcs.push({ env, region, cidr });
    }
  }
  const problems: ConfigProblem[] = [];
  vpcs.forEach((a, i) => {
    for (const b of vpcs.slice(i + 1)) {
      if (!parseCidr(a.cidr)!.isOverlapping(parseCidr(b.cidr)!)) continue;
      // Reported in both files: either may be the one the user just edited.
      for (const [self, other] of [
        [a, b],
        [b, a],
      ] as const) {
        problems.push({
          file: `${self.env}.json`,
          path: jsonPath(['regions', self.region, 'vpcCidr']),
          message: `overlaps ${other.cidr} of ${other.env}.json ${jsonPath(['regions', other.region, 'vpcCidr'])}; every environment x region VPC needs its own block`,
          value: self.cidr,
        });
      }
    }
  });
  return problems;
}

/**
 * Environments that share a state bucket: a bucket has one owner account, so environments of
 * different accounts may share it only through roles of that (central) account, and all of them
 * must agree on its region. Reported in both files of each pair.
 */
function sharedStateBuckets(raws: Partial<Record<EnvironmentName, unknown>>): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  // Read from the raw files (as for VPC overlaps), so this is reported even when other fields fail.
  const entries: [EnvironmentName, Pick<EnvironmentConfig, 'accountId' | 'backend'>][] = [];
  for (const [env, raw] of Object.entries(raws) as [EnvironmentName, unknown][]) {
    const r = raw as { accountId?: unknown; backend?: Record<string, unknown> } | undefined;
    const b = r?.backend;
    if (typeof r?.accountId !== 'string' || typeof b?.bucket !== 'string' || typeof b.region !== 'string') continue;
    const roleArn = typeof b.roleArn === 'string' && STATE_ROLE_ARN.test(b.roleArn) ? b.roleArn : undefined;
    entries.push([env, { accountId: r.accountId, backend: { ...(b as EnvironmentConfig['backend']), roleArn } }]);
  }
  entries.forEach(([envA, a], i) => {
    for (const [envB, b] of entries.slice(i + 1)) {
      if (a.backend.bucket !== b.backend.bucket) continue;
      for (const [env, self, otherEnv, other] of [
        [envA, a, envB, b],
        [envB, b, envA, a],
      ] as const) {
        const file = `${env}.json`;
        if (self.accountId !== other.accountId && (!self.backend.roleArn || !other.backend.roleArn)) {
          problems.push({
            file,
            path: '$.backend.bucket',
            message: `is also the state bucket of ${otherEnv}.json, whose account ${other.accountId} differs from ${self.accountId}; a bucket belongs to one account, so give each account its own state bucket (its name containing the account id), or keep one bucket in a central state account and set backend.roleArn in both files`,
            value: self.backend.bucket,
          });
        } else if (stateAccountOf(self) !== stateAccountOf(other)) {
          problems.push({
            file,
            path: '$.backend.roleArn',
            message: `must be a role of account ${stateAccountOf(other)}, which owns the state bucket ${self.backend.bucket} that ${otherEnv}.json uses too`,
            value: self.backend.roleArn,
          });
        }
        if (self.backend.region !== other.backend.region) {
          problems.push({
            file,
            path: '$.backend.region',
            message: `must be ${other.backend.region}, the region ${otherEnv}.json gives the same state bucket ${self.backend.bucket}`,
            value: self.backend.region,
          });
        }
      }
    }
  });
  return problems;
}

/**
 * A JSON syntax error located by line and column (1-based). JSON.parse names no line (V8 gives a
 * character offset, or none at all for an unexpected token), so jsonc-parser, strict (no comments,
 * no trailing commas), finds where the first error is.
 */
export function syntaxProblem(file: string, text: string, error: Error): ConfigProblem {
  const errors: ParseError[] = [];
  parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const offset = errors[0]?.offset ?? text.length;
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  // V8's wording, without its offset and without the quoted text it sometimes appends.
  const reason = error.message
    .replace(/,\s*(?:\.\.\.)?".*?(?:\.\.\.)? is not valid JSON$/s, '')
    .replace(/\s*(in JSON )?at position \d+.*$/s, '')
    .replace(/^Unexpected end of JSON input$/, 'the file ends before the JSON does');
  return { file, path: `line ${line}, column ${column}`, message: `not valid JSON: ${reason}` };
}

function toProblems(file: string, raw: unknown, issue: z.core.$ZodIssue): ConfigProblem[] {
  const at = issue.path as (string | number)[];
  if (issue.code === 'unrecognized_keys') {
    const allowed = allowedKeysAt(at);
    return issue.keys.map((key) => ({
      file,
      path: jsonPath([...at, key]),
      message: `unknown key${allowed ? `; allowed keys here: ${allowed.join(', ')}` : ''}`,
      value: valueAt(raw, [...at, key]),
    }));
  }
  if (issue.code === 'invalid_key') {
    // A record key (a region name) failed: report the key itself as the value.
    const key = at[at.length - 1];
    return [{ file, path: jsonPath(at), message: `key ${issue.issues.map((i) => i.message).join('; ')}`, value: key }];
  }
  return [{ file, path: jsonPath(at), message: issue.message, value: valueAt(raw, at) }];
}

/** The keys the schema allows for the object at `at`, for "unknown key" messages. */
function allowedKeysAt(at: (string | number)[]): string[] | undefined {
  let schema: z.core.$ZodType = environmentSchema;
  for (const segment of at) {
    schema = unwrap(schema);
    const def = schema._zod.def as unknown as Record<string, unknown>;
    if (def.type === 'object') schema = (def.shape as Record<string, z.core.$ZodType>)[String(segment)]!;
    else if (def.type === 'record') schema = def.valueType as z.core.$ZodType;
    else if (def.type === 'array') schema = def.element as z.core.$ZodType;
    else return undefined;
    if (!schema) return undefined;
  }
  const def = unwrap(schema)._zod.def as unknown as Record<string, unknown>;
  return def.type === 'object' ? Object.keys(def.shape as object) : undefined;
}

function unwrap(schema: z.core.$ZodType): z.core.$ZodType {
  let s = schema;
  for (;;) {
    const def = s._zod.def as unknown as Record<string, unknown>;
    if (def.type === 'optional' || def.type === 'nullable' || def.type === 'default' || def.type === 'prefault')
      s = def.innerType as z.core.$ZodType;
    else if (def.type === 'pipe') s = def.in as z.core.$ZodType;
    else return s;
  }
}

function valueAt(raw: unknown, at: (string | number)[]): unknown {
  let v: unknown = raw;
  for (const segment of at) {
    if (typeof v !== 'object' || v === null) return undefined;
    v = (v as Record<string | number, unknown>)[segment];
  }
  return v;
}

/** `['regions', 'us-east-1', 'availabilityZones', 0]` -> `$.regions["us-east-1"].availabilityZones[0]` */
export function jsonPath(at: readonly (string | number | symbol)[]): string {
  return (
    '$' +
    at
      .map((s) =>
        typeof s === 'number' ? `[${s}]` : /^[A-Za-z_$][\w$]*$/.test(String(s)) ? `.${String(s)}` : `[${JSON.stringify(String(s))}]`,
      )
      .join('')
  );
}
