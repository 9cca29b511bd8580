import { DbSubnetGroup } from '@cdktf/provider-aws/lib/db-subnet-group';
import { DefaultSecurityGroup } from '@cdktf/provider-aws/lib/default-security-group';
import { Eip } from '@cdktf/provider-aws/lib/eip';
import { InternetGateway } from '@cdktf/provider-aws/lib/internet-gateway';
import { NatGateway } from '@cdktf/provider-aws/lib/nat-gateway';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Route } from '@cdktf/provider-aws/lib/route';
import { RouteTable } from '@cdktf/provider-aws/lib/route-table';
import { RouteTableAssociation } from '@cdktf/provider-aws/lib/route-table-association';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { ITerraformDependable } from 'cdktf';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { Construct } from 'constructs';
import { TIERS, Tier, subnetLayout } from './cidr-splits';
import { VpcEndpoints } from './endpoints';
import { VpcFlowLogs } from './flow-logs';
import { TierSecurityGroups } from './security-groups';

export type NatGatewayMode = 'single' | 'perAz';

export interface NetworkProps {
  /** Provider of the region the network lives in. */
  readonly provider: AwsProvider;
  readonly region: string;
  readonly accountId: string;
  /** IPv4 block of the VPC; subnets are cut from it (see cidr-splits.ts). */
  readonly vpcCidr: string;
  /** The three AZs: one subnet per tier in each. */
  readonly availabilityZones: readonly string[];
  /** Name prefix for physical names and Name tags, e.g. `platform-dev-us-east-1`. */
  readonly namePrefix: string;
  /** `single`: one NAT gateway in the first AZ; `perAz`: one per AZ, private subnets use their own. */
  readonly natGateways: NatGatewayMode;
  /** Interface endpoints for SSM, Secrets Manager, CloudWatch Logs and KMS. */
  readonly interfaceEndpoints: boolean;
  /** Port the application listens on (security group chain). */
  readonly appPort: number;
  /** Retention of the flow-log group. */
  readonly logRetentionDays: number;
  /** Prefix of log group names, e.g. `/platform/dev/us-east-1`. */
  readonly logGroupPrefix: string;
  /** The region's CMK, for the flow-log group. */
  readonly kmsKeyArn: string;
}

/**
 * The regional network: a VPC with public, private (application) and database subnets in each
 * AZ, an internet gateway, NAT, route tables, the security-group chain, endpoints and flow logs.
 * Subnets, NAT gateways and private route tables are keyed by AZ, so their Terraform addresses
 * never depend on list positions.
 */
export class Network extends Construct {
  readonly vpc: Vpc;
  /** tier -> AZ -> subnet. */
  readonly subnets: Readonly<Record<Tier, Readonly<Record<string, Subnet>>>>;
  /** AZ -> NAT gateway (one entry with `single`). */
  readonly natGateways: Readonly<Record<string, NatGateway>>;
  readonly publicRouteTable: RouteTable;
  /** AZ -> route table of the private subnet there. */
  readonly privateRouteTables: Readonly<Record<string, RouteTable>>;
  /** The database tier's route table: local routes and the S3 endpoint only. */
  readonly databaseRouteTable: RouteTable;
  readonly dbSubnetGroup: DbSubnetGroup;
  readonly securityGroups: TierSecurityGroups;
  readonly endpoints: VpcEndpoints;
  readonly flowLogs: VpcFlowLogs;
  /**
   * What instances in the private subnets need before they boot: their default routes through
   * NAT, the subnets' route-table associations and the endpoints (cloud-init installs packages on
   * first boot and does not retry).
   */
  readonly privateEgress: ITerraformDependable[] = [];

  constructor(scope: Construct, id: string, props: NetworkProps) {
    super(scope, id);
    const { provider, namePrefix, availabilityZones: azs } = props;
    if (azs.length !== 3) {
      throw new Error(`Network ${this.node.path}: availabilityZones must list 3 zones, got ${JSON.stringify(azs)}`);
    }
    const tags = (name: string, extra: Record<string, string> = {}) => ({ Name: name, ...extra });

    this.vpc = new Vpc(this, 'vpc', {
      provider,
      cidrBlock: props.vpcCidr,
      enableDnsSupport: true,
      enableDnsHostnames: true,
      tags: tags(namePrefix),
    });
    const vpcId = this.vpc.id;

    // The default group of the VPC, taken over with no rules: nothing can use it by accident.
    new DefaultSecurityGroup(this, 'default-sg', { provider, vpcId, tags: tags(`${namePrefix}-default-deny`) });

    const layout = subnetLayout(props.vpcCidr, azs);
    const subnets = {} as Record<Tier, Record<string, Subnet>>;
    for (const tier of TIERS) {
      subnets[tier] = {};
      for (const az of azs) {
        subnets[tier][az] = new Subnet(this, `${tier}-${az}`, {
          provider,
          vpcId,
          availabilityZone: az,
          cidrBlock: layout[tier][az]!,
          // Not even public subnets: the load balancer and NAT gateways bring their own addresses.
          mapPublicIpOnLaunch: false,
          tags: tags(`${namePrefix}-${tier}-${az}`, { Tier: tier }),
        });
      }
    }
    this.subnets = subnets;

    const igw = new InternetGateway(this, 'igw', { provider, vpcId, tags: tags(namePrefix) });
    this.publicRouteTable = new RouteTable(this, 'public-rt', { provider, vpcId, tags: tags(`${namePrefix}-public`) });
    new Route(this, 'public-default', {
      provider,
      routeTableId: this.publicRouteTable.id,
      destinationCidrBlock: '0.0.0.0/0',
      gatewayId: igw.id,
    });

    const natAzs = props.natGateways === 'perAz' ? azs : azs.slice(0, 1);
    const natGateways: Record<string, NatGateway> = {};
    for (const az of natAzs) {
      const eip = new Eip(this, `nat-eip-${az}`, { provider, domain: 'vpc', tags: tags(`${namePrefix}-nat-${az}`) });
      natGateways[az] = new NatGateway(this, `nat-${az}`, {
        provider,
        allocationId: eip.allocationId,
        subnetId: subnets.public[az]!.id,
        connectivityType: 'public',
        tags: tags(`${namePrefix}-${az}`),
        dependsOn: [igw],
      });
    }
    this.natGateways = natGateways;

    const privateRouteTables: Record<string, RouteTable> = {};
    for (const az of azs) {
      const rt = new RouteTable(this, `private-rt-${az}`, { provider, vpcId, tags: tags(`${namePrefix}-private-${az}`) });
      const route = new Route(this, `private-default-${az}`, {
        provider,
        routeTableId: rt.id,
        destinationCidrBlock: '0.0.0.0/0',
        natGatewayId: (natGateways[az] ?? natGateways[natAzs[0]!]!).id,
      });
      this.privateEgress.push(route);
      privateRouteTables[az] = rt;
    }
    this.privateRouteTables = privateRouteTables;
    // No default route: the database tier cannot reach or be reached from the internet.
    this.databaseRouteTable = new RouteTable(this, 'database-rt', { provider, vpcId, tags: tags(`${namePrefix}-database`) });

    for (const az of azs) {
      const associate = (tier: Tier, rt: RouteTable) =>
        new RouteTableAssociation(this, `${tier}-rta-${az}`, { provider, subnetId: subnets[tier][az]!.id, routeTableId: rt.id });
      associate('public', this.publicRouteTable);
      this.privateEgress.push(associate('private', privateRouteTables[az]!));
      associate('database', this.databaseRouteTable);
    }

    this.dbSubnetGroup = new DbSubnetGroup(this, 'db-subnets', {
      provider,
      name: `${namePrefix}-database`,
      description: `Database subnets of ${namePrefix}`,
      subnetIds: azs.map((az) => subnets.database[az]!.id),
      tags: tags(`${namePrefix}-database`),
    });

    this.securityGroups = new TierSecurityGroups(this, 'sg', { provider, vpcId, namePrefix, appPort: props.appPort });

    this.endpoints = new VpcEndpoints(this, 'endpoints', {
      provider,
      region: props.region,
      vpcId,
      namePrefix,
      gatewayRouteTableIds: [...azs.map((az) => privateRouteTables[az]!.id), this.databaseRouteTable.id],
      interfaceEndpoints: props.interfaceEndpoints,
      subnetIds: azs.map((az) => subnets.private[az]!.id),
      clientSecurityGroup: this.securityGroups.application,
    });
    this.privateEgress.push(this.endpoints.s3, ...Object.values(this.endpoints.interfaces));

    this.flowLogs = new VpcFlowLogs(this, 'flow-logs', {
      provider,
      region: props.region,
      accountId: props.accountId,
      vpcId,
      namePrefix,
      logGroupName: `${props.logGroupPrefix}/vpc-flow-logs`,
      retentionDays: props.logRetentionDays,
      kmsKeyArn: props.kmsKeyArn,
    });
  }

  /** Subnet ids of a tier, in AZ order. */
  subnetIds(tier: Tier): string[] {
    return Object.values(this.subnets[tier]).map((s) => s.id);
  }
}
