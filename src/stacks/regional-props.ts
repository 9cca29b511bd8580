import { PROTECTION_PROFILES } from '../config/profiles';
import { EnvironmentConfig, EnvironmentName, RegionConfig } from '../config/schema';
import { RegionalPlatformProps } from '../constructs/regional-platform';

/**
 * The one place where an environment's config becomes construct props. Constructs take explicit
 * values (a deletion window, a NAT mode) and never look at the environment's name or profile.
 */
export function regionalPlatformProps(
  config: EnvironmentConfig,
  environment: EnvironmentName,
  region: string,
): Omit<RegionalPlatformProps, 'provider'> {
  const regionConfig = (config.regions as Record<string, RegionConfig | undefined>)[region];
  if (!regionConfig) throw new Error(`region ${region} is not in the config of ${environment}`);
  return {
    region,
    accountId: config.accountId,
    namePrefix: `${config.project}-${environment}`,
    protection: PROTECTION_PROFILES[config.protection],
    logRetentionDays: config.logRetentionDays,
    network: {
      vpcCidr: regionConfig.vpcCidr,
      availabilityZones: regionConfig.availabilityZones,
      natGateways: config.network.natGateways,
      interfaceEndpoints: config.network.interfaceEndpoints,
      appPort: config.compute.appPort,
    },
  };
}
