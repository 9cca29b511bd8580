import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { SecretsmanagerSecret } from '@cdktf/provider-aws/lib/secretsmanager-secret';
import { SecretsmanagerSecretVersion } from '@cdktf/provider-aws/lib/secretsmanager-secret-version';
import { Fn, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { POSTGRES_PORT } from '../network/security-groups';
import { DATABASE_NAME, MASTER_USERNAME } from './aurora-cluster';
import { policyJson } from '../security/policy';

/** Name of the ephemeral read of the secret that feeds the cluster's write-only master password. */
export const MASTER_SECRET_READ = 'db_master_secret';

/**
 * The master password as the cluster receives it: read back from the secret during the run
 * (ephemeral, never stored), so the cluster and the secret cannot hold different passwords.
 */
export const PASSWORD_FROM_SECRET = `\${jsondecode(ephemeral.aws_secretsmanager_secret_version.${MASTER_SECRET_READ}.secret_string).password}`;

export interface DatabaseSecretProps {
  /** Provider of the primary region, where the secret lives. */
  readonly provider: AwsProvider;
  readonly name: string;
  readonly accountId: string;
  /** The primary region's CMK. */
  readonly kmsKeyArn: string;
  /** Replica region -> that region's CMK. */
  readonly replicas: Readonly<Record<string, string>>;
  /** The password's Terraform expression (ephemeral); it is written write-only. */
  readonly password: string;
  /** Bump to write a new password (rotation); the cluster's password version is the same number. */
  readonly version: number;
  /** Host in the secret: the global writer endpoint. */
  readonly host: string;
  /** Days a deleted secret can be restored (7-30); 0 deletes it at once, so its name is free again. */
  readonly recoveryWindowDays: number;
  /** `lifecycle.prevent_destroy` on the secret. */
  readonly preventDestroy: boolean;
}

/**
 * The database's master credentials in Secrets Manager, under the primary region's CMK and
 * replicated to the other regions under theirs. The secret is the single source of the
 * password: the generated value is written into it (`secret_string_wo`), and the cluster's
 * write-only password is read back from it by an ephemeral `aws_secretsmanager_secret_version`
 * after that write ({@link PASSWORD_FROM_SECRET}). Both carry the same version number, so a
 * partial first apply or a rotation cannot leave the two apart. Neither value reaches state
 * or the synthesized JSON.
 */
export class DatabaseSecret extends Construct {
  readonly secret: SecretsmanagerSecret;
  readonly version: SecretsmanagerSecretVersion;
  private readonly provider: AwsProvider;
  private readonly accountId: string;
  private readonly secretName: string;

  constructor(scope: Construct, id: string, props: DatabaseSecretProps) {
    super(scope, id);
    this.provider = props.provider;
    this.accountId = props.accountId;
    this.secretName = props.name;
    this.secret = new SecretsmanagerSecret(this, 'secret', {
      provider: props.provider,
      name: props.name,
      description: 'Master credentials of the Aurora global database (username, password, engine, host, port, dbname)',
      kmsKeyId: props.kmsKeyArn,
      recoveryWindowInDays: props.recoveryWindowDays,
      lifecycle: { preventDestroy: props.preventDestroy },
      replica: Object.entries(props.replicas).map(([region, kmsKeyId]) => ({ region, kmsKeyId })),
    });
    this.version = new SecretsmanagerSecretVersion(this, 'value', {
      provider: props.provider,
      secretId: this.secret.id,
      secretStringWo: Fn.jsonencode({
        username: MASTER_USERNAME,
        password: props.password,
        engine: 'postgres',
        host: props.host,
        port: POSTGRES_PORT,
        dbname: DATABASE_NAME,
      }),
      secretStringWoVersion: props.version,
    });
    // cdktf 0.21 has no class for ephemeral resources: the read is added as a raw block. It runs
    // after the version above is written, in the primary region, in every plan and apply.
    TerraformStack.of(this).addOverride(`ephemeral.aws_secretsmanager_secret_version.${MASTER_SECRET_READ}`, {
      provider: props.provider.fqn,
      secret_id: this.secret.id,
      version_stage: 'AWSCURRENT',
      // depends_on takes bare addresses in Terraform JSON (as cdktf writes them for resources).
      depends_on: [`${this.version.terraformResourceType}.${this.version.friendlyUniqueId}`],
    });
  }

  /**
   * Lets one existing operator role read the secret in every region (break-glass): an inline
   * policy on that role, for this secret and its replicas and the keys that encrypt them. No other
   * role of the platform is granted the secret; the rotation function's role comes with its
   * application (scoped to this secret).
   */
  grantBreakGlassRead(roleArn: string, keyArns: readonly string[]): IamRolePolicy {
    const match = /^arn:aws:iam::\d{12}:role\/(?:.*\/)?([\w+=,.@-]+)$/.exec(roleArn);
    if (!match) throw new Error(`DatabaseSecret ${this.node.path}: not an IAM role ARN: ${roleArn}`);
    const name = this.secretName;
    return new IamRolePolicy(this, 'break-glass-read', {
      provider: this.provider,
      role: match[1]!,
      name: `${name.replace(/[^\w+=,.@-]/g, '-')}-break-glass-read`,
      policy: policyJson({
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'ReadMasterSecret',
            Effect: 'Allow',
            Action: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
            // The secret and its replicas share name and suffix, in every region.
            Resource: `arn:aws:secretsmanager:*:${this.accountId}:secret:${name}-??????`,
          },
          {
            Sid: 'DecryptMasterSecret',
            Effect: 'Allow',
            Action: 'kms:Decrypt',
            Resource: [...keyArns],
            Condition: { StringLike: { 'kms:ViaService': 'secretsmanager.*.amazonaws.com' } },
          },
        ],
      }),
    });
  }

  get arn(): string {
    return this.secret.arn;
  }
}
