import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { Construct } from 'constructs';

/** Interface endpoints that keep the instances' AWS API traffic off the NAT gateways. */
export const INTERFACE_ENDPOINT_SERVICES = ['ssm', 'ssmmessages', 'ec2messages', 'secretsmanager', 'logs', 'kms'] as const;

export interface VpcEndpointsProps {
  readonly provider: AwsProvider;
  readonly region: string;
  readonly vpcId: string;
  readonly namePrefix: string;
  /** Route tables that get the S3 gateway endpoint (private and database). */
  readonly gatewayRouteTableIds: string[];
  /** Create the interface endpoints (billed per AZ-hour and per GB). */
  readonly interfaceEndpoints: boolean;
  /** Subnets of the interface endpoints: the application tier's. */
  readonly subnetIds: string[];
  /** The only group admitted to the interface endpoints (on 443). */
  readonly clientSecurityGroup: SecurityGroup;
}

/** An S3 gateway endpoint always; interface endpoints when configured. */
export class VpcEndpoints extends Construct {
  readonly s3: VpcEndpoint;
  readonly interfaces: Readonly<Record<string, VpcEndpoint>>;
  readonly securityGroup?: SecurityGroup;

  constructor(scope: Construct, id: string, props: VpcEndpointsProps) {
    super(scope, id);
    const { provider, region, vpcId, namePrefix } = props;
    this.s3 = new VpcEndpoint(this, 's3', {
      provider,
      vpcId,
      serviceName: `com.amazonaws.${region}.s3`,
      vpcEndpointType: 'Gateway',
      routeTableIds: props.gatewayRouteTableIds,
      tags: { Name: `${namePrefix}-s3` },
    });

    const interfaces: Record<string, VpcEndpoint> = {};
    if (props.interfaceEndpoints) {
      this.securityGroup = new SecurityGroup(this, 'sg', {
        provider,
        vpcId,
        name: `${namePrefix}-endpoints`,
        description: 'Interface endpoints: HTTPS from the application only',
        tags: { Name: `${namePrefix}-endpoints` },
      });
      new VpcSecurityGroupIngressRule(this, 'https-from-app', {
        provider,
        securityGroupId: this.securityGroup.id,
        ipProtocol: 'tcp',
        fromPort: 443,
        toPort: 443,
        referencedSecurityGroupId: props.clientSecurityGroup.id,
        description: 'HTTPS from the application instances',
      });
      for (const service of INTERFACE_ENDPOINT_SERVICES) {
        interfaces[service] = new VpcEndpoint(this, service, {
          provider,
          vpcId,
          serviceName: `com.amazonaws.${region}.${service}`,
          vpcEndpointType: 'Interface',
          privateDnsEnabled: true,
          subnetIds: props.subnetIds,
          securityGroupIds: [this.securityGroup.id],
          tags: { Name: `${namePrefix}-${service}` },
        });
      }
    }
    this.interfaces = interfaces;
  }
}
