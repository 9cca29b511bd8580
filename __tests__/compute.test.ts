import { AutoscalingGroup } from '@cdktf/provider-aws/lib/autoscaling-group';
import { AutoscalingPolicy } from '@cdktf/provider-aws/lib/autoscaling-policy';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { LaunchTemplate } from '@cdktf/provider-aws/lib/launch-template';
import { Testing } from 'cdktf';
import { ENVIRONMENTS, Synth, configOf, ref, regionalResources, subnetRefs, testStack } from './helpers';
import { renderUserData, userDataExpression } from '../src/constructs/compute/user-data';

const REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1'];

/** One stack and one synth per environment, shared by the file. */
const built = Object.fromEntries(
  ENVIRONMENTS.map((env) => {
    const stack = testStack(env);
    return [env, { stack, synthesized: Testing.synth(stack) }];
  }),
);

describe.each(ENVIRONMENTS)('compute of %s', (env) => {
  const config = configOf(env);
  const { stack, synthesized } = built[env]!;
  const synth: Synth = JSON.parse(synthesized);
  const arch = config.compute.instanceType.split('.')[0]!.endsWith('g') ? 'arm64' : 'x86_64';

  describe.each(REGIONS)('in %s', (region) => {
    const platform = stack.regions[region]!;
    const [lt] = regionalResources(synth, 'aws_launch_template', region);
    const [asg] = regionalResources(synth, 'aws_autoscaling_group', region);

    test(`the launch template resolves the latest Amazon Linux 2023 AMI for ${arch} through SSM`, () => {
      expect(synthesized).toHaveResourceInRegion(LaunchTemplate, region, {
        image_id: `resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-${arch}`,
        instance_type: config.compute.instanceType,
      });
      expect(synth.data).toBeUndefined(); // no AMI (or any) data source: plans stay offline
    });

    test('IMDSv2 required with hop limit 1, no public IP, no key pair, the application group only', () => {
      expect(synthesized).toHaveResourceInRegion(LaunchTemplate, region, {
        metadata_options: expect.objectContaining({ http_tokens: 'required', http_put_response_hop_limit: 1, http_endpoint: 'enabled' }),
        network_interfaces: [
          expect.objectContaining({
            associate_public_ip_address: 'false',
            security_groups: [ref(stack, platform.network.securityGroups.application.id)],
          }),
        ],
      });
      expect(lt.key_name).toBeUndefined();
      expect(lt.vpc_security_group_ids).toBeUndefined();
    });

    test('an encrypted gp3 root volume under the region key', () => {
      expect(synthesized).toHaveResourceInRegion(LaunchTemplate, region, {
        block_device_mappings: [
          {
            device_name: '/dev/xvda',
            ebs: expect.objectContaining({ volume_type: 'gp3', encrypted: 'true', kms_key_id: ref(stack, platform.key.arn) }),
          },
        ],
      });
    });

    test('tag specifications for instances and volumes carry the environment tags', () => {
      const tags = expect.objectContaining({
        Environment: env,
        Project: 'platform',
        Owner: config.tags.Owner,
        Name: `platform-${env}-${region}-app`,
      });
      expect(synthesized).toHaveResourceInRegion(LaunchTemplate, region, {
        tag_specifications: [
          expect.objectContaining({ resource_type: 'instance', tags }),
          expect.objectContaining({ resource_type: 'volume', tags }),
        ],
      });
    });

    test('user data runs the web service with /health and / and ships logs with the CloudWatch agent', () => {
      const props = {
        environment: env,
        region,
        appPort: config.compute.appPort,
        logGroupName: `/platform/${env}/${region}/application`,
        database: { host: platform.database.applicationEndpoint, user: config.database.applicationUser, connectArn: 'not rendered' },
      };
      const userData = renderUserData(props);
      // Terraform encodes it: the text holds the database endpoint, known only after apply.
      expect(synthesized).toHaveResourceInRegion(LaunchTemplate, region, { user_data: ref(stack, userDataExpression(props)) });
      expect(userData).toMatch(/^#cloud-config\n/);
      expect(userData).toContain('if self.path == "/health":');
      expect(userData).toContain(`APP_ENVIRONMENT=${env} APP_REGION=${region} APP_PORT=${config.compute.appPort}`);
      expect(userData).toContain('amazon-cloudwatch-agent');
      // A system user (not DynamicUser) and a world-readable log directory: the agent runs as cwagent.
      expect(userData).toContain('  - name: platform-app\n    system: true');
      expect(userData).toContain('User=platform-app');
      expect(userData).toContain('LogsDirectoryMode=0755');
      expect(userData).not.toContain('DynamicUser');
      expect(userData).toContain(`"log_group_name": "/platform/${env}/${region}/application"`);
    });

    test('the instance profile: SSM core, agent to its log group, IAM authentication to the database, no secret', () => {
      const role = platform.fleet.role;
      expect(synthesized).toHaveResourceInRegion(IamRolePolicyAttachment, region, {
        role: ref(stack, role.role.name),
        policy_arn: 'arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore',
      });
      // The only managed policy of the role.
      const attachments = regionalResources(synth, 'aws_iam_role_policy_attachment', region).filter(
        (a) => a.role === ref(stack, role.role.name),
      );
      expect(attachments).toHaveLength(1);
      const inline = regionalResources(synth, 'aws_iam_role_policy', region).filter((p) => p.role === ref(stack, role.role.id));
      expect(inline).toHaveLength(1);
      const statements = JSON.parse(inline[0].policy).Statement;
      // The exact statements are pinned in data-protection.test.ts; here, none reads a secret or uses a wildcard action.
      expect(statements.map((st: any) => st.Sid)).toEqual(['ShipLogs', 'AgentMetrics', 'AgentInstanceTags', 'ConnectAsApplicationUser']);
      for (const st of statements) {
        const actions = [st.Action].flat();
        expect(actions.some((a: string) => a === '*' || a.endsWith(':*') || a.startsWith('secretsmanager:'))).toBe(false);
      }
    });

    test(`the group spans the private subnets with ELB health checks and ${config.compute.minSize}/${config.compute.desiredCapacity}/${config.compute.maxSize} instances`, () => {
      expect(synthesized).toHaveResourceInRegion(AutoscalingGroup, region, {
        min_size: config.compute.minSize,
        desired_capacity: config.compute.desiredCapacity,
        max_size: config.compute.maxSize,
        health_check_type: 'ELB',
        health_check_grace_period: 300,
        vpc_zone_identifier: subnetRefs(stack, config, region, 'private'),
        target_group_arns: [ref(stack, platform.loadBalancer.targetGroup.arn)],
        launch_template: expect.objectContaining({
          id: ref(stack, platform.fleet.launchTemplate.id),
          version: ref(stack, platform.fleet.launchTemplate.latestVersion as unknown as string),
        }),
        lifecycle: expect.objectContaining({ ignore_changes: ['desired_capacity'] }),
        enabled_metrics: expect.arrayContaining(['GroupInServiceInstances']),
      });
    });

    test('the group launches only after the private routes, their associations and the endpoints exist (first boot installs packages)', () => {
      const network = platform.network;
      const address = (r: { terraformResourceType: string; friendlyUniqueId: string }) =>
        `${r.terraformResourceType}.${r.friendlyUniqueId}`;
      const interfaces = Object.values(network.endpoints.interfaces);
      expect(interfaces).toHaveLength(config.network.interfaceEndpoints ? 6 : 0);
      expect(synthesized).toHaveResourceInRegion(AutoscalingGroup, region, {
        depends_on: network.privateEgress.map((r) => address(r as any)),
      });
      // What that list holds, computed: the S3 and interface endpoints, three routes, three associations.
      expect(asg.depends_on).toEqual(expect.arrayContaining([address(network.endpoints.s3), ...interfaces.map(address)]));
      expect(asg.depends_on.filter((a: string) => a.startsWith('aws_route.'))).toHaveLength(3);
      expect(asg.depends_on.filter((a: string) => a.startsWith('aws_route_table_association.'))).toHaveLength(3);
    });

    test('a new launch template version rolls through the group without dropping below full capacity', () => {
      expect(synthesized).toHaveResourceInRegion(AutoscalingGroup, region, {
        instance_refresh: {
          strategy: 'Rolling',
          preferences: { min_healthy_percentage: 100, max_healthy_percentage: 200, instance_warmup: '120' },
        },
      });
    });

    test('tags propagate to instances at launch', () => {
      // Each key once (a duplicate would leave it open which value wins), the two below among them.
      const keys = asg.tag.map((t: any) => t.key);
      expect(new Set(keys).size).toBe(keys.length);
      expect(synthesized).toHaveResourceInRegion(AutoscalingGroup, region, {
        tag: expect.arrayContaining([
          expect.objectContaining({ key: 'Environment', value: env, propagate_at_launch: true }),
          expect.objectContaining({ key: 'Name', value: `platform-${env}-${region}-app`, propagate_at_launch: true }),
        ]),
      });
    });

    test('target tracking on CPU and on requests per target', () => {
      const lb = platform.loadBalancer;
      expect(synthesized).toHaveResourceInRegion(AutoscalingPolicy, region, {
        policy_type: 'TargetTrackingScaling',
        target_tracking_configuration: expect.objectContaining({
          predefined_metric_specification: expect.objectContaining({ predefined_metric_type: 'ASGAverageCPUUtilization' }),
          target_value: config.compute.cpuTargetPercent,
        }),
      });
      expect(synthesized).toHaveResourceInRegion(AutoscalingPolicy, region, {
        policy_type: 'TargetTrackingScaling',
        target_tracking_configuration: expect.objectContaining({
          predefined_metric_specification: expect.objectContaining({
            predefined_metric_type: 'ALBRequestCountPerTarget',
            resource_label: `${ref(stack, lb.lb.arnSuffix)}/${ref(stack, lb.targetGroup.arnSuffix)}`,
          }),
          target_value: config.compute.requestsPerTarget,
        }),
      });
      // These two and no other.
      expect(regionalResources(synth, 'aws_autoscaling_policy', region)).toHaveLength(2);
    });

    test('the application log group uses the region key and the configured retention', () => {
      expect(synthesized).toHaveResourceInRegion(CloudwatchLogGroup, region, {
        name: `/platform/${env}/${region}/application`,
        retention_in_days: config.logRetentionDays,
        kms_key_id: ref(stack, platform.key.arn),
      });
    });
  });
});

test('prod runs at least two instances per region', () => {
  const synth: Synth = JSON.parse(built.prod!.synthesized);
  // A lower bound over every group, which no matcher states: read from the JSON.
  for (const asg of Object.values(synth.resource.aws_autoscaling_group!)) expect(asg.min_size).toBeGreaterThanOrEqual(2);
});

test('an x86 family picks the x86_64 image', () => {
  const config = configOf('dev');
  config.compute.instanceType = 'm7i.large';
  const synthesized = Testing.synth(testStack('dev', config));
  for (const region of REGIONS) {
    expect(synthesized).toHaveResourceInRegion(LaunchTemplate, region, {
      image_id: expect.stringMatching(/al2023-ami-kernel-default-x86_64$/),
    });
  }
  // One template per region: so every template picks it.
  expect(Object.keys(JSON.parse(synthesized).resource.aws_launch_template)).toHaveLength(REGIONS.length);
});
