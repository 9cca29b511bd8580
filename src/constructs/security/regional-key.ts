import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Construct } from 'constructs';
import { PolicyDocument, PolicyStatement, policyJson } from './policy';

export interface RegionalKeyProps {
  readonly provider: AwsProvider;
  readonly region: string;
  readonly accountId: string;
  /** Alias name without the `alias/` prefix, e.g. `platform-dev`. */
  readonly aliasName: string;
  /** Days a scheduled deletion waits: 7 to 30. */
  readonly deletionWindowDays: number;
  /** `lifecycle.prevent_destroy`: Terraform refuses any plan that would destroy the key. */
  readonly preventDestroy: boolean;
}

/** Services that may use the key on behalf of principals of the account (`kms:ViaService`). */
const VIA_SERVICES = ['rds', 'secretsmanager', 'ec2', 'backup'] as const;

/**
 * The region's customer-managed key: logs, EBS volumes, the database, its secret and the alarm
 * topic of the region are encrypted with it. Rotation is on; the key policy is explicit.
 */
export class RegionalKey extends Construct {
  readonly key: KmsKey;
  readonly alias: KmsAlias;

  constructor(scope: Construct, id: string, props: RegionalKeyProps) {
    super(scope, id);
    if (!Number.isInteger(props.deletionWindowDays) || props.deletionWindowDays < 7 || props.deletionWindowDays > 30) {
      throw new Error(`RegionalKey ${this.node.path}: deletionWindowDays must be an integer from 7 to 30, got ${props.deletionWindowDays}`);
    }
    this.key = new KmsKey(this, 'key', {
      provider: props.provider,
      description: `Platform key for ${props.aliasName} in ${props.region}: logs, EBS, database, secrets, alarms`,
      enableKeyRotation: true,
      deletionWindowInDays: props.deletionWindowDays,
      policy: policyJson(regionalKeyPolicy(props.region, props.accountId)),
      lifecycle: { preventDestroy: props.preventDestroy },
    });
    this.alias = new KmsAlias(this, 'alias', {
      provider: props.provider,
      name: `alias/${props.aliasName}`,
      targetKeyId: this.key.keyId,
    });
  }

  get arn(): string {
    return this.key.arn;
  }
}

/** The key policy: account administration through IAM, plus exactly the services that need the key. */
export function regionalKeyPolicy(region: string, accountId: string): PolicyDocument {
  const account = `arn:aws:iam::${accountId}:root`;
  const statements: PolicyStatement[] = [
    {
      // Without it nobody, root included, could manage the key; IAM policies decide who may use it.
      Sid: 'AccountAdministration',
      Effect: 'Allow',
      Principal: { AWS: account },
      Action: 'kms:*',
      Resource: '*',
    },
    {
      Sid: 'CloudWatchLogsOfThisRegion',
      Effect: 'Allow',
      Principal: { Service: `logs.${region}.amazonaws.com` },
      Action: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
      Resource: '*',
      Condition: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:aws:logs:${region}:${accountId}:log-group:*` } },
    },
    {
      // RDS (storage, Performance Insights, snapshot copies), Secrets Manager, EC2 (EBS) and AWS
      // Backup (vaults, copies re-encrypted with the destination vault's key) act for principals of
      // this account only, and only through those services in this region. This is also how the
      // Auto Scaling service-linked role uses the key for the EBS volumes of the instances it
      // launches (EC2 calls KMS for it), the pattern of the AWS managed aws/ebs key. Naming that
      // role instead would make CreateKey fail with MalformedPolicyDocumentException in an account
      // where Auto Scaling was never used, because the role does not exist yet.
      Sid: 'AccountPrincipalsThroughServices',
      Effect: 'Allow',
      Principal: { AWS: '*' },
      Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:CreateGrant', 'kms:DescribeKey'],
      Resource: '*',
      Condition: {
        StringEquals: {
          'kms:CallerAccount': accountId,
          'kms:ViaService': VIA_SERVICES.map((s) => `${s}.${region}.amazonaws.com`),
        },
      },
    },
    {
      // CloudWatch alarms publish to the CMK-encrypted alarm topic.
      Sid: 'CloudWatchAlarmsToEncryptedTopic',
      Effect: 'Allow',
      Principal: { Service: 'cloudwatch.amazonaws.com' },
      Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
      Resource: '*',
      Condition: { StringEquals: { 'aws:SourceAccount': accountId } },
    },
  ];
  return { Version: '2012-10-17', Statement: statements };
}
