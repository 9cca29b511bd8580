import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { Construct } from 'constructs';
import { PolicyStatement, policyJson } from '../security/policy';
import { blockAllPublicAccess, denyInsecureTransport } from '../security/s3';

export const ACCESS_LOG_PREFIX = 'alb';

export interface AccessLogBucketProps {
  readonly provider: AwsProvider;
  readonly accountId: string;
  /** Globally unique bucket name. */
  readonly bucketName: string;
  /**
   * Who delivers the logs: the region's Elastic Load Balancing account (regions older than
   * August 2022), else undefined for the log-delivery service principal.
   */
  readonly elbLogDeliveryAccount?: string;
  /** Days before log objects expire. */
  readonly expirationDays: number;
  /** Let Terraform delete the bucket with its objects (destroyable profile only). */
  readonly forceDestroy: boolean;
}

/**
 * The load balancer's access-log bucket, in the load balancer's region, with all its companions:
 * versioning, every public-access block, owner-enforced objects, encryption, a TLS-only policy
 * that admits the log delivery, and lifecycle expiry.
 */
export class AccessLogBucket extends Construct {
  readonly bucket: S3Bucket;
  readonly policy: S3BucketPolicy;

  constructor(scope: Construct, id: string, props: AccessLogBucketProps) {
    super(scope, id);
    const { provider } = props;
    this.bucket = new S3Bucket(this, 'bucket', { provider, bucket: props.bucketName, forceDestroy: props.forceDestroy });
    const bucket = this.bucket.id;

    new S3BucketVersioningA(this, 'versioning', { provider, bucket, versioningConfiguration: { status: 'Enabled' } });
    const publicAccess = blockAllPublicAccess(this, 'public-access', provider, bucket);
    new S3BucketOwnershipControls(this, 'ownership', { provider, bucket, rule: { objectOwnership: 'BucketOwnerEnforced' } });
    new S3BucketServerSideEncryptionConfigurationA(this, 'encryption', {
      provider,
      bucket,
      // Exception to "CMK everywhere": ALB access-log delivery supports only SSE-S3 (AES256), not
      // SSE-KMS, so this bucket uses S3-managed keys.
      rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }],
    });
    new S3BucketLifecycleConfiguration(this, 'lifecycle', {
      provider,
      bucket,
      rule: [
        {
          id: 'expire-access-logs',
          status: 'Enabled',
          filter: [{ prefix: '' }],
          expiration: [{ days: props.expirationDays }],
          noncurrentVersionExpiration: [{ noncurrentDays: 7 }],
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: 1 }],
        },
      ],
    });

    const objects = `${this.bucket.arn}/${ACCESS_LOG_PREFIX}/AWSLogs/${props.accountId}/*`;
    const delivery: PolicyStatement = props.elbLogDeliveryAccount
      ? {
          Sid: 'ElbLogDelivery',
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${props.elbLogDeliveryAccount}:root` },
          Action: 's3:PutObject',
          Resource: objects,
        }
      : {
          Sid: 'ElbLogDelivery',
          Effect: 'Allow',
          Principal: { Service: 'logdelivery.elasticloadbalancing.amazonaws.com' },
          Action: 's3:PutObject',
          Resource: objects,
        };
    this.policy = new S3BucketPolicy(this, 'policy', {
      provider,
      bucket,
      policy: policyJson({
        Version: '2012-10-17',
        Statement: [denyInsecureTransport(this.bucket.arn), delivery],
      }),
      // The public-access block must exist first, or S3 may judge the policy before it applies.
      dependsOn: [publicAccess],
    });
  }
}
