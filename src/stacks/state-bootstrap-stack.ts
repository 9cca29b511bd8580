import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { LocalBackend, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { providerAlias } from '../config/regions';
import { policyJson } from '../constructs/security/policy';
import { blockAllPublicAccess, denyInsecureTransport } from '../constructs/security/s3';

export const BOOTSTRAP_STACK_NAME = 'state-bootstrap';

/** A role in the central state account that environments' backends assume (`backend.roleArn`). */
export interface StateAccessRole {
  /** Role name (the last part of `backend.roleArn`). */
  readonly roleName: string;
  /** Accounts whose principals may assume it: the accounts of the environments that name it. */
  readonly trustedAccountIds: readonly string[];
  /** State object keys it may read and write, e.g. `env/prod/platform/terraform.tfstate`. */
  readonly stateKeys: readonly string[];
}

export interface StateBootstrapStackProps {
  readonly bucket: string;
  readonly region: string;
  /** The account that owns bucket and key; the provider refuses credentials of any other. */
  readonly accountId: string;
  /** Alias of the state key, e.g. `alias/platform-terraform-state`: the backend's `kms_key_id` names it. */
  readonly keyAlias: string;
  /** Central state account: the roles the environments' backends assume. Empty for a bucket per account. */
  readonly accessRoles: readonly StateAccessRole[];
  /** Tags for everything (provider default tags). */
  readonly tags: Readonly<Record<string, string>>;
  /** Days noncurrent state versions are kept (they are the history to roll back to). */
  readonly noncurrentVersionDays: number;
}

/**
 * The S3 bucket that holds the platform's Terraform state, with its own KMS key and, for a
 * central state account, the roles the environments' backends assume. One stack per state
 * account, applied before the first deploy with a local backend (the bucket cannot hold the state
 * that creates it); the local state file is named after the bucket, so bootstrapping a second
 * account from the same checkout never reuses the first one's state.
 */
export class StateBootstrapStack extends TerraformStack {
  readonly bucket: S3Bucket;
  readonly key: KmsKey;
  readonly roles: Readonly<Record<string, IamRole>>;

  constructor(scope: Construct, id: string, props: StateBootstrapStackProps) {
    super(scope, id);
    new LocalBackend(this, { path: `terraform.${props.bucket}.tfstate` });
    this.addOverride('terraform.required_version', '>= 1.11');
    const provider = new AwsProvider(this, `aws-${props.region}`, {
      region: props.region,
      alias: providerAlias(props.region),
      allowedAccountIds: [props.accountId],
      defaultTags: [{ tags: { ...props.tags } }],
    });
    const name = props.bucket;

    // The backend names this key (through its alias) as kms_key_id, so every state object is
    // SSE-KMS under it. Administration through IAM of the owning account; the central layout's
    // roles get their use through their own policies below.
    this.key = new KmsKey(this, 'state-key', {
      provider,
      description: `Terraform state in s3://${name}`,
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      policy: policyJson({
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'AccountAdministration',
            Effect: 'Allow',
            Principal: { AWS: `arn:aws:iam::${props.accountId}:root` },
            Action: 'kms:*',
            Resource: '*',
          },
        ],
      }),
      lifecycle: { preventDestroy: true },
    });
    new KmsAlias(this, 'state-key-alias', { provider, name: props.keyAlias, targetKeyId: this.key.keyId });

    const bucket = new S3Bucket(this, name, { provider, bucket: name, lifecycle: { preventDestroy: true } });
    const bucketId = bucket.id;
    new S3BucketVersioningA(this, `${name}-versioning`, { provider, bucket: bucketId, versioningConfiguration: { status: 'Enabled' } });
    const publicAccess = blockAllPublicAccess(this, `${name}-public-access`, provider, bucketId);
    new S3BucketOwnershipControls(this, `${name}-ownership`, {
      provider,
      bucket: bucketId,
      rule: { objectOwnership: 'BucketOwnerEnforced' },
    });
    new S3BucketServerSideEncryptionConfigurationA(this, `${name}-encryption`, {
      provider,
      bucket: bucketId,
      // The same key the backend names, as the default for anything written without it.
      rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: this.key.arn }, bucketKeyEnabled: true }],
    });
    new S3BucketLifecycleConfiguration(this, `${name}-lifecycle`, {
      provider,
      bucket: bucketId,
      rule: [
        {
          id: 'expire-old-state-versions',
          status: 'Enabled',
          filter: [{ prefix: '' }],
          noncurrentVersionExpiration: [{ noncurrentDays: props.noncurrentVersionDays }],
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
        },
      ],
    });
    new S3BucketPolicy(this, `${name}-policy`, {
      provider,
      bucket: bucketId,
      policy: policyJson({ Version: '2012-10-17', Statement: [denyInsecureTransport(bucket.arn)] }),
      dependsOn: [publicAccess],
    });
    this.bucket = bucket;

    const roles: Record<string, IamRole> = {};
    for (const access of props.accessRoles) {
      const role = new IamRole(this, `role-${access.roleName}`, {
        provider,
        name: access.roleName,
        description: `Terraform S3 backend access to s3://${name} for the accounts ${access.trustedAccountIds.join(', ')}`,
        // Account roots: those accounts' IAM decides which of their principals may assume it.
        assumeRolePolicy: policyJson({
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { AWS: access.trustedAccountIds.map((a) => `arn:aws:iam::${a}:root`) },
              Action: 'sts:AssumeRole',
            },
          ],
        }),
      });
      // What the S3 backend needs (Terraform docs, "Backend Type: s3", permissions): list the
      // bucket, read and write its environments' state objects and lock files, use the key.
      const objects = access.stateKeys.map((k) => `${bucket.arn}/${k}`);
      new IamRolePolicy(this, `role-${access.roleName}-policy`, {
        provider,
        name: 'terraform-state',
        role: role.id,
        policy: policyJson({
          Version: '2012-10-17',
          Statement: [
            { Sid: 'ListStateBucket', Effect: 'Allow', Action: 's3:ListBucket', Resource: bucket.arn },
            { Sid: 'ReadWriteState', Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: objects },
            {
              Sid: 'LockFiles',
              Effect: 'Allow',
              Action: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
              Resource: objects.map((o) => `${o}.tflock`),
            },
            { Sid: 'StateKey', Effect: 'Allow', Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:GenerateDataKey'], Resource: this.key.arn },
          ],
        }),
      });
      roles[access.roleName] = role;
    }
    this.roles = roles;
  }
}
