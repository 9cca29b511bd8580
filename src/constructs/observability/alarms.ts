import { CloudwatchMetricAlarm, CloudwatchMetricAlarmConfig } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Construct } from 'constructs';
import { AlarmThresholds } from '../../config/schema';

export interface PlatformAlarmsProps {
  readonly provider: AwsProvider;
  /** Alarm name prefix, e.g. `platform-prod-us-east-1`. */
  readonly namePrefix: string;
  /** Notified on ALARM and on OK. */
  readonly topicArn: string;
  readonly thresholds: AlarmThresholds;
  /** `app/<name>/<id>` and `targetgroup/<name>/<id>`: the ApplicationELB dimensions. */
  readonly loadBalancerArnSuffix: string;
  readonly targetGroupArnSuffix: string;
  readonly autoScalingGroupName: string;
  /** The group's minimum: fewer instances in service than this alarms. */
  readonly minInService: number;
  readonly databaseClusterIdentifier: string;
  /** For a secondary of a global database: the primary's region, whose replication lag is alarmed. */
  readonly replicationSourceRegion?: string;
  /** The region's backup vault: failed backup and copy jobs alarm. */
  readonly backupVaultName: string;
}

type Alarm = Omit<CloudwatchMetricAlarmConfig, 'alarmActions' | 'okActions' | 'provider' | 'alarmName'> & { readonly name: string };

/**
 * The region's alarms, all notifying the alarm topic on ALARM and OK. Each states how missing
 * data counts: no requests means no errors (notBreaching); a group or database that stops
 * reporting is itself a problem (breaching).
 */
export class PlatformAlarms extends Construct {
  readonly alarms: Readonly<Record<string, CloudwatchMetricAlarm>>;

  constructor(scope: Construct, id: string, props: PlatformAlarmsProps) {
    super(scope, id);
    const t = props.thresholds;
    const alb = { LoadBalancer: props.loadBalancerArnSuffix };
    const target = { LoadBalancer: props.loadBalancerArnSuffix, TargetGroup: props.targetGroupArnSuffix };
    // Cluster-level metrics (every instance of the cluster): a secondary has no writer, and roles
    // move on failover and switchover.
    const cluster = { DBClusterIdentifier: props.databaseClusterIdentifier };
    const perMinute = { period: 60, evaluationPeriods: 5, datapointsToAlarm: 3 };

    const definitions: Alarm[] = [
      {
        name: 'alb-5xx',
        alarmDescription: 'The load balancer itself answers 5xx (no healthy target, or it cannot reach one).',
        namespace: 'AWS/ApplicationELB',
        metricName: 'HTTPCode_ELB_5XX_Count',
        dimensions: alb,
        statistic: 'Sum',
        ...perMinute,
        comparisonOperator: 'GreaterThanOrEqualToThreshold',
        threshold: t.loadBalancer5xxPerMinute,
        treatMissingData: 'notBreaching', // no requests, no errors
      },
      {
        name: 'target-5xx',
        alarmDescription: 'The application answers 5xx.',
        namespace: 'AWS/ApplicationELB',
        metricName: 'HTTPCode_Target_5XX_Count',
        dimensions: target,
        statistic: 'Sum',
        ...perMinute,
        comparisonOperator: 'GreaterThanOrEqualToThreshold',
        threshold: t.target5xxPerMinute,
        treatMissingData: 'notBreaching',
      },
      {
        name: 'unhealthy-hosts',
        alarmDescription: 'Targets fail the /health check.',
        namespace: 'AWS/ApplicationELB',
        metricName: 'UnHealthyHostCount',
        dimensions: target,
        statistic: 'Maximum',
        ...perMinute,
        comparisonOperator: 'GreaterThanOrEqualToThreshold',
        threshold: 1,
        treatMissingData: 'notBreaching', // reported only while targets are registered
      },
      {
        name: 'latency-p99',
        alarmDescription: `p99 response time of the targets above ${t.p99LatencySeconds} s.`,
        namespace: 'AWS/ApplicationELB',
        metricName: 'TargetResponseTime',
        dimensions: target,
        extendedStatistic: 'p99',
        ...perMinute,
        comparisonOperator: 'GreaterThanThreshold',
        threshold: t.p99LatencySeconds,
        treatMissingData: 'notBreaching', // no requests
      },
      {
        name: 'instance-cpu-high',
        alarmDescription: 'The group runs hot even with scaling (at its maximum, or scaling too slowly).',
        namespace: 'AWS/EC2',
        metricName: 'CPUUtilization',
        dimensions: { AutoScalingGroupName: props.autoScalingGroupName },
        statistic: 'Average',
        period: 300,
        evaluationPeriods: 3,
        comparisonOperator: 'GreaterThanThreshold',
        threshold: t.instanceCpuPercent,
        treatMissingData: 'missing', // no instances is the in-service alarm's business
      },
      {
        name: 'in-service-below-minimum',
        alarmDescription: `Fewer than ${props.minInService} instances in service.`,
        namespace: 'AWS/AutoScaling',
        metricName: 'GroupInServiceInstances',
        dimensions: { AutoScalingGroupName: props.autoScalingGroupName },
        statistic: 'Minimum',
        ...perMinute,
        comparisonOperator: 'LessThanThreshold',
        threshold: props.minInService,
        treatMissingData: 'breaching', // group metrics stopped: the group is gone or broken
      },
      {
        name: 'db-cpu',
        alarmDescription: 'An instance of the database cluster is CPU bound.',
        namespace: 'AWS/RDS',
        metricName: 'CPUUtilization',
        dimensions: cluster,
        statistic: 'Maximum',
        period: 300,
        evaluationPeriods: 3,
        comparisonOperator: 'GreaterThanThreshold',
        threshold: t.databaseCpuPercent,
        treatMissingData: 'breaching', // a cluster that reports nothing is down
      },
      {
        name: 'db-freeable-memory',
        alarmDescription: `An instance of the database cluster has less than ${t.databaseFreeMemoryMiB} MiB free.`,
        namespace: 'AWS/RDS',
        metricName: 'FreeableMemory',
        dimensions: cluster,
        statistic: 'Minimum',
        period: 300,
        evaluationPeriods: 3,
        comparisonOperator: 'LessThanThreshold',
        threshold: t.databaseFreeMemoryMiB * 1024 * 1024,
        treatMissingData: 'breaching',
      },
      {
        name: 'db-connections',
        alarmDescription: `More than ${t.databaseConnections} connections to an instance of the cluster.`,
        namespace: 'AWS/RDS',
        metricName: 'DatabaseConnections',
        dimensions: cluster,
        statistic: 'Maximum',
        period: 300,
        evaluationPeriods: 2,
        comparisonOperator: 'GreaterThanThreshold',
        threshold: t.databaseConnections,
        treatMissingData: 'breaching',
      },
      // AWS Backup publishes job counts per vault (AWS Backup Developer Guide, "Monitoring AWS
      // Backup metrics with CloudWatch"), only when jobs ran: no data is no failure. A day's
      // period covers the daily schedule and the copy that follows it.
      ...(['Backup', 'Copy'] as const).map((kind): Alarm => ({
        name: `${kind.toLowerCase()}-jobs-failed`,
        alarmDescription: `A ${kind.toLowerCase()} job into or from the vault ${props.backupVaultName} failed: a recovery point is missing.`,
        namespace: 'AWS/Backup',
        metricName: `NumberOf${kind}JobsFailed`,
        dimensions: { BackupVaultName: props.backupVaultName },
        statistic: 'Sum',
        period: 3600,
        evaluationPeriods: 1,
        comparisonOperator: 'GreaterThanOrEqualToThreshold',
        threshold: 1,
        treatMissingData: 'notBreaching',
      })),
    ];
    if (props.replicationSourceRegion) {
      definitions.push({
        name: 'global-replication-lag',
        alarmDescription: `This secondary lags the primary by more than ${t.replicationLagMs} ms: the recovery point of a failover grows.`,
        namespace: 'AWS/RDS',
        metricName: 'AuroraGlobalDBReplicationLag',
        // Global database metrics are published per secondary cluster and source region.
        dimensions: { DBClusterIdentifier: props.databaseClusterIdentifier, SourceRegion: props.replicationSourceRegion },
        statistic: 'Maximum',
        ...perMinute,
        comparisonOperator: 'GreaterThanThreshold',
        threshold: t.replicationLagMs,
        treatMissingData: 'breaching', // replication that stops reporting has stopped
      });
    }

    const alarms: Record<string, CloudwatchMetricAlarm> = {};
    for (const { name, ...alarm } of definitions) {
      alarms[name] = new CloudwatchMetricAlarm(this, name, {
        provider: props.provider,
        alarmName: `${props.namePrefix}-${name}`,
        ...alarm,
        alarmActions: [props.topicArn],
        okActions: [props.topicArn],
      });
    }
    this.alarms = alarms;
  }
}
