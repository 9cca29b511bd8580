import { PROTECTION_PROFILES } from '../config/profiles';
import { EnvironmentConfig, EnvironmentName, RegionConfig } from '../config/schema';
import { RegionalPlatformProps } from '../constructs/regional-platform';

/** How a region's cluster takes part in the database topology; decided by the stack. */
export type DatabaseMembership = Pick<RegionalPlatformProps['database'], 'credentials' | 'globalClusterIdentifier' | 'dependsOn'>;

/** `<project>-<environment>`: the prefix of physical names. */
export function namePrefix(config: EnvironmentConfig, environment: EnvironmentName): string {
  return `${config.project}-${environment}`;
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
  const protection = PROTECTION_PROFILES[config.protection];
  const prefix = namePrefix(config, environment);
  return {
    region,
    accountId: config.accountId,
    namePrefix: prefix,
    protection,
    logRetentionDays: config.logRetentionDays,
    network: {
      vpcCidr: regionConfig.vpcCidr,
      availabilityZones: regionConfig.availabilityZones,
      natGateways: config.network.natGateways,
      interfaceEndpoints: config.network.interfaceEndpoints,
      appPort: config.compute.appPort,
    },
    database: {
      identifier: `${prefix}-${region}`,
      engineVersion: config.database.engineVersion,
      instanceClass: config.database.instanceClass,
      instanceCount: 1 + config.database.readerCount,
      backupRetentionDays: config.database.backupRetentionDays,
      deletionProtection: protection.deletionProtection,
      skipFinalSnapshot: protection.skipFinalSnapshot,
      preventDestroy: protection.preventDestroy,
      ...membership,
    },
  };
}
