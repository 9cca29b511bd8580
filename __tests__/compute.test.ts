import { LaunchTemplate } from '@cdktf/provider-aws/lib/launch-template';
import { Testing } from 'cdktf';
import { ENVIRONMENTS, Synth, configOf, ref, regionalResources, synthJson, testStack } from './helpers';
import { renderUserData, userDataExpression } from '../src/constructs/compute/user-data';

const REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1'];

describe.each(ENVIRONMENTS)('compute of %s', (env) => {
  const config = configOf(env);
  const stack = testStack(env);
  const synthesized = Testing.synth(stack);
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
      expect(lt.tag_specifications.map((t: any) => t.resource_type)).toEqual(['instance', 'volume']);
      for (const spec of lt.tag_specifications) {
        expect(spec.tags).toMatchObject({
          Environment: env,
          Project: 'platform',
          Owner: config.tags.Owner,
          Name: `platform-${env}-${region}-app`,
        });
      }
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
      expect(lt.user_data).toBe(ref(stack, userDataExpression(props)));
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
      const attachments = regionalResources(synth, 'aws_iam_role_policy_attachment', region).filter(
        (a) => a.role === ref(stack, role.role.name),
      );
      expect(attachments.map((a) => a.policy_arn)).toEqual(['arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore']);
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
      expect(asg).toMatchObject({
        min_size: config.compute.minSize,
        desired_capacity: config.compute.desiredCapacity,
        max_size: config.compute.maxSize,
        health_check_type: 'ELB',
        health_check_grace_period: 300,
        vpc_zone_identifier: platform.network.subnetIds('private').map((id) => ref(stack, id)),
        target_group_arns: [ref(stack, platform.loadBalancer.targetGroup.arn)],
        launch_template: {
          id: ref(stack, platform.fleet.launchTemplate.id),
          version: ref(stack, platform.fleet.launchTemplate.latestVersion as unknown as string),
        },
      });
      expect(asg.lifecycle.ignore_changes).toEqual(['desired_capacity']);
      expect(asg.enabled_metrics).toContain('GroupInServiceInstances');
    });

    test('the group launches only after the private routes, their associations and the endpoints exist (first boot installs packages)', () => {
      const network = platform.network;
      const address = (r: { terraformResourceType: string; friendlyUniqueId: string }) =>
        `${r.terraformResourceType}.${r.friendlyUniqueId}`;
      const interfaces = Object.values(network.endpoints.interfaces);
      expect(interfaces).toHaveLength(config.network.interfaceEndpoints ? 6 : 0);
      expect(asg.depends_on).toEqual(network.privateEgress.map((r) => address(r as any)));
      expect(asg.depends_on).toEqual(expect.arrayContaining([address(network.endpoints.s3), ...interfaces.map(address)]));
      expect(asg.depends_on.filter((a: string) => a.startsWith('aws_route.'))).toHaveLength(3);
      expect(asg.depends_on.filter((a: string) => a.startsWith('aws_route_table_association.'))).toHaveLength(3);
    });

    test('a new launch template version rolls through the group without dropping below full capacity', () => {
      expect(asg.instance_refresh).toEqual({
        strategy: 'Rolling',
        preferences: { min_healthy_percentage: 100, max_healthy_percentage: 200, instance_warmup: '120' },
      });
    });

    test('tags propagate to instances at launch', () => {
      const tags = Object.fromEntries(asg.tag.map((t: any) => [t.key, [t.value, t.propagate_at_launch]]));
      expect(tags.Environment).toEqual([env, true]);
      expect(tags.Name).toEqual([`platform-${env}-${region}-app`, true]);
    });

    test('target tracking on CPU and on requests per target', () => {
      const policies = regionalResources(synth, 'aws_autoscaling_policy', region);
      expect(
        policies.map((p) => [
          p.policy_type,
          p.target_tracking_configuration.predefined_metric_specification.predefined_metric_type,
          p.target_tracking_configuration.target_value,
        ]),
      ).toEqual([
        ['TargetTrackingScaling', 'ASGAverageCPUUtilization', config.compute.cpuTargetPercent],
        ['TargetTrackingScaling', 'ALBRequestCountPerTarget', config.compute.requestsPerTarget],
      ]);
      const lb = platform.loadBalancer;
      expect(policies[1].target_tracking_configuration.predefined_metric_specification.resource_label).toBe(
        `${ref(stack, lb.lb.arnSuffix)}/${ref(stack, lb.targetGroup.arnSuffix)}`,
      );
    });

    test('the application log group uses the region key and the configured retention', () => {
      const group = regionalResources(synth, 'aws_cloudwatch_log_group', region).find((g) => g.name.endsWith('/application'));
      expect(group).toMatchObject({ retention_in_days: config.logRetentionDays, kms_key_id: ref(stack, platform.key.arn) });
    });
  });
});

test('prod runs at least two instances per region', () => {
  const synth = synthJson(testStack('prod'));
  for (const asg of Object.values(synth.resource.aws_autoscaling_group!)) expect(asg.min_size).toBeGreaterThanOrEqual(2);
});

test('an x86 family picks the x86_64 image', () => {
  const config = configOf('dev');
  config.compute.instanceType = 'm7i.large';
  const synth = synthJson(testStack('dev', config));
  for (const lt of Object.values(synth.resource.aws_launch_template!)) expect(lt.image_id).toMatch(/al2023-ami-kernel-default-x86_64$/);
});
