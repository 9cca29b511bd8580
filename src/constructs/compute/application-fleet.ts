import { AutoscalingGroup } from '@cdktf/provider-aws/lib/autoscaling-group';
import { AutoscalingPolicy } from '@cdktf/provider-aws/lib/autoscaling-policy';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { LaunchTemplate } from '@cdktf/provider-aws/lib/launch-template';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { ITerraformDependable, Token } from 'cdktf';
import { Construct } from 'constructs';
import { CpuArchitecture } from '../../config/instance-classes';
import { InstanceRole } from './instance-role';
import { ApplicationDatabase, userDataExpression } from './user-data';

/** Latest Amazon Linux 2023 per architecture, resolved by EC2 at launch: no AMI data source. */
export function amiParameter(architecture: CpuArchitecture): string {
  return `resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-${architecture}`;
}

/** Group metrics the dashboard and alarms read. */
export const ASG_METRICS = [
  'GroupMinSize',
  'GroupMaxSize',
  'GroupDesiredCapacity',
  'GroupInServiceInstances',
  'GroupPendingInstances',
  'GroupTerminatingInstances',
  'GroupTotalInstances',
];

export interface ApplicationFleetProps {
  readonly provider: AwsProvider;
  readonly region: string;
  /** Shown by the application at `/`; not used for any decision. */
  readonly environment: string;
  /** Regional name prefix, e.g. `platform-dev-us-east-1`. */
  readonly namePrefix: string;
  readonly instanceType: string;
  /** Must match the instance family; picks the AMI. */
  readonly architecture: CpuArchitecture;
  readonly minSize: number;
  readonly desiredCapacity: number;
  readonly maxSize: number;
  readonly appPort: number;
  /** Private (application) subnets, one per AZ. */
  readonly subnetIds: string[];
  readonly securityGroupId: string;
  /** The region's CMK: root volumes and the application log group. */
  readonly kmsKeyArn: string;
  readonly logRetentionDays: number;
  /** The application log group, e.g. `/platform/dev/us-east-1/application`. */
  readonly logGroupName: string;
  readonly targetGroupArn: string;
  /** `<lb arn suffix>/<target group arn suffix>`, for the requests-per-target policy. */
  readonly requestCountResourceLabel: string;
  readonly cpuTargetPercent: number;
  readonly requestsPerTarget: number;
  /** How the application reaches the region's database: IAM authentication as its own user. */
  readonly database: ApplicationDatabase;
  /** Tags for instances and volumes (provider default tags do not reach what Auto Scaling launches). */
  readonly tags: Readonly<Record<string, string>>;
  /**
   * The group launches instances only after these exist: the private subnets' routes out and the
   * endpoints, without which first-boot package installs fail and are not retried.
   * @default - no extra ordering
   */
  readonly launchAfter?: ITerraformDependable[];
}

/**
 * The application tier: a hardened launch template, an Auto Scaling group over the private
 * subnets behind the load balancer, target tracking on CPU and requests, rolling instance
 * refresh, and the application log group the CloudWatch agent writes to.
 */
export class ApplicationFleet extends Construct {
  readonly logGroup: CloudwatchLogGroup;
  readonly role: InstanceRole;
  readonly launchTemplate: LaunchTemplate;
  readonly group: AutoscalingGroup;

  constructor(scope: Construct, id: string, props: ApplicationFleetProps) {
    super(scope, id);
    const { provider, namePrefix } = props;
    if (!(props.minSize <= props.desiredCapacity && props.desiredCapacity <= props.maxSize)) {
      throw new Error(
        `ApplicationFleet ${this.node.path}: need minSize <= desiredCapacity <= maxSize, got ${props.minSize} / ${props.desiredCapacity} / ${props.maxSize}`,
      );
    }

    this.logGroup = new CloudwatchLogGroup(this, 'log-group', {
      provider,
      name: props.logGroupName,
      retentionInDays: props.logRetentionDays,
      kmsKeyId: props.kmsKeyArn,
    });
    this.role = new InstanceRole(this, 'instance-role', {
      provider,
      region: props.region,
      name: `${namePrefix}-app`,
      logGroupArn: this.logGroup.arn,
      databaseConnectArn: props.database.connectArn,
    });

    const userData = userDataExpression({
      environment: props.environment,
      region: props.region,
      appPort: props.appPort,
      logGroupName: props.logGroupName,
      database: props.database,
    });
    const instanceTags = { ...props.tags, Name: `${namePrefix}-app` };
    this.launchTemplate = new LaunchTemplate(this, 'launch-template', {
      provider,
      name: `${namePrefix}-app`,
      description: `Application instances of ${namePrefix}`,
      imageId: amiParameter(props.architecture),
      instanceType: props.instanceType,
      iamInstanceProfile: { arn: this.role.profile.arn },
      // IMDSv2 only; a hop limit of 1 keeps tokens away from anything forwarded off the host.
      metadataOptions: { httpEndpoint: 'enabled', httpTokens: 'required', httpPutResponseHopLimit: 1, instanceMetadataTags: 'disabled' },
      networkInterfaces: [
        { deviceIndex: 0, associatePublicIpAddress: 'false', securityGroups: [props.securityGroupId], deleteOnTermination: 'true' },
      ],
      blockDeviceMappings: [
        {
          deviceName: '/dev/xvda',
          ebs: { volumeType: 'gp3', volumeSize: 20, encrypted: 'true', kmsKeyId: props.kmsKeyArn, deleteOnTermination: 'true' },
        },
      ],
      monitoring: { enabled: true },
      userData,
      tagSpecifications: [
        { resourceType: 'instance', tags: instanceTags },
        { resourceType: 'volume', tags: instanceTags },
      ],
      updateDefaultVersion: true,
    });

    this.group = new AutoscalingGroup(this, 'group', {
      provider,
      dependsOn: props.launchAfter,
      name: `${namePrefix}-app`,
      minSize: props.minSize,
      desiredCapacity: props.desiredCapacity,
      maxSize: props.maxSize,
      vpcZoneIdentifier: props.subnetIds,
      targetGroupArns: [props.targetGroupArn],
      healthCheckType: 'ELB',
      healthCheckGracePeriod: 300,
      defaultInstanceWarmup: 120,
      launchTemplate: { id: this.launchTemplate.id, version: Token.asString(this.launchTemplate.latestVersion) },
      // A new launch template version rolls through the group: new instances first, none below 100 %.
      instanceRefresh: {
        strategy: 'Rolling',
        preferences: { minHealthyPercentage: 100, maxHealthyPercentage: 200, instanceWarmup: '120' },
      },
      enabledMetrics: ASG_METRICS,
      metricsGranularity: '1Minute',
      tag: Object.entries(instanceTags).map(([key, value]) => ({ key, value, propagateAtLaunch: true })),
      // Target tracking owns the desired capacity once the group exists.
      lifecycle: { ignoreChanges: ['desired_capacity'] },
    });

    new AutoscalingPolicy(this, 'cpu-target', {
      provider,
      name: `${namePrefix}-cpu-target`,
      autoscalingGroupName: this.group.name,
      policyType: 'TargetTrackingScaling',
      targetTrackingConfiguration: {
        predefinedMetricSpecification: { predefinedMetricType: 'ASGAverageCPUUtilization' },
        targetValue: props.cpuTargetPercent,
      },
    });
    new AutoscalingPolicy(this, 'requests-target', {
      provider,
      name: `${namePrefix}-requests-target`,
      autoscalingGroupName: this.group.name,
      policyType: 'TargetTrackingScaling',
      targetTrackingConfiguration: {
        predefinedMetricSpecification: { predefinedMetricType: 'ALBRequestCountPerTarget', resourceLabel: props.requestCountResourceLabel },
        targetValue: props.requestsPerTarget,
      },
    });
  }
}
