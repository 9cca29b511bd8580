/**
 * The committed environments, and readers of synthesized JSON, as tests reach them without loading
 * cdktf or the stacks: the config, policy and script tests and the offline plan suites import this,
 * so a mutation run (npm run mutate) reloads little per mutant and a plan file loads no stack.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { ConfigError, ConfigProblem, loadAllEnvironments } from '../src/config/loader';
import { EnvironmentConfig, EnvironmentName } from '../src/config/schema';
import { scratchDir } from './scratch';

export const REPO_ROOT = path.resolve(__dirname, '..');
export const ENV_DIR = path.join(REPO_ROOT, 'environments');
export const ENVIRONMENTS: EnvironmentName[] = ['dev', 'staging', 'prod'];

let configs: Record<EnvironmentName, EnvironmentConfig> | undefined;

/**
 * The committed config of an environment, deep-copied so a test may change it. Loaded on first use,
 * not at import: a mutant of the loader then counts as covered by a test, not as static.
 */
export function configOf(env: EnvironmentName): EnvironmentConfig {
  configs ??= loadAllEnvironments(ENV_DIR);
  return structuredClone(configs[env]);
}

/**
 * A copy of the committed environments directory with `edit` applied to one file's JSON, for
 * bad-input tests that go through the real loader and file names.
 */
export function editedEnvironments(env: EnvironmentName, edit: (json: any) => void): string {
  const dir = scratchDir('envs');
  cpSync(ENV_DIR, dir, { recursive: true });
  const file = path.join(dir, `${env}.json`);
  const json = JSON.parse(readFileSync(file, 'utf8'));
  edit(json);
  writeFileSync(file, JSON.stringify(json, null, 2));
  return dir;
}

/** The problems the real loader reports for a directory of environment files (it must reject them). */
export function problemsFor(dir: string): readonly ConfigProblem[] {
  try {
    loadAllEnvironments(dir);
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
  throw new Error('expected the configuration to be rejected');
}

export type Synth = {
  terraform: Record<string, any>;
  provider: Record<string, any[]>;
  resource: Record<string, Record<string, any>>;
  [key: string]: any;
};

/** Resources of one type, as `address name -> body`. */
export function resourcesOf(synth: Synth, type: string): Record<string, any> {
  return synth.resource[type] ?? {};
}

/** Terraform provider reference of a region, as resources carry it: `aws.us_east_1`. */
export function providerRef(region: string): string {
  return `aws.${region.replace(/-/g, '_')}`;
}

/** Resources of one type bound to one region's provider. */
export function regionalResources(synth: Synth, type: string, region: string): any[] {
  return Object.values(resourcesOf(synth, type)).filter((r) => r.provider === providerRef(region));
}
