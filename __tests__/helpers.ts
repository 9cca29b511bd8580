import { Testing } from 'cdktf';
import { resolve } from 'cdktf/lib/_tokens';
import { loadAllEnvironments } from '../src/config/loader';
import { EnvironmentConfig, EnvironmentName } from '../src/config/schema';
import { PlatformStack, STACK_NAME } from '../src/stacks/platform-stack';
import { ENV_DIR } from './environments';
import { scratchDir } from './scratch';

export { REPO_ROOT, ENV_DIR, ENVIRONMENTS, editedEnvironments } from './environments';

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

/** prod rebuilt around us-west-2's cluster after it was detached from the global database (database.rebuild). */
export function rebuiltProd(phase: 'create' | 'complete'): EnvironmentConfig {
  const config = configOf('prod');
  config.database.writerRegion = 'us-west-2';
  config.database.rebuild = { from: 'us-west-2', phase };
  config.database.passwordVersion += 1;
  return config;
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
