import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Route53Record } from '@cdktf/provider-aws/lib/route53-record';
import { Construct } from 'constructs';
import { addressesOf } from './forget';
import { ProtectionSettings } from '../config/profiles';
import { bindRegion } from '../stacks/region-binding';
import { CpuArchitecture } from '../config/instance-classes';
import { ApplicationFleet } from './compute/application-fleet';
import { AuroraCluster, AuroraClusterProps } from './data/aurora-cluster';
import { BackupVault, VaultLock } from './data/backup';
import { AccessLogBucket } from './edge/access-log-bucket';
import { LoadBalancer, PublicDns } from './edge/load-balancer';
import { WebAcl } from './edge/web-acl';
import { AlarmTopic } from './observability/alarm-topic';
import { PlatformAlarms } from './observability/alarms';
import { PlatformDashboard } from './observability/dashboard';
import { AlarmThresholds } from '../config/schema';
import { Network, NatGatewayMode } from './network/network';
import { RegionalKey } from './security/regional-key';

export interface RegionalPlatformProps {
  readonly region: string;
  /** The region whose cluster holds the writer now (differs from primaryRegion after a switchover). */
  readonly writerRegion: string;
  /** The aliased provider of `region`; every resource below uses it. */
  readonly provider: AwsProvider;
  readonly accountId: string;
  /** Prefix of physical names, e.g. `platform-dev`; the region is appended where names are global. */
  readonly namePrefix: string;
  /** Prefix of log group names, e.g. `/platform/dev/us-east-1`. */
  readonly logGroupPrefix: string;
  readonly protection: ProtectionSettings;
  readonly logRetentionDays: number;
  readonly network: {
    readonly vpcCidr: string;
    readonly availabilityZones: readonly string[];
    readonly natGateways: NatGatewayMode;
    readonly interfaceEndpoints: boolean;
    readonly appPort: number;
  };
  /**
   * The database user the application connects as with IAM authentication (never the master
   * user, whose secret the application cannot read).
   */
  readonly applicationDatabaseUser: string;
  /** The region's backup vault (AWS Backup). */
  readonly backupVault: {
    readonly name: string;
    readonly lock?: VaultLock;
  };
  readonly compute: {
    /** Shown by the application at `/`. */
    readonly environmentLabel: string;
    readonly instanceType: string;
    readonly architecture: CpuArchitecture;
    readonly minSize: number;
    readonly desiredCapacity: number;
    readonly maxSize: number;
    readonly cpuTargetPercent: number;
    readonly requestsPerTarget: number;
    /** Tags for what Auto Scaling launches. */
    readonly tags: Readonly<Record<string, string>>;
  };
  readonly edge: {
    /** Load balancer name (<= 32 characters). */
    readonly loadBalancerName: string;
    readonly accessLogBucketName: string;
    /** The region's ELB log-delivery account, if it has one. */
    readonly elbLogDeliveryAccount?: string;
    readonly wafRateLimitPer5Min: number;
    /** The anonymous-IP managed rule group on the web ACL. */
    readonly wafAnonymousIpList: boolean;
    readonly dns?: PublicDns;
  };
  readonly observability: {
    /** Subscribed to the region's alarm topic. */
    readonly emails: readonly string[];
    readonly thresholds: AlarmThresholds;
  };
  /**
   * Certificate validation records managed by another region's load balancer (the primary's),
   * for the same name: this region's certificate validates with them.
   * @default - the region's load balancer manages its own (the primary region)
   */
  readonly sharedValidationRecords?: Route53Record;
  /**
   * The region's cluster is a new secondary created by a rebuild of the global database after a
   * detach: it lives at construct `database-2`, and the addresses of the original member at
   * `database` are reported in `formerDatabaseAddresses`, to be forgotten (not destroyed).
   */
  readonly rebuiltDatabase?: boolean;
  /** The region's Aurora cluster; network, key and log settings are filled in here. */
  readonly database: Omit<
    AuroraClusterProps,
    'provider' | 'region' | 'accountId' | 'availabilityZones' | 'dbSubnetGroupName' | 'securityGroupIds' | 'kmsKeyArn' | 'logRetentionDays'
  >;
}

/** Everything the platform runs in one region. Bound to its region for the region-binding check. */
export class RegionalPlatform extends Construct {
  readonly region: string;
  readonly key: RegionalKey;
  readonly network: Network;
  readonly database: AuroraCluster;
  readonly backupVault: BackupVault;
  /** Addresses of the member a rebuild replaced (see RegionalPlatformProps.rebuiltDatabase). */
  readonly formerDatabaseAddresses: readonly string[];
  readonly accessLogs: AccessLogBucket;
  readonly loadBalancer: LoadBalancer;
  readonly fleet: ApplicationFleet;
  readonly webAcl: WebAcl;
  readonly alarmTopic: AlarmTopic;
  readonly alarms: PlatformAlarms;
  readonly dashboard: PlatformDashboard;

  constructor(scope: Construct, id: string, props: RegionalPlatformProps) {
    super(scope, id);
    bindRegion(this, props.region);
    this.region = props.region;
    const { provider, region, accountId } = props;
    const regionalPrefix = `${props.namePrefix}-${region}`;

    this.key = new RegionalKey(this, 'key', {
      provider,
      region,
      accountId,
      aliasName: props.namePrefix,
      deletionWindowDays: props.protection.keyDeletionWindowDays,
      preventDestroy: props.protection.preventDestroy,
    });
    this.network = new Network(this, 'network', {
      provider,
      region,
      accountId,
      namePrefix: regionalPrefix,
      ...props.network,
      logRetentionDays: props.logRetentionDays,
      logGroupPrefix: props.logGroupPrefix,
      kmsKeyArn: this.key.arn,
    });
    const database = (id: string) =>
      new AuroraCluster(this, id, {
        provider,
        region,
        accountId,
        ...props.database,
        availabilityZones: props.network.availabilityZones,
        dbSubnetGroupName: this.network.dbSubnetGroup.name,
        securityGroupIds: [this.network.securityGroups.database.id],
        kmsKeyArn: this.key.arn,
        logRetentionDays: props.logRetentionDays,
      });
    // Addresses depend on construct paths only: the original member's are those of `database`.
    this.formerDatabaseAddresses = props.rebuiltDatabase ? addressesOf(this, 'database', () => database('database')) : [];
    this.database = database(props.rebuiltDatabase ? 'database-2' : 'database');

    this.backupVault = new BackupVault(this, 'backup-vault', {
      provider,
      name: props.backupVault.name,
      kmsKeyArn: this.key.arn,
      forceDestroy: props.protection.forceDestroyBuckets,
      preventDestroy: props.protection.preventDestroy,
      lock: props.backupVault.lock,
    });

    this.accessLogs = new AccessLogBucket(this, 'access-logs', {
      provider,
      accountId,
      bucketName: props.edge.accessLogBucketName,
      elbLogDeliveryAccount: props.edge.elbLogDeliveryAccount,
      expirationDays: props.logRetentionDays,
      forceDestroy: props.protection.forceDestroyBuckets,
    });
    this.loadBalancer = new LoadBalancer(this, 'load-balancer', {
      provider,
      name: props.edge.loadBalancerName,
      vpcId: this.network.vpc.id,
      subnetIds: this.network.subnetIds('public'),
      securityGroupId: this.network.securityGroups.loadBalancer.id,
      appPort: props.network.appPort,
      deletionProtection: props.protection.deletionProtection,
      accessLogs: this.accessLogs,
      dns: props.edge.dns && { ...props.edge.dns, sharedValidationRecords: props.sharedValidationRecords },
    });
    this.fleet = new ApplicationFleet(this, 'app', {
      provider,
      region,
      environment: props.compute.environmentLabel,
      namePrefix: regionalPrefix,
      ...props.compute,
      appPort: props.network.appPort,
      subnetIds: this.network.subnetIds('private'),
      securityGroupId: this.network.securityGroups.application.id,
      kmsKeyArn: this.key.arn,
      logRetentionDays: props.logRetentionDays,
      logGroupName: `${props.logGroupPrefix}/application`,
      targetGroupArn: this.loadBalancer.targetGroup.arn,
      requestCountResourceLabel: this.loadBalancer.requestCountResourceLabel,
      launchAfter: this.network.privateEgress,
      database: {
        host: this.database.applicationEndpoint,
        user: props.applicationDatabaseUser,
        // rds-db:connect names the cluster by its resource id, one per member and region (Aurora
        // User Guide, "Creating and using an IAM policy for IAM database access").
        connectArn: `arn:aws:rds-db:${region}:${accountId}:dbuser:${this.database.cluster.clusterResourceId}/${props.applicationDatabaseUser}`,
      },
    });
    this.webAcl = new WebAcl(this, 'waf', {
      provider,
      namePrefix: regionalPrefix,
      loadBalancerArn: this.loadBalancer.lb.arn,
      rateLimitPer5Min: props.edge.wafRateLimitPer5Min,
      anonymousIpList: props.edge.wafAnonymousIpList,
      kmsKeyArn: this.key.arn,
      logRetentionDays: props.logRetentionDays,
    });

    this.alarmTopic = new AlarmTopic(this, 'alarm-topic', {
      provider,
      region,
      accountId,
      name: `${regionalPrefix}-alarms`,
      kmsKeyArn: this.key.arn,
      emails: props.observability.emails,
    });
    // Every member of a global database watches its own replication lag, whichever region writes.
    const globalDatabaseMember = props.database.globalClusterIdentifier !== undefined;
    const monitored = {
      loadBalancerArnSuffix: this.loadBalancer.lb.arnSuffix,
      targetGroupArnSuffix: this.loadBalancer.targetGroup.arnSuffix,
      autoScalingGroupName: this.fleet.group.name,
      // By reference: the dimensions name what the cluster and its instances report as.
      databaseClusterIdentifier: this.database.cluster.clusterIdentifier,
    };
    const backupVaultName = this.backupVault.name;
    this.alarms = new PlatformAlarms(this, 'alarms', {
      provider,
      namePrefix: regionalPrefix,
      topicArn: this.alarmTopic.topic.arn,
      thresholds: props.observability.thresholds,
      minInService: props.compute.minSize,
      globalDatabaseMember,
      backupVaultName,
      region,
      databaseInstanceIdentifiers: this.database.instances.map((i) => i.identifier),
      databaseInstanceClass: props.database.instanceClass,
      databaseDependsOn: [this.database.cluster, ...this.database.instances],
      natGatewayIds: Object.values(this.network.natGateways).map((n) => n.id),
      webAclMetricName: this.webAcl.metricName,
      rateLimitMetricName: this.webAcl.rateLimitMetricName,
      topicName: this.alarmTopic.topic.name,
      applicationLogGroupName: this.fleet.logGroup.name,
      applicationMetricNamespace: `${props.namePrefix}/application`,
      ...monitored,
    });
    this.dashboard = new PlatformDashboard(this, 'dashboard', {
      provider,
      region,
      name: regionalPrefix,
      globalDatabaseMember,
      ...monitored,
    });
  }
}
