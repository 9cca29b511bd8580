import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Route53HealthCheck } from '@cdktf/provider-aws/lib/route53-health-check';
import { Construct } from 'constructs';

/** The only region where Route 53 publishes health-check metrics (Route 53 Developer Guide, "Monitoring health checks using CloudWatch"). */
export const HEALTH_CHECK_METRICS_REGION = 'us-east-1';

export interface HealthCheckAlarmsProps {
  /** The us-east-1 provider: the metric exists only there, and an alarm notifies topics of its own region. */
  readonly provider: AwsProvider;
  readonly namePrefix: string;
  /** The us-east-1 alarm topic. */
  readonly topicArn: string;
  /** Region -> its load balancer's health check. */
  readonly healthChecks: Readonly<Record<string, Route53HealthCheck>>;
}

/** An alarm per region's health check: a region that drops out of DNS does not do so silently. */
export class HealthCheckAlarms extends Construct {
  readonly alarms: Readonly<Record<string, CloudwatchMetricAlarm>>;

  constructor(scope: Construct, id: string, props: HealthCheckAlarmsProps) {
    super(scope, id);
    const alarms: Record<string, CloudwatchMetricAlarm> = {};
    for (const [region, check] of Object.entries(props.healthChecks)) {
      alarms[region] = new CloudwatchMetricAlarm(this, region, {
        provider: props.provider,
        alarmName: `${props.namePrefix}-${region}-health-check`,
        alarmDescription: `The Route 53 health check of ${region} fails: its latency record no longer answers, and its users go to another region.`,
        namespace: 'AWS/Route53',
        metricName: 'HealthCheckStatus',
        dimensions: { HealthCheckId: check.id },
        statistic: 'Minimum',
        period: 60,
        evaluationPeriods: 3,
        datapointsToAlarm: 2,
        comparisonOperator: 'LessThanThreshold',
        threshold: 1,
        treatMissingData: 'breaching', // published every minute while the check exists
        alarmActions: [props.topicArn],
        okActions: [props.topicArn],
      });
    }
    this.alarms = alarms;
  }
}
