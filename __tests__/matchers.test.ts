/**
 * The project's own matchers (matchers.ts): what they accept, and that their failure messages say
 * what was expected and what was found, like cdktf's. toPlanOffline, which runs terraform, is in
 * matchers-plan.test.ts (the plans project of npm test).
 */
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { RdsGlobalCluster } from '@cdktf/provider-aws/lib/rds-global-cluster';
import { committedSynth, failureOf } from './helpers';

describe('toHaveResourceInRegion', () => {
  const synthesized = committedSynth('prod');

  test('matches a resource bound to the region, by its top-level properties, with asymmetric matchers', () => {
    expect(synthesized).toHaveResourceInRegion(Vpc, 'eu-west-1', { cidr_block: '10.32.0.0/16' });
    expect(synthesized).toHaveResourceInRegion(Vpc, 'us-west-2', { cidr_block: expect.stringMatching(/^10\.31\./) });
    expect(synthesized).toHaveResourceInRegion(Vpc, 'us-east-1');
  });

  test("does not match another region's resource with those properties, and says what each region has", () => {
    expect(synthesized).not.toHaveResourceInRegion(Vpc, 'us-east-1', { cidr_block: '10.32.0.0/16' });
    const message = failureOf(() => expect(synthesized).toHaveResourceInRegion(Vpc, 'us-east-1', { cidr_block: '10.32.0.0/16' }));
    expect(message).toMatch(
      /^Expected aws_vpc in us-east-1 \(provider aws\.us_east_1\) with properties \{"cidr_block": "10\.32\.0\.0\/16"\}\.\n/,
    );
    expect(message).toContain('Found 1 aws_vpc in us-east-1 (of 3 in all regions):\n  us-east-1_network_vpc_');
    expect(message).toContain('"cidr_block": "10.30.0.0/16"');
  });

  test('says when a region has none of the type, and which providers the others use', () => {
    const message = failureOf(() => expect(synthesized).toHaveResourceInRegion(RdsGlobalCluster, 'eu-west-1'));
    expect(message).toBe(
      'Expected aws_rds_global_cluster in eu-west-1 (provider aws.eu_west_1) with properties {}.\nFound 0 aws_rds_global_cluster in eu-west-1 (of 1 in all regions); the others are bound to aws.us_east_1.',
    );
  });

  test('says when the stack has none of the type at all, and words the negated failure', () => {
    const dev = committedSynth('dev');
    expect(failureOf(() => expect(dev).toHaveResourceInRegion(RdsGlobalCluster, 'us-east-1'))).toBe(
      'Expected aws_rds_global_cluster in us-east-1 (provider aws.us_east_1) with properties {}.\nFound no aws_rds_global_cluster at all.',
    );
    expect(failureOf(() => expect(synthesized).not.toHaveResourceInRegion(Vpc, 'eu-west-1', { cidr_block: '10.32.0.0/16' }))).toBe(
      'Expected no aws_vpc in eu-west-1 (provider aws.eu_west_1) with properties {"cidr_block": "10.32.0.0/16"}, but one has them.',
    );
  });

  test('refuses what is not synthesized JSON', () => {
    expect(() => expect('not json').toHaveResourceInRegion(Vpc, 'us-east-1')).toThrow(
      'toHaveResourceInRegion: expected the JSON of Testing.synth(stack), got not json',
    );
  });
});
