import { TerraformStack, Testing } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { RegionalKey } from '../src/constructs/security/regional-key';
import { pinsAccount } from '../src/policy/rules/kms-no-unconditioned-public-principal';
import { ENVIRONMENTS, Synth, configOf, ref, regionalResources, testStack } from './helpers';
import { scratchDir } from './scratch';

const REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1'];

/** One stack and one synth per environment, shared by the file. */
const built = Object.fromEntries(
  ENVIRONMENTS.map((env) => {
    const stack = testStack(env);
    return [env, { stack, synthesized: Testing.synth(stack) }];
  }),
);

describe.each(ENVIRONMENTS)('KMS keys of %s', (env) => {
  const config = configOf(env);
  const { stack, synthesized } = built[env]!;
  const synth: Synth = JSON.parse(synthesized);
  const protectedProfile = config.protection === 'protected';

  describe.each(REGIONS)('in %s', (region) => {
    const [key] = regionalResources(synth, 'aws_kms_key', region);
    const policy = JSON.parse(key.policy);
    const statement = (sid: string) => policy.Statement.find((s: any) => s.Sid === sid);

    test(`rotation on, ${protectedProfile ? '30' : '7'}-day deletion window, prevent_destroy ${protectedProfile}`, () => {
      expect(synthesized).toHaveResourceInRegion(KmsKey, region, {
        enable_key_rotation: true,
        deletion_window_in_days: protectedProfile ? 30 : 7,
        lifecycle: { prevent_destroy: protectedProfile },
      });
      expect(regionalResources(synth, 'aws_kms_key', region)).toHaveLength(1);
    });

    test('an alias naming the project and environment', () => {
      expect(synthesized).toHaveResourceInRegion(KmsAlias, region, {
        name: `alias/platform-${env}`,
        target_key_id: ref(stack, stack.regions[region]!.key.key.keyId),
      });
      expect(regionalResources(synth, 'aws_kms_alias', region)).toHaveLength(1);
    });

    test('the account administers the key', () => {
      expect(statement('AccountAdministration')).toEqual({
        Sid: 'AccountAdministration',
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${config.accountId}:root` },
        Action: 'kms:*',
        Resource: '*',
      });
    });

    test("this region's CloudWatch Logs may use it for this account's log groups only", () => {
      expect(statement('CloudWatchLogsOfThisRegion')).toEqual({
        Sid: 'CloudWatchLogsOfThisRegion',
        Effect: 'Allow',
        Principal: { Service: `logs.${region}.amazonaws.com` },
        Action: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
        Resource: '*',
        Condition: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:aws:logs:${region}:${config.accountId}:log-group:*` } },
      });
    });

    test('exactly these statements: none names a principal that may not exist yet (a service-linked role)', () => {
      expect(policy.Statement.map((s: any) => s.Sid)).toEqual([
        'AccountAdministration',
        'CloudWatchLogsOfThisRegion',
        'AccountPrincipalsThroughServices',
        'CloudWatchAlarmsToEncryptedTopic',
      ]);
      expect(key.policy).not.toContain('aws-service-role');
    });

    test('Auto Scaling gets EBS encryption through EC2 (kms:ViaService), as with the aws/ebs key: encrypt, decrypt and grants', () => {
      expect(statement('AccountPrincipalsThroughServices')).toEqual({
        Sid: 'AccountPrincipalsThroughServices',
        Effect: 'Allow',
        Principal: { AWS: '*' },
        Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:CreateGrant', 'kms:DescribeKey'],
        Resource: '*',
        // Pinned in the next test.
        Condition: expect.any(Object),
      });
    });

    test('RDS, Secrets Manager, EC2 and AWS Backup act through the key for this account only (kms:ViaService)', () => {
      expect(statement('AccountPrincipalsThroughServices').Condition).toEqual({
        StringEquals: {
          'kms:CallerAccount': config.accountId,
          'kms:ViaService': [
            `rds.${region}.amazonaws.com`,
            `secretsmanager.${region}.amazonaws.com`,
            `ec2.${region}.amazonaws.com`,
            `backup.${region}.amazonaws.com`,
          ],
        },
      });
    });

    test('CloudWatch alarms of this account may publish to encrypted topics', () => {
      expect(statement('CloudWatchAlarmsToEncryptedTopic')).toEqual({
        Sid: 'CloudWatchAlarmsToEncryptedTopic',
        Effect: 'Allow',
        Principal: { Service: 'cloudwatch.amazonaws.com' },
        Resource: '*',
        Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        Condition: { StringEquals: { 'aws:SourceAccount': config.accountId } },
      });
    });

    test('the one statement open to principal "*" is pinned to this account (a meaningless condition would fail)', () => {
      const open = policy.Statement.filter((s: any) => s.Principal === '*' || s.Principal?.AWS === '*');
      expect(open.map((s: any) => s.Sid)).toEqual(['AccountPrincipalsThroughServices']);
      expect(open.map((s: any) => pinsAccount(s.Condition))).toEqual([true]);
      expect(open[0].Condition.StringEquals['kms:CallerAccount']).toBe(config.accountId);
    });
  });
});

describe('Terraform addresses of the keys are a contract', () => {
  test.each(ENVIRONMENTS)('%s', (env) => {
    expect(Object.keys(JSON.parse(built[env]!.synthesized).resource.aws_kms_key).sort()).toEqual([
      'eu-west-1_key_FB0734D7',
      'us-east-1_key_53ABB8CB',
      'us-west-2_key_DBA3F56C',
    ]);
  });
});

describe('RegionalKey props', () => {
  test.each([6, 31, 7.5])('fails when the deletion window is %s days', (days) => {
    const app = Testing.app({ outdir: scratchDir('app') });
    const stack = new TerraformStack(app, 's');
    const provider = new AwsProvider(stack, 'p', { region: 'us-east-1', alias: 'us_east_1' });
    expect(
      () =>
        new RegionalKey(stack, 'k', {
          provider,
          region: 'us-east-1',
          accountId: '111111111111',
          aliasName: 'x',
          deletionWindowDays: days,
          preventDestroy: false,
        }),
    ).toThrow(`RegionalKey s/k: deletionWindowDays must be an integer from 7 to 30, got ${days}`);
  });
});
