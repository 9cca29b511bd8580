import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { SecretsmanagerSecret } from '@cdktf/provider-aws/lib/secretsmanager-secret';
import { SecretsmanagerSecretVersion } from '@cdktf/provider-aws/lib/secretsmanager-secret-version';
import { Fn } from 'cdktf';
import { Construct } from 'constructs';
import { POSTGRES_PORT } from '../network/security-groups';
import { DATABASE_NAME, MASTER_USERNAME } from './aurora-cluster';

export interface DatabaseSecretProps {
  /** Provider of the primary region, where the secret lives. */
  readonly provider: AwsProvider;
  readonly name: string;
  /** The primary region's CMK. */
  readonly kmsKeyArn: string;
  /** Replica region -> that region's CMK. */
  readonly replicas: Readonly<Record<string, string>>;
  /** The password's Terraform expression (ephemeral); it is written write-only. */
  readonly password: string;
  /** Bump to write the password again (rotation). */
  readonly version: number;
  /** Host in the secret: the global writer endpoint. */
  readonly host: string;
  /** Days a deleted secret can be restored; 0 deletes at once. */
  readonly recoveryWindowDays: number;
}

/**
 * The database's master credentials in Secrets Manager, under the primary region's CMK and
 * replicated to the other regions under theirs. The value is written through
 * `secret_string_wo`: it never reaches state or the synthesized JSON.
 */
export class DatabaseSecret extends Construct {
  readonly secret: SecretsmanagerSecret;
  readonly version: SecretsmanagerSecretVersion;

  constructor(scope: Construct, id: string, props: DatabaseSecretProps) {
    super(scope, id);
    this.secret = new SecretsmanagerSecret(this, 'secret', {
      provider: props.provider,
      name: props.name,
      description: 'Master credentials of the Aurora global database (username, password, engine, host, port, dbname)',
      kmsKeyId: props.kmsKeyArn,
      recoveryWindowInDays: props.recoveryWindowDays,
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
  }

  get arn(): string {
    return this.secret.arn;
  }
}
