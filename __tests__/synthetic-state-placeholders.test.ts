import { ProviderSchemas, TerraformState, stateFromPlan } from '../scripts/lib/synthetic-state';

// The placeholders a synthetic prior state gives values unknown at plan time, one table per
// decision of scripts/lib/synthetic-state.ts. The provider validates some of these shapes in a
// plan against the state (EC2 id prefixes, ARN services and regions), so each is pinned here;
// hashes are deterministic per address but not written out: patterns stand for them.

const AWS = 'registry.terraform.io/hashicorp/aws';
const ACCOUNT = '111111111111';
const H = (n: number) => `[0-9a-f]{${n}}`;
const UUID = `${H(8)}-${H(4)}-${H(4)}-${H(4)}-${H(12)}`;
const options = { accountId: ACCOUNT, regions: { 'aws.eu_west_1': 'eu-west-1' } };

type Schema = ProviderSchemas['provider_schemas'][string]['resource_schemas'][string];
type Change = { type: string; name?: string; after?: object; unknown?: object; sensitive?: unknown; actions?: string[]; mode?: string };

const change = (c: Change, index?: string | number) => ({
  address: `${c.type}.${c.name ?? 'r'}${index === undefined ? '' : `[${JSON.stringify(index)}]`}`,
  mode: c.mode ?? 'managed',
  type: c.type,
  name: c.name ?? 'r',
  ...(index === undefined ? {} : { index }),
  provider_name: AWS,
  change: { actions: c.actions ?? ['create'], after: c.after ?? {}, after_unknown: c.unknown ?? {}, after_sensitive: c.sensitive ?? {} },
});

const planOf = (changes: object[], configKey = 'aws.eu_west_1', extra: object = {}) => ({
  terraform_version: '1.11.4',
  configuration: {
    root_module: {
      resources: [...new Set(changes.map((c: any) => `${c.type}.${c.name}`))].map((address) => ({
        address,
        provider_config_key: configKey,
      })),
    },
  },
  resource_changes: changes,
  ...extra,
});

/** Schemas where every type given has these attributes (string unless said). */
const schemasOf = (types: string[], block: Schema['block']): ProviderSchemas => ({
  provider_schemas: { [AWS]: { resource_schemas: Object.fromEntries(types.map((t) => [t, { version: 0, block }])) } },
});

const STRINGS = (...names: string[]) => Object.fromEntries(names.map((n) => [n, { type: 'string' }]));

/** The attributes of the single instance a one-resource plan gives. */
function attributesOf(c: Change, block: Schema['block'] = { attributes: STRINGS('id', 'arn') }): Record<string, any> {
  const state = stateFromPlan(planOf([change(c)]), schemasOf([c.type], block), options);
  return state.resources[0]!.instances[0]!.attributes;
}

const ec2Arn = (type: string, prefix: string) =>
  `^arn:aws:ec2:eu-west-1:${ACCOUNT}:${type.replace(/^aws_/, '').replace(/_/g, '-')}/${prefix}${H(17)}$`;

describe('ids and ARNs by resource type', () => {
  test.each([
    ['aws_vpc', 'vpc-'],
    ['aws_subnet', 'subnet-'],
    ['aws_security_group', 'sg-'],
    ['aws_default_security_group', 'sg-'],
    ['aws_route_table', 'rtb-'],
    ['aws_route', 'r-rtb-'],
    ['aws_route_table_association', 'rtbassoc-'],
    ['aws_internet_gateway', 'igw-'],
    ['aws_nat_gateway', 'nat-'],
    ['aws_eip', 'eipalloc-'],
    ['aws_launch_template', 'lt-'],
    ['aws_vpc_endpoint', 'vpce-'],
    ['aws_flow_log', 'fl-'],
    ['aws_vpc_security_group_ingress_rule', 'sgr-'],
    ['aws_vpc_security_group_egress_rule', 'sgr-'],
  ])('%s: id %s<17 hex>, an EC2 ARN naming it', (type, prefix) => {
    const a = attributesOf({ type, unknown: { id: true, arn: true } });
    expect(a.id).toMatch(new RegExp(`^${prefix}${H(17)}$`));
    expect(a.arn).toMatch(new RegExp(ec2Arn(type, prefix)));
    expect(a.arn.endsWith(`/${a.id}`)).toBe(true);
  });

  test.each([
    ['aws_iam_role', { name: 'n' }, 'n', `arn:aws:iam::${ACCOUNT}:role/n`],
    ['aws_iam_instance_profile', { name: 'n' }, 'n', `arn:aws:iam::${ACCOUNT}:instance-profile/n`],
    ['aws_s3_bucket', { bucket: 'b' }, 'b', 'arn:aws:s3:::b'],
    ['aws_kms_alias', { name: 'alias/k' }, 'alias/k', `arn:aws:kms:eu-west-1:${ACCOUNT}:alias/k`],
    ['aws_cloudwatch_log_group', { name: 'g' }, 'g', `arn:aws:logs:eu-west-1:${ACCOUNT}:log-group:g`],
    ['aws_rds_global_cluster', { global_cluster_identifier: 'gc' }, 'gc', `arn:aws:rds::${ACCOUNT}:global-cluster:gc`],
    ['aws_rds_cluster', { cluster_identifier: 'c' }, 'c', `arn:aws:rds:eu-west-1:${ACCOUNT}:cluster:c`],
    ['aws_rds_cluster_instance', { identifier: 'i' }, 'i', `arn:aws:rds:eu-west-1:${ACCOUNT}:db:i`],
    ['aws_rds_cluster_parameter_group', { name: 'pg' }, 'pg', `arn:aws:rds:eu-west-1:${ACCOUNT}:cluster-pg:pg`],
    ['aws_db_subnet_group', { name: 'sn' }, 'sn', `arn:aws:rds:eu-west-1:${ACCOUNT}:subgrp:sn`],
    ['aws_cloudwatch_metric_alarm', { alarm_name: 'a' }, 'a', `arn:aws:cloudwatch:eu-west-1:${ACCOUNT}:alarm:a`],
    ['aws_sns_topic', { name: 't' }, `arn:aws:sns:eu-west-1:${ACCOUNT}:t`, `arn:aws:sns:eu-west-1:${ACCOUNT}:t`],
  ])('%s %o: id %s, ARN %s', (type, after, id, arn) => {
    expect(attributesOf({ type, after, unknown: { id: true, arn: true } })).toEqual({ ...after, id, arn });
  });

  test.each([
    ['aws_sns_topic_subscription', {}, `arn:aws:sns:eu-west-1:${ACCOUNT}:topic-${H(8)}:${UUID}`],
    ['aws_lb', { name: 'lb' }, `arn:aws:elasticloadbalancing:eu-west-1:${ACCOUNT}:loadbalancer/app/lb/${H(16)}`],
    ['aws_lb_target_group', { name: 'tg' }, `arn:aws:elasticloadbalancing:eu-west-1:${ACCOUNT}:targetgroup/tg/${H(16)}`],
    ['aws_lb_listener', {}, `arn:aws:elasticloadbalancing:eu-west-1:${ACCOUNT}:listener/app/lb/${H(16)}/${H(16)}`],
    ['aws_secretsmanager_secret', { name: 's' }, `arn:aws:secretsmanager:eu-west-1:${ACCOUNT}:secret:s-${H(6)}`],
    ['aws_acm_certificate', {}, `arn:aws:acm:eu-west-1:${ACCOUNT}:certificate/${UUID}`],
  ])('%s %o: the id is the ARN, %s', (type, after, arn) => {
    const a = attributesOf({ type, after, unknown: { id: true, arn: true } });
    expect(a.arn).toMatch(new RegExp(`^${arn}$`));
    expect(a.id).toBe(a.arn);
  });

  test.each([
    ['aws_wafv2_web_acl', { name: 'w' }, `arn:aws:wafv2:eu-west-1:${ACCOUNT}:regional/webacl/w/${UUID}`],
    ['aws_autoscaling_group', {}, `arn:aws:autoscaling:eu-west-1:${ACCOUNT}:autoScalingGroup:${UUID}:autoScalingGroupName/${H(8)}`],
    ['aws_route53_health_check', {}, `arn:aws:route53:::healthcheck/${UUID}`],
    ['aws_iam_role', {}, `arn:aws:iam::${ACCOUNT}:role/${H(8)}`],
    ['aws_backup_vault', { name: 'v' }, `arn:aws:backup:eu-west-1:${ACCOUNT}:backup_vault/${H(12)}`],
  ])('%s %o: a hashed id (no name to use), ARN %s', (type, after, arn) => {
    const a = attributesOf({ type, after, unknown: { id: true, arn: true } });
    expect(a.arn).toMatch(new RegExp(`^${arn}$`));
    expect(a.id).toMatch(new RegExp(`^${H(17)}$`));
  });

  test('a KMS key: id, key_id and the ARN share one UUID', () => {
    const a = attributesOf(
      { type: 'aws_kms_key', unknown: { id: true, arn: true, key_id: true } },
      { attributes: STRINGS('id', 'arn', 'key_id') },
    );
    expect(a.id).toMatch(new RegExp(`^${UUID}$`));
    expect(a.key_id).toBe(a.id);
    expect(a.arn).toBe(`arn:aws:kms:eu-west-1:${ACCOUNT}:key/${a.id}`);
  });

  test('S3 bucket sub-resources are identified by their bucket; a named dashboard by its name', () => {
    expect(attributesOf({ type: 'aws_s3_bucket_versioning', after: { bucket: 'b' }, unknown: { id: true } }).id).toBe('b');
    expect(attributesOf({ type: 'aws_s3_bucket_versioning', unknown: { id: true } }).id).toMatch(new RegExp(`^${H(17)}$`));
    expect(attributesOf({ type: 'aws_cloudwatch_dashboard', after: { dashboard_name: 'd' }, unknown: { id: true } }).id).toBe('d');
    expect(attributesOf({ type: 'aws_autoscaling_group', after: { name: 'asg' }, unknown: { id: true } }).id).toBe('asg');
  });

  test.each([
    ['aws_lb_target_group_attachment', 'elasticloadbalancing'],
    ['aws_alb_listener_rule', 'elasticloadbalancing'],
    ['aws_db_proxy', 'rds'],
    ['aws_rds_cluster_role_association', 'rds'],
    ['aws_cloudwatch_log_metric_filter', 'logs'],
    ['aws_cloudwatch_event_rule', 'cloudwatch'],
    ['aws_security_group_rule', 'ec2'],
    ['aws_eip_association', 'ec2'],
    ['aws_route53_record', 'route53'],
    ['aws_secretsmanager_secret_version', 'secretsmanager'],
    ['aws_sqs_queue', 'sqs'],
  ])('%s: other ARNs name the service %s', (type, service) => {
    const a = attributesOf({ type, unknown: { arn: true } });
    expect(a.arn).toMatch(new RegExp(`^arn:aws:${service}:eu-west-1:${ACCOUNT}:${type.replace(/^aws_/, '')}/${H(12)}$`));
  });
});

describe('string placeholders by attribute name', () => {
  const withAttr = (attr: string, type = 'aws_sqs_queue', after: object = {}) =>
    attributesOf({ type, after, unknown: { [attr]: true } }, { attributes: STRINGS(attr) })[attr];

  test.each([
    ['resource_record_type', {}, '^CNAME$'],
    ['resource_record_name', { domain_name: 'app.example.org' }, `^_${H(12)}\\.app\\.example\\.org\\.$`],
    ['resource_record_name', {}, `^_${H(12)}\\.example\\.com\\.$`],
    ['resource_record_value', {}, `^_${H(12)}\\.acm-validations\\.aws\\.$`],
    ['kms_key_arn', {}, `^arn:aws:sqs:eu-west-1:${ACCOUNT}:placeholder/${H(12)}$`],
    ['arn_suffix', { name: 'lb' }, `^app/lb/${H(12)}$`],
    ['arn_suffix', {}, `^app/placeholder/${H(12)}$`],
    ['zone_id', {}, `^Z[0-9A-F]{12}$`],
    ['hosted_zone_id', {}, `^Z[0-9A-F]{12}$`],
    ['endpoint', {}, `^${H(12)}\\.eu-west-1\\.placeholder\\.amazonaws\\.com$`],
    ['reader_endpoint', {}, `^${H(12)}\\.eu-west-1\\.placeholder\\.amazonaws\\.com$`],
    ['dns_name', {}, `^${H(12)}\\.eu-west-1\\.placeholder\\.amazonaws\\.com$`],
    ['address', {}, `^${H(12)}\\.eu-west-1\\.placeholder\\.amazonaws\\.com$`],
    ['owner_id', {}, `^${ACCOUNT}$`],
    ['source_account_id', {}, `^${ACCOUNT}$`],
    ['key_id', {}, `^placeholder-${H(12)}$`],
    ['name', {}, `^placeholder-${H(12)}$`],
    ['bucket_name', {}, `^placeholder-${H(12)}$`],
    ['status', {}, '^$'],
  ])('%s %o matches %s', (attr, after, pattern) => {
    expect(withAttr(attr, 'aws_sqs_queue', after)).toMatch(new RegExp(pattern));
  });

  test('id and arn inside a nested object are not the resource id and ARN', () => {
    const a = attributesOf(
      { type: 'aws_vpc', unknown: { config: { id: true, arn: true } } },
      { attributes: { config: { type: ['object', { id: 'string', arn: 'string' }] } } },
    );
    expect(a.config).toEqual({ id: '', arn: expect.stringMatching(new RegExp(`^arn:aws:ec2:eu-west-1:${ACCOUNT}:placeholder/${H(12)}$`)) });
  });

  test('placeholders differ by path and are the same for the same address and path', () => {
    const one = withAttr('name');
    expect(withAttr('name')).toBe(one);
    expect(withAttr('queue_name')).not.toBe(one);
  });
});

describe('placeholders by schema type', () => {
  test.each([
    ['number', 'number', 1],
    ['bool', 'bool', false],
    ['dynamic', 'dynamic', { value: '', type: 'string' }],
    ['a list of strings', ['list', 'string'], []],
    ['a set of strings', ['set', 'string'], []],
    ['a map', ['map', 'string'], {}],
    ['a list of objects (one element)', ['list', ['object', { s: 'string', n: 'number' }]], [{ s: '', n: 1 }]],
    ['a set of objects (one element)', ['set', ['object', { b: 'bool' }]], [{ b: false }]],
    ['an object', ['object', { b: 'bool', l: ['list', 'string'] }], { b: false, l: [] }],
    ['a tuple', ['tuple', ['string']], null],
  ])('%s', (_, type, expected) => {
    expect(
      attributesOf({ type: 'aws_sqs_queue', unknown: { value: true } }, { attributes: { value: { type: type as any } } }).value,
    ).toEqual(expected);
  });

  test('an attribute the schema does not know gets a string placeholder', () => {
    expect(attributesOf({ type: 'aws_sqs_queue', unknown: { queue_url: true } }, { attributes: {} }).queue_url).toBe('');
  });

  test.each([
    ['list', [{ a: '', b: 1 }]],
    ['set', [{ a: '', b: 1 }]],
    ['single', { a: '', b: 1 }],
  ])('plugin-framework nested attributes (%s) take the type their attributes imply; untyped members are strings', (mode, expected) => {
    const block = { attributes: { nested: { nested_type: { nesting_mode: mode, attributes: { a: {}, b: { type: 'number' } } } } } };
    expect(attributesOf({ type: 'aws_sqs_queue', unknown: { nested: true } }, block).nested).toEqual(expected);
  });

  test.each([
    ['single', null],
    ['group', null],
    ['map', {}],
    ['list', []],
    ['set', []],
  ])('a whole unknown nested block (%s) is %p: a later round copies what the provider plans', (mode, expected) => {
    const block = { attributes: {}, block_types: { rule: { nesting_mode: mode, block: { attributes: STRINGS('arn') } } } };
    expect(attributesOf({ type: 'aws_sqs_queue', unknown: { rule: true } }, block).rule).toEqual(expected);
  });

  test('unknowns inside known nested blocks are filled by index, known values kept, false left alone', () => {
    const block = { attributes: {}, block_types: { rule: { nesting_mode: 'list', block: { attributes: STRINGS('name', 'arn') } } } };
    const a = attributesOf(
      { type: 'aws_sqs_queue', after: { rule: [{ name: 'x' }, { name: 'y' }] }, unknown: { rule: [false, { arn: true, name: false }] } },
      block,
    );
    expect(a.rule).toEqual([
      { name: 'x' },
      { name: 'y', arn: expect.stringMatching(new RegExp(`^arn:aws:sqs:eu-west-1:${ACCOUNT}:placeholder/${H(12)}$`)) },
    ]);
  });

  test('unknown elements of a list attribute are filled by index with the element type', () => {
    const a = attributesOf(
      { type: 'aws_sqs_queue', after: { ports: [80] }, unknown: { ports: [false, true] } },
      { attributes: { ports: { type: ['list', 'number'] } } },
    );
    expect(a.ports).toEqual([80, 1]);
  });
});

describe('values kept as they are planned', () => {
  const block = {
    attributes: {
      password_wo: { type: 'string', write_only: true },
      input: { type: 'dynamic' },
      output: { type: 'dynamic' },
      other: { type: 'dynamic' },
      nothing: { type: 'dynamic' },
      tags: { type: ['map', 'string'] },
    },
  } as Schema['block'];

  test('write-only values are null even when planned; dynamic values are wrapped once with their type; null stays null', () => {
    const a = attributesOf(
      {
        type: 'aws_sqs_queue',
        after: {
          password_wo: 'secret',
          input: 'x',
          output: { value: 1, type: 'number' },
          other: { value: 1, type: 'number', extra: true },
          nothing: null,
          tags: { a: 'b' },
        },
      },
      block,
    );
    expect(a).toEqual({
      password_wo: null,
      input: { value: 'x', type: 'string' },
      output: { value: 1, type: 'number' },
      other: { value: { value: 1, type: 'number', extra: true }, type: ['object', { value: 'number', type: 'string', extra: 'bool' }] },
      nothing: null,
      tags: { a: 'b' },
    });
  });
});

describe('the state around the instances', () => {
  const schemas = schemasOf(['aws_vpc', 'aws_s3_bucket'], { attributes: STRINGS('id', 'arn', 'bucket') });

  test('data sources and plain deletes leave no instance; replacements do; counted and for_each instances keep their keys', () => {
    const state = stateFromPlan(
      planOf([
        change({ type: 'aws_vpc', name: 'read', mode: 'data' }),
        change({ type: 'aws_vpc', name: 'gone', actions: ['delete'] }),
        change({ type: 'aws_vpc', name: 'replaced', actions: ['create', 'delete'] }),
        change({ type: 'aws_s3_bucket', name: 'b', after: { bucket: 'b0' } }, 0),
        change({ type: 'aws_s3_bucket', name: 'b', after: { bucket: 'b1' } }, 1),
        change({ type: 'aws_s3_bucket', name: 'm', after: { bucket: 'x' } }, 'x'),
      ]),
      schemas,
      options,
    );
    expect(state.resources.map((r) => [`${r.type}.${r.name}`, r.instances.map((i) => i.index_key)])).toEqual([
      ['aws_vpc.replaced', [undefined]],
      ['aws_s3_bucket.b', [0, 1]],
      ['aws_s3_bucket.m', ['x']],
    ]);
    expect(Object.keys(state.resources[0]!.instances[0]!)).toEqual(['schema_version', 'attributes', 'sensitive_attributes']);
  });

  test('the default provider has no alias; a resource of an unknown configuration is placed in us-east-1', () => {
    const state = stateFromPlan(planOf([change({ type: 'aws_vpc', unknown: { arn: true } })], 'aws'), schemas, options);
    expect(state.resources[0]!.provider).toBe(`provider["${AWS}"]`);
    expect(state.resources[0]!.instances[0]!.attributes.arn).toMatch(/^arn:aws:ec2:us-east-1:/);
  });

  test('sensitive values become paths: attributes, nested keys and list indexes; a wholly sensitive instance has none', () => {
    const sensitive = { tags: { secret: true, open: false }, list: [false, true], top: true };
    const state = stateFromPlan(planOf([change({ type: 'aws_vpc', sensitive })]), schemas, options);
    expect(state.resources[0]!.instances[0]!.sensitive_attributes).toEqual([
      [
        { type: 'get_attr', value: 'tags' },
        { type: 'get_attr', value: 'secret' },
      ],
      [
        { type: 'get_attr', value: 'list' },
        { type: 'index', value: { value: 1, type: 'number' } },
      ],
      [{ type: 'get_attr', value: 'top' }],
    ]);
    const whole = stateFromPlan(planOf([change({ type: 'aws_vpc', sensitive: true })]), schemas, options);
    expect(whole.resources[0]!.instances[0]!.sensitive_attributes).toEqual([]);
  });

  test('outputs: created ones with their type, unknown ones with a placeholder, sensitive marked, deleted ones dropped', () => {
    const plan = planOf([], 'aws.eu_west_1', {
      terraform_version: undefined,
      output_changes: {
        name: { actions: ['create'], after: 'platform', after_unknown: false },
        database_endpoint: { actions: ['update'], after: null, after_unknown: true, after_sensitive: true },
        regions: { actions: ['create'], after: { a: 1 }, after_unknown: { b: true } },
        gone: { actions: ['delete'], after: null },
        replaced: { actions: ['delete', 'create'], after: 'x' },
      },
    });
    const state = stateFromPlan(plan, schemas, options);
    expect(state.outputs).toEqual({
      name: { value: 'platform', type: 'string' },
      database_endpoint: {
        value: expect.stringMatching(new RegExp(`^${H(12)}\\.us-east-1\\.placeholder\\.amazonaws\\.com$`)),
        type: 'string',
        sensitive: true,
      },
      regions: { value: { a: 1, b: '' }, type: ['object', { a: 'number', b: 'string' }] },
      replaced: { value: 'x', type: 'string' },
    });
    expect(state.terraform_version).toBe('1.11.4');
  });

  test('serial 1 and a lineage of the configuration at first; a later round keeps the lineage, raises the serial and the earlier placeholders', () => {
    const plan = planOf([change({ type: 'aws_vpc', unknown: { id: true, arn: true, tags: { a: true }, list: [true] } })], 'aws.eu_west_1', {
      terraform_version: '1.11.9',
      output_changes: { o: { actions: ['create'], after: {}, after_unknown: { x: true } } },
    });
    const first = stateFromPlan(plan, schemas, options);
    expect(first.serial).toBe(1);
    expect(first.lineage).toMatch(new RegExp(`^${UUID}$`));
    expect(first.terraform_version).toBe('1.11.9');
    const earlier: TerraformState = structuredClone(first);
    Object.assign(earlier.resources[0]!.instances[0]!.attributes, { id: 'vpc-earlier', tags: { a: 'kept' }, list: ['first'] });
    earlier.outputs.o!.value = { x: 'earlier' };
    earlier.serial = 7;
    earlier.lineage = 'lineage-of-earlier';
    const next = stateFromPlan(plan, schemas, options, earlier);
    expect([next.serial, next.lineage]).toEqual([8, 'lineage-of-earlier']);
    expect(next.resources[0]!.instances[0]!.attributes).toMatchObject({ id: 'vpc-earlier', tags: { a: 'kept' }, list: ['first'] });
    expect(next.outputs.o!.value).toEqual({ x: 'earlier' });
  });
});

describe('plain references resolved from the configuration', () => {
  const schemas = schemasOf(['aws_iam_role', 'aws_iam_policy', 'aws_vpc', 'aws_subnet'], {
    attributes: { ...STRINGS('id', 'arn', 'name', 'policy', 'vpc_id', 'description'), ids: { type: ['list', 'string'] } },
  });
  const resolve = (configuration: object, changes: object[]) => {
    const state = stateFromPlan(planOf(changes), schemas, { ...options, configuration });
    return (address: string) => {
      const [type, name] = address.split('.');
      const r = state.resources.find((x) => x.type === type && x.name === name)!;
      return r.instances[0]!.attributes;
    };
  };
  const role = change({ type: 'aws_iam_role', after: { name: 'app' }, unknown: { id: true, arn: true } });

  test('a template of plain references (a policy embedding an ARN) takes the referenced placeholders', () => {
    const at = resolve({ resource: { aws_iam_policy: { p: { policy: '{"r":"${aws_iam_role.r.arn}","n":"${aws_iam_role.r.name}"}' } } } }, [
      role,
      change({ type: 'aws_iam_policy', name: 'p', unknown: { policy: true } }),
    ]);
    expect(at('aws_iam_policy.p').policy).toBe(`{"r":"arn:aws:iam::${ACCOUNT}:role/app","n":"app"}`);
  });

  test.each([
    ['a template directive', '%{if true}${aws_iam_role.r.arn}%{endif}'],
    ['an interpolation that is not a plain reference', '${aws_iam_role.r.arn}-${var.x}'],
    ['a reference to an attribute that is not a string', '${aws_iam_role.r.ids}'],
    ['no interpolation at all', 'literal'],
  ])('%s is left to the rounds (placeholder kept)', (_, source) => {
    const at = resolve({ resource: { aws_iam_policy: { p: { description: source } } } }, [
      role,
      change({ type: 'aws_iam_policy', name: 'p', unknown: { description: true } }),
    ]);
    expect(at('aws_iam_policy.p').description).toBe('');
  });

  test('lists of plain references resolve element by element; an empty list or a mixed one does not', () => {
    const at = resolve(
      {
        resource: {
          aws_vpc: { v: {} },
          aws_subnet: { a: { ids: ['${aws_vpc.v.id}', '${aws_iam_role.r.name}'] }, b: { ids: [] }, c: { ids: ['${aws_vpc.v.id}', 'x'] } },
        },
      },
      [
        role,
        change({ type: 'aws_vpc', name: 'v', unknown: { id: true } }),
        ...['a', 'b', 'c'].map((name) => change({ type: 'aws_subnet', name, unknown: { ids: true } })),
      ],
    );
    expect(at('aws_subnet.a').ids).toEqual([at('aws_vpc.v').id, 'app']);
    expect(at('aws_subnet.b').ids).toEqual([]);
    expect(at('aws_subnet.c').ids).toEqual([]);
  });

  test('chains resolve depth first; a cycle ends; for_each instances are not referenced', () => {
    const at = resolve(
      {
        resource: {
          aws_vpc: { v: {}, x: { description: '${aws_vpc.y.description}' }, y: { description: '${aws_vpc.x.description}' } },
          aws_subnet: {
            s: { vpc_id: '${aws_subnet.t.vpc_id}' },
            t: { vpc_id: '${aws_vpc.v.id}' },
            u: { vpc_id: '${aws_subnet.each.vpc_id}' },
          },
        },
      },
      [
        change({ type: 'aws_subnet', name: 's', unknown: { vpc_id: true } }),
        change({ type: 'aws_subnet', name: 't', unknown: { vpc_id: true } }),
        change({ type: 'aws_vpc', name: 'v', unknown: { id: true } }),
        change({ type: 'aws_vpc', name: 'x', unknown: { description: true } }),
        change({ type: 'aws_vpc', name: 'y', unknown: { description: true } }),
        change({ type: 'aws_subnet', name: 'each', after: { vpc_id: 'known' } }, 'k'),
        change({ type: 'aws_subnet', name: 'u', unknown: { vpc_id: true } }),
      ],
    );
    const vpcId = at('aws_vpc.v').id;
    expect(vpcId).toMatch(/^vpc-/);
    expect([at('aws_subnet.s').vpc_id, at('aws_subnet.t').vpc_id]).toEqual([vpcId, vpcId]);
    expect([at('aws_vpc.x').description, at('aws_vpc.y').description]).toEqual(['', '']);
    expect(at('aws_subnet.u').vpc_id).toMatch(new RegExp(`^placeholder-${H(12)}$`));
  });

  test('a later round does not resolve again: placeholders come from the earlier state', () => {
    const configuration = { resource: { aws_subnet: { s: { vpc_id: '${aws_vpc.v.id}' } } } };
    const plan = planOf([
      change({ type: 'aws_vpc', name: 'v', unknown: { id: true } }),
      change({ type: 'aws_subnet', name: 's', unknown: { vpc_id: true } }),
    ]);
    const first = stateFromPlan(plan, schemas, { ...options, configuration });
    const earlier = structuredClone(first);
    earlier.resources[1]!.instances[0]!.attributes.vpc_id = 'vpc-from-earlier-round';
    earlier.resources[0]!.instances[0]!.attributes.id = 'vpc-new';
    const next = stateFromPlan(plan, schemas, { ...options, configuration }, earlier);
    expect(next.resources[1]!.instances[0]!.attributes.vpc_id).toBe('vpc-from-earlier-round');
  });
});
