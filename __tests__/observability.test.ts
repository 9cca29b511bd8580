import { ENVIRONMENTS, configOf, ref, regionalResources, synthJson, testStack } from './helpers';
import { OUTPUTS } from '../src/stacks/outputs';

const REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1'];
const COMMON_ALARMS = [
  'alb-5xx',
  'target-5xx',
  'unhealthy-hosts',
  'latency-p99',
  'instance-cpu-high',
  'in-service-below-minimum',
  'db-cpu',
  'db-freeable-memory',
  'db-connections',
  'backup-jobs-failed',
  'copy-jobs-failed',
];

describe.each(ENVIRONMENTS)('observability of %s', (env) => {
  const config = configOf(env);
  const stack = testStack(env);
  const synth = synthJson(stack);
  const isGlobal = config.database.topology === 'global';

  describe.each(REGIONS)('in %s', (region) => {
    const platform = stack.regions[region]!;
    const topicRef = ref(stack, platform.alarmTopic.topic.arn);
    const secondary = isGlobal && region !== config.primaryRegion;
    const alarms = regionalResources(synth, 'aws_cloudwatch_metric_alarm', region);
    const alarm = (name: string) => alarms.find((a) => a.alarm_name === `platform-${env}-${region}-${name}`);

    test("an alarm topic under the region key, publishable by this account's alarms, with the configured recipients", () => {
      expect(regionalResources(synth, 'aws_sns_topic', region)).toEqual([
        expect.objectContaining({ name: `platform-${env}-${region}-alarms`, kms_master_key_id: ref(stack, platform.key.arn) }),
      ]);
      const [policy] = regionalResources(synth, 'aws_sns_topic_policy', region);
      const publish = JSON.parse(policy.policy).Statement.find((s: any) => s.Sid === 'CloudWatchAlarmsPublish');
      expect(publish).toMatchObject({
        Principal: { Service: 'cloudwatch.amazonaws.com' },
        Action: 'sns:Publish',
        Condition: {
          StringEquals: { 'aws:SourceAccount': config.accountId },
          ArnLike: { 'aws:SourceArn': `arn:aws:cloudwatch:${region}:${config.accountId}:alarm:*` },
        },
      });
      const subscriptions = regionalResources(synth, 'aws_sns_topic_subscription', region);
      expect(subscriptions.map((s) => [s.protocol, s.endpoint, s.topic_arn])).toEqual(
        config.alarms.emails.map((e) => ['email', e, topicRef]),
      );
    });

    test(`${secondary ? 'every alarm, replication lag included' : 'every alarm (no replication lag: not a secondary)'}, each notifying the topic on ALARM and OK`, () => {
      const expected = [...COMMON_ALARMS, ...(secondary ? ['global-replication-lag'] : [])];
      expect(alarms.map((a) => a.alarm_name).sort()).toEqual(expected.map((n) => `platform-${env}-${region}-${n}`).sort());
      for (const a of alarms) {
        expect(a.alarm_actions).toEqual([topicRef]);
        expect(a.ok_actions).toEqual([topicRef]);
        expect(['breaching', 'notBreaching', 'missing', 'ignore']).toContain(a.treat_missing_data);
        expect(a.alarm_description).toBeTruthy();
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
        'target-5xx',
        {
          namespace: 'AWS/ApplicationELB',
          metric_name: 'HTTPCode_Target_5XX_Count',
          statistic: 'Sum',
          comparison_operator: 'GreaterThanOrEqualToThreshold',
          period: 60,
          evaluation_periods: 5,
          datapoints_to_alarm: 3,
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
      const actual = Object.fromEntries(KEYS.map((k) => [k, alarm(name)[k]]).filter(([, v]) => v !== undefined));
      expect(actual).toEqual(shape);
    });

    test('thresholds and dimensions come from config and the monitored resources', () => {
      const t = config.alarms.thresholds;
      const lb = platform.loadBalancer;
      expect(alarm('alb-5xx')).toMatchObject({
        metric_name: 'HTTPCode_ELB_5XX_Count',
        threshold: t.loadBalancer5xxPerMinute,
        dimensions: { LoadBalancer: ref(stack, lb.lb.arnSuffix) },
        treat_missing_data: 'notBreaching',
      });
      expect(alarm('target-5xx')).toMatchObject({
        metric_name: 'HTTPCode_Target_5XX_Count',
        threshold: t.target5xxPerMinute,
        dimensions: { TargetGroup: ref(stack, lb.targetGroup.arnSuffix) },
      });
      expect(alarm('unhealthy-hosts')).toMatchObject({ metric_name: 'UnHealthyHostCount', threshold: 1 });
      expect(alarm('latency-p99')).toMatchObject({
        metric_name: 'TargetResponseTime',
        extended_statistic: 'p99',
        threshold: t.p99LatencySeconds,
      });
      expect(alarm('instance-cpu-high')).toMatchObject({
        namespace: 'AWS/EC2',
        threshold: t.instanceCpuPercent,
        dimensions: { AutoScalingGroupName: ref(stack, platform.fleet.group.name) },
      });
      expect(alarm('in-service-below-minimum')).toMatchObject({
        metric_name: 'GroupInServiceInstances',
        comparison_operator: 'LessThanThreshold',
        threshold: config.compute.minSize,
        treat_missing_data: 'breaching',
      });
      const cluster = { DBClusterIdentifier: `platform-${env}-${region}` };
      expect(alarm('db-cpu')).toMatchObject({
        namespace: 'AWS/RDS',
        metric_name: 'CPUUtilization',
        dimensions: cluster,
        threshold: t.databaseCpuPercent,
      });
      expect(alarm('db-freeable-memory')).toMatchObject({
        metric_name: 'FreeableMemory',
        dimensions: cluster,
        threshold: t.databaseFreeMemoryMiB * 1024 * 1024,
        comparison_operator: 'LessThanThreshold',
      });
      expect(alarm('db-connections')).toMatchObject({ metric_name: 'DatabaseConnections', threshold: t.databaseConnections });
      // Replication lag: on each secondary of a global database, nowhere else.
      expect(
        regionalResources(synth, 'aws_cloudwatch_metric_alarm', region).filter((a) => a.metric_name === 'AuroraGlobalDBReplicationLag'),
      ).toEqual(
        secondary
          ? [
              expect.objectContaining({
                dimensions: { DBClusterIdentifier: `platform-${env}-${region}`, SourceRegion: 'us-east-1' },
                threshold: t.replicationLagMs,
                treat_missing_data: 'breaching',
              }),
            ]
          : [],
      );
    });

    test('a dashboard with requests, errors, latency, capacity and the database', () => {
      const [dashboard] = regionalResources(synth, 'aws_cloudwatch_dashboard', region);
      expect(dashboard.dashboard_name).toBe(`platform-${env}-${region}`);
      const body = JSON.parse(dashboard.dashboard_body);
      const titles = body.widgets.map((w: any) => w.properties.title);
      expect(titles).toEqual([
        'Requests',
        'Errors',
        'Latency',
        'Capacity',
        'Database CPU',
        'Database connections',
        ...(secondary ? ['Global replication lag (ms)'] : []),
      ]);
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
    if (isGlobal) {
      expect(outputs.database_endpoint.value['us-west-2']).toMatch(/\.reader_endpoint\}$/);
      expect(outputs.database_writer_endpoint.value).toBe(ref(stack, stack.globalDatabase!.globalCluster.endpoint));
      expect(outputs.database_secret_arn.value).toBe(ref(stack, stack.databaseSecret!.arn));
    } else {
      const primary = stack.regions['us-east-1']!.database.cluster;
      expect(outputs.database_writer_endpoint.value).toBe(ref(stack, primary.endpoint));
      expect(outputs.database_secret_arn.value).toBe(ref(stack, primary.masterUserSecret.get(0).secretArn));
    }
  });
});

test('configured thresholds replace the defaults', () => {
  const config = configOf('prod');
  config.alarms.thresholds = { ...config.alarms.thresholds, replicationLagMs: 750, databaseConnections: 900 };
  const synth = synthJson(testStack('prod', config));
  const alarms = Object.values(synth.resource.aws_cloudwatch_metric_alarm!);
  expect(alarms.filter((a: any) => a.metric_name === 'AuroraGlobalDBReplicationLag').map((a: any) => a.threshold)).toEqual([750, 750]);
  expect(new Set(alarms.filter((a: any) => a.metric_name === 'DatabaseConnections').map((a: any) => a.threshold))).toEqual(new Set([900]));
});
