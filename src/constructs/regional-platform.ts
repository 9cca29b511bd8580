import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Construct } from 'constructs';
import { ProtectionSettings } from '../config/profiles';
import { bindRegion } from '../stacks/region-binding';
import { AuroraCluster, AuroraClusterProps } from './data/aurora-cluster';
import { Network, NatGatewayMode } from './network/network';
import { RegionalKey } from './security/regional-key';

export interface RegionalPlatformProps {
  readonly region: string;
  /** The aliased provider of `region`; every resource below uses it. */
  readonly provider: AwsProvider;
  readonly accountId: string;
  /** Prefix of physical names, e.g. `platform-dev`; the region is appended where names are global. */
  readonly namePrefix: string;
  readonly protection: ProtectionSettings;
  readonly logRetentionDays: number;
  readonly network: {
    readonly vpcCidr: string;
    readonly availabilityZones: readonly string[];
    readonly natGateways: NatGatewayMode;
    readonly interfaceEndpoints: boolean;
    readonly appPort: number;
  };
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
      kmsKeyArn: this.key.arn,
    });
    this.database = new AuroraCluster(this, 'database', {
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
  }
}
