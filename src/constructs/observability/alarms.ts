import { CloudwatchLogMetricFilter } from '@cdktf/provider-aws/lib/cloudwatch-log-metric-filter';
import { CloudwatchMetricAlarm, CloudwatchMetricAlarmConfig } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Construct } from 'constructs';
import { ITerraformDependable } from 'cdktf';
import { auroraBurstable, auroraLocalStorageBytes, auroraMaxConnections } from '../../config/instance-classes';
import { AlarmThresholds } from '../../config/schema';

/** The metric the application log's error filter counts. */
export const APPLICATION_ERRORS_METRIC = 'ApplicationErrors';

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
  /** The cluster's instance identifiers (writer first). */
  readonly databaseInstanceIdentifiers: readonly string[];
  /** The instance class: connection and local-storage thresholds derive from it, credits alarm on burstable ones. */
  readonly databaseInstanceClass: string;
  /** The database alarms are created after these (the cluster and its instances): no flapping on the first deploy. */
  readonly databaseDependsOn: ITerraformDependable[];
  /**
   * A member of a global database: its replication and RPO lag alarm whatever region it replicates
   * from (a switchover changes that); the writer publishes neither, which counts as fine.
   */
  readonly globalDatabaseMember: boolean;
  /** The region's backup vault: failed backup and copy jobs alarm. */
  readonly backupVaultName: string;
  readonly region: string;
  /** The region's NAT gateways' ids. */
  readonly natGatewayIds: readonly string[];
  /** The web ACL's and its rate-based rule's metric names (their visibility_config). */
  readonly webAclMetricName: string;
  readonly rateLimitMetricName: string;
  /** The alarm topic's name: failed deliveries alarm. */
  readonly topicName: string;
  /** The application log group: error lines are counted by a metric filter. */
  readonly applicationLogGroupName: string;
  /** Namespace of the metric filter's metric, e.g. `platform/prod`. */
  readonly applicationMetricNamespace: string;
}

/** The Metrics Insights query of a member's global lag metric over every source region. */
export function globalLagQuery(metricName: string, clusterIdentifier: string): string {
  return `SELECT MAX(${metricName}) FROM SCHEMA("AWS/RDS", DBClusterIdentifier, SourceRegion) WHERE DBClusterIdentifier = '${clusterIdentifier}'`;
}

type Alarm = Omit<CloudwatchMetricAlarmConfig, 'alarmActions' | 'okActions' | 'provider' | 'alarmName'> & {
  readonly name: string;
  /** A database alarm: created after the cluster and its instances. */
  readonly database?: boolean;
};

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
    const maxConnections = auroraMaxConnections(props.databaseInstanceClass);
    const localStorage = auroraLocalStorageBytes(props.databaseInstanceClass);
    if (maxConnections === undefined || localStorage === undefined) {
      throw new Error(`PlatformAlarms ${this.node.path}: unknown Aurora instance class ${props.databaseInstanceClass}`);
    }
    // 80% of the class's default max_connections, unless the config sets a (validated) value.
    const connections = t.databaseConnections ?? Math.floor(0.8 * maxConnections);

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
        name: 'target-5xx-ratio',
        alarmDescription: `More than ${t.target5xxPercent}% of requests get a 5xx from the application (5-minute periods with at least 50 requests).`,
        // Metric math: 5xx is published only when non-zero (FILL), and a quiet period is no signal.
        metricQuery: [
          {
            id: 'errors',
            metric: {
              namespace: 'AWS/ApplicationELB',
              metricName: 'HTTPCode_Target_5XX_Count',
              dimensions: target,
              stat: 'Sum',
              period: 300,
            },
          },
          {
            id: 'requests',
            metric: { namespace: 'AWS/ApplicationELB', metricName: 'RequestCount', dimensions: target, stat: 'Sum', period: 300 },
          },
          {
            id: 'ratio',
            expression: 'IF(requests >= 50, 100 * FILL(errors, 0) / requests, 0)',
            label: 'Target 5xx, % of requests',
            returnData: true,
          },
        ],
        evaluationPeriods: 3,
        datapointsToAlarm: 2,
        comparisonOperator: 'GreaterThanThreshold',
        threshold: t.target5xxPercent,
        treatMissingData: 'notBreaching', // no requests at all
      },
      {
        name: 'rejected-connections',
        alarmDescription: 'The load balancer rejects connections: it has reached its connection limit.',
        namespace: 'AWS/ApplicationELB',
        metricName: 'RejectedConnectionCount',
        dimensions: alb,
        statistic: 'Sum',
        ...perMinute,
        comparisonOperator: 'GreaterThanThreshold',
        threshold: 0,
        treatMissingData: 'notBreaching', // published only when non-zero
      },
      {
        name: 'target-connection-errors',
        alarmDescription: 'The load balancer cannot open connections to the instances.',
        namespace: 'AWS/ApplicationELB',
        metricName: 'TargetConnectionErrorCount',
        dimensions: target,
        statistic: 'Sum',
        ...perMinute,
        comparisonOperator: 'GreaterThanOrEqualToThreshold',
        threshold: 5,
        treatMissingData: 'notBreaching', // published only when non-zero
      },
      {
        name: 'no-healthy-hosts',
        alarmDescription: 'No instance passes the health check: the region serves nothing but errors.',
        namespace: 'AWS/ApplicationELB',
        metricName: 'HealthyHostCount',
        dimensions: target,
        statistic: 'Minimum',
        ...perMinute,
        comparisonOperator: 'LessThanThreshold',
        threshold: 1,
        treatMissingData: 'breaching', // published while the target group serves: silence is an outage
      },
      {
        name: 'instance-status-check',
        alarmDescription: 'An instance of the group fails its EC2 status checks.',
        namespace: 'AWS/EC2',
        metricName: 'StatusCheckFailed',
        dimensions: { AutoScalingGroupName: props.autoScalingGroupName },
        statistic: 'Maximum',
        period: 60,
        evaluationPeriods: 3,
        comparisonOperator: 'GreaterThanOrEqualToThreshold',
        threshold: 1,
        treatMissingData: 'notBreaching', // no instances is the in-service alarm's business
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
        database: true,
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
        database: true,
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
        database: true,
        alarmDescription: `More than ${connections} connections to an instance of the cluster (its class allows ${maxConnections} by default).`,
        namespace: 'AWS/RDS',
        metricName: 'DatabaseConnections',
        dimensions: cluster,
        statistic: 'Maximum',
        period: 300,
        evaluationPeriods: 2,
        comparisonOperator: 'GreaterThanThreshold',
        threshold: connections,
        treatMissingData: 'breaching',
      },
      {
        name: 'db-transaction-id-wraparound',
        database: true,
        alarmDescription:
          'More than a billion transaction IDs used: vacuum is falling behind; PostgreSQL stops accepting writes near 2.1 billion.',
        namespace: 'AWS/RDS',
        metricName: 'MaximumUsedTransactionIDs',
        dimensions: cluster,
        statistic: 'Maximum',
        period: 300,
        evaluationPeriods: 1,
        comparisonOperator: 'GreaterThanThreshold',
        threshold: 1_000_000_000,
        treatMissingData: 'breaching',
      },
      {
        name: 'db-free-local-storage',
        database: true,
        alarmDescription: `An instance has less than 20% of its local storage (${Math.round(localStorage / 1024 ** 3)} GiB) free: sorts and temporary tables will fail.`,
        namespace: 'AWS/RDS',
        metricName: 'FreeLocalStorage',
        dimensions: cluster,
        statistic: 'Minimum',
        period: 300,
        evaluationPeriods: 3,
        comparisonOperator: 'LessThanThreshold',
        threshold: Math.round(0.2 * localStorage),
        treatMissingData: 'breaching',
      },
      {
        name: 'db-deadlocks',
        database: true,
        alarmDescription: 'Deadlocks in the database, three 5-minute periods out of five.',
        namespace: 'AWS/RDS',
        metricName: 'Deadlocks',
        dimensions: cluster,
        statistic: 'Sum',
        period: 300,
        evaluationPeriods: 5,
        datapointsToAlarm: 3,
        comparisonOperator: 'GreaterThanThreshold',
        threshold: 0,
        treatMissingData: 'notBreaching',
      },
      {
        name: 'db-replica-lag',
        database: true,
        alarmDescription: 'A reader of the cluster lags its writer by more than a second (in-region replication).',
        namespace: 'AWS/RDS',
        metricName: 'AuroraReplicaLag',
        dimensions: cluster,
        statistic: 'Maximum',
        period: 60,
        evaluationPeriods: 5,
        comparisonOperator: 'GreaterThanThreshold',
        threshold: 1000,
        treatMissingData: 'notBreaching', // published by readers only
      },
      ...(auroraBurstable(props.databaseInstanceClass)
        ? props.databaseInstanceIdentifiers.map((instance, i): Alarm => ({
            name: `db-cpu-credits-${i + 1}`,
            database: true,
            alarmDescription: `Instance ${i + 1} of the cluster is running out of CPU credits: it will be throttled to its baseline.`,
            namespace: 'AWS/RDS',
            metricName: 'CPUCreditBalance',
            dimensions: { DBInstanceIdentifier: instance },
            statistic: 'Minimum',
            period: 300, // published every 5 minutes
            evaluationPeriods: 3,
            comparisonOperator: 'LessThanThreshold',
            threshold: 100,
            treatMissingData: 'breaching',
          }))
        : []),
      ...props.natGatewayIds.flatMap((natGatewayId, i): Alarm[] => [
        {
          name: `nat-${i + 1}-port-allocation-errors`,
          alarmDescription: 'A NAT gateway cannot allocate a source port: connections out of the private subnets fail.',
          namespace: 'AWS/NATGateway',
          metricName: 'ErrorPortAllocation',
          dimensions: { NatGatewayId: natGatewayId },
          statistic: 'Sum',
          period: 300,
          evaluationPeriods: 3,
          comparisonOperator: 'GreaterThanThreshold',
          threshold: 0,
          treatMissingData: 'notBreaching',
        },
        {
          name: `nat-${i + 1}-packets-dropped`,
          alarmDescription: 'A NAT gateway drops packets (more than 100 in 5 minutes, three periods running).',
          namespace: 'AWS/NATGateway',
          metricName: 'PacketsDropCount',
          dimensions: { NatGatewayId: natGatewayId },
          statistic: 'Sum',
          period: 300,
          evaluationPeriods: 3,
          comparisonOperator: 'GreaterThanThreshold',
          threshold: 100,
          treatMissingData: 'notBreaching',
        },
      ]),
      {
        name: 'waf-blocked',
        alarmDescription: `The web ACL blocked more than ${t.wafBlockedPer5Min} requests in 5 minutes (all rules): an attack, or a rule blocking real users.`,
        namespace: 'AWS/WAFV2',
        metricName: 'BlockedRequests',
        dimensions: { WebACL: props.webAclMetricName, Region: props.region, Rule: 'ALL' },
        statistic: 'Sum',
        period: 300,
        evaluationPeriods: 1,
        comparisonOperator: 'GreaterThanThreshold',
        threshold: t.wafBlockedPer5Min,
        treatMissingData: 'notBreaching', // published only when requests are blocked
      },
      {
        name: 'waf-rate-limited',
        alarmDescription: 'The rate-based rule blocks a client (one IP above the configured rate).',
        namespace: 'AWS/WAFV2',
        metricName: 'BlockedRequests',
        dimensions: { WebACL: props.webAclMetricName, Region: props.region, Rule: props.rateLimitMetricName },
        statistic: 'Sum',
        period: 300,
        evaluationPeriods: 1,
        comparisonOperator: 'GreaterThanThreshold',
        threshold: 0,
        treatMissingData: 'notBreaching',
      },
      {
        name: 'alarm-notifications-failed',
        alarmDescription: 'The alarm topic failed to deliver a notification (a bounced or unconfirmed subscription).',
        namespace: 'AWS/SNS',
        metricName: 'NumberOfNotificationsFailed',
        dimensions: { TopicName: props.topicName },
        statistic: 'Sum',
        period: 300,
        evaluationPeriods: 1,
        comparisonOperator: 'GreaterThanOrEqualToThreshold',
        threshold: 1,
        treatMissingData: 'notBreaching', // published only while the topic is active
      },
      {
        name: 'application-errors',
        alarmDescription: `At least ${t.applicationErrorsPer5Min} error lines (ERROR, Traceback) in the application log in 5 minutes.`,
        namespace: props.applicationMetricNamespace,
        metricName: APPLICATION_ERRORS_METRIC,
        statistic: 'Sum',
        period: 300,
        evaluationPeriods: 1,
        comparisonOperator: 'GreaterThanOrEqualToThreshold',
        threshold: t.applicationErrorsPer5Min,
        treatMissingData: 'notBreaching', // no log lines at all
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
    if (props.globalDatabaseMember) {
      // Every member, whatever its role: a Metrics Insights query over the SourceRegion dimension,
      // which names the current writer's region and changes with a switchover. The writer publishes
      // no lag, so missing data is not breaching (Aurora User Guide, global database metrics).
      const lag = (name: string, metric: string, threshold: number, what: string): Alarm => ({
        name,
        database: true,
        alarmDescription: `${what} of this member above ${threshold} ms, from whichever region writes (a failover's data loss grows).`,
        metricQuery: [{ id: 'lag', expression: globalLagQuery(metric, props.databaseClusterIdentifier), period: 60, returnData: true }],
        evaluationPeriods: 5,
        datapointsToAlarm: 3,
        comparisonOperator: 'GreaterThanThreshold',
        threshold,
        treatMissingData: 'notBreaching',
      });
      definitions.push(
        lag('global-replication-lag', 'AuroraGlobalDBReplicationLag', t.replicationLagMs, 'Global replication lag'),
        lag('global-rpo-lag', 'AuroraGlobalDBRPOLag', t.rpoLagMs, 'The recovery point lag'),
      );
    }

    new CloudwatchLogMetricFilter(this, 'application-errors-filter', {
      provider: props.provider,
      name: `${props.namePrefix}-application-errors`,
      logGroupName: props.applicationLogGroupName,
      pattern: '?ERROR ?Traceback',
      // 0 while lines arrive and none match; nothing while no lines arrive (treated as not breaching).
      metricTransformation: { name: APPLICATION_ERRORS_METRIC, namespace: props.applicationMetricNamespace, value: '1', defaultValue: '0' },
    });

    const alarms: Record<string, CloudwatchMetricAlarm> = {};
    for (const { name, database, ...alarm } of definitions) {
      alarms[name] = new CloudwatchMetricAlarm(this, name, {
        provider: props.provider,
        alarmName: `${props.namePrefix}-${name}`,
        ...alarm,
        dependsOn: database ? props.databaseDependsOn : undefined,
        alarmActions: [props.topicArn],
        okActions: [props.topicArn],
      });
    }
    this.alarms = alarms;
  }
}
