import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { DbSubnetGroup } from '@cdktf/provider-aws/lib/db-subnet-group';
import { DefaultSecurityGroup } from '@cdktf/provider-aws/lib/default-security-group';
import { FlowLog } from '@cdktf/provider-aws/lib/flow-log';
import { NatGateway } from '@cdktf/provider-aws/lib/nat-gateway';
import { Route } from '@cdktf/provider-aws/lib/route';
import { RouteTableAssociation } from '@cdktf/provider-aws/lib/route-table-association';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { Testing } from 'cdktf';
import { ENVIRONMENTS, Synth, configOf, ref, regionalResources, testStack } from './helpers';
import { parseCidr } from '../src/config/schema';
import { INTERFACE_ENDPOINT_SERVICES } from '../src/constructs/network/endpoints';

const REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1'];

/** One stack and one synth per environment, shared by the file. */
const built = Object.fromEntries(
  ENVIRONMENTS.map((env) => {
    const stack = testStack(env);
    return [env, { stack, synthesized: Testing.synth(stack) }];
  }),
);

describe.each(ENVIRONMENTS)('network of %s', (env) => {
  const config = configOf(env);
  const { stack, synthesized } = built[env]!;
  const synth: Synth = JSON.parse(synthesized);

  describe.each(REGIONS)('in %s', (region) => {
    const regionConfig = config.regions[region as keyof typeof config.regions]!;
    const network = stack.regions[region]!.network;
    const azs = regionConfig.availabilityZones;
    const vpcRef = ref(stack, network.vpc.id);
    // Counts: how many routes a table has, how many associations a subnet has.
    const routesOf = (routeTableRef: string) =>
      regionalResources(synth, 'aws_route', region).filter((r) => r.route_table_id === routeTableRef);
    const associationsOf = (subnetRef: string) =>
      regionalResources(synth, 'aws_route_table_association', region).filter((a) => a.subnet_id === subnetRef);

    test('one VPC with DNS support and hostnames', () => {
      expect(synthesized).toHaveResourceInRegion(Vpc, region, {
        cidr_block: regionConfig.vpcCidr,
        enable_dns_support: true,
        enable_dns_hostnames: true,
      });
      expect(regionalResources(synth, 'aws_vpc', region)).toHaveLength(1);
    });

    test('three subnets per tier, one in each configured AZ, none mapping public IPs', () => {
      const subnets = regionalResources(synth, 'aws_subnet', region);
      // Nine subnets and a match for each of the nine tier x AZ pairs: every subnet is one of these.
      expect(subnets).toHaveLength(9);
      for (const tier of ['public', 'private', 'database']) {
        for (const az of azs) {
          expect(synthesized).toHaveResourceInRegion(Subnet, region, {
            vpc_id: vpcRef,
            availability_zone: az,
            map_public_ip_on_launch: false,
            tags: expect.objectContaining({ Tier: tier }),
          });
        }
      }
      // Computed across resources: every block lies inside the VPC's.
      const vpc = parseCidr(regionConfig.vpcCidr)!;
      for (const s of subnets) expect(parseCidr(s.cidr_block)!.inside(vpc)).toBe(true);
    });

    const perAz = config.network.natGateways === 'perAz';
    const natAzs = perAz ? azs : azs.slice(0, 1);
    test(`${perAz ? 'a NAT gateway per AZ' : 'a single NAT gateway'}, each with an Elastic IP in a public subnet`, () => {
      expect(regionalResources(synth, 'aws_nat_gateway', region)).toHaveLength(natAzs.length);
      expect(regionalResources(synth, 'aws_eip', region)).toHaveLength(natAzs.length);
      for (const az of natAzs) {
        expect(synthesized).toHaveResourceInRegion(NatGateway, region, {
          subnet_id: ref(stack, network.subnets.public[az]!.id),
          allocation_id: expect.stringMatching(/^\$\{aws_eip\.[^}]+\.allocation_id\}$/),
        });
      }
    });

    test('public subnets route to the internet gateway', () => {
      const publicRt = ref(stack, network.publicRouteTable.id);
      expect(synthesized).toHaveResourceInRegion(Route, region, {
        route_table_id: publicRt,
        destination_cidr_block: '0.0.0.0/0',
        gateway_id: expect.stringMatching(/^\$\{aws_internet_gateway\./),
      });
      expect(routesOf(publicRt)).toHaveLength(1);
    });

    test(`each private subnet routes to ${perAz ? 'the NAT gateway of its own AZ' : 'the single NAT gateway'}`, () => {
      for (const az of azs) {
        const rtRef = ref(stack, network.privateRouteTables[az]!.id);
        const subnetRef = ref(stack, network.subnets.private[az]!.id);
        const natAz = perAz ? az : azs[0]!;
        expect(synthesized).toHaveResourceInRegion(Route, region, {
          route_table_id: rtRef,
          destination_cidr_block: '0.0.0.0/0',
          nat_gateway_id: ref(stack, network.natGateways[natAz]!.id),
        });
        expect(routesOf(rtRef)).toHaveLength(1);
        expect(synthesized).toHaveResourceInRegion(RouteTableAssociation, region, { subnet_id: subnetRef, route_table_id: rtRef });
        expect(associationsOf(subnetRef)).toHaveLength(1);
      }
    });

    test('database subnets have no route out of the VPC and form the DB subnet group', () => {
      const dbRt = ref(stack, network.databaseRouteTable.id);
      expect(routesOf(dbRt)).toEqual([]);
      const dbRtBody = Object.values(synth.resource.aws_route_table!).find(
        (rt: any) => rt.tags.Name.endsWith('-database') && rt.provider.endsWith(region.replace(/-/g, '_')),
      );
      expect(dbRtBody.route).toBeUndefined();
      for (const az of azs) {
        const subnetRef = ref(stack, network.subnets.database[az]!.id);
        expect(synthesized).toHaveResourceInRegion(RouteTableAssociation, region, { subnet_id: subnetRef, route_table_id: dbRt });
        expect(associationsOf(subnetRef)).toHaveLength(1);
      }
      expect(synthesized).toHaveResourceInRegion(DbSubnetGroup, region, {
        subnet_ids: azs.map((az) => ref(stack, network.subnets.database[az]!.id)),
      });
      expect(regionalResources(synth, 'aws_db_subnet_group', region)).toHaveLength(1);
    });

    test('the default security group is managed with no rules', () => {
      expect(synthesized).toHaveResourceInRegion(DefaultSecurityGroup, region, { vpc_id: vpcRef });
      const groups = regionalResources(synth, 'aws_default_security_group', region);
      expect(groups).toHaveLength(1);
      expect(groups[0].ingress).toBeUndefined();
      expect(groups[0].egress).toBeUndefined();
    });

    test('security groups are chained: exact rules, internet only to the load balancer on 80/443', () => {
      const sg = network.securityGroups;
      const name = new Map([
        [ref(stack, sg.loadBalancer.id), 'alb'],
        [ref(stack, sg.application.id), 'app'],
        [ref(stack, sg.database.id), 'db'],
      ]);
      if (network.endpoints.securityGroup) name.set(ref(stack, network.endpoints.securityGroup.id), 'endpoints');
      // The master secret's rotation function runs in the home region of a global database.
      const rotation = region === 'us-east-1' ? stack.secretRotation : undefined;
      if (rotation) name.set(ref(stack, rotation.securityGroup.id), 'rotation');
      const describe = (dir: string) => (r: any) =>
        `${name.get(r.security_group_id)} ${dir} ${r.ip_protocol}/${r.from_port}-${r.to_port} ${r.cidr_ipv4 ?? name.get(r.referenced_security_group_id)}`;
      const rules = [
        ...regionalResources(synth, 'aws_vpc_security_group_ingress_rule', region).map(describe('in')),
        ...regionalResources(synth, 'aws_vpc_security_group_egress_rule', region).map(describe('out')),
      ].sort();
      const port = config.compute.appPort;
      expect(rules).toEqual(
        [
          'alb in tcp/80-80 0.0.0.0/0',
          'alb in tcp/443-443 0.0.0.0/0',
          `alb out tcp/${port}-${port} app`,
          `app in tcp/${port}-${port} alb`,
          'app out tcp/443-443 0.0.0.0/0',
          'app out tcp/5432-5432 db',
          'db in tcp/5432-5432 app',
          ...(config.network.interfaceEndpoints ? ['endpoints in tcp/443-443 app'] : []),
          ...(rotation
            ? [
                'db in tcp/5432-5432 rotation',
                'rotation out tcp/443-443 0.0.0.0/0',
                'rotation out tcp/5432-5432 db',
                ...(config.network.interfaceEndpoints ? ['endpoints in tcp/443-443 rotation'] : []),
              ]
            : []),
        ].sort(),
      );
      // The exact list above leaves no other rule, and no IPv6 one (it would print no source).
      for (const group of regionalResources(synth, 'aws_security_group', region)) {
        expect(group.ingress).toBeUndefined();
        expect(group.egress).toBeUndefined();
      }
    });

    test('an S3 gateway endpoint on the private and database route tables', () => {
      expect(synthesized).toHaveResourceInRegion(VpcEndpoint, region, {
        vpc_endpoint_type: 'Gateway',
        service_name: `com.amazonaws.${region}.s3`,
        route_table_ids: [...azs.map((az) => ref(stack, network.privateRouteTables[az]!.id)), ref(stack, network.databaseRouteTable.id)],
      });
      expect(regionalResources(synth, 'aws_vpc_endpoint', region).filter((e) => e.vpc_endpoint_type === 'Gateway')).toHaveLength(1);
    });

    test(`interface endpoints ${config.network.interfaceEndpoints ? 'for SSM, Secrets Manager, Logs and KMS in the private subnets' : 'are off'}`, () => {
      const services = config.network.interfaceEndpoints ? INTERFACE_ENDPOINT_SERVICES.map((s) => `com.amazonaws.${region}.${s}`) : [];
      // Exactly these services (none when off), one endpoint each.
      const interfaces = regionalResources(synth, 'aws_vpc_endpoint', region).filter((e) => e.vpc_endpoint_type === 'Interface');
      expect(interfaces.map((e) => e.service_name).sort()).toEqual([...services].sort());
      for (const service of services) {
        expect(synthesized).toHaveResourceInRegion(VpcEndpoint, region, {
          vpc_endpoint_type: 'Interface',
          service_name: service,
          private_dns_enabled: true,
          subnet_ids: azs.map((az) => ref(stack, network.subnets.private[az]!.id)),
        });
      }
    });

    test('flow logs of ALL traffic to a CMK-encrypted log group with the configured retention', () => {
      const fl = network.flowLogs;
      expect(synthesized).toHaveResourceInRegion(FlowLog, region, {
        vpc_id: vpcRef,
        traffic_type: 'ALL',
        log_destination_type: 'cloud-watch-logs',
        log_destination: ref(stack, fl.logGroup.arn),
        iam_role_arn: ref(stack, fl.role.arn),
      });
      expect(regionalResources(synth, 'aws_flow_log', region)).toHaveLength(1);
      expect(synthesized).toHaveResourceInRegion(CloudwatchLogGroup, region, {
        name: `/platform/${env}/${region}/vpc-flow-logs`,
        retention_in_days: config.logRetentionDays,
        kms_key_id: ref(stack, stack.regions[region]!.key.arn),
      });
    });

    test('the flow-log role trusts only the flow-log service of this account and writes only to its group', () => {
      const fl = network.flowLogs;
      const [role] = regionalResources(synth, 'aws_iam_role', region).filter((r) => r.name.endsWith('-vpc-flow-logs'));
      expect(JSON.parse(role.assume_role_policy).Statement).toEqual([
        {
          Effect: 'Allow',
          Principal: { Service: 'vpc-flow-logs.amazonaws.com' },
          Action: 'sts:AssumeRole',
          Condition: {
            StringEquals: { 'aws:SourceAccount': config.accountId },
            ArnLike: { 'aws:SourceArn': `arn:aws:ec2:${region}:${config.accountId}:vpc-flow-log/*` },
          },
        },
      ]);
      const [policy] = regionalResources(synth, 'aws_iam_role_policy', region).filter((p) => p.role === ref(stack, fl.role.id));
      const statements = JSON.parse(policy.policy).Statement;
      expect(statements).toHaveLength(1);
      expect(statements[0].Resource).toEqual([ref(stack, fl.logGroup.arn), `${ref(stack, fl.logGroup.arn)}:*`]);
      expect(statements[0].Action).not.toContain('*');
    });
  });
});

describe('Terraform addresses of the VPCs are a contract', () => {
  // Renaming a construct id changes an address; Terraform would then replace the VPC.
  test.each(ENVIRONMENTS)('%s', (env) => {
    expect(Object.keys(JSON.parse(built[env]!.synthesized).resource.aws_vpc).sort()).toEqual([
      'eu-west-1_network_vpc_90FB972E',
      'us-east-1_network_vpc_AC3BFE91',
      'us-west-2_network_vpc_DBFECACC',
    ]);
  });
});
