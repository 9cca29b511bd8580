import { CloudwatchDashboard } from '@cdktf/provider-aws/lib/cloudwatch-dashboard';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import { Testing } from 'cdktf';
import { ENVIRONMENTS, Synth, configOf, ref, regionalResources, synthJson, testStack } from './helpers';
import { OUTPUTS } from '../src/stacks/outputs';

const REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1'];
const COMMON_ALARMS = [
  'alb-5xx',
  'unhealthy-hosts',
  'latency-p99',
  'instance-cpu-high',
  'in-service-below-minimum',
  'db-cpu',
  'db-freeable-memory',
  'db-connections',
  'db-transaction-id-wraparound',
  'db-free-local-storage',
  'db-deadlocks',
  'db-replica-lag',
  'backup-jobs-failed',
  'copy-jobs-failed',
  'target-5xx-ratio',
  'rejected-connections',
  'target-connection-errors',
  'no-healthy-hosts',
  'instance-status-check',
  'waf-blocked',
  'waf-rate-limited',
  'alarm-notifications-failed',
  'application-errors',
];

/** One stack and one synth per environment, shared by the file. */
const built = Object.fromEntries(
  ENVIRONMENTS.map((env) => {
    const stack = testStack(env);
    return [env, { stack, synthesized: Testing.synth(stack) }];
  }),
);

describe.each(ENVIRONMENTS)('observability of %s', (env) => {
  const config = configOf(env);
  const { stack, synthesized } = built[env]!;
  const synth: Synth = JSON.parse(synthesized);
  const isGlobal = config.database.topology === 'global';

  describe.each(REGIONS)('in %s', (region) => {
    const platform = stack.regions[region]!;
    const topicRef = ref(stack, platform.alarmTopic.topic.arn);
    const alarms = regionalResources(synth, 'aws_cloudwatch_metric_alarm', region);
    const alarmName = (name: string) => `platform-${env}-${region}-${name}`;
    const alarm = (name: string) => alarms.find((a) => a.alarm_name === alarmName(name));

    test("an alarm topic under the region key, publishable by this account's alarms, with the configured recipients", () => {
      expect(synthesized).toHaveResourceInRegion(SnsTopic, region, {
        name: `platform-${env}-${region}-alarms`,
        kms_master_key_id: ref(stack, platform.key.arn),
      });
      expect(regionalResources(synth, 'aws_sns_topic', region)).toHaveLength(1);
      const [policy] = regionalResources(synth, 'aws_sns_topic_policy', region);
      expect(regionalResources(synth, 'aws_sns_topic_policy', region)).toHaveLength(1);
      expect(policy.arn).toBe(topicRef);
      // Exactly these statements: an extra Allow (say, to principal "*") or a lost deny fails here.
      expect(JSON.parse(policy.policy).Statement).toEqual([
        {
          Sid: 'AccountManagesTopic',
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${config.accountId}:root` },
          Action: ['sns:GetTopicAttributes', 'sns:SetTopicAttributes', 'sns:Subscribe', 'sns:ListSubscriptionsByTopic', 'sns:Publish'],
          Resource: topicRef,
        },
        {
          Sid: 'CloudWatchAlarmsPublish',
          Effect: 'Allow',
          Principal: { Service: 'cloudwatch.amazonaws.com' },
          Action: 'sns:Publish',
          Resource: topicRef,
          Condition: {
            StringEquals: { 'aws:SourceAccount': config.accountId },
            ArnLike: { 'aws:SourceArn': `arn:aws:cloudwatch:${region}:${config.accountId}:alarm:*` },
          },
        },
        {
          Sid: 'DenyInsecureTransport',
          Effect: 'Deny',
          Principal: '*',
          Action: 'sns:Publish',
          Resource: topicRef,
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        },
      ]);

      // A subscription per address (keyed by it, so never two), and no other.
      for (const email of config.alarms.emails) {
        expect(synthesized).toHaveResourceInRegion(SnsTopicSubscription, region, {
          protocol: 'email',
          endpoint: email,
          topic_arn: topicRef,
        });
      }
      expect(regionalResources(synth, 'aws_sns_topic_subscription', region)).toHaveLength(config.alarms.emails.length);
    });

    test(`${isGlobal ? 'every alarm, global lag included' : 'every alarm (no global lag: a regional cluster)'}, each notifying the topic on ALARM and OK`, () => {
      const nats = Object.keys(platform.network.natGateways).length;
      const instances = 1 + config.database.readerCount;
      const expected = [
        ...COMMON_ALARMS,
        ...(isGlobal ? ['global-replication-lag', 'global-rpo-lag'] : []),
        ...Array.from({ length: nats }, (_, i) => [`nat-${i + 1}-port-allocation-errors`, `nat-${i + 1}-packets-dropped`]).flat(),
        // Credits only on burstable classes (dev's db.t4g.medium).
        ...(config.database.instanceClass.startsWith('db.t') ? Array.from({ length: instances }, (_, i) => `db-cpu-credits-${i + 1}`) : []),
      ];
      expect(nats).toBe(config.network.natGateways === 'perAz' ? 3 : 1);
      // us-east-1 also holds the health-check alarms of every region (with a zone).
      const healthChecks = region === 'us-east-1' && config.dns ? REGIONS.map((r) => `platform-${env}-${r}-health-check`) : [];
      const names = [...expected.map(alarmName), ...healthChecks];
      // Exactly these alarms, each once...
      expect(alarms.map((a) => a.alarm_name).sort()).toEqual([...names].sort());
      // ...so this holds for every alarm.
      for (const alarm_name of names) {
        expect(synthesized).toHaveResourceInRegion(CloudwatchMetricAlarm, region, {
          alarm_name,
          alarm_actions: [topicRef],
          ok_actions: [topicRef],
          treat_missing_data: expect.stringMatching(/^(breaching|notBreaching|missing|ignore)$/),
          alarm_description: expect.stringMatching(/\S/),
        });
      }
    });

    // What each alarm measures and when it fires, exactly (the README's alarm table): an inverted
    // comparison, another statistic or a shorter window fails here.
    const SHAPES: [string, Record<string, unknown>][] = [
      [
        'alb-5xx',
        {
          namespace: 'AWS/ApplicationELB',
          metric_name: 'HTTPCode_ELB_5XX_Count',
          statistic: 'Sum',
          comparison_operator: 'GreaterThanOrEqualToThreshold',
          period: 60,
          evaluation_periods: 5,
          datapoints_to_alarm: 3,
          treat_missing_data: 'notBreaching',
        },
      ],
      [
        'target-5xx-ratio',
        { comparison_operator: 'GreaterThanThreshold', evaluation_periods: 3, datapoints_to_alarm: 2, treat_missing_data: 'notBreaching' },
      ],
      [
        'rejected-connections',
        {
          namespace: 'AWS/ApplicationELB',
          metric_name: 'RejectedConnectionCount',
          statistic: 'Sum',
          comparison_operator: 'GreaterThanThreshold',
          period: 60,
          evaluation_periods: 5,
          datapoints_to_alarm: 3,
          treat_missing_data: 'notBreaching',
        },
      ],
      [
        'target-connection-errors',
        {
          namespace: 'AWS/ApplicationELB',
          metric_name: 'TargetConnectionErrorCount',
          statistic: 'Sum',
          comparison_operator: 'GreaterThanOrEqualToThreshold',
          period: 60,
          evaluation_periods: 5,
          datapoints_to_alarm: 3,
          treat_missing_data: 'notBreaching',
        },
      ],
      [
        'no-healthy-hosts',
        {
          namespace: 'AWS/ApplicationELB',
          metric_name: 'HealthyHostCount',
          statistic: 'Minimum',
          comparison_operator: 'LessThanThreshold',
          period: 60,
          evaluation_periods: 5,
          datapoints_to_alarm: 3,
          treat_missing_data: 'breaching',
        },
      ],
      [
        'instance-status-check',
        {
          namespace: 'AWS/EC2',
          metric_name: 'StatusCheckFailed',
          statistic: 'Maximum',
          comparison_operator: 'GreaterThanOrEqualToThreshold',
          period: 60,
          evaluation_periods: 3,
          treat_missing_data: 'notBreaching',
        },
      ],
      [
        'db-transaction-id-wraparound',
        {
          namespace: 'AWS/RDS',
          metric_name: 'MaximumUsedTransactionIDs',
          statistic: 'Maximum',
          comparison_operator: 'GreaterThanThreshold',
          period: 300,
          evaluation_periods: 1,
          treat_missing_data: 'breaching',
        },
      ],
      [
        'db-free-local-storage',
        {
          namespace: 'AWS/RDS',
          metric_name: 'FreeLocalStorage',
          statistic: 'Minimum',
          comparison_operator: 'LessThanThreshold',
          period: 300,
          evaluation_periods: 3,
          treat_missing_data: 'breaching',
        },
      ],
      [
        'db-deadlocks',
        {
          namespace: 'AWS/RDS',
          metric_name: 'Deadlocks',
          statistic: 'Sum',
          comparison_operator: 'GreaterThanThreshold',
          period: 300,
          evaluation_periods: 5,
          datapoints_to_alarm: 3,
          treat_missing_data: 'notBreaching',
        },
      ],
      [
        'db-replica-lag',
        {
          namespace: 'AWS/RDS',
          metric_name: 'AuroraReplicaLag',
          statistic: 'Maximum',
          comparison_operator: 'GreaterThanThreshold',
          period: 60,
          evaluation_periods: 5,
          treat_missing_data: 'notBreaching',
        },
      ],
      [
        'nat-1-port-allocation-errors',
        {
          namespace: 'AWS/NATGateway',
          metric_name: 'ErrorPortAllocation',
          statistic: 'Sum',
          comparison_operator: 'GreaterThanThreshold',
          period: 300,
          evaluation_periods: 3,
          treat_missing_data: 'notBreaching',
        },
      ],
      [
        'nat-1-packets-dropped',
        {
          namespace: 'AWS/NATGateway',
          metric_name: 'PacketsDropCount',
          statistic: 'Sum',
          comparison_operator: 'GreaterThanThreshold',
          period: 300,
          evaluation_periods: 3,
          treat_missing_data: 'notBreaching',
        },
      ],
      [
        'waf-blocked',
        {
          namespace: 'AWS/WAFV2',
          metric_name: 'BlockedRequests',
          statistic: 'Sum',
          comparison_operator: 'GreaterThanThreshold',
          period: 300,
          evaluation_periods: 1,
          treat_missing_data: 'notBreaching',
        },
      ],
      [
        'waf-rate-limited',
        {
          namespace: 'AWS/WAFV2',
          metric_name: 'BlockedRequests',
          statistic: 'Sum',
          comparison_operator: 'GreaterThanThreshold',
          period: 300,
          evaluation_periods: 1,
          treat_missing_data: 'notBreaching',
        },
      ],
      [
        'alarm-notifications-failed',
        {
          namespace: 'AWS/SNS',
          metric_name: 'NumberOfNotificationsFailed',
          statistic: 'Sum',
          comparison_operator: 'GreaterThanOrEqualToThreshold',
          period: 300,
          evaluation_periods: 1,
          treat_missing_data: 'notBreaching',
        },
      ],
      [
        'application-errors',
        {
          namespace: `platform-${env}/application`,
          metric_name: 'ApplicationErrors',
          statistic: 'Sum',
          comparison_operator: 'GreaterThanOrEqualToThreshold',
          period: 300,
          evaluation_periods: 1,
          treat_missing_data: 'notBreaching',
        },
      ],
      [
        'unhealthy-hosts',
        {
          namespace: 'AWS/ApplicationELB',
          metric_name: 'UnHealthyHostCount',
          statistic: 'Maximum',
          comparison_operator: 'GreaterThanOrEqualToThreshold',
          period: 60,
          evaluation_periods: 5,
          datapoints_to_alarm: 3,
          treat_missing_data: 'notBreaching',
        },
      ],
      [
        'latency-p99',
        {
          namespace: 'AWS/ApplicationELB',
          metric_name: 'TargetResponseTime',
          extended_statistic: 'p99',
          comparison_operator: 'GreaterThanThreshold',
          period: 60,
          evaluation_periods: 5,
          datapoints_to_alarm: 3,
          treat_missing_data: 'notBreaching',
        },
      ],
      [
        'instance-cpu-high',
        {
          namespace: 'AWS/EC2',
          metric_name: 'CPUUtilization',
          statistic: 'Average',
          comparison_operator: 'GreaterThanThreshold',
          period: 300,
          evaluation_periods: 3,
          treat_missing_data: 'missing',
        },
      ],
      [
        'in-service-below-minimum',
        {
          namespace: 'AWS/AutoScaling',
          metric_name: 'GroupInServiceInstances',
          statistic: 'Minimum',
          comparison_operator: 'LessThanThreshold',
          period: 60,
          evaluation_periods: 5,
          datapoints_to_alarm: 3,
          treat_missing_data: 'breaching',
        },
      ],
      [
        'db-cpu',
        {
          namespace: 'AWS/RDS',
          metric_name: 'CPUUtilization',
          statistic: 'Maximum',
          comparison_operator: 'GreaterThanThreshold',
          period: 300,
          evaluation_periods: 3,
          treat_missing_data: 'breaching',
        },
      ],
      [
        'db-freeable-memory',
        {
          namespace: 'AWS/RDS',
          metric_name: 'FreeableMemory',
          statistic: 'Minimum',
          comparison_operator: 'LessThanThreshold',
          period: 300,
          evaluation_periods: 3,
          treat_missing_data: 'breaching',
        },
      ],
      [
        'db-connections',
        {
          namespace: 'AWS/RDS',
          metric_name: 'DatabaseConnections',
          statistic: 'Maximum',
          comparison_operator: 'GreaterThanThreshold',
          period: 300,
          evaluation_periods: 2,
          treat_missing_data: 'breaching',
        },
      ],
    ];
    const KEYS = [
      'namespace',
      'metric_name',
      'statistic',
      'extended_statistic',
      'comparison_operator',
      'period',
      'evaluation_periods',
      'datapoints_to_alarm',
      'treat_missing_data',
    ];
    test.each(SHAPES)('alarm %s: metric, statistic, comparison, window and missing data, exactly', (name, shape) => {
      expect(synthesized).toHaveResourceInRegion(CloudwatchMetricAlarm, region, { alarm_name: alarmName(name), ...shape });
      // Exactly: none of the other keys is set (an absent property is raw JSON).
      expect(KEYS.filter((k) => alarm(name)[k] !== undefined).sort()).toEqual(Object.keys(shape).sort());
    });

    test('thresholds and dimensions come from config and the monitored resources', () => {
      const t = config.alarms.thresholds;
      const lb = platform.loadBalancer;
      expect(synthesized).toHaveResourceInRegion(CloudwatchMetricAlarm, region, {
        alarm_name: alarmName('alb-5xx'),
        metric_name: 'HTTPCode_ELB_5XX_Count',
        threshold: t.loadBalancer5xxPerMinute,
        dimensions: { LoadBalancer: ref(stack, lb.lb.arnSuffix) },
        treat_missing_data: 'notBreaching',
      });
      const target = { LoadBalancer: ref(stack, lb.lb.arnSuffix), TargetGroup: ref(stack, lb.targetGroup.arnSuffix) };
      expect(synthesized).toHaveResourceInRegion(CloudwatchMetricAlarm, region, {
        alarm_name: alarmName('target-5xx-ratio'),
        threshold: t.target5xxPercent,
        metric_query: [
          {
            id: 'errors',
            metric: {
              namespace: 'AWS/ApplicationELB',
              metric_name: 'HTTPCode_Target_5XX_Count',
              dimensions: target,
              stat: 'Sum',
              period: 300,
            },
          },
          {
            id: 'requests',
            metric: { namespace: 'AWS/ApplicationELB', metric_name: 'RequestCount', dimensions: target, stat: 'Sum', period: 300 },
          },
          {
            id: 'ratio',
            expression: 'IF(requests >= 50, 100 * FILL(errors, 0) / requests, 0)',
            label: 'Target 5xx, % of requests',
            return_data: true,
          },
        ],
      });
      expect(synthesized).toHaveResourceInRegion(CloudwatchMetricAlarm, region, {
        alarm_name: alarmName('rejected-connections'),
        dimensions: { LoadBalancer: ref(stack, lb.lb.arnSuffix) },
        threshold: 0,
      });
      expect(synthesized).toHaveResourceInRegion(CloudwatchMetricAlarm, region, {
        alarm_name: alarmName('target-connection-errors'),
        dimensions: target,
        threshold: 5,
      });
      expect(synthesized).toHaveResourceInRegion(CloudwatchMetricAlarm, region, {
        alarm_name: alarmName('no-healthy-hosts'),
        dimensions: target,
        threshold: 1,
      });
      expect(synthesized).toHaveResourceInRegion(CloudwatchMetricAlarm, region, {
        alarm_name: alarmName('instance-status-check'),
        dimensions: { AutoScalingGroupName: ref(stack, platform.fleet.group.name) },
      });
      const waf = { WebACL: `platform-${env}-${region}`, Region: region };
      expect(synthesized).toHaveResourceInRegion(CloudwatchMetricAlarm, region, {
        alarm_name: alarmName('waf-blocked'),
        dimensions: { ...waf, Rule: 'ALL' },
        threshold: t.wafBlockedPer5Min,
      });
      expect(synthesized).toHaveResourceInRegion(CloudwatchMetricAlarm, region, {
        alarm_name: alarmName('waf-rate-limited'),
        dimensions: { ...waf, Rule: `platform-${env}-${region}-rate-limit` },
        threshold: 0,
      });
      expect(synthesized).toHaveResourceInRegion(CloudwatchMetricAlarm, region, {
        alarm_name: alarmName('alarm-notifications-failed'),
        dimensions: { TopicName: ref(stack, platform.alarmTopic.topic.name) },
      });
      expect(synthesized).toHaveResourceInRegion(CloudwatchMetricAlarm, region, {
        alarm_name: alarmName('application-errors'),
        threshold: t.applicationErrorsPer5Min,
      });
      Object.values(platform.network.natGateways).forEach((nat, i) => {
        expect(synthesized).toHaveResourceInRegion(CloudwatchMetricAlarm, region, {
          alarm_name: alarmName(`nat-${i + 1}-port-allocation-errors`),
          dimensions: { NatGatewayId: ref(stack, nat.id) },
          threshold: 0,
        });
        expect(synthesized).toHaveResourceInRegion(CloudwatchMetricAlarm, region, {
          alarm_name: alarmName(`nat-${i + 1}-packets-dropped`),
          dimensions: { NatGatewayId: ref(stack, nat.id) },
          threshold: 100,
        });
      });
      expect(synthesized).toHaveResourceInRegion(CloudwatchMetricAlarm, region, {
        alarm_name: alarmName('unhealthy-hosts'),
        metric_name: 'UnHealthyHostCount',
        threshold: 1,
      });
      expect(synthesized).toHaveResourceInRegion(CloudwatchMetricAlarm, region, {
        alarm_name: alarmName('latency-p99'),
        metric_name: 'TargetResponseTime',
        extended_statistic: 'p99',
        threshold: t.p99LatencySeconds,
      });
      expect(synthesized).toHaveResourceInRegion(CloudwatchMetricAlarm, region, {
        alarm_name: alarmName('instance-cpu-high'),
        namespace: 'AWS/EC2',
        threshold: t.instanceCpuPercent,
        dimensions: { AutoScalingGroupName: ref(stack, platform.fleet.group.name) },
      });
      expect(synthesized).toHaveResourceInRegion(CloudwatchMetricAlarm, region, {
        alarm_name: alarmName('in-service-below-minimum'),
        metric_name: 'GroupInServiceInstances',
        comparison_operator: 'LessThanThreshold',
        threshold: config.compute.minSize,
        treat_missing_data: 'breaching',
      });
      const cluster = { DBClusterIdentifier: ref(stack, platform.database.cluster.clusterIdentifier) };
      expect(synthesized).toHaveResourceInRegion(CloudwatchMetricAlarm, region, {
        alarm_name: alarmName('db-cpu'),
        namespace: 'AWS/RDS',
        metric_name: 'CPUUtilization',
        dimensions: cluster,
        threshold: t.databaseCpuPercent,
      });
      expect(synthesized).toHaveResourceInRegion(CloudwatchMetricAlarm, region, {
        alarm_name: alarmName('db-freeable-memory'),
        metric_name: 'FreeableMemory',
        dimensions: cluster,
        threshold: t.databaseFreeMemoryMiB * 1024 * 1024,
        comparison_operator: 'LessThanThreshold',
      });
      // 80% of the class's default max_connections (Aurora User Guide's listed values), local storage about twice the memory.
      const [maxConnections, memoryGiB] = ({ 'db.t4g.medium': [405, 4], 'db.r7g.large': [1722, 16], 'db.r7g.xlarge': [3479, 32] } as const)[
        config.database.instanceClass as 'db.t4g.medium'
      ];
      expect(synthesized).toHaveResourceInRegion(CloudwatchMetricAlarm, region, {
        alarm_name: alarmName('db-connections'),
        metric_name: 'DatabaseConnections',
        threshold: Math.floor(0.8 * maxConnections),
      });
      expect(synthesized).toHaveResourceInRegion(CloudwatchMetricAlarm, region, {
        alarm_name: alarmName('db-transaction-id-wraparound'),
        dimensions: cluster,
        threshold: 1_000_000_000,
      });
      expect(synthesized).toHaveResourceInRegion(CloudwatchMetricAlarm, region, {
        alarm_name: alarmName('db-free-local-storage'),
        dimensions: cluster,
        threshold: Math.round(0.2 * 2 * memoryGiB * 1024 ** 3),
      });
      expect(synthesized).toHaveResourceInRegion(CloudwatchMetricAlarm, region, {
        alarm_name: alarmName('db-deadlocks'),
        dimensions: cluster,
        threshold: 0,
      });
      // CPU credits per instance of a burstable class, by reference to the instance: one each, no other.
      const withCredits = config.database.instanceClass.startsWith('db.t') ? platform.database.instances : [];
      expect(alarms.filter((a) => a.metric_name === 'CPUCreditBalance')).toHaveLength(withCredits.length);
      for (const instance of withCredits) {
        expect(synthesized).toHaveResourceInRegion(CloudwatchMetricAlarm, region, {
          metric_name: 'CPUCreditBalance',
          dimensions: { DBInstanceIdentifier: ref(stack, instance.identifier) },
        });
      }
      expect(synthesized).toHaveResourceInRegion(CloudwatchMetricAlarm, region, {
        alarm_name: alarmName('db-replica-lag'),
        dimensions: cluster,
        threshold: 1000,
      });
      // Nothing pins SourceRegion: the global lag alarms query over it.
      expect(JSON.stringify(alarms)).not.toContain('SourceRegion":');
      const lag = (metric: string, threshold: number) => ({
        metric_query: [
          {
            id: 'lag',
            expression: `SELECT MAX(${metric}) FROM SCHEMA("AWS/RDS", DBClusterIdentifier, SourceRegion) WHERE DBClusterIdentifier = '${ref(stack, platform.database.cluster.clusterIdentifier)}'`,
            period: 60,
            return_data: true,
          },
        ],
        threshold,
        evaluation_periods: 5,
        datapoints_to_alarm: 3,
        comparison_operator: 'GreaterThanThreshold',
        treat_missing_data: 'notBreaching',
      });
      // The global lag alarms: both with a global database, neither without.
      const globalLag = isGlobal
        ? [
            { alarm_name: alarmName('global-replication-lag'), ...lag('AuroraGlobalDBReplicationLag', t.replicationLagMs) },
            { alarm_name: alarmName('global-rpo-lag'), ...lag('AuroraGlobalDBRPOLag', t.rpoLagMs) },
          ]
        : [];
      const globalLagNames = [alarmName('global-replication-lag'), alarmName('global-rpo-lag')];
      expect(alarms.filter((a) => globalLagNames.includes(a.alarm_name))).toHaveLength(globalLag.length);
      for (const properties of globalLag) expect(synthesized).toHaveResourceInRegion(CloudwatchMetricAlarm, region, properties);
    });

    test('database alarms are created after the cluster and its instances; the others do not wait for them', () => {
      const db = platform.database;
      const after = [db.cluster, ...db.instances].map((r) => `${r.terraformResourceType}.${r.friendlyUniqueId}`);
      for (const a of alarms)
        expect([a.alarm_name, a.depends_on]).toEqual([
          a.alarm_name,
          a.namespace === 'AWS/RDS' || a.metric_query?.[0]?.expression?.includes('AWS/RDS') ? after : undefined,
        ]);
    });

    test('error lines of the application log are counted by a metric filter', () => {
      // The whole body, exactly: no other argument.
      expect(regionalResources(synth, 'aws_cloudwatch_log_metric_filter', region)).toEqual([
        {
          provider: `aws.${region.replace(/-/g, '_')}`,
          name: `platform-${env}-${region}-application-errors`,
          log_group_name: ref(stack, platform.fleet.logGroup.name),
          pattern: '?ERROR ?Traceback',
          metric_transformation: { name: 'ApplicationErrors', namespace: `platform-${env}/application`, value: '1', default_value: '0' },
        },
      ]);
    });

    test('a dashboard with requests, errors, latency, capacity and the database', () => {
      expect(synthesized).toHaveResourceInRegion(CloudwatchDashboard, region, { dashboard_name: `platform-${env}-${region}` });
      // The one dashboard; its body is a document.
      const dashboards = regionalResources(synth, 'aws_cloudwatch_dashboard', region);
      expect(dashboards).toHaveLength(1);
      const [dashboard] = dashboards;
      const body = JSON.parse(dashboard.dashboard_body);
      const titles = body.widgets.map((w: any) => w.properties.title);
      expect(titles).toEqual([
        'Requests',
        'Errors',
        'Latency',
        'Capacity',
        'Database CPU',
        'Database connections',
        ...(isGlobal ? ['Global replication lag (ms)'] : []),
      ]);
      // No widget pins a role or a source region that a failover or switchover moves.
      expect(dashboard.dashboard_body).not.toMatch(/"Role"|"SourceRegion"/);
      for (const w of body.widgets) expect(w.properties.region).toBe(region);
      expect(JSON.stringify(body)).toContain(ref(stack, platform.loadBalancer.lb.arnSuffix));
    });
  });

  test('outputs per region, keyed by region, and the database writer endpoint and secret', () => {
    const outputs = synth.output;
    expect(Object.keys(outputs).sort()).toEqual(Object.values(OUTPUTS).sort());
    expect(Object.keys(outputs.load_balancer_dns_name.value).sort()).toEqual([...REGIONS].sort());
    for (const region of REGIONS) {
      const platform = stack.regions[region]!;
      expect(outputs.load_balancer_dns_name.value[region]).toBe(ref(stack, platform.loadBalancer.lb.dnsName));
      expect(outputs.alarm_topic_arn.value[region]).toBe(ref(stack, platform.alarmTopic.topic.arn));
      expect(outputs.dashboard_url.value[region]).toBe(
        `https://${region}.console.aws.amazon.com/cloudwatch/home?region=${region}#dashboards:name=platform-${env}-${region}`,
      );
    }
    // The endpoint that accepts this region's connections: a secondary has no active writer endpoint.
    expect(outputs.database_endpoint.value).toEqual(
      Object.fromEntries(
        REGIONS.map((region) => {
          const cluster = stack.regions[region]!.database.cluster;
          const secondary = isGlobal && region !== 'us-east-1';
          return [region, ref(stack, secondary ? cluster.readerEndpoint : cluster.endpoint)];
        }),
      ),
    );
    // The writer: the global cluster's endpoint, or the home cluster's; the secret: ours, or the one RDS manages.
    expect(outputs.database_endpoint.value['us-west-2']).toMatch(isGlobal ? /\.reader_endpoint\}$/ : /\.endpoint\}$/);
    const primary = stack.regions['us-east-1']!.database.cluster;
    expect(outputs.database_writer_endpoint.value).toBe(
      ref(stack, isGlobal ? stack.globalDatabase!.globalCluster.endpoint : primary.endpoint),
    );
    expect(outputs.database_secret_arn.value).toBe(
      ref(stack, isGlobal ? stack.databaseSecret!.arn : primary.masterUserSecret.get(0).secretArn),
    );
  });
});

test('configured thresholds replace the defaults', () => {
  const config = configOf('prod');
  config.alarms.thresholds = { ...config.alarms.thresholds, replicationLagMs: 750, databaseConnections: 900 };
  const synthesized = Testing.synth(testStack('prod', config));
  for (const region of REGIONS) {
    expect(synthesized).toHaveResourceInRegion(CloudwatchMetricAlarm, region, {
      alarm_name: `platform-prod-${region}-global-replication-lag`,
      threshold: 750,
    });
    expect(synthesized).toHaveResourceInRegion(CloudwatchMetricAlarm, region, { metric_name: 'DatabaseConnections', threshold: 900 });
  }
  // One of each per region, so every one of them has the configured threshold.
  const alarms = Object.values(JSON.parse(synthesized).resource.aws_cloudwatch_metric_alarm) as any[];
  expect(alarms.filter((a) => a.alarm_name.endsWith('-global-replication-lag'))).toHaveLength(REGIONS.length);
  expect(alarms.filter((a) => a.metric_name === 'DatabaseConnections')).toHaveLength(REGIONS.length);
});

describe.each(['prod'] as const)('health checks of %s (the environment with a zone)', (env) => {
  const { stack, synthesized } = built[env]!;

  test.each(REGIONS)("the health check of %s alarms in us-east-1 (the only region with the metric), on us-east-1's topic", (region) => {
    const topic = ref(stack, stack.regions['us-east-1']!.alarmTopic.topic.arn);
    expect(synthesized).toHaveResourceInRegion(CloudwatchMetricAlarm, 'us-east-1', {
      alarm_name: `platform-${env}-${region}-health-check`,
      namespace: 'AWS/Route53',
      metric_name: 'HealthCheckStatus',
      dimensions: { HealthCheckId: ref(stack, stack.dns!.healthChecks[region]!.id) },
      statistic: 'Minimum',
      period: 60,
      evaluation_periods: 3,
      datapoints_to_alarm: 2,
      comparison_operator: 'LessThanThreshold',
      threshold: 1,
      treat_missing_data: 'breaching',
      alarm_actions: [topic],
      ok_actions: [topic],
    });
  });
});

test('with the writer in us-west-2 (a switchover), every alarm and dashboard of prod is the same', () => {
  const text = (synth: Synth) => JSON.stringify([synth.resource.aws_cloudwatch_metric_alarm, synth.resource.aws_cloudwatch_dashboard]);
  const moved = configOf('prod');
  moved.database.writerRegion = 'us-west-2';
  expect(text(synthJson(testStack('prod', moved)))).toBe(text(JSON.parse(built.prod!.synthesized)));
});
