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
import { S3BucketReplicationConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-replication-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { LocalBackend, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { providerAlias } from '../config/regions';
import { policyJson, serviceTrustPolicy } from '../constructs/security/policy';
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
  /**
   * A second region that holds a replica of the state bucket (own key, same protections), so
   * Terraform can run against it while the bucket's region is down (runbook).
   * @default - no replica
   */
  readonly replicaRegion?: string;
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
  /** The replica bucket and its key, when a replica region is configured. */
  readonly replica?: { readonly bucket: S3Bucket; readonly key: KmsKey };
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

    const source = stateBucket(this, '', provider, props, props.bucket);
    this.key = source.key;
    this.bucket = source.bucket;
    const bucket = source.bucket;
    if (props.replicaRegion) {
      const replicaProvider = new AwsProvider(this, `aws-${props.replicaRegion}`, {
        region: props.replicaRegion,
        alias: providerAlias(props.replicaRegion),
        allowedAccountIds: [props.accountId],
        defaultTags: [{ tags: { ...props.tags } }],
      });
      const replica = stateBucket(this, 'replica-', replicaProvider, props, replicaBucketName(props.bucket));
      this.replica = replica;
      replicate(this, provider, props, source, replica);
    }

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

interface BucketWithKey {
  readonly bucket: S3Bucket;
  readonly key: KmsKey;
  readonly versioning: S3BucketVersioningA;
}

/** Name of the replica of a state bucket: `<bucket>-replica`. */
export function replicaBucketName(bucket: string): string {
  return `${bucket}-replica`;
}

/**
 * A state bucket and its key in the provider's region: the key (rotating, under the alias the
 * backend names), versioning, SSE-KMS by default under that key, all public access blocked,
 * owner-enforced objects, TLS only, old versions expiring, both kept from destroy.
 */
function stateBucket(
  scope: Construct,
  idPrefix: string,
  provider: AwsProvider,
  props: StateBootstrapStackProps,
  name: string,
): BucketWithKey {
  // The backend names this key (through its alias) as kms_key_id, so every state object is
  // SSE-KMS under it. Administration through IAM of the owning account; the central layout's
  // roles get their use through their own policies.
  const key = new KmsKey(scope, `${idPrefix}state-key`, {
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
  new KmsAlias(scope, `${idPrefix}state-key-alias`, { provider, name: props.keyAlias, targetKeyId: key.keyId });

  const bucket = new S3Bucket(scope, name, { provider, bucket: name, lifecycle: { preventDestroy: true } });
  const bucketId = bucket.id;
  const versioning = new S3BucketVersioningA(scope, `${name}-versioning`, {
    provider,
    bucket: bucketId,
    versioningConfiguration: { status: 'Enabled' },
  });
  const publicAccess = blockAllPublicAccess(scope, `${name}-public-access`, provider, bucketId);
  new S3BucketOwnershipControls(scope, `${name}-ownership`, {
    provider,
    bucket: bucketId,
    rule: { objectOwnership: 'BucketOwnerEnforced' },
  });
  new S3BucketServerSideEncryptionConfigurationA(scope, `${name}-encryption`, {
    provider,
    bucket: bucketId,
    // The same key the backend names, as the default for anything written without it.
    rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: key.arn }, bucketKeyEnabled: true }],
  });
  new S3BucketLifecycleConfiguration(scope, `${name}-lifecycle`, {
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
    // The provider's documented order: lifecycle rules on versions after versioning is on.
    dependsOn: [versioning],
  });
  new S3BucketPolicy(scope, `${name}-policy`, {
    provider,
    bucket: bucketId,
    policy: policyJson({ Version: '2012-10-17', Statement: [denyInsecureTransport(bucket.arn)] }),
    dependsOn: [publicAccess],
  });
  return { bucket, key, versioning };
}

/**
 * S3 replication of every state object (and delete markers) to the replica, re-encrypted under
 * the replica region's key, through a role only S3 of this account may assume. S3 requires
 * versioning on both buckets before the replication configuration (S3 User Guide, "Requirements
 * and considerations for replication"; "Replicating objects created with SSE-KMS").
 */
function replicate(
  scope: Construct,
  provider: AwsProvider,
  props: StateBootstrapStackProps,
  source: BucketWithKey,
  replica: BucketWithKey,
): void {
  const role = new IamRole(scope, 'replication-role', {
    provider,
    name: `${props.keyAlias.replace(/^alias\//, '')}-replication`,
    description: `S3 replication of s3://${props.bucket} to its replica`,
    assumeRolePolicy: policyJson(serviceTrustPolicy('s3.amazonaws.com', props.accountId, source.bucket.arn)),
  });
  new IamRolePolicy(scope, 'replication-role-policy', {
    provider,
    name: 'replicate-state',
    role: role.id,
    policy: policyJson({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'ReadSourceConfiguration',
          Effect: 'Allow',
          Action: ['s3:GetReplicationConfiguration', 's3:ListBucket'],
          Resource: source.bucket.arn,
        },
        {
          Sid: 'ReadSourceVersions',
          Effect: 'Allow',
          Action: ['s3:GetObjectVersionForReplication', 's3:GetObjectVersionAcl', 's3:GetObjectVersionTagging'],
          Resource: `${source.bucket.arn}/*`,
        },
        {
          Sid: 'WriteReplica',
          Effect: 'Allow',
          Action: ['s3:ReplicateObject', 's3:ReplicateDelete', 's3:ReplicateTags'],
          Resource: `${replica.bucket.arn}/*`,
        },
        { Sid: 'DecryptSource', Effect: 'Allow', Action: 'kms:Decrypt', Resource: source.key.arn },
        { Sid: 'EncryptReplica', Effect: 'Allow', Action: ['kms:Encrypt', 'kms:GenerateDataKey'], Resource: replica.key.arn },
      ],
    }),
  });
  new S3BucketReplicationConfigurationA(scope, 'replication', {
    provider,
    bucket: source.bucket.id,
    role: role.arn,
    rule: [
      {
        id: 'state-to-replica',
        status: 'Enabled',
        filter: { prefix: '' },
        deleteMarkerReplication: { status: 'Enabled' },
        sourceSelectionCriteria: { sseKmsEncryptedObjects: { status: 'Enabled' } },
        destination: { bucket: replica.bucket.arn, encryptionConfiguration: { replicaKmsKeyId: replica.key.arn } },
      },
    ],
    dependsOn: [source.versioning, replica.versioning],
  });
}
