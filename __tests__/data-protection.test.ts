import { BackupPlan } from '@cdktf/provider-aws/lib/backup-plan';
import { BackupSelection } from '@cdktf/provider-aws/lib/backup-selection';
import { BackupVault } from '@cdktf/provider-aws/lib/backup-vault';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { SecretsmanagerSecretRotation } from '@cdktf/provider-aws/lib/secretsmanager-secret-rotation';
import { ServerlessapplicationrepositoryCloudformationStack } from '@cdktf/provider-aws/lib/serverlessapplicationrepository-cloudformation-stack';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { Wafv2WebAcl } from '@cdktf/provider-aws/lib/wafv2-web-acl';
import { renderUserData, userDataExpression } from '../src/constructs/compute/user-data';
import { ROTATION_APPLICATION } from '../src/constructs/data/secret-rotation';
import { ENVIRONMENTS, Synth, configOf, ref, regionalResources, resourcesOf, subnetRefs, committedStack, committedSynth } from './helpers';

const REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1'];
/** Default copy targets: the next region in the config's order, the last to the first. */
const COPY_TO: Record<string, string> = { 'us-east-1': 'us-west-2', 'us-west-2': 'eu-west-1', 'eu-west-1': 'us-east-1' };

describe.each(ENVIRONMENTS)('AWS Backup in %s', (env) => {
  const config = configOf(env);
  const stack = committedStack(env);
  const synthesized = committedSynth(env);
  const synth: Synth = JSON.parse(synthesized);
  const locked = config.protection === 'protected';

  describe.each(REGIONS)('in %s', (region) => {
    const platform = stack.regions[region]!;

    test("a vault under the region's key; force_destroy and prevent_destroy follow the profile", () => {
      expect(synthesized).toHaveResourceInRegion(BackupVault, region, {
        name: `platform-${env}-${region}`,
        kms_key_arn: ref(stack, platform.key.arn),
        force_destroy: !locked,
      });
      expect(regionalResources(synth, 'aws_backup_vault', region)).toHaveLength(1);
      expect(regionalResources(synth, 'aws_backup_vault', region)[0].lifecycle).toEqual({ prevent_destroy: locked });
    });

    test('a daily rule into the vault, kept retentionDays, copied to the next region for as long', () => {
      expect(synthesized).toHaveResourceInRegion(BackupPlan, region, {
        name: `platform-${env}-${region}`,
        rule: [
          {
            rule_name: 'daily',
            target_vault_name: ref(stack, platform.backupVault.name),
            schedule: config.backup.schedule,
            start_window: 60,
            completion_window: 180,
            lifecycle: { delete_after: config.backup.retentionDays },
            copy_action: [
              {
                destination_vault_arn: ref(stack, stack.regions[COPY_TO[region]!]!.backupVault.arn),
                lifecycle: { delete_after: config.backup.retentionDays },
              },
            ],
          },
        ],
      });
    });

    test("the selection names the region's cluster, through the backup role, after the role's policies", () => {
      expect(synthesized).toHaveResourceInRegion(BackupSelection, region, {
        name: `platform-${env}-${region}`,
        plan_id: ref(stack, stack.backup.plans[region]!.plan.id),
        iam_role_arn: ref(stack, stack.backup.role.role.arn),
        resources: [ref(stack, platform.database.cluster.arn)],
      });
      const selection = regionalResources(synth, 'aws_backup_selection', region)[0];
      expect(selection.depends_on).toEqual(
        stack.backup.role.attachments.map((a) => `aws_iam_role_policy_attachment.${a.friendlyUniqueId}`),
      );
    });

    test(locked ? 'a compliance lock: 7 to 400 days, changeable for 3 days' : 'no vault lock (destroyable profile)', () => {
      const locks = regionalResources(synth, 'aws_backup_vault_lock_configuration', region);
      const lock = {
        provider: `aws.${region.replace(/-/g, '_')}`,
        backup_vault_name: ref(stack, platform.backupVault.name),
        min_retention_days: 7,
        max_retention_days: 400,
        changeable_for_days: 3,
        lifecycle: { prevent_destroy: true },
      };
      expect(locks).toEqual(locked ? [lock] : []);
    });

    test.each(['Backup', 'Copy'])('%s jobs that fail alarm on the region topic', (kind) => {
      expect(synthesized).toHaveResourceInRegion(CloudwatchMetricAlarm, region, {
        alarm_name: `platform-${env}-${region}-${kind.toLowerCase()}-jobs-failed`,
        namespace: 'AWS/Backup',
        metric_name: `NumberOf${kind}JobsFailed`,
        dimensions: { BackupVaultName: ref(stack, platform.backupVault.name) },
        statistic: 'Sum',
        period: 3600,
        evaluation_periods: 1,
        comparison_operator: 'GreaterThanOrEqualToThreshold',
        threshold: 1,
        treat_missing_data: 'notBreaching',
        alarm_actions: [ref(stack, platform.alarmTopic.topic.arn)],
        ok_actions: [ref(stack, platform.alarmTopic.topic.arn)],
      });
    });
  });

  test('one backup role, trusted by AWS Backup of this account only, with exactly the managed backup and restore policies', () => {
    expect(synthesized).toHaveResourceInRegion(IamRole, 'us-east-1', {
      name: `platform-${env}-backup`,
      assume_role_policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Service: 'backup.amazonaws.com' },
            Action: 'sts:AssumeRole',
            Condition: { StringEquals: { 'aws:SourceAccount': config.accountId } },
          },
        ],
      }),
    });
    const attached = Object.values(resourcesOf(synth, 'aws_iam_role_policy_attachment'))
      .filter((a) => a.role === ref(stack, stack.backup.role.role.name))
      .map((a) => a.policy_arn);
    expect(attached).toEqual([
      'arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup',
      'arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores',
    ]);
    expect(Object.keys(resourcesOf(synth, 'aws_backup_selection'))).toHaveLength(3);
  });
});

describe.each(ENVIRONMENTS)('application access to the database in %s', (env) => {
  const config = configOf(env);
  const stack = committedStack(env);
  const synthesized = committedSynth(env);

  test.each(REGIONS)('the instance role of %s connects as the application user of its cluster, and reads no secret', (region) => {
    const platform = stack.regions[region]!;
    const connect = `arn:aws:rds-db:${region}:${config.accountId}:dbuser:${ref(stack, platform.database.cluster.clusterResourceId)}/app_user`;
    const logGroupArn = ref(stack, platform.fleet.logGroup.arn);
    expect(synthesized).toHaveResourceInRegion(IamRolePolicy, region, {
      role: ref(stack, platform.fleet.role.role.id),
      policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'ShipLogs',
            Effect: 'Allow',
            Action: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
            Resource: [logGroupArn, `${logGroupArn}:*`],
          },
          {
            Sid: 'AgentMetrics',
            Effect: 'Allow',
            Action: 'cloudwatch:PutMetricData',
            Resource: '*',
            Condition: { StringEquals: { 'cloudwatch:namespace': 'CWAgent' } },
          },
          { Sid: 'AgentInstanceTags', Effect: 'Allow', Action: 'ec2:DescribeTags', Resource: '*' },
          { Sid: 'ConnectAsApplicationUser', Effect: 'Allow', Action: 'rds-db:connect', Resource: connect },
        ],
      }),
    });
  });

  test.each(REGIONS)('the instances of %s know where and as whom to connect, and how to get a token', (region) => {
    const platform = stack.regions[region]!;
    const props = {
      environment: env,
      region,
      appPort: config.compute.appPort,
      logGroupName: `/platform/${env}/${region}/application`,
      database: { host: platform.database.applicationEndpoint, user: 'app_user', connectArn: 'not rendered' },
    };
    // The text around the endpoint (which the launch template check above pins by reference).
    const userData = renderUserData({ ...props, database: { ...props.database, host: 'HOST' } });
    const [template] = regionalResources(JSON.parse(synthesized), 'aws_launch_template', region);
    expect(template.user_data).toBe(ref(stack, userDataExpression(props)));
    expect(userData).toContain(
      [
        '  - path: /etc/platform/database.env',
        "    permissions: '0644'",
        '    content: |',
        '      DB_HOST=HOST',
        '      DB_PORT=5432',
        '      DB_NAME=app',
        '      DB_USER=app_user',
        `      DB_REGION=${region}`,
        '      DB_SSLMODE=verify-full',
        '      DB_SSLROOTCERT=/etc/platform/rds-ca-bundle.pem',
      ].join('\n'),
    );
    expect(userData).toContain(
      'exec aws rds generate-db-auth-token --hostname "$DB_HOST" --port "$DB_PORT" --region "$DB_REGION" --username "$DB_USER"',
    );
    expect(userData).toContain(
      '  - [curl, --fail, --silent, --show-error, --output, /etc/platform/rds-ca-bundle.pem, https://truststore.pki.rds.amazonaws.com/global/global-bundle.pem]',
    );
    // The writer's cluster endpoint where the writer is; the reader endpoint (write forwarding) elsewhere.
    expect(ref(stack, platform.database.applicationEndpoint)).toBe(
      ref(
        stack,
        region === 'us-east-1' || config.database.topology === 'regional'
          ? platform.database.cluster.endpoint
          : platform.database.cluster.readerEndpoint,
      ),
    );
  });
});

describe.each(['staging', 'prod'] as const)('master secret of the global database in %s', (env) => {
  const config = configOf(env);
  const stack = committedStack(env);
  const synthesized = committedSynth(env);
  const synth: Synth = JSON.parse(synthesized);
  const rotation = stack.secretRotation!;
  const home = stack.regions['us-east-1']!;
  const functionName = `platform-${env}-master-secret-rotation`;

  test("AWS's PostgreSQL single-user rotation application, in the home region's private subnets, under its key", () => {
    expect(synthesized).toHaveResourceInRegion(ServerlessapplicationrepositoryCloudformationStack, 'us-east-1', {
      name: functionName,
      application_id: 'arn:aws:serverlessrepo:us-east-1:297356227824:applications/SecretsManagerRDSPostgreSQLRotationSingleUser',
      semantic_version: ROTATION_APPLICATION.version,
      capabilities: ['CAPABILITY_IAM', 'CAPABILITY_RESOURCE_POLICY'],
      parameters: {
        functionName,
        endpoint: 'https://secretsmanager.us-east-1.amazonaws.com',
        vpcSubnetIds: `\${join(",", [${subnetRefs(stack, configOf(env), 'us-east-1', 'private')
          .map((r) => r.slice(2, -1))
          .join(', ')}])}`,
        vpcSecurityGroupIds: ref(stack, rotation.securityGroup.id),
        kmsKeyArn: ref(stack, home.key.arn),
      },
    });
  });

  test('rotation every rotationDays by that function, not at creation, after the secret, the writer and the routes', () => {
    expect(synthesized).toHaveResourceInRegion(SecretsmanagerSecretRotation, 'us-east-1', {
      secret_id: ref(stack, stack.databaseSecret!.secret.id),
      rotation_lambda_arn: `arn:aws:lambda:us-east-1:${config.accountId}:function:${functionName}`,
      rotation_rules: { automatically_after_days: config.database.rotationDays },
      rotate_immediately: false,
    });
    const [body] = Object.values(resourcesOf(synth, 'aws_secretsmanager_secret_rotation'));
    expect(body.depends_on).toEqual(
      [rotation.application, stack.databaseSecret!.version, home.database.writer, ...home.network.privateEgress].map(
        (r) => `${(r as any).terraformResourceType}.${(r as any).friendlyUniqueId}`,
      ),
    );
    expect(Object.keys(resourcesOf(synth, 'aws_secretsmanager_secret_rotation'))).toHaveLength(1);
  });

  test('the function reaches the database and HTTPS only, and the database admits it', () => {
    const group = ref(stack, rotation.securityGroup.id);
    const database = ref(stack, home.network.securityGroups.database.id);
    expect(synthesized).toHaveResourceInRegion(VpcSecurityGroupEgressRule, 'us-east-1', {
      security_group_id: group,
      ip_protocol: 'tcp',
      from_port: 5432,
      to_port: 5432,
      referenced_security_group_id: database,
      description: 'PostgreSQL to the database',
    });
    expect(synthesized).toHaveResourceInRegion(VpcSecurityGroupEgressRule, 'us-east-1', {
      security_group_id: group,
      ip_protocol: 'tcp',
      from_port: 443,
      to_port: 443,
      cidr_ipv4: '0.0.0.0/0',
      description: 'HTTPS to the Secrets Manager API (interface endpoint or NAT)',
    });
    expect(synthesized).toHaveResourceInRegion(VpcSecurityGroupIngressRule, 'us-east-1', {
      security_group_id: database,
      ip_protocol: 'tcp',
      from_port: 5432,
      to_port: 5432,
      referenced_security_group_id: group,
      description: 'PostgreSQL from the master secret rotation function',
    });
    const rules = [...Object.values(resourcesOf(synth, 'aws_vpc_security_group_egress_rule'))].filter((r) => r.security_group_id === group);
    expect(rules).toHaveLength(2);
  });

  test("its log group exists first, under the home region's key, with the configured retention", () => {
    expect(synthesized).toHaveResourceInRegion(CloudwatchLogGroup, 'us-east-1', {
      name: `/aws/lambda/${functionName}`,
      kms_key_id: ref(stack, home.key.arn),
      retention_in_days: config.logRetentionDays,
    });
  });

  test('only the configured break-glass role is granted the secret, in every region, through Secrets Manager', () => {
    const secretName = `platform/${env}/database/master`;
    expect(synthesized).toHaveResourceInRegion(IamRolePolicy, 'us-east-1', {
      role: 'platform-break-glass',
      name: `platform-${env}-database-master-break-glass-read`,
      policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'ReadMasterSecret',
            Effect: 'Allow',
            Action: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
            Resource: `arn:aws:secretsmanager:*:${config.accountId}:secret:${secretName}-??????`,
          },
          {
            Sid: 'DecryptMasterSecret',
            Effect: 'Allow',
            Action: 'kms:Decrypt',
            Resource: REGIONS.map((r) => ref(stack, stack.regions[r]!.key.arn)),
            Condition: { StringLike: { 'kms:ViaService': 'secretsmanager.*.amazonaws.com' } },
          },
        ],
      }),
    });
    const readers = Object.values(resourcesOf(synth, 'aws_iam_role_policy')).filter((p) =>
      String(p.policy).includes('secretsmanager:GetSecretValue'),
    );
    expect(readers).toHaveLength(1);
  });
});

test('dev keeps RDS-managed rotation: no rotation function, no break-glass grant', () => {
  const stack = committedStack('dev');
  const synth: Synth = JSON.parse(committedSynth('dev'));
  expect(stack.secretRotation).toBeUndefined();
  expect(resourcesOf(synth, 'aws_secretsmanager_secret_rotation')).toEqual({});
  expect(resourcesOf(synth, 'aws_serverlessapplicationrepository_cloudformation_stack')).toEqual({});
  expect(Object.values(resourcesOf(synth, 'aws_rds_cluster')).map((c) => c.manage_master_user_password)).toEqual([true, true, true]);
});

describe.each(ENVIRONMENTS)('anonymous-IP rules of the web ACL in %s', (env) => {
  const on = configOf(env).waf.anonymousIpList;
  const synthesized = committedSynth(env);

  test.each(REGIONS)(`in %s: ${on ? 'blocks VPNs, Tor and proxies, counts hosting providers' : 'off'}`, (region) => {
    const acl = Object.values(JSON.parse(synthesized).resource.aws_wafv2_web_acl as Record<string, any>).find(
      (a) => a.provider === `aws.${region.replace(/-/g, '_')}`,
    );
    const anonymous = acl.rule.filter((r: any) => r.name === 'AWSManagedRulesAnonymousIpList');
    expect(anonymous).toEqual(
      on
        ? [
            {
              name: 'AWSManagedRulesAnonymousIpList',
              priority: 50,
              override_action: { none: {} },
              statement: {
                managed_rule_group_statement: {
                  vendor_name: 'AWS',
                  name: 'AWSManagedRulesAnonymousIpList',
                  rule_action_override: [{ name: 'HostingProviderIPList', action_to_use: { count: {} } }],
                },
              },
              visibility_config: {
                cloudwatch_metrics_enabled: true,
                sampled_requests_enabled: true,
                metric_name: `platform-${env}-${region}-AWSManagedRulesAnonymousIpList`,
              },
            },
          ]
        : [],
    );
    expect(synthesized).toHaveResourceInRegion(Wafv2WebAcl, region, { name: `platform-${env}-${region}` });
  });
});
