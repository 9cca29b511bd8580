import { CloudwatchDashboard } from '@cdktf/provider-aws/lib/cloudwatch-dashboard';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Construct } from 'constructs';

export interface PlatformDashboardProps {
  readonly provider: AwsProvider;
  readonly region: string;
  readonly name: string;
  readonly loadBalancerArnSuffix: string;
  readonly targetGroupArnSuffix: string;
  readonly autoScalingGroupName: string;
  readonly databaseClusterIdentifier: string;
  /** A member of a global database: a replication-lag widget over whichever region it replicates from. */
  readonly globalDatabaseMember: boolean;
}

type Metric = (string | Record<string, string>)[];

/** One dashboard per region: traffic, errors and latency; capacity; the database. */
export class PlatformDashboard extends Construct {
  readonly dashboard: CloudwatchDashboard;
  readonly url: string;

  constructor(scope: Construct, id: string, props: PlatformDashboardProps) {
    super(scope, id);
    const { region } = props;
    const lb = ['LoadBalancer', props.loadBalancerArnSuffix];
    const tg = [...lb, 'TargetGroup', props.targetGroupArnSuffix];
    const asg = ['AutoScalingGroupName', props.autoScalingGroupName];
    const db = ['DBClusterIdentifier', props.databaseClusterIdentifier];
    const widget = (title: string, metrics: Metric[], x: number, y: number, extra: Record<string, unknown> = {}) => ({
      type: 'metric',
      x,
      y,
      width: 8,
      height: 6,
      properties: { title, region, view: 'timeSeries', stacked: false, period: 60, metrics, ...extra },
    });
    const widgets = [
      widget('Requests', [['AWS/ApplicationELB', 'RequestCount', ...lb, { stat: 'Sum' }]], 0, 0),
      widget(
        'Errors',
        [
          ['AWS/ApplicationELB', 'HTTPCode_ELB_5XX_Count', ...lb, { stat: 'Sum' }],
          ['AWS/ApplicationELB', 'HTTPCode_Target_5XX_Count', ...tg, { stat: 'Sum' }],
          ['AWS/ApplicationELB', 'HTTPCode_Target_4XX_Count', ...tg, { stat: 'Sum' }],
        ],
        8,
        0,
      ),
      widget(
        'Latency',
        [
          ['AWS/ApplicationELB', 'TargetResponseTime', ...tg, { stat: 'p50' }],
          ['AWS/ApplicationELB', 'TargetResponseTime', ...tg, { stat: 'p99' }],
        ],
        16,
        0,
      ),
      widget(
        'Capacity',
        [
          ['AWS/AutoScaling', 'GroupInServiceInstances', ...asg, { stat: 'Minimum' }],
          ['AWS/AutoScaling', 'GroupDesiredCapacity', ...asg, { stat: 'Maximum' }],
          ['AWS/ApplicationELB', 'UnHealthyHostCount', ...tg, { stat: 'Maximum' }],
        ],
        0,
        6,
      ),
      widget(
        'Database CPU',
        [
          // Cluster-wide: a secondary has no WRITER role, and roles move with failovers.
          ['AWS/RDS', 'CPUUtilization', ...db, { stat: 'Maximum', label: 'highest instance' }],
          ['AWS/RDS', 'CPUUtilization', ...db, { stat: 'Average', label: 'average' }],
        ],
        8,
        6,
      ),
      widget('Database connections', [['AWS/RDS', 'DatabaseConnections', ...db, { stat: 'Maximum' }]], 16, 6),
    ];
    if (props.globalDatabaseMember) {
      // SEARCH over the SourceRegion dimension: the series of whichever region writes now.
      const search = `SEARCH('{AWS/RDS,DBClusterIdentifier,SourceRegion} MetricName="AuroraGlobalDBReplicationLag" DBClusterIdentifier="${props.databaseClusterIdentifier}"', 'Maximum', 60)`;
      widgets.push(widget('Global replication lag (ms)', [[{ expression: search, id: 'lag', label: 'from' }]], 0, 12));
    }
    this.dashboard = new CloudwatchDashboard(this, 'dashboard', {
      provider: props.provider,
      dashboardName: props.name,
      dashboardBody: JSON.stringify({ widgets }),
    });
    this.url = `https://${region}.console.aws.amazon.com/cloudwatch/home?region=${region}#dashboards:name=${props.name}`;
  }
}
