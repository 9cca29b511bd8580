/**
 * toPlanOffline (matchers.ts) with real terraform and the provider mirror: in the plans project of
 * npm test. Its passing case plans a whole environment: scenarios/to-plan-offline.test.ts.
 */
import { configOf, failureOf, testStack } from './helpers';

describe('toPlanOffline (real terraform and the provider mirror; fails, never skips, without them)', () => {
  // The passing case plans a whole environment: scenarios/to-plan-offline.test.ts (npm run test:scenarios).

  test('fails with what terraform said when the configuration does not validate', () => {
    const config = configOf('dev');
    const stack = testStack('dev', config);
    stack.regions['us-east-1']!.network.vpc.addOverride('instance_tenancy', 'shared-by-everyone');
    const message = failureOf(() => expect(stack).toPlanOffline());
    expect(message).toMatch(/^Expected the offline plan of dev to succeed; terraform plan failed:\n/);
    expect(message).toContain('instance_tenancy');
  }, 240_000);

  test('refuses what is not a platform stack', () => {
    // e.g. the synthesized JSON instead of the stack (Testing.synthScope here would leave a
    // cdktf.outdir.* directory in the temp folder).
    expect(() => expect('{"resource": {}}').toPlanOffline()).toThrow(
      'toPlanOffline: expected a PlatformStack (the plan takes its environment from it)',
    );
  });
});
