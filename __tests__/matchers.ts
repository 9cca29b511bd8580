/**
 * Two jest matchers for the questions cdktf's stock matchers cannot answer for this platform,
 * registered in `__tests__/setup.ts`. Copy this file into your own project to use them there.
 *
 * - `expect(Testing.synth(stack)).toHaveResourceInRegion(Vpc, 'eu-west-1', { cidr_block: '10.32.0.0/16' })`:
 *   like `toHaveResourceWithProperties`, but only resources bound to that region's provider
 *   (`provider = aws.eu_west_1`) count. Properties match as in cdktf's matcher: the listed
 *   top-level keys, exactly; jest's asymmetric matchers (`expect.stringMatching(...)`) work.
 * - `expect(stack).toPlanOffline()`: the offline equivalent of cdktf's `toBeValidTerraform()` /
 *   `toPlanSuccessfully()`, which need a backend they can reach (here S3). It synthesizes the stack,
 *   runs `terraform init` against the local provider mirror and `plan` (which validates) with no
 *   AWS access (scripts/lib/offline-plan.ts), and passes when the plan succeeds and the policy pack
 *   finds nothing blocking in it. It takes a quarter to half a minute: give the test a timeout,
 *   and keep whole-environment plans in the scenario tier (__tests__/scenarios/).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Testing, TerraformStack } from 'cdktf';
import { HarnessError, TerraformStepError, planEnvironment } from '../scripts/lib/offline-plan';
import { blockingFindings, formatFinding } from '../src/policy/runner';
import { PlatformStack } from '../src/stacks/platform-stack';

/** A provider class (`Vpc`, `RdsCluster`): what the stock matchers take. */
interface ResourceClass {
  readonly tfResourceType: string;
}

/** Terraform's reference to a region's provider, as the stack's resources carry it. */
export function providerOfRegion(region: string): string {
  return `aws.${region.replace(/-/g, '_')}`;
}

/** The JSON last parsed, with its text: a test file checks one synth many times (a parse each is seconds per file). */
let lastParsed: { text: string; synth: SynthResources } | undefined;

interface SynthResources {
  resource?: Record<string, Record<string, Record<string, unknown>>>;
}

function parseSynth(received: string): SynthResources {
  if (lastParsed?.text === received) return lastParsed.synth;
  let synth: SynthResources;
  try {
    synth = JSON.parse(received);
  } catch {
    throw new Error(`toHaveResourceInRegion: expected the JSON of Testing.synth(stack), got ${String(received).slice(0, 80)}`);
  }
  lastParsed = { text: received, synth };
  return synth;
}

export function toHaveResourceInRegion(
  this: jest.MatcherContext,
  received: string,
  resourceClass: ResourceClass,
  region: string,
  properties: Record<string, unknown> = {},
): jest.CustomMatcherResult {
  const type = resourceClass.tfResourceType;
  const synth = parseSynth(received);
  const provider = providerOfRegion(region);
  const all = Object.entries(synth.resource?.[type] ?? {});
  const inRegion = all.filter(([, body]) => body.provider === provider);
  const wanted = expect.objectContaining(properties);
  const pass = inRegion.some(([, body]) => wanted.asymmetricMatch(body));
  // The message is printed only when the assertion fails: built then (printing every resource of
  // the type for each passing assertion cost seconds per test file).
  const found = () =>
    all.length === 0
      ? `Found no ${type} at all.`
      : `Found ${inRegion.length} ${type} in ${region} (of ${all.length} in all regions)${
          inRegion.length === 0
            ? `; the others are bound to ${[...new Set(all.map(([, b]) => String(b.provider)))].sort().join(', ')}.`
            : `:\n${inRegion.map(([name, body]) => `  ${name}: ${this.utils.printReceived(withoutMetadata(body))}`).join('\n')}`
        }`;
  return {
    pass,
    message: () =>
      pass
        ? `Expected no ${type} in ${region} (provider ${provider}) with properties ${this.utils.printExpected(properties)}, but one has them.`
        : `Expected ${type} in ${region} (provider ${provider}) with properties ${this.utils.printExpected(properties)}.\n${found()}`,
  };
}

function withoutMetadata(body: Record<string, unknown>): Record<string, unknown> {
  const { ['//']: _metadata, ...rest } = body;
  return rest;
}

export function toPlanOffline(this: jest.MatcherContext, received: TerraformStack): jest.CustomMatcherResult {
  if (!(received instanceof PlatformStack)) {
    throw new Error('toPlanOffline: expected a PlatformStack (the plan takes its environment from it)');
  }
  const root = mkdtempSync(path.join(tmpdir(), 'to-plan-offline-'));
  let outdir: string | undefined;
  try {
    outdir = Testing.fullSynth(received);
    const stackDir = path.join(outdir, 'stacks', received.node.id);
    const planned = planEnvironment(received.environment, { stackDir, scratchRoot: root });
    const blocking = blockingFindings(planned.policy);
    const pass = blocking.length === 0;
    return {
      pass,
      message: () =>
        pass
          ? `Expected the offline plan of ${received.environment} to fail, but it planned ${planned.summary.total} resource changes with no blocking policy finding.`
          : `The offline plan of ${received.environment} succeeded, but the policy pack blocks it:\n${blocking.map((f) => `  ${formatFinding(f)}`).join('\n')}`,
    };
  } catch (error) {
    if (error instanceof TerraformStepError) {
      return {
        pass: false,
        message: () =>
          `Expected the offline plan of ${received.environment} to succeed; terraform ${error.step} failed:\n${error.output.trim()}`,
      };
    }
    if (error instanceof HarnessError) throw new Error(`toPlanOffline cannot run: ${error.message}`);
    throw error;
  } finally {
    rmSync(root, { recursive: true, force: true });
    if (outdir) rmSync(outdir, { recursive: true, force: true });
  }
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    interface Matchers<R> {
      /** A resource of this class, bound to `region`'s provider, with these top-level properties. */
      toHaveResourceInRegion(resourceClass: ResourceClass, region: string, properties?: Record<string, unknown>): R;
      /** The stack plans offline (init and plan against the provider mirror) and passes the policy pack. */
      toPlanOffline(): R;
    }
  }
}
