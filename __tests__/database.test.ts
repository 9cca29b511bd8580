import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { RdsCluster } from '@cdktf/provider-aws/lib/rds-cluster';
import { RdsClusterInstance } from '@cdktf/provider-aws/lib/rds-cluster-instance';
import { RdsClusterParameterGroup } from '@cdktf/provider-aws/lib/rds-cluster-parameter-group';
import { RdsGlobalCluster } from '@cdktf/provider-aws/lib/rds-global-cluster';
import { SecretsmanagerSecret } from '@cdktf/provider-aws/lib/secretsmanager-secret';
import { SecretsmanagerSecretVersion } from '@cdktf/provider-aws/lib/secretsmanager-secret-version';
import { Password } from '@cdktf/provider-random/lib/password';
import { TerraformStack, Testing } from 'cdktf';
import { AuroraCluster, AuroraClusterProps } from '../src/constructs/data/aurora-cluster';
import { ENVIRONMENTS, Synth, configOf, ref, regionalResources, testStack } from './helpers';
import { scratchDir } from './scratch';

const REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1'];
const SECONDARIES = ['us-west-2', 'eu-west-1'];

/** One stack and one synth per environment, shared by the file. */
const built = Object.fromEntries(
  ENVIRONMENTS.map((env) => {
    const stack = testStack(env);
    return [env, { stack, synthesized: Testing.synth(stack) }];
  }),
);

describe.each(ENVIRONMENTS)('no secret in the synthesized JSON of %s', (env) => {
  const text = built[env]!.synthesized;
  const synth = JSON.parse(text);

  test('no master_password, no secret_string, no random_password resource', () => {
    expect(text).not.toMatch(/"master_password"\s*:/);
    expect(text).not.toMatch(/"secret_string"\s*:/);
    expect(text).not.toHaveResource(Password);
    expect(synth.data?.random_password).toBeUndefined();
  });
});

describe.each(ENVIRONMENTS)('database of %s', (env) => {
  const config = configOf(env);
  const { stack, synthesized } = built[env]!;
  const synth: Synth = JSON.parse(synthesized);
  const isGlobal = config.database.topology === 'global';
  const protectedProfile = config.protection === 'protected';
  const clusterIn = (region: string) => regionalResources(synth, 'aws_rds_cluster', region)[0];
  const keyRef = (region: string) => ref(stack, stack.regions[region]!.key.arn);

  describe.each(REGIONS)('in %s', (region) => {
    const cluster = clusterIn(region);
    const azs = config.regions[region as keyof typeof config.regions]!.availabilityZones;
    const db = stack.regions[region]!.database;
    const instanceCount = 1 + config.database.readerCount;
    const instanceIds = Array.from({ length: instanceCount }, (_, i) => `platform-${env}-${region}-${i + 1}`);

    test('one encrypted Aurora PostgreSQL cluster under the region key, in the database subnets and group', () => {
      expect(synthesized).toHaveResourceInRegion(RdsCluster, region, {
        cluster_identifier: `platform-${env}-${region}`,
        engine: 'aurora-postgresql',
        engine_version: config.database.engineVersion,
        storage_encrypted: true,
        kms_key_id: keyRef(region),
        iam_database_authentication_enabled: true,
        engine_lifecycle_support: 'open-source-rds-extended-support-disabled',
        enabled_cloudwatch_logs_exports: ['postgresql'],
        copy_tags_to_snapshot: true,
        backup_retention_period: config.database.backupRetentionDays,
        db_subnet_group_name: ref(stack, stack.regions[region]!.network.dbSubnetGroup.name),
        vpc_security_group_ids: [ref(stack, stack.regions[region]!.network.securityGroups.database.id)],
        db_cluster_parameter_group_name: ref(stack, db.parameterGroup.name),
      });
      expect(regionalResources(synth, 'aws_rds_cluster', region)).toHaveLength(1);
    });

    test(`protection: deletion protection ${protectedProfile}, final snapshot ${protectedProfile ? 'named' : 'skipped'}, prevent_destroy ${protectedProfile}`, () => {
      expect(synthesized).toHaveResourceInRegion(RdsCluster, region, {
        deletion_protection: protectedProfile,
        skip_final_snapshot: !protectedProfile,
        lifecycle: expect.objectContaining({ prevent_destroy: protectedProfile }),
      });
      // Destroyable: no final snapshot, so no name for one (an absent property is raw JSON).
      expect(cluster.final_snapshot_identifier).toBe(protectedProfile ? `platform-${env}-${region}-final` : undefined);
      // Every instance: there are exactly these.
      expect(regionalResources(synth, 'aws_rds_cluster_instance', region)).toHaveLength(instanceCount);
      for (const identifier of instanceIds) {
        expect(synthesized).toHaveResourceInRegion(RdsClusterInstance, region, {
          identifier,
          lifecycle: { prevent_destroy: protectedProfile },
        });
      }
    });

    test('writer and readers, private, across AZs, with Performance Insights under the CMK and enhanced monitoring', () => {
      const instances = regionalResources(synth, 'aws_rds_cluster_instance', region);
      expect(instances).toHaveLength(instanceCount);
      // Every instance (there are exactly these):
      for (const identifier of instanceIds) {
        expect(synthesized).toHaveResourceInRegion(RdsClusterInstance, region, {
          identifier,
          cluster_identifier: ref(stack, db.cluster.id),
          instance_class: config.database.instanceClass,
          publicly_accessible: false,
          auto_minor_version_upgrade: true,
          performance_insights_enabled: true,
          performance_insights_kms_key_id: keyRef(region),
          monitoring_interval: 60,
          monitoring_role_arn: ref(stack, db.monitoringRole.arn),
        });
      }
      // Computed across the instances: the writer in the first AZ, each reader in an AZ of its own.
      const writer = instances.find((i) => i.promotion_tier === 0);
      expect(writer.availability_zone).toBe(azs[0]);
      const readers = instances.filter((i) => i !== writer);
      for (const r of readers) expect(r.availability_zone).not.toBe(writer.availability_zone);
      expect(new Set(readers.map((r) => r.availability_zone)).size).toBe(readers.length);
    });

    test('the parameter group forces TLS and logs connections, DDL and slow statements', () => {
      // Exactly these: another entry could turn TLS off again or silence the logs.
      expect(synthesized).toHaveResourceInRegion(RdsClusterParameterGroup, region, {
        family: `aurora-postgresql${config.database.engineVersion.split('.')[0]}`,
        parameter: [
          { name: 'rds.force_ssl', value: '1' },
          { name: 'log_connections', value: '1' },
          { name: 'log_disconnections', value: '1' },
          { name: 'log_lock_waits', value: '1' },
          { name: 'log_statement', value: 'ddl' },
          { name: 'log_min_duration_statement', value: '1000' },
        ],
      });
      expect(regionalResources(synth, 'aws_rds_cluster_parameter_group', region)).toHaveLength(1);
    });

    test('postgresql logs go to a CMK-encrypted group the stack creates first', () => {
      expect(synthesized).toHaveResourceInRegion(CloudwatchLogGroup, region, {
        name: `/aws/rds/cluster/platform-${env}-${region}/postgresql`,
        retention_in_days: config.logRetentionDays,
        kms_key_id: keyRef(region),
      });
      expect(synthesized).toHaveResourceInRegion(RdsCluster, region, {
        depends_on: expect.arrayContaining([ref(stack, db.logGroup.fqn).replace(/^\$\{|\}$/g, '')]),
      });
    });

    test('the monitoring role trusts only RDS monitoring of this account', () => {
      const [role] = regionalResources(synth, 'aws_iam_role', region).filter((r) => r.name.endsWith('-rds-monitoring'));
      expect(JSON.parse(role.assume_role_policy).Statement).toEqual([
        {
          Effect: 'Allow',
          Principal: { Service: 'monitoring.rds.amazonaws.com' },
          Action: 'sts:AssumeRole',
          Condition: { StringEquals: { 'aws:SourceAccount': config.accountId } },
        },
      ]);
    });
  });

  if (!isGlobal) {
    test('regional topology: every cluster has an RDS-managed password under its region key, no global pieces', () => {
      for (const region of REGIONS) {
        expect(synthesized).toHaveResourceInRegion(RdsCluster, region, {
          manage_master_user_password: true,
          master_user_secret_kms_key_id: keyRef(region),
          master_username: 'dbadmin',
        });
        expect(clusterIn(region).global_cluster_identifier).toBeUndefined();
      }
      expect(synthesized).not.toHaveResource(RdsGlobalCluster);
      expect(synthesized).not.toHaveResource(SecretsmanagerSecret);
      expect(synth.ephemeral).toBeUndefined();
    });
    return;
  }

  describe('global topology', () => {
    const global = stack.globalDatabase!;
    const globalRef = ref(stack, global.globalCluster.id);
    const primary = clusterIn('us-east-1');

    test('a global cluster in the primary region, encrypted, on a pinned version, without extended support', () => {
      expect(synthesized).toHaveResourceInRegion(RdsGlobalCluster, 'us-east-1', {
        global_cluster_identifier: `platform-${env}`,
        engine: 'aurora-postgresql',
        engine_version: config.database.engineVersion,
        storage_encrypted: true,
        engine_lifecycle_support: 'open-source-rds-extended-support-disabled',
        deletion_protection: protectedProfile,
        lifecycle: { prevent_destroy: protectedProfile },
      });
      expect(Object.keys(synth.resource.aws_rds_global_cluster!)).toHaveLength(1);
    });

    test('the global cluster pins <major>.<minor>: it stores the full version RDS reports, so a major alone never settles', () => {
      expect(config.database.engineVersion).toMatch(/^\d+\.\d+$/);
    });

    test('the secret is the single source of the password: the cluster reads it back, after it is written', () => {
      expect(synth.ephemeral.random_password.db_master_password).toMatchObject({ length: 32, special: true });
      expect(synth.ephemeral.random_password.db_master_password.override_special).not.toMatch(/[/"@ ]/);
      expect(synth.terraform.required_providers.random).toEqual({ source: 'hashicorp/random', version: '3.7.2' });
      const secret = stack.databaseSecret!;
      expect(synth.ephemeral.aws_secretsmanager_secret_version).toEqual({
        db_master_secret: {
          provider: 'aws.us_east_1',
          secret_id: ref(stack, secret.secret.id),
          version_stage: 'AWSCURRENT',
          depends_on: [`aws_secretsmanager_secret_version.${secret.version.friendlyUniqueId}`],
        },
      });
      expect(synthesized).toHaveResourceInRegion(RdsCluster, 'us-east-1', {
        global_cluster_identifier: globalRef,
        master_username: 'dbadmin',
        master_password_wo: '${jsondecode(ephemeral.aws_secretsmanager_secret_version.db_master_secret.secret_string).password}',
        master_password_wo_version: config.database.passwordVersion,
        // After a switchover the home cluster is a secondary whose source and membership RDS
        // sets, and its creation-only arguments are RDS's from then on: never undo or replace.
        lifecycle: expect.objectContaining({
          ignore_changes: [
            'replication_source_identifier',
            'global_cluster_identifier',
            'engine_version',
            'database_name',
            'master_username',
          ],
        }),
      });
      // One number drives both writes.
      expect(Object.values(synth.resource.aws_secretsmanager_secret_version!)[0].secret_string_wo_version).toBe(
        primary.master_password_wo_version,
      );
      expect(primary.manage_master_user_password).toBeUndefined();
      expect(JSON.stringify(synth.resource)).not.toContain('ephemeral.random_password.db_master_password.result}"');
    });

    test.each(REGIONS)('the member in %s forwards writes: a demoted writer keeps its region writable', (region) => {
      expect(synthesized).toHaveResourceInRegion(RdsCluster, region, { enable_global_write_forwarding: true });
    });

    test.each(SECONDARIES)('the secondary in %s: no credentials, after the primary, ignoring source and membership', (region) => {
      const primaryDb = stack.regions['us-east-1']!.database;
      const address = (fqn: string) => ref(stack, fqn).replace(/^\$\{|\}$/g, '');
      expect(synthesized).toHaveResourceInRegion(RdsCluster, region, {
        global_cluster_identifier: globalRef,
        kms_key_id: keyRef(region),
        depends_on: expect.arrayContaining([address(primaryDb.cluster.fqn), ...primaryDb.instances.map((i) => address(i.fqn))]),
        lifecycle: expect.objectContaining({
          ignore_changes: ['replication_source_identifier', 'global_cluster_identifier', 'engine_version'],
        }),
        // Applications in this region reach only this cluster: it forwards their writes.
        enable_global_write_forwarding: true,
      });
      const secondary = clusterIn(region);
      for (const key of ['master_username', 'master_password_wo', 'manage_master_user_password', 'database_name']) {
        expect(secondary[key]).toBeUndefined();
      }
    });

    test('the secret: primary-region CMK, a replica per other region under its own CMK', () => {
      expect(synthesized).toHaveResourceInRegion(SecretsmanagerSecret, 'us-east-1', {
        name: `platform/${env}/database/master`,
        kms_key_id: keyRef('us-east-1'),
        replica: SECONDARIES.map((region) => ({ region, kms_key_id: keyRef(region) })),
      });
      expect(Object.keys(synth.resource.aws_secretsmanager_secret!)).toHaveLength(1);
    });

    test(
      protectedProfile
        ? 'protected: the secret keeps a 30-day recovery window and prevent_destroy'
        : 'destroyable: the secret is deleted without a recovery window, so its name is free for the next apply',
      () => {
        expect(synthesized).toHaveResourceWithProperties(SecretsmanagerSecret, {
          recovery_window_in_days: protectedProfile ? 30 : 0,
          lifecycle: expect.objectContaining({ prevent_destroy: protectedProfile }),
        });
      },
    );

    test('the secret value is written write-only: the same ephemeral password and the global writer endpoint', () => {
      expect(synthesized).toHaveResourceWithProperties(SecretsmanagerSecretVersion, {
        secret_string_wo_version: config.database.passwordVersion,
      });
      // The value is an expression: its text, piece by piece.
      const [version] = Object.values(synth.resource.aws_secretsmanager_secret_version!);
      const body = version.secret_string_wo as string;
      expect(body).toMatch(/^\$\{jsonencode\(\{.*\}\)\}$/);
      // The generated password goes into the secret only; the cluster reads it back from there.
      expect(body).toContain('"password" = ephemeral.random_password.db_master_password.result');
      expect(body).toContain(`"host" = ${ref(stack, global.globalCluster.endpoint).replace(/^\$\{|\}$/g, '')}`);
      for (const field of ['"username" = "dbadmin"', '"engine" = "postgres"', '"port" = 5432', '"dbname" = "app"'])
        expect(body).toContain(field);
    });
  });
});

describe('Terraform addresses of the database are a contract', () => {
  test.each(ENVIRONMENTS)('%s clusters', (env) => {
    expect(Object.keys(JSON.parse(built[env]!.synthesized).resource.aws_rds_cluster).sort()).toEqual([
      'eu-west-1_database_cluster_C62B21B3',
      'us-east-1_database_cluster_1422EC00',
      'us-west-2_database_cluster_CC2EE06E',
    ]);
  });

  test.each(['staging', 'prod'] as const)('%s global cluster and secret', (env) => {
    const synth: Synth = JSON.parse(built[env]!.synthesized);
    expect(Object.keys(synth.resource.aws_rds_global_cluster!)).toEqual(['global-database_global-cluster_2C782129']);
    expect(Object.keys(synth.resource.aws_secretsmanager_secret!)).toEqual(['global-database_secret_6E90E95C']);
  });
});

describe('AuroraCluster props', () => {
  const base = (): Omit<AuroraClusterProps, 'provider'> => ({
    region: 'us-east-1',
    accountId: '111111111111',
    identifier: 'c',
    engineVersion: '16.6',
    instanceClass: 'db.r7g.large',
    instanceCount: 2,
    availabilityZones: ['us-east-1a', 'us-east-1b'],
    dbSubnetGroupName: 'g',
    securityGroupIds: ['sg-1'],
    kmsKeyArn: 'arn:aws:kms:us-east-1:111111111111:key/k',
    backupRetentionDays: 7,
    logRetentionDays: 30,
    deletionProtection: true,
    skipFinalSnapshot: false,
    preventDestroy: true,
    credentials: { kind: 'rds-managed' },
  });
  test.each([
    [{ engineVersion: '16.x' }, 'engineVersion must be <major> or <major>.<minor>, got 16.x'],
    [{ instanceCount: 0 }, 'instanceCount must be >= 1, got 0'],
    [{ credentials: { kind: 'global-secondary' as const } }, 'a global-secondary cluster needs globalClusterIdentifier'],
    [{ globalClusterIdentifier: 'g' }, 'RDS-managed master passwords are not supported in a global database'],
  ])('fails when %o', (change, message) => {
    const stack = new TerraformStack(Testing.app({ outdir: scratchDir('app') }), 's');
    const provider = new AwsProvider(stack, 'p', { region: 'us-east-1', alias: 'us_east_1' });
    expect(() => new AuroraCluster(stack, 'db', { provider, ...base(), ...change })).toThrow(message);
  });
});
