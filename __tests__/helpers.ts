import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { Testing } from 'cdktf';
import { resolve } from 'cdktf/lib/_tokens';
import { loadAllEnvironments } from '../src/config/loader';
import { EnvironmentConfig, EnvironmentName } from '../src/config/schema';
import { PlatformStack, STACK_NAME } from '../src/stacks/platform-stack';
import { scratchDir } from './scratch';

export const REPO_ROOT = path.resolve(__dirname, '..');
export const ENV_DIR = path.join(REPO_ROOT, 'environments');
export const ENVIRONMENTS: EnvironmentName[] = ['dev', 'staging', 'prod'];

const configs = loadAllEnvironments(ENV_DIR);

/** The committed config of an environment, deep-copied so a test may change it. */
export function configOf(env: EnvironmentName): EnvironmentConfig {
  return structuredClone(configs[env]);
}

/** GIVEN an environment's config, a stack built from it in a test app. */
export function testStack(env: EnvironmentName, config: EnvironmentConfig = configOf(env)): PlatformStack {
  // Testing.app() would leave an empty cdktf.outdir.* in the temp folder for every stack.
  const app = Testing.app({ outdir: scratchDir('app') });
  return new PlatformStack(app, STACK_NAME, { environment: env, config });
}

export type Synth = {
  terraform: Record<string, any>;
  provider: Record<string, any[]>;
  resource: Record<string, Record<string, any>>;
  [key: string]: any;
};

/** Synthesized JSON of a stack, parsed (Testing.synth sorts keys and strips metadata). */
export function synthJson(stack: PlatformStack): Synth {
  return JSON.parse(Testing.synth(stack)) as Synth;
}

/** Resources of one type, as `address name -> body`. */
export function resourcesOf(synth: Synth, type: string): Record<string, any> {
  return synth.resource[type] ?? {};
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

/** Terraform provider reference of a region, as resources carry it: `aws.us_east_1`. */
export function providerRef(region: string): string {
  return `aws.${region.replace(/-/g, '_')}`;
}

/** Resources of one type bound to one region's provider. */
export function regionalResources(synth: Synth, type: string, region: string): any[] {
  return Object.values(resourcesOf(synth, type)).filter((r) => r.provider === providerRef(region));
}

/** The Terraform expression a token resolves to, e.g. `${aws_vpc.x.id}`. */
export function ref(stack: PlatformStack, token: string): string {
  return resolve(stack, token);
}
