import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { RdsGlobalCluster } from '@cdktf/provider-aws/lib/rds-global-cluster';
import { RandomProvider } from '@cdktf/provider-random/lib/provider';
import { TerraformStack, Token, ref } from 'cdktf';
import { Construct } from 'constructs';
import { AURORA_ENGINE, DATABASE_NAME } from '../data/aurora-cluster';

/** Name of the ephemeral password; its value exists only while Terraform runs. */
export const MASTER_PASSWORD_EPHEMERAL = 'db_master_password';

/**
 * RDS master passwords accept printable ASCII except `/`, `"`, `@` and space.
 * 32 characters from letters, digits and these specials.
 */
const PASSWORD_SPECIALS = '!#$%^&*()-_=+[]{}<>:?';

export interface GlobalDatabaseProps {
  /** Provider of the primary region: the global cluster is created there. */
  readonly provider: AwsProvider;
  readonly identifier: string;
  readonly engineVersion: string;
  readonly deletionProtection: boolean;
  readonly preventDestroy: boolean;
}

/**
 * The Aurora global database and its master password. The password is an ephemeral
 * `random_password`: it is generated during each Terraform run and never written to state or to
 * the synthesized JSON; only write-only arguments consume it.
 */
export class GlobalDatabase extends Construct {
  readonly globalCluster: RdsGlobalCluster;
  /** Terraform expression of the ephemeral password, for write-only arguments only. */
  readonly masterPassword: string;

  constructor(scope: Construct, id: string, props: GlobalDatabaseProps) {
    super(scope, id);
    this.globalCluster = new RdsGlobalCluster(this, 'global-cluster', {
      provider: props.provider,
      globalClusterIdentifier: props.identifier,
      engine: AURORA_ENGINE,
      engineVersion: props.engineVersion,
      databaseName: DATABASE_NAME,
      storageEncrypted: true,
      deletionProtection: props.deletionProtection,
      // On purpose: no paid RDS Extended Support. When the major leaves standard support, AWS
      // upgrades it; the config pins a major inside standard support and is bumped before then.
      engineLifecycleSupport: 'open-source-rds-extended-support-disabled',
      lifecycle: { preventDestroy: props.preventDestroy },
    });

    // cdktf 0.21 has no class for ephemeral resources, so the block is added as a raw override.
    // The random provider binds hashicorp/random 3.7.2 (ephemeral random_password needs >= 3.7).
    const stack = TerraformStack.of(this);
    new RandomProvider(stack, 'random');
    stack.addOverride(`ephemeral.random_password.${MASTER_PASSWORD_EPHEMERAL}`, {
      length: 32,
      special: true,
      override_special: PASSWORD_SPECIALS,
      min_lower: 1,
      min_upper: 1,
      min_numeric: 1,
      min_special: 1,
    });
    this.masterPassword = Token.asString(ref(`ephemeral.random_password.${MASTER_PASSWORD_EPHEMERAL}.result`, stack));
  }
}
