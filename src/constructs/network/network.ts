import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { Construct } from 'constructs';

export interface NetworkProps {
  /** Provider of the region the network lives in. */
  readonly provider: AwsProvider;
  /** IPv4 block of the VPC. */
  readonly vpcCidr: string;
  /** Name prefix for the Name tag, e.g. `platform-dev-us-east-1`. */
  readonly namePrefix: string;
}

/** The regional VPC. */
export class Network extends Construct {
  readonly vpc: Vpc;

  constructor(scope: Construct, id: string, props: NetworkProps) {
    super(scope, id);
    this.vpc = new Vpc(this, 'vpc', {
      provider: props.provider,
      cidrBlock: props.vpcCidr,
      enableDnsSupport: true,
      enableDnsHostnames: true,
      tags: { Name: props.namePrefix },
    });
  }
}
