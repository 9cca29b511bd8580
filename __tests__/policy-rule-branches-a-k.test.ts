// Branch-level tests of the policy rules whose files start with a..k (alarm-*, alb-*, apply-*,
// asg-*, backup-*, database-*, iam-*, kms-*): defaults of absent attributes, every NOT_APPLICABLE
// reason, exact NON_COMPLIANT messages, numeric boundaries, and the alternative forms a rule reads
// (synthesized JSON with references or literal values, plan JSON with references only).
import { Json } from '../src/policy/model';
import { RuleResult } from '../src/policy/rule';
import { Resources, evaluate, evaluatePlan, byId, fails, ok, na } from './policy-fixtures';

/** A plan expression referencing `address.attribute` for each address, as Terraform writes it. */
const refs = (attribute: string, ...addresses: string[]) => ({ references: addresses.flatMap((a) => [`${a}.${attribute}`, a]) });

const policy = (doc: object) => JSON.stringify({ Version: '2012-10-17', ...doc });
const ACCOUNT = '111111111111';

describe('alarm-notifies', () => {
  const rule = byId('alarm-notifies');
  const fix = 'alarm_actions, ok_actions or treat_missing_data missing: notify the alarm topic and decide how missing data counts';
  const topic = '${aws_sns_topic.t.arn}';
  const topicArn = `arn:aws:sns:us-east-1:${ACCOUNT}:alarms`;
  test.each<[string, Json, RuleResult]>([
    [
      'topics given as literal ARNs (no reference)',
      { alarm_actions: [topicArn], ok_actions: [topicArn], treat_missing_data: 'notBreaching' },
      ok,
    ],
    ['no alarm_actions', { ok_actions: [topic], treat_missing_data: 'breaching' }, fails(fix)],
    ['an empty alarm_actions', { alarm_actions: [], ok_actions: [topic], treat_missing_data: 'breaching' }, fails(fix)],
    ['no ok_actions', { alarm_actions: [topic], treat_missing_data: 'breaching' }, fails(fix)],
    ['no treat_missing_data', { alarm_actions: [topic], ok_actions: [topic] }, fails(fix)],
  ])('%s', (_name, values, expected) => {
    expect(evaluate(rule, 'aws_cloudwatch_metric_alarm.a', { 'aws_cloudwatch_metric_alarm.a': values })).toEqual(expected);
  });

  test('from a plan, actions known only as references count', () => {
    expect(
      evaluatePlan(rule, 'aws_cloudwatch_metric_alarm.a', {
        'aws_cloudwatch_metric_alarm.a': {
          values: { treat_missing_data: 'breaching' },
          expressions: { alarm_actions: refs('arn', 'aws_sns_topic.t'), ok_actions: refs('arn', 'aws_sns_topic.t') },
        },
      }),
    ).toEqual(ok);
  });
});

describe('alb-desync-mitigation', () => {
  const rule = byId('alb-desync-mitigation');
  test.each<[string, Json, RuleResult]>([
    ['no type and no mode: an application load balancer in the default "defensive" mode', {}, ok],
    ['"defensive" set explicitly', { desync_mitigation_mode: 'defensive' }, ok],
    ['"strictest"', { load_balancer_type: 'application', desync_mitigation_mode: 'strictest' }, ok],
    ['"monitor"', { desync_mitigation_mode: 'monitor' }, fails('desync_mitigation_mode is "monitor": use "defensive" or "strictest"')],
    [
      'a network load balancer, whatever its mode',
      { load_balancer_type: 'network', desync_mitigation_mode: 'monitor' },
      na('not an application load balancer'),
    ],
    ['a gateway load balancer', { load_balancer_type: 'gateway' }, na('not an application load balancer')],
  ])('%s', (_name, values, expected) => {
    expect(evaluate(rule, 'aws_lb.l', { 'aws_lb.l': values })).toEqual(expected);
  });

  test('aws_alb is read like aws_lb', () => {
    expect(evaluate(rule, 'aws_alb.l', { 'aws_alb.l': { desync_mitigation_mode: 'monitor' } })).toEqual(
      fails('desync_mitigation_mode is "monitor": use "defensive" or "strictest"'),
    );
  });
});

describe('alb-drop-invalid-headers', () => {
  const rule = byId('alb-drop-invalid-headers');
  test.each<[string, Json, RuleResult]>([
    ['no type given (an application load balancer) that drops them', { drop_invalid_header_fields: true }, ok],
    ['no type given and not set', {}, fails('drop_invalid_header_fields is not true: set it')],
    ['a network load balancer', { load_balancer_type: 'network' }, na('not an application load balancer')],
  ])('%s', (_name, values, expected) => {
    expect(evaluate(rule, 'aws_lb.l', { 'aws_lb.l': values })).toEqual(expected);
  });
});

describe('alb-access-logs', () => {
  const rule = byId('alb-access-logs');
  test.each<[string, Json, RuleResult]>([
    ['no access_logs block', {}, fails('access_logs is not enabled: log to the access-log bucket')],
    ['the block as a one-element list (plan form), enabled', { access_logs: [{ enabled: true, bucket: 'b' }] }, ok],
  ])('%s', (_name, values, expected) => {
    expect(evaluate(rule, 'aws_lb.l', { 'aws_lb.l': values })).toEqual(expected);
  });
});

describe('apply-kms-alias-name', () => {
  const rule = byId('apply-kms-alias-name');
  const bad = (name: string) =>
    fails(
      `"${name}" is not a valid alias name: alias/ followed by letters, digits, /, _ and -, at most 256 characters, not under alias/aws/`,
    );
  const at256 = `alias/${'a'.repeat(250)}`;
  const at257 = `alias/${'a'.repeat(251)}`;
  test.each<[string, Json, RuleResult]>([
    ['a name_prefix only', { name_prefix: 'alias/platform-' }, na('name not known')],
    ['exactly 256 characters', { name: at256 }, ok],
    ['257 characters', { name: at257 }, bad(at257)],
    ['text before alias/', { name: 'xalias/platform' }, bad('xalias/platform')],
  ])('%s', (_name, values, expected) => {
    expect(evaluate(rule, 'aws_kms_alias.a', { 'aws_kms_alias.a': values })).toEqual(expected);
  });
});

describe('apply-policy-principals-exist', () => {
  const rule = byId('apply-policy-principals-exist');
  const fix =
    ': grant through the account with conditions (kms:ViaService, aws:PrincipalArn) or reference a role this configuration creates';
  const slrNote = ' (a service-linked role exists only once its service is first used)';
  const names = (list: string, note = '') => fails(`names ${list}, which may not exist when the policy is written${note}${fix}`);
  const role = `arn:aws:iam::${ACCOUNT}:role/deployer`;
  const user = `arn:aws:iam::${ACCOUNT}:user/alice`;
  const slr = `arn:aws:iam::${ACCOUNT}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling`;
  const key = (...statements: object[]) => ({ 'aws_kms_key.k': { policy: policy({ Statement: statements }) } });
  const grant = (principal: unknown) => ({ Effect: 'Allow', Principal: principal, Action: 'kms:*', Resource: '*' });

  test.each<[string, Resources, RuleResult]>([
    ['a key without a policy', { 'aws_kms_key.k': {} }, na('policy not known here')],
    ['a role by ARN', key(grant({ AWS: role })), names(role)],
    ['a service-linked role', key(grant({ AWS: slr })), names(slr, slrNote)],
    ['two principals that may not exist, in order', key(grant({ AWS: [role, user] })), names(`${role}, ${user}`)],
    ['an account id of 13 digits is not an account', key(grant({ AWS: '1111111111112' })), names('1111111111112')],
    [
      'a root ARN with text before or after it is not a root ARN',
      key(grant({ AWS: [`x-arn:aws:iam::${ACCOUNT}:root`, `arn:aws:iam::${ACCOUNT}:root-x`] })),
      names(`x-arn:aws:iam::${ACCOUNT}:root, arn:aws:iam::${ACCOUNT}:root-x`),
    ],
    ['the root of an account of another partition', key(grant({ AWS: `arn:aws-us-gov:iam::${ACCOUNT}:root` })), ok],
    ['a service principal names no AWS principal', key(grant({ Service: 'logs.us-east-1.amazonaws.com' })), ok],
    [
      'statements without a Principal, or with a null one, name nobody',
      key({ Effect: 'Allow', Action: 'kms:*', Resource: '*' }, grant(null)),
      ok,
    ],
  ])('%s', (_name, fixture, expected) => {
    expect(evaluate(rule, 'aws_kms_key.k', fixture)).toEqual(expected);
  });

  test('a trust policy (aws_iam_role reads assume_role_policy)', () => {
    expect(
      evaluate(rule, 'aws_iam_role.r', {
        'aws_iam_role.r': { assume_role_policy: policy({ Statement: [{ ...grant({ AWS: user }), Action: 'sts:AssumeRole' }] }) },
      }),
    ).toEqual(names(user));
  });
});

describe('apply-rds-identifiers', () => {
  const rule = byId('apply-rds-identifiers');
  const clusterRules = 'lower-case letters, digits and single hyphens, starting with a letter, not ending in a hyphen';
  const subnetRules = 'lower-case letters, digits, ".", "_", "-" and spaces, not "default"';
  const id63 = `p${'x'.repeat(62)}`;
  const id64 = `p${'x'.repeat(63)}`;
  const name255 = 'a'.repeat(255);
  const name256 = 'a'.repeat(256);
  test.each<[string, string, Json, RuleResult]>([
    ['a cluster named by prefix', 'aws_rds_cluster', { cluster_identifier_prefix: 'p-' }, na('cluster_identifier not known')],
    ['a cluster identifier of exactly 63 characters', 'aws_rds_cluster', { cluster_identifier: id63 }, ok],
    [
      'a cluster identifier of 64 characters',
      'aws_rds_cluster',
      { cluster_identifier: id64 },
      fails(`cluster_identifier "${id64}" breaks the RDS naming rules: ${clusterRules}, at most 63 characters`),
    ],
    [
      'a dot in a cluster identifier',
      'aws_rds_cluster',
      { cluster_identifier: 'platform.dev' },
      fails(`cluster_identifier "platform.dev" breaks the RDS naming rules: ${clusterRules}, at most 63 characters`),
    ],
    [
      'an instance identifier',
      'aws_rds_cluster_instance',
      { identifier: 'platform--1' },
      fails(`identifier "platform--1" breaks the RDS naming rules: ${clusterRules}, at most 63 characters`),
    ],
    ['a subnet group name of exactly 255 characters', 'aws_db_subnet_group', { name: name255 }, ok],
    [
      'a subnet group name of 256 characters',
      'aws_db_subnet_group',
      { name: name256 },
      fails(`name "${name256}" breaks the RDS naming rules: ${subnetRules}, at most 255 characters`),
    ],
    [
      'a subnet group name starting with a capital',
      'aws_db_subnet_group',
      { name: 'Platform-db' },
      fails(`name "Platform-db" breaks the RDS naming rules: ${subnetRules}, at most 255 characters`),
    ],
    [
      'a subnet group name ending with capitals',
      'aws_db_subnet_group',
      { name: 'platform-DB' },
      fails(`name "platform-DB" breaks the RDS naming rules: ${subnetRules}, at most 255 characters`),
    ],
  ])('%s', (_name, type, values, expected) => {
    expect(evaluate(rule, `${type}.x`, { [`${type}.x`]: values })).toEqual(expected);
  });
});

describe('apply-state-encrypted-with-kms-key', () => {
  const rule = byId('apply-state-encrypted-with-kms-key');
  test.each<[string, string, Json, RuleResult]>([
    ['a local backend', 'terraform_backend.local', { path: 'x.tfstate' }, na('a local backend')],
    [
      'an empty kms_key_id',
      'terraform_backend.s3',
      { bucket: 'b', key: 'k', encrypt: true, kms_key_id: '' },
      fails(
        'state is not SSE-KMS under the state key: set encrypt = true and kms_key_id to the key (or alias) ARN the bootstrap stack creates',
      ),
    ],
  ])('%s', (_name, subject, values, expected) => {
    expect(evaluate(rule, subject, { [subject]: values })).toEqual(expected);
  });
});

describe('apply-state-bucket-per-account', () => {
  const rule = byId('apply-state-bucket-per-account');
  const twoAccounts = { 'provider_pin.x': { accounts: [ACCOUNT, '222222222222'] } };
  const missing = (bucket: string, accounts: string) =>
    fails(
      `the state bucket ${bucket} does not carry the account id ${accounts}: one name cannot exist in every environment's account (S3 names are global), so put the account id in the name, or keep state in a central account reached through assume_role`,
    );
  test.each<[string, Resources, RuleResult]>([
    ['a local backend', { ...twoAccounts, 'terraform_backend.local': { path: 'x.tfstate' } }, na('a local backend')],
    [
      'a central bucket reached through the top-level role_arn',
      { ...twoAccounts, 'terraform_backend.s3': { bucket: 'central', role_arn: 'arn:aws:iam::999999999999:role/state' } },
      ok,
    ],
    ['no provider pins an account', { 'terraform_backend.s3': { bucket: 'acme-state' } }, na('no provider pins an account')],
    [
      'neither account in the name',
      { ...twoAccounts, 'terraform_backend.s3': { bucket: 'acme-state' } },
      missing('acme-state', `${ACCOUNT}, 222222222222`),
    ],
    [
      'one of the two accounts in the name',
      { ...twoAccounts, 'terraform_backend.s3': { bucket: `acme-state-${ACCOUNT}` } },
      missing(`acme-state-${ACCOUNT}`, '222222222222'),
    ],
  ])('%s', (_name, fixture, expected) => {
    const subject = Object.keys(fixture).find((a) => a.startsWith('terraform_backend.'))!;
    expect(evaluate(rule, subject, fixture)).toEqual(expected);
  });
});

describe('apply-validation-record-once', () => {
  const rule = byId('apply-validation-record-once');
  const cert = (domain?: string) => ({ ...(domain ? { domain_name: domain } : {}), validation_method: 'DNS' });
  const validationRecord = (certificate: string) => ({
    for_each: `\${{ for dvo in ${certificate}.domain_validation_options : dvo.domain_name => dvo }}`,
    name: '${each.value.resource_record_name}',
    zone_id: 'Z1',
  });
  const appRecord = { name: 'app.example.com', type: 'A', zone_id: 'Z1', alias: { name: '${aws_lb.l.dns_name}' } };

  test.each<[string, Resources, RuleResult]>([
    [
      'a certificate whose domain is not known',
      { 'aws_acm_certificate.a': cert(), 'aws_route53_record.v': validationRecord('aws_acm_certificate.a') },
      na('domain not known'),
    ],
    [
      'one validation record beside an ordinary record (no for_each)',
      {
        'aws_acm_certificate.a': cert('app.example.com'),
        'aws_route53_record.v': validationRecord('aws_acm_certificate.a'),
        'aws_route53_record.app': appRecord,
      },
      ok,
    ],
    [
      'two validation records, one iterating over a merge with the zone, and an ordinary record',
      {
        'aws_acm_certificate.a': cert('app.example.com'),
        'aws_acm_certificate.b': cert('app.example.com'),
        'aws_route53_record.v': {
          ...validationRecord('aws_acm_certificate.a'),
          for_each:
            '${{ for dvo in aws_acm_certificate.a.domain_validation_options : dvo.domain_name => merge(dvo, { zone = aws_route53_zone.z.zone_id }) }}',
        },
        'aws_route53_record.w': validationRecord('aws_acm_certificate.b'),
        'aws_route53_record.app': appRecord,
      },
      fails(
        "2 record resources (aws_route53_record.v, aws_route53_record.w) manage the validation record of app.example.com: create it once and let every certificate's validation depend on it",
      ),
    ],
    [
      'records of another resource type with the same domain (an API domain) are not validation records',
      {
        'aws_acm_certificate.a': cert('app.example.com'),
        'aws_route53_record.v': validationRecord('aws_acm_certificate.a'),
        'aws_apigatewayv2_domain_name.api': { domain_name: 'app.example.com' },
        'aws_route53_record.api': {
          for_each: '${{ for c in aws_apigatewayv2_domain_name.api.domain_name_configuration : c.target_domain_name => c }}',
          name: 'app.example.com',
          type: 'A',
          zone_id: 'Z1',
        },
      },
      ok,
    ],
    [
      'a resource of another type iterating over the validation options (SSM copies) is no record',
      {
        'aws_acm_certificate.a': cert('app.example.com'),
        'aws_route53_record.v': validationRecord('aws_acm_certificate.a'),
        'aws_ssm_parameter.dvo': {
          for_each: '${{ for dvo in aws_acm_certificate.a.domain_validation_options : dvo.domain_name => dvo }}',
          name: '/dns/${each.key}',
          type: 'String',
          value: '${each.value.resource_record_value}',
        },
      },
      ok,
    ],
  ])('%s', (_name, fixture, expected) => {
    expect(evaluate(rule, 'aws_acm_certificate.a', fixture)).toEqual(expected);
  });
});

describe('apply-waf-log-destination', () => {
  const rule = byId('apply-waf-log-destination');
  const rejects = (destinations: string) =>
    fails(
      `WAF rejects the destination ${destinations}: its name (log group, bucket or Firehose stream) must start with aws-waf-logs- and a log group's ARN must not end in :*`,
    );
  const logging = (...destinations: string[]) => ({
    resource_arn: '${aws_wafv2_web_acl.a.arn}',
    log_destination_configs: destinations,
  });
  const builtArn =
    'arn:aws:logs:${data.aws_region.current.name}:${data.aws_caller_identity.current.account_id}:log-group:${aws_cloudwatch_log_group.g.name}';
  const groupArn = '${aws_cloudwatch_log_group.g.arn}';

  test.each<[string, Resources, RuleResult]>([
    [
      'a badly named group declared after the logging configuration',
      { 'aws_wafv2_web_acl_logging_configuration.l': logging(groupArn), 'aws_cloudwatch_log_group.g': { name: '/platform/waf' } },
      rejects('/platform/waf'),
    ],
    [
      'an ARN built from data sources and the well-named group',
      {
        'aws_cloudwatch_log_group.g': { name: 'aws-waf-logs-platform-dev' },
        'aws_wafv2_web_acl_logging_configuration.l': logging(builtArn),
      },
      ok,
    ],
    [
      'an ARN built from data sources and a badly named group',
      { 'aws_cloudwatch_log_group.g': { name: '/platform/waf' }, 'aws_wafv2_web_acl_logging_configuration.l': logging(builtArn) },
      rejects('/platform/waf'),
    ],
    [
      'a group named by prefix (name not known)',
      { 'aws_cloudwatch_log_group.g': { name_prefix: 'aws-waf-logs-' }, 'aws_wafv2_web_acl_logging_configuration.l': logging(groupArn) },
      ok,
    ],
    [
      'a literal log-group ARN without the prefix',
      { 'aws_wafv2_web_acl_logging_configuration.l': logging(`arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/platform/waf`) },
      rejects(`arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/platform/waf`),
    ],
    [
      'a literal Firehose stream ARN',
      {
        'aws_wafv2_web_acl_logging_configuration.l': logging(`arn:aws:firehose:us-east-1:${ACCOUNT}:deliverystream/aws-waf-logs-platform`),
      },
      ok,
    ],
    [
      'a bad group and a literal ARN ending in :*',
      {
        'aws_cloudwatch_log_group.g': { name: '/platform/waf' },
        'aws_wafv2_web_acl_logging_configuration.l': logging(groupArn, `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:aws-waf-logs-x:*`),
      },
      rejects(`/platform/waf, arn:aws:logs:us-east-1:${ACCOUNT}:log-group:aws-waf-logs-x:*`),
    ],
    [
      'a well-named group referenced with :* appended',
      {
        'aws_cloudwatch_log_group.g': { name: 'aws-waf-logs-platform' },
        'aws_wafv2_web_acl_logging_configuration.l': logging(`${groupArn}:*`),
      },
      rejects(`${groupArn}:*`),
    ],
    [
      'a Firehose stream without the prefix',
      {
        'aws_kinesis_firehose_delivery_stream.f': { name: 'platform-waf' },
        'aws_wafv2_web_acl_logging_configuration.l': logging('${aws_kinesis_firehose_delivery_stream.f.arn}'),
      },
      rejects('platform-waf'),
    ],
    [
      'a bucket with the prefix',
      {
        'aws_s3_bucket.b': { bucket: 'aws-waf-logs-platform-dev' },
        'aws_wafv2_web_acl_logging_configuration.l': logging('${aws_s3_bucket.b.arn}'),
      },
      ok,
    ],
    [
      'a literal bucket ARN without the prefix',
      { 'aws_wafv2_web_acl_logging_configuration.l': logging('arn:aws:s3:::platform-waf-logs') },
      rejects('arn:aws:s3:::platform-waf-logs'),
    ],
    [
      'a literal Firehose stream ARN without the prefix',
      { 'aws_wafv2_web_acl_logging_configuration.l': logging(`arn:aws:firehose:us-east-1:${ACCOUNT}:deliverystream/platform-waf`) },
      rejects(`arn:aws:firehose:us-east-1:${ACCOUNT}:deliverystream/platform-waf`),
    ],
  ])('%s', (_name, fixture, expected) => {
    expect(evaluate(rule, 'aws_wafv2_web_acl_logging_configuration.l', fixture)).toEqual(expected);
  });
});

describe('apply-database-endpoint-per-region', () => {
  const rule = byId('apply-database-endpoint-per-region');
  const several = (members: string) =>
    fails(
      `gives the cluster endpoints of ${members}, members of one global database: only the writer's is active, so give every other region its cluster's reader_endpoint (writes are forwarded)`,
    );
  const noMember = na('exposes no cluster endpoint of a global database member');
  // A resource that is no cluster comes first: an address lookup must not take the first resource.
  const clusters: Resources = {
    'aws_kms_key.k': {},
    'aws_rds_global_cluster.g': { global_cluster_identifier: 'p-prod', engine: 'aurora-postgresql' },
    'aws_rds_cluster.a': { cluster_identifier: 'p-a', global_cluster_identifier: '${aws_rds_global_cluster.g.id}' },
    'aws_rds_cluster.b': { cluster_identifier: 'p-b', global_cluster_identifier: '${aws_rds_global_cluster.g.id}' },
    'aws_rds_cluster.solo': { cluster_identifier: 'p-solo' },
  };
  const output = (value: object | string, extra: Resources = {}): Resources => ({
    ...clusters,
    ...extra,
    'terraform_output.db': { value },
  });

  test.each<[string, Resources, RuleResult]>([
    [
      "one member's endpoint, the other's reader endpoint",
      output({ w: '${aws_rds_cluster.a.endpoint}', r: '${aws_rds_cluster.b.reader_endpoint}' }),
      ok,
    ],
    [
      'both members’ endpoints',
      output({ w: '${aws_rds_cluster.a.endpoint}', r: '${aws_rds_cluster.b.endpoint}' }),
      several('aws_rds_cluster.a, aws_rds_cluster.b'),
    ],
    [
      'members joining through different attributes of the global cluster',
      output(
        { w: '${aws_rds_cluster.a.endpoint}', r: '${aws_rds_cluster.c.endpoint}' },
        {
          'aws_rds_cluster.c': {
            cluster_identifier: 'p-c',
            global_cluster_identifier: '${aws_rds_global_cluster.g.global_cluster_identifier}',
          },
        },
      ),
      several('aws_rds_cluster.a, aws_rds_cluster.c'),
    ],
    [
      'members joining an existing global cluster by its literal identifier',
      output(
        { w: '${aws_rds_cluster.x.endpoint}', r: '${aws_rds_cluster.y.endpoint}' },
        {
          'aws_rds_cluster.x': { cluster_identifier: 'p-x', global_cluster_identifier: 'p-legacy' },
          'aws_rds_cluster.y': { cluster_identifier: 'p-y', global_cluster_identifier: 'p-legacy' },
        },
      ),
      several('aws_rds_cluster.x, aws_rds_cluster.y'),
    ],
    ['the endpoint of a cluster in no global database', output('${aws_rds_cluster.solo.endpoint}'), noMember],
    ['the endpoint of a cluster this configuration does not hold', output('${aws_rds_cluster.gone.endpoint}'), noMember],
    [
      "a member's endpoint beside a standalone cluster's",
      output({ w: '${aws_rds_cluster.a.endpoint}', s: '${aws_rds_cluster.solo.endpoint}' }),
      ok,
    ],
    [
      'another attribute of the second member (tags_all) is no endpoint',
      output({ w: '${aws_rds_cluster.a.endpoint}', t: '${aws_rds_cluster.b.tags_all}' }),
      ok,
    ],
    [
      'DocumentDB clusters of one global cluster are not read',
      output(
        { w: '${aws_docdb_cluster.x.endpoint}', r: '${aws_docdb_cluster.y.endpoint}' },
        {
          'aws_docdb_cluster.x': { global_cluster_identifier: '${aws_docdb_global_cluster.g.id}' },
          'aws_docdb_cluster.y': { global_cluster_identifier: '${aws_docdb_global_cluster.g.id}' },
        },
      ),
      noMember,
    ],
  ])('%s', (_name, fixture, expected) => {
    expect(evaluate(rule, 'terraform_output.db', fixture)).toEqual(expected);
  });
});

describe('apply-global-engine-version-pinned', () => {
  const rule = byId('apply-global-engine-version-pinned');
  const major = (v: string) =>
    fails(
      `engine_version "${v}" is a major alone: RDS reports ${v}.x, so every plan shows a change and an apply retries until its timeout; pin <major>.<minor>`,
    );
  test.each<[string, Json, RuleResult]>([
    ['no engine_version', { engine: 'aurora-postgresql' }, na('engine_version not set here')],
    ['<major>.<minor>', { engine_version: '16.4' }, ok],
    ['a major alone', { engine_version: '16' }, major('16')],
    ['a version that does not start with <major>.<minor>', { engine_version: 'v16.4' }, major('v16.4')],
  ])('%s', (_name, values, expected) => {
    expect(evaluate(rule, 'aws_rds_global_cluster.g', { 'aws_rds_global_cluster.g': values })).toEqual(expected);
  });
});

describe('apply-master-password-from-secret', () => {
  const rule = byId('apply-master-password-from-secret');
  const fromSecret = '${jsondecode(ephemeral.aws_secretsmanager_secret_version.s.secret_string).password}';
  test.each<[string, Json, RuleResult]>([
    ['a managed master password', { manage_master_user_password: true }, na('no write-only master password here')],
    [
      'a generated password, versioned',
      { master_password_wo: '${ephemeral.random_password.p.result}', master_password_wo_version: 1 },
      fails(
        'master_password_wo is not read from the secret: a second write-only copy of a generated value drifts from the secret after a partial apply; read it with an ephemeral aws_secretsmanager_secret_version',
      ),
    ],
    [
      'read from the secret, without a version',
      { master_password_wo: fromSecret },
      fails('master_password_wo has no master_password_wo_version: the password is never sent again'),
    ],
  ])('%s', (_name, values, expected) => {
    expect(evaluate(rule, 'aws_rds_cluster.c', { 'aws_rds_cluster.c': values })).toEqual(expected);
  });
});

describe('apply-name-characters', () => {
  const rule = byId('apply-name-characters');
  test.each<[string, string, Json, RuleResult]>([
    ['a load balancer without a name', 'aws_lb', { load_balancer_type: 'application' }, na('name not known')],
    ['a dashboard without dashboard_name', 'aws_cloudwatch_dashboard', { dashboard_body: '{}' }, na('dashboard_name not known')],
  ])('%s', (_name, type, values, expected) => {
    expect(evaluate(rule, `${type}.x`, { [`${type}.x`]: values })).toEqual(expected);
  });
});

describe('apply-secret-name-reusable', () => {
  const rule = byId('apply-secret-name-reusable');
  const reserved = (days: number) =>
    fails(
      `the name p/prod/db stays reserved for ${days} days after a destroy, so the environment cannot be applied again until then: set recovery_window_in_days = 0 where the data may go, or prevent_destroy where it must stay`,
    );
  test.each<[string, Json, RuleResult]>([
    ['no recovery window set: the 30-day default', { name: 'p/prod/db' }, reserved(30)],
    ['a 7-day window', { name: 'p/prod/db', recovery_window_in_days: 7 }, reserved(7)],
  ])('%s', (_name, values, expected) => {
    expect(evaluate(rule, 'aws_secretsmanager_secret.s', { 'aws_secretsmanager_secret.s': values })).toEqual(expected);
  });

  test('from a plan, lifecycle is not known', () => {
    expect(
      evaluatePlan(rule, 'aws_secretsmanager_secret.s', {
        'aws_secretsmanager_secret.s': { values: { name: 'p/prod/db', recovery_window_in_days: 7 } },
      }),
    ).toEqual(na('lifecycle is not part of a plan'));
  });
});

describe('asg-elb-health-check', () => {
  const rule = byId('asg-elb-health-check');
  const fix = 'health_check_type is not "ELB": replace instances the load balancer finds unhealthy';
  const tgArn = `arn:aws:elasticloadbalancing:us-east-1:${ACCOUNT}:targetgroup/app/0123456789abcdef`;
  test.each<[string, Json, RuleResult]>([
    ['no target group', { health_check_type: 'EC2' }, na('not behind a load balancer')],
    ['an empty target group list', { target_group_arns: [] }, na('not behind a load balancer')],
    ['a literal target group ARN, EC2 checks', { target_group_arns: [tgArn], health_check_type: 'EC2' }, fails(fix)],
    ['a literal target group ARN, ELB checks', { target_group_arns: [tgArn], health_check_type: 'ELB' }, ok],
  ])('%s', (_name, values, expected) => {
    expect(evaluate(rule, 'aws_autoscaling_group.g', { 'aws_autoscaling_group.g': values })).toEqual(expected);
  });

  test.each<[string, string, RuleResult]>([
    ['ELB checks', 'ELB', ok],
    ['EC2 checks', 'EC2', fails(fix)],
  ])('from a plan, target groups known only as references: %s', (_name, type, expected) => {
    expect(
      evaluatePlan(rule, 'aws_autoscaling_group.g', {
        'aws_autoscaling_group.g': {
          values: { health_check_type: type },
          expressions: { target_group_arns: refs('arn', 'aws_lb_target_group.t') },
        },
      }),
    ).toEqual(expected);
  });
});

describe('asg-multi-az', () => {
  const rule = byId('asg-multi-az');
  const fix = 'vpc_zone_identifier has fewer than two subnets: spread over the AZs';
  test.each<[string, Json, RuleResult]>([
    ['two literal subnet ids', { vpc_zone_identifier: ['subnet-0a', 'subnet-0b'] }, ok],
    ['one literal subnet id', { vpc_zone_identifier: ['subnet-0a'] }, fails(fix)],
    ['no vpc_zone_identifier (availability_zones instead)', { availability_zones: ['us-east-1a', 'us-east-1b'] }, fails(fix)],
  ])('%s', (_name, values, expected) => {
    expect(evaluate(rule, 'aws_autoscaling_group.g', { 'aws_autoscaling_group.g': values })).toEqual(expected);
  });

  test('from a plan, two subnets known only as references', () => {
    expect(
      evaluatePlan(rule, 'aws_autoscaling_group.g', {
        'aws_autoscaling_group.g': { expressions: { vpc_zone_identifier: refs('id', 'aws_subnet.a', 'aws_subnet.b') } },
      }),
    ).toEqual(ok);
  });
});

describe('backup-copied-to-other-region', () => {
  const rule = byId('backup-copied-to-other-region');
  const noCopy = fails(
    'rule daily copies to no vault of another region: add a copy_action whose destination_vault_arn references the aws_backup_vault of a region other than us-east-1',
  );
  const planWith = (copy: object): Resources => ({
    'aws_backup_vault.use1': { name: 'p-us-east-1' },
    'aws_backup_vault.euw1': { provider: 'aws.eu_west_1', name: 'p-eu-west-1' },
    'aws_backup_plan.p': {
      name: 'p',
      rule: [
        { rule_name: 'daily', target_vault_name: '${aws_backup_vault.use1.name}', lifecycle: { delete_after: 7 }, copy_action: [copy] },
      ],
    },
  });
  test.each<[string, object, RuleResult]>([
    ['a copy_action without destination', { lifecycle: { delete_after: 7 } }, noCopy],
    [
      'a copy to a vault this configuration does not hold',
      { destination_vault_arn: '${aws_backup_vault.gone.arn}', lifecycle: { delete_after: 7 } },
      noCopy,
    ],
  ])('%s', (_name, copy, expected) => {
    expect(evaluate(rule, 'aws_backup_plan.p', planWith(copy))).toEqual(expected);
  });
});

describe('database-subnets-isolated', () => {
  const rule = byId('database-subnets-isolated');
  const subnetWithTable = (tags?: object): Resources => ({
    'aws_subnet.s': tags ? { tags } : {},
    'aws_route_table.rt': {},
    'aws_route_table_association.a': { subnet_id: '${aws_subnet.s.id}', route_table_id: '${aws_route_table.rt.id}' },
  });
  const route = (cidr: string, target: object, table = '${aws_route_table.rt.id}') => ({
    route_table_id: table,
    destination_cidr_block: cidr,
    ...target,
  });
  const db = { Tier: 'database' };
  test.each<[string, Resources, RuleResult]>([
    [
      'a public subnet with a default route',
      { ...subnetWithTable({ Tier: 'public' }), 'aws_route.r': route('0.0.0.0/0', { gateway_id: '${aws_internet_gateway.i.id}' }) },
      { status: 'NOT_APPLICABLE' },
    ],
    ['a subnet without tags', subnetWithTable(), { status: 'NOT_APPLICABLE' }],
    [
      'a default route',
      { ...subnetWithTable(db), 'aws_route.r': route('0.0.0.0/0', { nat_gateway_id: '${aws_nat_gateway.n.id}' }) },
      fails('route table of this database subnet has a default route (aws_route.r): remove it'),
    ],
    [
      'a route to the private network only',
      { ...subnetWithTable(db), 'aws_route.r': route('10.0.0.0/8', { transit_gateway_id: '${aws_ec2_transit_gateway.t.id}' }) },
      ok,
    ],
    [
      'an IPv6 default route',
      {
        ...subnetWithTable(db),
        'aws_route.r6': {
          route_table_id: '${aws_route_table.rt.id}',
          destination_ipv6_cidr_block: '::/0',
          egress_only_gateway_id: '${aws_egress_only_internet_gateway.e.id}',
        },
      },
      fails('route table of this database subnet has a default route (aws_route.r6): remove it'),
    ],
    [
      'a default route inline in the route table',
      {
        ...subnetWithTable(db),
        'aws_route_table.rt': { route: [{ cidr_block: '0.0.0.0/0', gateway_id: '${aws_internet_gateway.i.id}' }] },
      },
      fails('route table of this database subnet has a default route (aws_route_table.rt): remove it'),
    ],
    [
      'an inline IPv6 default route',
      {
        ...subnetWithTable(db),
        'aws_route_table.rt': { route: [{ ipv6_cidr_block: '::/0', gateway_id: '${aws_internet_gateway.i.id}' }] },
      },
      fails('route table of this database subnet has a default route (aws_route_table.rt): remove it'),
    ],
    [
      'a default route inline in a route table this subnet is not associated with',
      {
        ...subnetWithTable(db),
        'aws_route_table.public': { route: [{ cidr_block: '0.0.0.0/0', gateway_id: '${aws_internet_gateway.i.id}' }] },
      },
      ok,
    ],
    [
      'an inline route to the private network only',
      {
        ...subnetWithTable(db),
        'aws_route_table.rt': { route: [{ cidr_block: '10.0.0.0/8', transit_gateway_id: '${aws_ec2_transit_gateway.t.id}' }] },
      },
      ok,
    ],
    [
      'a default route of a table named by a literal id',
      { ...subnetWithTable(db), 'aws_route.r': route('0.0.0.0/0', { gateway_id: 'igw-0123' }, 'rtb-0123456789abcdef0') },
      ok,
    ],
    [
      'every default route on its table is named',
      {
        ...subnetWithTable(db),
        'aws_route.nat': route('0.0.0.0/0', { nat_gateway_id: '${aws_nat_gateway.n.id}' }),
        'aws_route.igw': route('0.0.0.0/0', { gateway_id: '${aws_internet_gateway.i.id}' }),
      },
      fails('route table of this database subnet has a default route (aws_route.nat, aws_route.igw): remove it'),
    ],
  ])('%s', (_name, fixture, expected) => {
    expect(evaluate(rule, 'aws_subnet.s', fixture)).toEqual(expected);
  });
});

describe('iam-app-role-no-secret-read', () => {
  const rule = byId('iam-app-role-no-secret-read');
  const appFix =
    'to aws_iam_role.app, an EC2 instance role: connect with IAM database authentication (rds-db:connect) instead of reading the database secret';
  const reads = (through: string) => fails(`allows secretsmanager:GetSecretValue through ${through} ${appFix}`);
  const trustOf = (...statements: object[]) => ({ name: 'p-app', assume_role_policy: policy({ Statement: statements }) });
  const assume = (service: string) => ({ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' });
  const ec2Role = trustOf(assume('ec2.amazonaws.com'));
  const allow = (action: unknown, extra: object = {}) => ({ Effect: 'Allow', Action: action, Resource: '*', ...extra });
  const inline = (...statements: object[]) => ({ role: '${aws_iam_role.app.id}', policy: policy({ Statement: statements }) });
  const readSecret = allow('secretsmanager:GetSecretValue');

  test.each<[string, Resources, RuleResult]>([
    [
      'regex characters in an action are literal (Get.* is not Get*)',
      { 'aws_iam_role.app': ec2Role, 'aws_iam_role_policy.p': inline(allow('secretsmanager:Get.*')) },
      ok,
    ],
    [
      'NotAction that names GetSecretValue among others',
      {
        'aws_iam_role.app': ec2Role,
        'aws_iam_role_policy.p': inline({ Effect: 'Allow', NotAction: ['secretsmanager:GetSecretValue', 'iam:*'], Resource: '*' }),
      },
      ok,
    ],
    [
      'two statements that grant it, both named',
      {
        'aws_iam_role.app': ec2Role,
        'aws_iam_role_policy.p': inline(allow('secretsmanager:GetSecretValue', { Sid: 'A' }), allow('secretsmanager:*', { Sid: 'B' })),
      },
      reads('statement A (secretsmanager:GetSecretValue), statement B (secretsmanager:*)'),
    ],
    [
      'the role by literal name, after an instance profile of the same name',
      {
        'aws_iam_instance_profile.app': { name: 'p-app', role: '${aws_iam_role.app.name}' },
        'aws_iam_role.app': ec2Role,
        'aws_iam_role_policy.p': { role: 'p-app', policy: policy({ Statement: [readSecret] }) },
      },
      reads('statement #1 (secretsmanager:GetSecretValue)'),
    ],
    [
      'a role of another configuration, by name, beside an EC2 role of this one',
      { 'aws_iam_role.app': ec2Role, 'aws_iam_role_policy.p': { role: 'elsewhere', policy: policy({ Statement: [readSecret] }) } },
      na('not for an EC2 instance role of this configuration'),
    ],
    [
      'EC2 trusted in a statement of its own, after another service',
      {
        'aws_iam_role.app': trustOf(assume('ssm.amazonaws.com'), assume('ec2.amazonaws.com')),
        'aws_iam_role_policy.p': inline(readSecret),
      },
      reads('statement #1 (secretsmanager:GetSecretValue)'),
    ],
    [
      'a trust statement without Principal before the EC2 one',
      {
        'aws_iam_role.app': trustOf({ Effect: 'Allow', Action: 'sts:TagSession' }, assume('ec2.amazonaws.com')),
        'aws_iam_role_policy.p': inline(readSecret),
      },
      reads('statement #1 (secretsmanager:GetSecretValue)'),
    ],
  ])('inline policy: %s', (_name, fixture, expected) => {
    expect(evaluate(rule, 'aws_iam_role_policy.p', fixture)).toEqual(expected);
  });

  test('attachment of a managed policy: a reading policy of this configuration attached elsewhere does not count', () => {
    expect(
      evaluate(rule, 'aws_iam_role_policy_attachment.a', {
        'aws_iam_policy.read': { policy: policy({ Statement: [readSecret] }) },
        'aws_iam_role.app': ec2Role,
        'aws_iam_role_policy_attachment.a': {
          role: '${aws_iam_role.app.name}',
          policy_arn: 'arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore',
        },
      }),
    ).toEqual(ok);
  });
});

describe('iam-no-admin-wildcard', () => {
  const rule = byId('iam-no-admin-wildcard');
  const fix = 'a statement allows "*" on "*": list the actions and resources the role needs';
  const doc = (...statements: object[]) => ({ policy: policy({ Statement: statements }) });
  test.each<[string, string, Json, RuleResult]>([
    ['a policy not known (plan)', 'aws_iam_role_policy', { name: 'p' }, na('policy not known at plan time')],
    ['a Deny of "*" on "*"', 'aws_iam_role_policy', doc({ Effect: 'Deny', Action: '*', Resource: '*' }), ok],
    ['one action on "*"', 'aws_iam_role_policy', doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }), ok],
    ['"*" on one resource', 'aws_iam_policy', doc({ Effect: 'Allow', Action: '*', Resource: 'arn:aws:s3:::b/*' }), ok],
    [
      '"*" and "*" inside lists',
      'aws_iam_policy',
      doc({ Effect: 'Allow', Action: ['s3:GetObject', '*'], Resource: ['arn:aws:s3:::b/*', '*'] }),
      fails(fix),
    ],
  ])('%s', (_name, type, values, expected) => {
    expect(evaluate(rule, `${type}.p`, { [`${type}.p`]: values })).toEqual(expected);
  });
});

describe('iam-trust-scoped', () => {
  const rule = byId('iam-trust-scoped');
  const star = fails('the trust policy admits principal "*": name the principal');
  const unguarded = (services: string) =>
    fails(`service principal ${services} without an aws:SourceAccount condition: guard against the confused deputy`);
  const trust = (...statements: object[]) => ({ assume_role_policy: policy({ Statement: statements }) });
  const assume = (principal: unknown, extra: object = {}) => ({
    Effect: 'Allow',
    Principal: principal,
    Action: 'sts:AssumeRole',
    ...extra,
  });
  test.each<[string, Json, RuleResult]>([
    ['a trust policy not known', { name: 'r' }, na('trust policy not known at plan time')],
    ['the bare "*" principal', trust(assume('*')), star],
    ['AWS "*"', trust(assume({ AWS: '*' })), star],
    ['"*" in a list of AWS principals', trust(assume({ AWS: [`arn:aws:iam::${ACCOUNT}:root`, '*'] })), star],
    [
      'a Deny of "*" beside EC2',
      trust({ Effect: 'Deny', Principal: '*', Action: 'sts:AssumeRole' }, assume({ Service: 'ec2.amazonaws.com' })),
      ok,
    ],
    ['an Allow statement without Principal', trust({ Effect: 'Allow', Action: 'sts:TagSession' }), ok],
    ['EC2 alone needs no condition', trust(assume({ Service: 'ec2.amazonaws.com' })), ok],
    ['an account root needs no condition', trust(assume({ AWS: `arn:aws:iam::${ACCOUNT}:root` })), ok],
    [
      'EC2 with another service, unguarded',
      trust(assume({ Service: ['ec2.amazonaws.com', 'lambda.amazonaws.com'] })),
      unguarded('ec2.amazonaws.com, lambda.amazonaws.com'),
    ],
    [
      'a service guarded by aws:SourceArn only',
      trust(
        assume(
          { Service: 'lambda.amazonaws.com' },
          { Condition: { ArnLike: { 'aws:SourceArn': `arn:aws:lambda:us-east-1:${ACCOUNT}:function:*` } } },
        ),
      ),
      unguarded('lambda.amazonaws.com'),
    ],
  ])('%s', (_name, values, expected) => {
    expect(evaluate(rule, 'aws_iam_role.r', { 'aws_iam_role.r': values })).toEqual(expected);
  });
});

describe('kms-deletion-window', () => {
  const rule = byId('kms-deletion-window');
  const fix = fails('deletion_window_in_days is not set between 7 and 30: set it from the protection profile');
  test.each<[string, unknown, RuleResult]>([
    ['7 days, the lower bound', 7, ok],
    ['30 days, the upper bound', 30, ok],
    ['6 days', 6, fix],
    ['31 days', 31, fix],
    ['a string, not a number', '10', fix],
  ])('%s', (_name, days, expected) => {
    expect(evaluate(rule, 'aws_kms_key.k', { 'aws_kms_key.k': { deletion_window_in_days: days } })).toEqual(expected);
  });
});

describe('kms-no-unconditioned-public-principal', () => {
  const rule = byId('kms-no-unconditioned-public-principal');
  const open = (sids: string) =>
    fails(
      `${sids}: an Allow for principal "*" is not pinned to an account: add StringEquals kms:CallerAccount (with kms:ViaService for service use)`,
    );
  const key = (...statements: object[]) => ({ 'aws_kms_key.k': { policy: policy({ Statement: statements }) } });
  const statement = (principal: unknown, condition?: object, extra: object = {}) => ({
    Sid: 'Open',
    Effect: 'Allow',
    ...(principal === undefined ? {} : { Principal: principal }),
    Action: 'kms:Decrypt',
    Resource: '*',
    ...(condition ? { Condition: condition } : {}),
    ...extra,
  });
  const callerAccount = (value: unknown) => ({ StringEquals: { 'kms:CallerAccount': value } });

  test.each<[string, Resources, RuleResult]>([
    ['a key without a policy', { 'aws_kms_key.k': {} }, na('policy not known at plan time')],
    ['an account root, unconditioned', key(statement({ AWS: `arn:aws:iam::${ACCOUNT}:root` })), ok],
    ['a service principal, unconditioned', key(statement({ Service: 'logs.us-east-1.amazonaws.com' })), ok],
    ['an Allow without Principal', key(statement(undefined)), ok],
    ['a Deny for "*", unconditioned', key(statement('*', undefined, { Effect: 'Deny' })), ok],
    [
      '"*" pinned to two accounts',
      key(statement({ AWS: '*' }, { StringEquals: { 'aws:PrincipalAccount': [ACCOUNT, '222222222222'] } })),
      ok,
    ],
    [
      '"*" under a condition on the VPC only',
      key(statement({ AWS: '*' }, { StringEquals: { 'aws:SourceVpc': 'vpc-0123' } })),
      open('Open'),
    ],
    ['"*" pinned to an empty account list', key(statement({ AWS: '*' }, callerAccount([]))), open('Open')],
    ['"*" pinned to an account and a wildcard', key(statement({ AWS: '*' }, callerAccount([ACCOUNT, '*']))), open('Open')],
    ['"*" pinned to an empty account id', key(statement({ AWS: '*' }, callerAccount(''))), open('Open')],
    ['"*" pinned to null', key(statement({ AWS: '*' }, callerAccount(null))), open('Open')],
    ['an open statement without Sid', key({ Effect: 'Allow', Principal: '*', Action: 'kms:Decrypt', Resource: '*' }), open('(no Sid)')],
    ['two open statements', key(statement('*', undefined, { Sid: 'A' }), statement({ AWS: ['*'] }, undefined, { Sid: 'B' })), open('A, B')],
  ])('%s', (_name, fixture, expected) => {
    expect(evaluate(rule, 'aws_kms_key.k', fixture)).toEqual(expected);
  });
});
