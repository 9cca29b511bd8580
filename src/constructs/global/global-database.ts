import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { RdsGlobalCluster } from '@cdktf/provider-aws/lib/rds-global-cluster';
import { RandomProvider } from '@cdktf/provider-random/lib/provider';
import { TerraformStack, Token, ref } from 'cdktf';
import { Construct } from 'constructs';
import { AURORA_ENGINE, DATABASE_NAME } from '../data/aurora-cluster';
import { addressesOf } from '../forget';

/**
 * On purpose: no paid RDS Extended Support. When the major leaves standard support, AWS upgrades
 * it; the config pins a major inside standard support and is bumped before then.
 */
const ENGINE_LIFECYCLE_SUPPORT = 'open-source-rds-extended-support-disabled';

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
  /**
   * Rebuilt after a detach: the global cluster is created from an existing, detached cluster
   * (which keeps its data) and replaces the original one, which Terraform forgets.
   */
  readonly rebuild?: GlobalDatabaseRebuild;
}

export interface GlobalDatabaseRebuild {
  /** ARN of the detached cluster, the new global cluster's primary. */
  readonly sourceClusterArn: string;
  /** Identifier of the original global cluster, which is forgotten. */
  readonly formerIdentifier: string;
  /** Provider of the original global cluster (the home region). */
  readonly formerProvider: AwsProvider;
  /**
   * Whether `engine_version` is in the configuration: not while the cluster is created (the
   * version comes from the source cluster), and again afterwards so upgrades go through it.
   */
  readonly pinEngineVersion: boolean;
}

/**
 * The Aurora global database and its master password. The password is an ephemeral
 * `random_password`: it is generated during each Terraform run and never written to state or to
 * the synthesized JSON; only write-only arguments consume it.
 */
export class GlobalDatabase extends Construct {
  readonly globalCluster: RdsGlobalCluster;
  /** The global cluster's identifier as a literal (no reference to the resource). */
  readonly identifier: string;
  /** Terraform expression of the ephemeral password, for write-only arguments only. */
  readonly masterPassword: string;
  /** Addresses of the original global cluster after a rebuild, to be forgotten (not destroyed). */
  readonly formerAddresses: readonly string[];

  constructor(scope: Construct, id: string, props: GlobalDatabaseProps) {
    super(scope, id);
    const rebuild = props.rebuild;
    this.identifier = props.identifier;
    this.formerAddresses = rebuild
      ? addressesOf(this, 'global-cluster', () => originalGlobalCluster(this, rebuild.formerProvider, rebuild.formerIdentifier, props))
      : [];
    this.globalCluster = rebuild
      ? // CreateGlobalCluster with SourceDBClusterIdentifier takes the database name, engine, engine
        // version and encryption from the source cluster and must not be sent them (RDS API
        // reference, CreateGlobalCluster); all four are Optional+Computed in provider 5.100, so
        // their absence plans no change. force_destroy is required with a source
        // (aws_rds_global_cluster docs); deletion protection and prevent_destroy still apply.
        // The detached cluster is named by ARN, not by reference (it exists already).
        new RdsGlobalCluster(this, 'global-cluster-2', {
          provider: props.provider,
          globalClusterIdentifier: props.identifier,
          sourceDbClusterIdentifier: rebuild.sourceClusterArn,
          forceDestroy: true,
          engineVersion: rebuild.pinEngineVersion ? props.engineVersion : undefined,
          // Not taken from the source: CreateGlobalCluster defaults it to Extended Support
          // (enrolment lasts for the life of the global cluster; Aurora User Guide, "Creating an
          // Aurora DB cluster or global cluster with RDS Extended Support").
          engineLifecycleSupport: ENGINE_LIFECYCLE_SUPPORT,
          deletionProtection: props.deletionProtection,
          lifecycle: { preventDestroy: props.preventDestroy },
        })
      : originalGlobalCluster(this, props.provider, props.identifier, props);

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

/** The global cluster as the environment first creates it: empty, the home cluster joins it. */
function originalGlobalCluster(scope: Construct, provider: AwsProvider, identifier: string, props: GlobalDatabaseProps): RdsGlobalCluster {
  return new RdsGlobalCluster(scope, 'global-cluster', {
    provider,
    globalClusterIdentifier: identifier,
    engine: AURORA_ENGINE,
    engineVersion: props.engineVersion,
    databaseName: DATABASE_NAME,
    storageEncrypted: true,
    deletionProtection: props.deletionProtection,
    engineLifecycleSupport: ENGINE_LIFECYCLE_SUPPORT,
    lifecycle: { preventDestroy: props.preventDestroy },
  });
}
