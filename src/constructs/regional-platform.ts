import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Construct } from 'constructs';
import { bindRegion } from '../stacks/region-binding';
import { Network } from './network/network';

export interface RegionalPlatformProps {
  readonly region: string;
  /** The aliased provider of `region`; every resource below uses it. */
  readonly provider: AwsProvider;
  /** Prefix of physical names, e.g. `platform-dev`; the region is appended. */
  readonly namePrefix: string;
  readonly vpcCidr: string;
}

/** Everything the platform runs in one region. Bound to its region for the region-binding check. */
export class RegionalPlatform extends Construct {
  readonly region: string;
  readonly network: Network;

  constructor(scope: Construct, id: string, props: RegionalPlatformProps) {
    super(scope, id);
    bindRegion(this, props.region);
    this.region = props.region;
    const namePrefix = `${props.namePrefix}-${props.region}`;
    this.network = new Network(this, 'network', { provider: props.provider, vpcCidr: props.vpcCidr, namePrefix });
  }
}
