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

export interface StateBucket {
  readonly bucket: string;
  readonly region: string;
}

export interface StateBootstrapStackProps {
  /** Every distinct state bucket the environments use. */
  readonly buckets: readonly StateBucket[];
  /** Tags for everything (provider default tags). */
  readonly tags: Readonly<Record<string, string>>;
  /** Days noncurrent state versions are kept (they are the history to roll back to). */
  readonly noncurrentVersionDays: number;
}

/**
 * The S3 buckets that hold the platform's Terraform state. Run once per account, before the first
 * deploy, with a local backend (the bucket cannot hold the state that creates it).
 */
export class StateBootstrapStack extends TerraformStack {
  readonly buckets: Readonly<Record<string, S3Bucket>>;

  constructor(scope: Construct, id: string, props: StateBootstrapStackProps) {
    super(scope, id);
    new LocalBackend(this, { path: 'terraform.tfstate' });
    this.addOverride('terraform.required_version', '>= 1.11');
    const providers: Record<string, AwsProvider> = {};
    const buckets: Record<string, S3Bucket> = {};
    for (const { bucket: name, region } of props.buckets) {
      const provider = (providers[region] ??= new AwsProvider(this, `aws-${region}`, {
        region,
        alias: providerAlias(region),
        defaultTags: [{ tags: { ...props.tags } }],
      }));
      const bucket = new S3Bucket(this, name, { provider, bucket: name, lifecycle: { preventDestroy: true } });
      const id = bucket.id;
      new S3BucketVersioningA(this, `${name}-versioning`, { provider, bucket: id, versioningConfiguration: { status: 'Enabled' } });
      const publicAccess = blockAllPublicAccess(this, `${name}-public-access`, provider, id);
      new S3BucketOwnershipControls(this, `${name}-ownership`, { provider, bucket: id, rule: { objectOwnership: 'BucketOwnerEnforced' } });
      new S3BucketServerSideEncryptionConfigurationA(this, `${name}-encryption`, {
        provider,
        bucket: id,
        // SSE-KMS with the account's aws/s3 key: state holds resource ids and outputs; a CMK would
        // have to exist before the bucket that stores the state creating it.
        rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms' }, bucketKeyEnabled: true }],
      });
      new S3BucketLifecycleConfiguration(this, `${name}-lifecycle`, {
        provider,
        bucket: id,
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
        bucket: id,
        policy: policyJson({ Version: '2012-10-17', Statement: [denyInsecureTransport(bucket.arn)] }),
        dependsOn: [publicAccess],
      });
      buckets[name] = bucket;
    }
    this.buckets = buckets;
  }
}
