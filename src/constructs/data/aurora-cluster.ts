import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { RdsCluster, RdsClusterConfig } from '@cdktf/provider-aws/lib/rds-cluster';
import { RdsClusterInstance } from '@cdktf/provider-aws/lib/rds-cluster-instance';
import { RdsClusterParameterGroup } from '@cdktf/provider-aws/lib/rds-cluster-parameter-group';
import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { policyJson, serviceTrustPolicy } from '../security/policy';
import { POSTGRES_PORT } from '../network/security-groups';
import { MASTER_USER_NAME } from '../../config/schema';

export const AURORA_ENGINE = 'aurora-postgresql';
export const DATABASE_NAME = 'app';
export const MASTER_USERNAME = MASTER_USER_NAME;

/** How the cluster gets its master credentials. */
export type ClusterCredentials =
  /** RDS generates and rotates the password in Secrets Manager under `kmsKeyArn` (not for global databases). */
  | { readonly kind: 'rds-managed' }
  /** A write-only password (never in state): sent when `version` changes. */
  | { readonly kind: 'write-only'; readonly password: string; readonly version: number }
  /** A secondary of a global database: credentials come from the primary. */
  | { readonly kind: 'global-secondary' };

export interface AuroraClusterProps {
  readonly provider: AwsProvider;
  readonly region: string;
  readonly accountId: string;
  /** Cluster identifier; instance, group and role names derive from it. */
  readonly identifier: string;
  /** `<major>` or `<major>.<minor>`; the parameter-group family follows the major. */
  readonly engineVersion: string;
  readonly instanceClass: string;
  /** Writer plus readers. */
  readonly instanceCount: number;
  /** Instances are spread over these AZs, the writer in the first. */
  readonly availabilityZones: readonly string[];
  readonly dbSubnetGroupName: string;
  readonly securityGroupIds: string[];
  /** The region's CMK: storage, Performance Insights, logs and (RDS-managed) the master secret. */
  readonly kmsKeyArn: string;
  readonly backupRetentionDays: number;
  readonly logRetentionDays: number;
  readonly deletionProtection: boolean;
  /** Skip the final snapshot on deletion; else it is named `<identifier>-final`. */
  readonly skipFinalSnapshot: boolean;
  /** `lifecycle.prevent_destroy` on the cluster and its instances. */
  readonly preventDestroy: boolean;
  readonly credentials: ClusterCredentials;
  /** Makes the cluster a member of this global database. */
  readonly globalClusterIdentifier?: string;
  /**
   * Whether this cluster holds the writer now. A regional cluster always does; in a global
   * database it is the member in the configured writer region, which changes with switchovers
   * and failovers while the member that was created first (with the credentials) stays the same.
   * @default true
   */
  readonly currentWriter?: boolean;
  /** Created after these (a secondary after the primary's cluster and instances). */
  readonly dependsOn?: ITerraformDependable[];
}

/**
 * One Aurora PostgreSQL cluster with its instances, TLS-enforcing parameter group, log group,
 * and enhanced-monitoring role. Serves as a regional cluster, or the primary or a secondary of a
 * global database.
 */
export class AuroraCluster extends Construct {
  readonly cluster: RdsCluster;
  readonly instances: readonly RdsClusterInstance[];
  readonly parameterGroup: RdsClusterParameterGroup;
  readonly logGroup: CloudwatchLogGroup;
  readonly monitoringRole: IamRole;
  /** Whether this cluster holds the writer now (see AuroraClusterProps.currentWriter). */
  readonly currentWriter: boolean;

  constructor(scope: Construct, id: string, props: AuroraClusterProps) {
    super(scope, id);
    const { provider, identifier, credentials } = props;
    this.currentWriter = props.currentWriter ?? true;
    const problems = [
      {
        when: !/^\d+(\.\d+)?$/.test(props.engineVersion),
        message: `engineVersion must be <major> or <major>.<minor>, got ${props.engineVersion}`,
      },
      {
        when: !Number.isInteger(props.instanceCount) || props.instanceCount < 1,
        message: `instanceCount must be >= 1, got ${props.instanceCount}`,
      },
      { when: props.availabilityZones.length < 1, message: 'availabilityZones must not be empty' },
      {
        when: credentials.kind === 'global-secondary' && !props.globalClusterIdentifier,
        message: 'a global-secondary cluster needs globalClusterIdentifier',
      },
      {
        when: credentials.kind === 'rds-managed' && !!props.globalClusterIdentifier,
        message: 'RDS-managed master passwords are not supported in a global database; use write-only credentials',
      },
    ].filter((p) => p.when);
    if (problems.length > 0) throw new Error(`AuroraCluster ${this.node.path}: ${problems.map((p) => p.message).join('; ')}`);

    const major = props.engineVersion.split('.')[0]!;
    const family = `${AURORA_ENGINE}${major}`;
    this.parameterGroup = new RdsClusterParameterGroup(this, 'parameters', {
      provider,
      name: `${identifier}-${family}`,
      family,
      description: `TLS-only connections and statement logging for ${identifier}`,
      parameter: [
        { name: 'rds.force_ssl', value: '1' },
        { name: 'log_connections', value: '1' },
        { name: 'log_disconnections', value: '1' },
        { name: 'log_lock_waits', value: '1' },
        { name: 'log_statement', value: 'ddl' },
        { name: 'log_min_duration_statement', value: '1000' },
      ],
      // A new major needs a new family: the group's name carries it, so the new one is made first.
      lifecycle: { createBeforeDestroy: true },
    });

    // Created before the cluster, so RDS exports into a group with our retention and key.
    this.logGroup = new CloudwatchLogGroup(this, 'postgresql-logs', {
      provider,
      name: `/aws/rds/cluster/${identifier}/postgresql`,
      retentionInDays: props.logRetentionDays,
      kmsKeyId: props.kmsKeyArn,
    });

    this.monitoringRole = new IamRole(this, 'monitoring-role', {
      provider,
      name: `${identifier}-rds-monitoring`,
      description: `Enhanced monitoring of ${identifier}`,
      assumeRolePolicy: policyJson(serviceTrustPolicy('monitoring.rds.amazonaws.com', props.accountId)),
    });
    new IamRolePolicyAttachment(this, 'monitoring-policy', {
      provider,
      role: this.monitoringRole.name,
      policyArn: 'arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole',
    });

    const credentialConfig: Partial<RdsClusterConfig> =
      credentials.kind === 'rds-managed'
        ? {
            masterUsername: MASTER_USERNAME,
            manageMasterUserPassword: true,
            masterUserSecretKmsKeyId: props.kmsKeyArn,
            databaseName: DATABASE_NAME,
          }
        : credentials.kind === 'write-only'
          ? {
              masterUsername: MASTER_USERNAME,
              masterPasswordWo: credentials.password,
              masterPasswordWoVersion: credentials.version,
              databaseName: DATABASE_NAME,
            }
          : {};

    this.cluster = new RdsCluster(this, 'cluster', {
      provider,
      clusterIdentifier: identifier,
      engine: AURORA_ENGINE,
      engineVersion: props.engineVersion,
      // As for the global cluster: no paid RDS Extended Support switched on by default.
      engineLifecycleSupport: 'open-source-rds-extended-support-disabled',
      globalClusterIdentifier: props.globalClusterIdentifier,
      // Applications in a secondary region reach only their own VPC: the secondary forwards
      // their writes to the writer (Aurora global write forwarding). On every member, the
      // writer included: RDS applies a writer's own setting when a switchover or failover
      // demotes it, and does nothing with it until then (CreateDBCluster,
      // EnableGlobalWriteForwarding). Without it a demoted writer's region cannot write.
      enableGlobalWriteForwarding: props.globalClusterIdentifier ? true : undefined,
      ...credentialConfig,
      port: POSTGRES_PORT,
      dbSubnetGroupName: props.dbSubnetGroupName,
      vpcSecurityGroupIds: props.securityGroupIds,
      dbClusterParameterGroupName: this.parameterGroup.name,
      storageEncrypted: true,
      kmsKeyId: props.kmsKeyArn,
      iamDatabaseAuthenticationEnabled: true,
      enabledCloudwatchLogsExports: ['postgresql'],
      backupRetentionPeriod: props.backupRetentionDays,
      preferredBackupWindow: '03:00-04:00',
      preferredMaintenanceWindow: 'sun:04:30-sun:05:30',
      copyTagsToSnapshot: true,
      deletionProtection: props.deletionProtection,
      skipFinalSnapshot: props.skipFinalSnapshot,
      finalSnapshotIdentifier: props.skipFinalSnapshot ? undefined : `${identifier}-final`,
      dependsOn: [this.logGroup, ...(props.dependsOn ?? [])],
      lifecycle: {
        preventDestroy: props.preventDestroy,
        ignoreChanges: ignoredByMembership(credentials, props.globalClusterIdentifier),
      },
    });

    const azs = props.availabilityZones;
    this.instances = Array.from({ length: props.instanceCount }, (_, i) => {
      const ordinal = i + 1;
      return new RdsClusterInstance(this, `instance-${ordinal}`, {
        provider,
        identifier: `${identifier}-${ordinal}`,
        clusterIdentifier: this.cluster.id,
        engine: AURORA_ENGINE,
        engineVersion: this.cluster.engineVersion,
        instanceClass: props.instanceClass,
        // The writer (first) in the first AZ, readers round-robin over the others.
        availabilityZone: azs[i % azs.length],
        promotionTier: i === 0 ? 0 : 1,
        dbSubnetGroupName: props.dbSubnetGroupName,
        publiclyAccessible: false,
        autoMinorVersionUpgrade: true,
        performanceInsightsEnabled: true,
        performanceInsightsKmsKeyId: props.kmsKeyArn,
        performanceInsightsRetentionPeriod: 7,
        monitoringInterval: 60,
        monitoringRoleArn: this.monitoringRole.arn,
        caCertIdentifier: 'rds-ca-rsa2048-g1',
        copyTagsToSnapshot: true,
        lifecycle: { preventDestroy: props.preventDestroy },
      });
    });
  }

  /**
   * The endpoint applications in this cluster's region connect to. A regional cluster or the
   * primary of a global database: the cluster (writer) endpoint. A secondary of a global database
   * has no writer, so its cluster endpoint accepts no connections for writes: applications use its
   * reader endpoint, and global write forwarding sends their writes to the primary (Aurora User
   * Guide, "Using write forwarding in an Amazon Aurora global database").
   */
  get applicationEndpoint(): string {
    return this.currentWriter ? this.cluster.endpoint : this.cluster.readerEndpoint;
  }

  /** The writer instance (created first, promotion tier 0). */
  get writer(): RdsClusterInstance {
    return this.instances[0]!;
  }
}

/**
 * What RDS manages on a global database's members: a member's source and membership change on
 * failover, switchover and detach, and applying the configured values back would detach or
 * promote it. The member created with the credentials keeps its creation-only arguments in
 * configuration (they force a new cluster) but ignores them, since RDS owns them from then on,
 * whichever region writes. The engine version of every member is the global cluster's (the
 * provider's documented pattern for upgrades).
 */
function ignoredByMembership(credentials: ClusterCredentials, globalClusterIdentifier?: string): string[] | undefined {
  if (!globalClusterIdentifier) return undefined;
  const membership = ['replication_source_identifier', 'global_cluster_identifier', 'engine_version'];
  return credentials.kind === 'global-secondary' ? membership : [...membership, 'database_name', 'master_username'];
}
