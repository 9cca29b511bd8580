import { ec2Architecture } from '../config/instance-classes';
import { PROTECTION_PROFILES } from '../config/profiles';
import { REGIONS, isKnownRegion } from '../config/regions';
import { EnvironmentConfig, EnvironmentName, RegionConfig } from '../config/schema';
import { RegionalPlatformProps } from '../constructs/regional-platform';

/** How a region's cluster takes part in the database topology; decided by the stack. */
export type DatabaseMembership = Pick<RegionalPlatformProps['database'], 'credentials' | 'globalClusterIdentifier' | 'dependsOn'> & {
  /** A new secondary created by a rebuild after a detach (see RegionalPlatformProps.rebuiltDatabase). */
  readonly rebuilt?: boolean;
};

/** `<project>-<environment>`: the prefix of physical names. */
export function namePrefix(config: EnvironmentConfig, environment: EnvironmentName): string {
  return `${config.project}-${environment}`;
}

/** Name of the global database's master secret. */
export function databaseSecretName(config: EnvironmentConfig, environment: EnvironmentName): string {
  return `${config.project}/${environment}/database/master`;
}

/** The region whose cluster holds the writer now: `database.writerRegion`, else the home region. */
export function writerRegionOf(config: EnvironmentConfig): string {
  return config.database.writerRegion ?? config.primaryRegion;
}

/** Tags on everything: the config's, plus the ones the stack owns. */
export function resourceTags(config: EnvironmentConfig, environment: EnvironmentName): Record<string, string> {
  return { ...config.tags, Project: config.project, Environment: environment, ManagedBy: 'cdktf' };
}

/**
 * The one place where an environment's config becomes construct props. Constructs take explicit
 * values (a deletion window, a NAT mode) and never look at the environment's name or profile.
 */
export function regionalPlatformProps(
  config: EnvironmentConfig,
  environment: EnvironmentName,
  region: string,
  membership: DatabaseMembership,
): Omit<RegionalPlatformProps, 'provider'> {
  const regionConfig = (config.regions as Record<string, RegionConfig | undefined>)[region];
  if (!regionConfig) throw new Error(`region ${region} is not in the config of ${environment}`);
  if (!isKnownRegion(region)) throw new Error(`region ${region} is not in src/config/regions.ts`);
  const facts = REGIONS[region];
  const protection = PROTECTION_PROFILES[config.protection];
  const prefix = namePrefix(config, environment);
  const { rebuilt, ...databaseMembership } = membership;
  return {
    region,
    rebuiltDatabase: rebuilt,
    writerRegion: writerRegionOf(config),
    accountId: config.accountId,
    namePrefix: prefix,
    logGroupPrefix: `/${config.project}/${environment}/${region}`,
    protection,
    logRetentionDays: config.logRetentionDays,
    network: {
      vpcCidr: regionConfig.vpcCidr,
      availabilityZones: regionConfig.availabilityZones,
      natGateways: config.network.natGateways,
      interfaceEndpoints: config.network.interfaceEndpoints,
      appPort: config.compute.appPort,
    },
    applicationDatabaseUser: config.database.applicationUser,
    backupVault: { name: `${prefix}-${region}`, lock: config.backup.lock },
    compute: {
      environmentLabel: environment,
      instanceType: config.compute.instanceType,
      architecture: ec2Architecture(config.compute.instanceType)!,
      minSize: config.compute.minSize,
      desiredCapacity: config.compute.desiredCapacity,
      maxSize: config.compute.maxSize,
      cpuTargetPercent: config.compute.cpuTargetPercent,
      requestsPerTarget: config.compute.requestsPerTarget,
      tags: resourceTags(config, environment),
    },
    edge: {
      loadBalancerName: `${prefix}-${facts.shortCode}`,
      accessLogBucketName: `${prefix}-${region}-alb-logs-${config.accountId}`,
      elbLogDeliveryAccount: facts.elbLogDeliveryAccount,
      wafRateLimitPer5Min: config.waf.rateLimitPer5Min,
      wafAnonymousIpList: config.waf.anonymousIpList,
      dns: config.dns ? { zoneId: config.dns.zoneId, recordName: config.dns.recordName } : undefined,
    },
    observability: { emails: config.alarms.emails, thresholds: config.alarms.thresholds },
    database: {
      // A member created by a rebuild needs a name of its own: the original one still exists.
      identifier: rebuilt ? `${prefix}-${region}-2` : `${prefix}-${region}`,
      engineVersion: config.database.engineVersion,
      instanceClass: config.database.instanceClass,
      instanceCount: 1 + config.database.readerCount,
      backupRetentionDays: config.database.backupRetentionDays,
      deletionProtection: protection.deletionProtection,
      skipFinalSnapshot: protection.skipFinalSnapshot,
      preventDestroy: protection.preventDestroy,
      currentWriter: config.database.topology === 'regional' || region === writerRegionOf(config),
      ...databaseMembership,
    },
  };
}
