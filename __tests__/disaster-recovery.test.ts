/**
 * Roles separate from homes: after a switchover or failover the configuration names the new
 * writer region (`database.writerRegion`) and, to fence a region, takes it out of DNS
 * (`dns.fencedRegions`). Neither moves anything the database was created with.
 */
import { RdsCluster } from '@cdktf/provider-aws/lib/rds-cluster';
import { RdsGlobalCluster } from '@cdktf/provider-aws/lib/rds-global-cluster';
import { Route53HealthCheck } from '@cdktf/provider-aws/lib/route53-health-check';
import { Route53Record } from '@cdktf/provider-aws/lib/route53-record';
import { Testing } from 'cdktf';
import { EnvironmentConfig } from '../src/config/schema';
import { configOf, rebuiltProd, ref, synthJson, testStack, committedSynth, Synth } from './helpers';

const REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1'];

/** prod after a failover to us-west-2, with us-east-1 fenced until it is back as a secondary. */
function failedOver(): EnvironmentConfig {
  const config = configOf('prod');
  config.database.writerRegion = 'us-west-2';
  config.dns = { ...config.dns!, fencedRegions: ['us-east-1'] };
  return config;
}

describe('prod after a failover to us-west-2, us-east-1 fenced', () => {
  const committed: Synth = JSON.parse(committedSynth('prod'));
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

  test('replication lag is watched on every member, whichever region writes: the alarms are those of the committed config', () => {
    const lagAlarms = (json: typeof synth) =>
      Object.values(json.resource.aws_cloudwatch_metric_alarm as Record<string, any>).filter((a) =>
        /-global-(replication|rpo)-lag$/.test(a.alarm_name),
      );
    expect(
      lagAlarms(synth)
        .map((a) => a.provider)
        .sort(),
    ).toEqual(['aws.eu_west_1', 'aws.eu_west_1', 'aws.us_east_1', 'aws.us_east_1', 'aws.us_west_2', 'aws.us_west_2']);
    expect(lagAlarms(synth)).toEqual(lagAlarms(committed));
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

describe('prod rebuilt after a detach of us-west-2 (database.rebuild)', () => {
  const committed: Synth = JSON.parse(committedSynth('prod'));
  const stack = testStack('prod', rebuiltProd('create'));
  const synthesized = Testing.synth(stack);
  const synth = JSON.parse(synthesized);
  const survivor = stack.regions['us-west-2']!.database.cluster;

  test('a new global cluster is created from the detached cluster, by ARN, with nothing CreateGlobalCluster refuses next to a source', () => {
    expect(Object.values(synth.resource.aws_rds_global_cluster)).toEqual([
      {
        provider: 'aws.us_west_2',
        global_cluster_identifier: 'platform-prod-2',
        source_db_cluster_identifier: 'arn:aws:rds:us-west-2:333333333333:cluster:platform-prod-us-west-2',
        force_destroy: true,
        // Not taken from the source: without it CreateGlobalCluster enrolls the new global
        // cluster in paid Extended Support for its life.
        engine_lifecycle_support: 'open-source-rds-extended-support-disabled',
        deletion_protection: true,
        lifecycle: { prevent_destroy: true },
      },
    ]);
  });

  // That it plans with the real secret read (no cycle between the detached cluster, the secret
  // and the new global cluster): scenarios/to-plan-offline.test.ts (npm run test:scenarios).

  test('once created (phase complete) the global cluster pins the engine version again, so upgrades go through it', () => {
    expect(Testing.synth(testStack('prod', rebuiltProd('complete')))).toHaveResourceWithProperties(RdsGlobalCluster, {
      global_cluster_identifier: 'platform-prod-2',
      engine_version: '16.6',
    });
  });

  test('the detached cluster keeps its address and identifier, names the new global cluster as a literal (no cycle), and takes the write-only password', () => {
    expect(synthesized).toHaveResourceWithProperties(RdsCluster, {
      cluster_identifier: 'platform-prod-us-west-2',
      global_cluster_identifier: 'platform-prod-2',
      master_username: 'dbadmin',
      database_name: 'app',
      master_password_wo_version: 2,
      enable_global_write_forwarding: true,
    });
    expect(Object.keys(synth.resource.aws_rds_cluster)).toContain(survivor.friendlyUniqueId);
  });

  test('the other regions get new secondaries of the new global cluster, under names of their own, created after the detached cluster', () => {
    for (const region of ['us-east-1', 'eu-west-1']) {
      const db = stack.regions[region]!.database;
      expect(db.node.id).toBe('database-2');
      expect(synthesized).toHaveResourceWithProperties(RdsCluster, {
        cluster_identifier: `platform-prod-${region}-2`,
        global_cluster_identifier: ref(stack, stack.globalDatabase!.globalCluster.id),
        depends_on: expect.arrayContaining([`aws_rds_cluster.${survivor.friendlyUniqueId}`]),
      });
      expect(synthesized).not.toHaveResourceWithProperties(RdsCluster, { cluster_identifier: `platform-prod-${region}` });
    }
  });

  test("Terraform forgets the original global cluster and the other regions' original members, exactly those, without destroying them", () => {
    const original = (type: string, pattern: RegExp) =>
      Object.keys(committed.resource[type] ?? {})
        .filter((name) => pattern.test(name))
        .map((name) => `${type}.${name}`);
    const expected = [
      ...original('aws_rds_global_cluster', /./),
      ...[
        'aws_rds_cluster',
        'aws_rds_cluster_instance',
        'aws_rds_cluster_parameter_group',
        'aws_cloudwatch_log_group',
        'aws_iam_role',
        'aws_iam_role_policy_attachment',
      ].flatMap((type) => original(type, /^(us-east-1|eu-west-1)_database_/)),
    ].sort();
    expect(expected).toHaveLength(1 + 2 * 8);
    expect(synth.removed).toEqual(expected.map((from) => ({ from, lifecycle: { destroy: false } })));
  });

  test("the secret's host is the new global cluster's writer endpoint (written with the new password version)", () => {
    const [version] = Object.values(synth.resource.aws_secretsmanager_secret_version) as any[];
    expect(version.secret_string_wo_version).toBe(2);
    expect(version.secret_string_wo).toContain(
      `"host" = aws_rds_global_cluster.${stack.globalDatabase!.globalCluster.friendlyUniqueId}.endpoint`,
    );
  });

  test('nothing else of the database moves: the secret stays in its home region', () => {
    expect(synth.resource.aws_secretsmanager_secret).toEqual(committed.resource.aws_secretsmanager_secret);
  });
});
