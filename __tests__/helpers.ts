import { stripVTControlCharacters } from 'node:util';
import { Testing } from 'cdktf';
import { resolve } from 'cdktf/lib/_tokens';
import { EnvironmentConfig, EnvironmentName } from '../src/config/schema';
import { PlatformStack, STACK_NAME } from '../src/stacks/platform-stack';
import { Synth, configOf } from './environments';
import { scratchDir } from './scratch';

export {
  REPO_ROOT,
  ENV_DIR,
  ENVIRONMENTS,
  editedEnvironments,
  configOf,
  resourcesOf,
  providerRef,
  regionalResources,
} from './environments';
export type { Synth } from './environments';

/** GIVEN an environment's config, a stack built from it in a test app. */
export function testStack(env: EnvironmentName, config: EnvironmentConfig = configOf(env)): PlatformStack {
  // Testing.app() would leave an empty cdktf.outdir.* in the temp folder for every stack.
  const app = Testing.app({ outdir: scratchDir('app') });
  return new PlatformStack(app, STACK_NAME, { environment: env, config });
}

const committed = new Map<EnvironmentName, { stack: PlatformStack; synthesized?: string }>();

function committedEntry(env: EnvironmentName): { stack: PlatformStack; synthesized?: string } {
  if (!committed.has(env)) committed.set(env, { stack: testStack(env) });
  return committed.get(env)!;
}

/**
 * The stack of an environment's committed config, built once per test file and shared by its
 * tests (a build is about half a second): read it, never change it. To add, override or
 * reconfigure anything, build your own with testStack.
 */
export function committedStack(env: EnvironmentName): PlatformStack {
  return committedEntry(env).stack;
}

/** Testing.synth of committedStack(env), synthesized once per test file. */
export function committedSynth(env: EnvironmentName): string {
  const entry = committedEntry(env);
  return (entry.synthesized ??= Testing.synth(entry.stack));
}

/** prod rebuilt around us-west-2's cluster after it was detached from the global database (database.rebuild). */
export function rebuiltProd(phase: 'create' | 'complete'): EnvironmentConfig {
  const config = configOf('prod');
  config.database.writerRegion = 'us-west-2';
  config.database.rebuild = { from: 'us-west-2', phase };
  config.database.passwordVersion += 1;
  return config;
}

/** Synthesized JSON of a stack, parsed (Testing.synth sorts keys and strips metadata). */
export function synthJson(stack: PlatformStack): Synth {
  return JSON.parse(Testing.synth(stack)) as Synth;
}

/** The Terraform expression a token resolves to, e.g. `${aws_vpc.x.id}`. */
export function ref(stack: PlatformStack, token: string): string {
  return resolve(stack, token);
}

/**
 * References to one region's subnets of a tier, in the order of the configured availability zones.
 * Tests expect these rather than `Network.subnetIds()`, the code under test: a change that picked
 * the wrong tier there would otherwise move the instances and the test with them.
 */
export function subnetRefs(
  stack: PlatformStack,
  config: EnvironmentConfig,
  region: string,
  tier: 'public' | 'private' | 'database',
): string[] {
  const { network } = stack.regions[region]!;
  const azs = config.regions[region as keyof typeof config.regions]!.availabilityZones;
  return azs.map((az) => ref(stack, network.subnets[tier][az]!.id));
}

/** The failure message of an assertion that must fail, without colour codes (matcher tests). */
export function failureOf(assertion: () => void): string {
  try {
    assertion();
  } catch (error) {
    return stripVTControlCharacters((error as Error).message);
  }
  throw new Error('the assertion passed');
}
