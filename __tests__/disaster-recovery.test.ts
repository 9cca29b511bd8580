/**
 * Roles separate from homes: after a switchover or failover the configuration names the new
 * writer region (`database.writerRegion`) and, to fence a region, takes it out of DNS
 * (`dns.fencedRegions`). Neither moves anything the database was created with.
 */
import { Route53HealthCheck } from '@cdktf/provider-aws/lib/route53-health-check';
import { Route53Record } from '@cdktf/provider-aws/lib/route53-record';
import { Testing } from 'cdktf';
import { EnvironmentConfig } from '../src/config/schema';
import { configOf, ref, synthJson, testStack } from './helpers';

const REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1'];

/** prod after a failover to us-west-2, with us-east-1 fenced until it is back as a secondary. */
function failedOver(): EnvironmentConfig {
  const config = configOf('prod');
  config.database.writerRegion = 'us-west-2';
  config.dns = { ...config.dns!, fencedRegions: ['us-east-1'] };
  return config;
}

describe('prod after a failover to us-west-2, us-east-1 fenced', () => {
  const committed = synthJson(testStack('prod'));
  const stack = testStack('prod', failedOver());
  const synth = synthJson(stack);

  test('the database resources are exactly as created: credentials, names and keys stay on the home cluster', () => {
    for (const type of [
      'aws_rds_global_cluster',
      'aws_rds_cluster',
      'aws_rds_cluster_instance',
      'aws_secretsmanager_secret',
      'aws_secretsmanager_secret_version',
    ]) {
      expect(synth.resource[type]).toEqual(committed.resource[type]);
    }
    expect(synth.ephemeral).toEqual(committed.ephemeral);
  });

  test("each region's endpoint follows the writer: us-west-2's cluster endpoint, the others' reader endpoints", () => {
    expect(synth.output.database_endpoint.value).toEqual(
      Object.fromEntries(
        REGIONS.map((region) => {
          const cluster = stack.regions[region]!.database.cluster;
          return [region, ref(stack, region === 'us-west-2' ? cluster.endpoint : cluster.readerEndpoint)];
        }),
      ),
    );
  });

  test('replication lag is watched on every member but the writer, from the writer region', () => {
    const lag = Object.values(synth.resource.aws_cloudwatch_metric_alarm as Record<string, any>)
      .filter((a) => a.metric_name === 'AuroraGlobalDBReplicationLag')
      .map((a) => [a.provider, a.dimensions]);
    expect(lag.sort()).toEqual([
      ['aws.eu_west_1', { DBClusterIdentifier: 'platform-prod-eu-west-1', SourceRegion: 'us-west-2' }],
      ['aws.us_east_1', { DBClusterIdentifier: 'platform-prod-us-east-1', SourceRegion: 'us-west-2' }],
    ]);
  });

  test('the fenced region has no latency record; its health check stays', () => {
    const synthesized = Testing.synth(stack);
    expect(synthesized).toHaveResourceWithProperties(Route53Record, { set_identifier: 'us-west-2' });
    expect(synthesized).toHaveResourceWithProperties(Route53Record, { set_identifier: 'eu-west-1' });
    expect(synthesized).not.toHaveResourceWithProperties(Route53Record, { set_identifier: 'us-east-1' });
    expect(Object.keys(synth.resource.aws_route53_health_check!)).toEqual(Object.keys(committed.resource.aws_route53_health_check!));
    expect(synthesized).toHaveResourceWithProperties(Route53HealthCheck, {
      fqdn: ref(stack, stack.regions['us-east-1']!.loadBalancer.lb.dnsName),
    });
  });
});
