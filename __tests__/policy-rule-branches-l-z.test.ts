/**
 * Branch-by-branch tests of the policy rules from launch-template-* to waf-*: defaults taken when
 * an attribute is absent, every NOT_APPLICABLE reason, exact NON_COMPLIANT messages, boundaries of
 * numeric comparisons, and the alternative forms a rule reads (inline blocks or rule resources,
 * IPv4 or IPv6, synthesized JSON or plan JSON). Small hand-written fixtures, no stacks.
 */
import { Json } from '../src/policy/model';
import { RuleResult } from '../src/policy/rule';
import { Resources, TAGS, byId, evaluate, evaluatePlan, fails, na, ok, ref } from './policy-fixtures';

const policy = (...statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });

describe('rds-tls-enforced', () => {
  const r = byId('rds-tls-enforced');
  const pgRef = '${aws_rds_cluster_parameter_group.pg.name}';
  const forced = { parameter: [{ name: 'rds.force_ssl', value: '1' }] };
  const notForced = fails('aws_rds_cluster_parameter_group.pg does not set rds.force_ssl = 1: enforce TLS');

  test.each<[string, Resources, RuleResult]>([
    [
      'no parameter group at all',
      { 'aws_rds_cluster.c': { cluster_identifier: 'c' } },
      fails('no cluster parameter group: add one with rds.force_ssl = 1'),
    ],
    [
      'a parameter group named literally (managed elsewhere)',
      { 'aws_rds_cluster.c': { db_cluster_parameter_group_name: 'shared-aurora-pg' } },
      na('parameter group managed outside this configuration'),
    ],
    [
      'a reference to a parameter group not in this configuration',
      { 'aws_rds_cluster.c': { db_cluster_parameter_group_name: pgRef } },
      na('parameter group managed outside this configuration'),
    ],
    [
      'a group that sets rds.force_ssl = 1',
      { 'aws_rds_cluster.c': { db_cluster_parameter_group_name: pgRef }, 'aws_rds_cluster_parameter_group.pg': forced },
      ok,
    ],
    [
      'a group with rds.force_ssl = 1 among other parameters',
      {
        'aws_rds_cluster.c': { db_cluster_parameter_group_name: pgRef },
        'aws_rds_cluster_parameter_group.pg': {
          parameter: [
            { name: 'log_connections', value: '1' },
            { name: 'rds.force_ssl', value: 1 },
          ],
        },
      },
      ok,
    ],
    [
      'a group that sets rds.force_ssl = 0',
      {
        'aws_rds_cluster.c': { db_cluster_parameter_group_name: pgRef },
        'aws_rds_cluster_parameter_group.pg': { parameter: [{ name: 'rds.force_ssl', value: '0' }] },
      },
      notForced,
    ],
    [
      'a group with no parameters',
      {
        'aws_rds_cluster.c': { db_cluster_parameter_group_name: pgRef },
        'aws_rds_cluster_parameter_group.pg': { family: 'aurora-postgresql16' },
      },
      notForced,
    ],
    [
      'a group with one parameter as a single block, not a list',
      {
        'aws_rds_cluster.c': { db_cluster_parameter_group_name: pgRef },
        'aws_rds_cluster_parameter_group.pg': { parameter: { name: 'rds.force_ssl', value: '1' } },
      },
      ok,
    ],
    [
      'a choice between two groups, one of which forces TLS',
      {
        'aws_rds_cluster.c': {
          db_cluster_parameter_group_name:
            '${var.legacy ? aws_rds_cluster_parameter_group.old.name : aws_rds_cluster_parameter_group.pg.name}',
        },
        'aws_rds_cluster_parameter_group.old': { parameter: [{ name: 'log_connections', value: '1' }] },
        'aws_rds_cluster_parameter_group.pg': forced,
      },
      ok,
    ],
  ])('%s', (_name, fixture, expected) => {
    expect(evaluate(r, 'aws_rds_cluster.c', fixture)).toEqual(expected);
  });

  test('from a plan, the group is found by reference though its name is known only after apply', () => {
    expect(
      evaluatePlan(r, 'aws_rds_cluster.c', {
        'aws_rds_cluster.c': {
          values: {},
          expressions: { db_cluster_parameter_group_name: ref('aws_rds_cluster_parameter_group.pg', 'name') },
        },
        'aws_rds_cluster_parameter_group.pg': {
          values: { parameter: [{ name: 'rds.force_ssl', value: '1', apply_method: 'pending-reboot' }] },
        },
      }),
    ).toEqual(ok);
  });
});

describe('rds-storage-encrypted', () => {
  const r = byId('rds-storage-encrypted');
  const encrypted = { storage_encrypted: true, kms_key_id: '${aws_kms_key.k.arn}' };
  const notEncrypted = fails('storage_encrypted is not true: encrypt the cluster');
  const arn = 'arn:aws:rds:us-west-2:111111111111:cluster:p-prod-us-west-2';

  test.each<[string, string, Resources, RuleResult]>([
    [
      'a cluster with storage_encrypted false',
      'aws_rds_cluster.c',
      { 'aws_rds_cluster.c': { ...encrypted, storage_encrypted: false } },
      notEncrypted,
    ],
    [
      'a cluster without storage_encrypted (the default: unencrypted)',
      'aws_rds_cluster.c',
      { 'aws_rds_cluster.c': { kms_key_id: '${aws_kms_key.k.arn}' } },
      notEncrypted,
    ],
    ['a cluster encrypted under a CMK', 'aws_rds_cluster.c', { 'aws_rds_cluster.c': encrypted }, ok],
    [
      'a cluster carrying source_db_cluster_identifier (meaningful on global clusters only): its own encryption is checked',
      'aws_rds_cluster.c',
      { 'aws_rds_cluster.c': { ...encrypted, source_db_cluster_identifier: 'p-elsewhere' } },
      ok,
    ],
    [
      'a global cluster, not from a source, encrypted',
      'aws_rds_global_cluster.g',
      { 'aws_rds_global_cluster.g': { storage_encrypted: true } },
      ok,
    ],
    [
      'a global cluster, not from a source, not encrypted',
      'aws_rds_global_cluster.g',
      { 'aws_rds_global_cluster.g': { storage_encrypted: false } },
      notEncrypted,
    ],
    [
      'a global cluster from a source named by identifier rather than ARN',
      'aws_rds_global_cluster.g',
      {
        'aws_rds_cluster.src': { ...encrypted, cluster_identifier: 'p-prod-us-west-2' },
        'aws_rds_global_cluster.g': { source_db_cluster_identifier: 'p-prod-us-west-2' },
      },
      ok,
    ],
    [
      'a global cluster from a source whose ARN has something after the cluster name',
      'aws_rds_global_cluster.g',
      {
        'aws_rds_cluster.src': { ...encrypted, cluster_identifier: 'p-prod-us-west-2' },
        'aws_rds_global_cluster.g': { source_db_cluster_identifier: `${arn}:extra` },
      },
      fails(`source_db_cluster_identifier ${arn}:extra is not a cluster of this configuration: its encryption cannot be checked`),
    ],
    [
      'a global cluster whose source identifier matches only an instance, not a cluster',
      'aws_rds_global_cluster.g',
      {
        'aws_rds_cluster_instance.i': { cluster_identifier: 'p-prod-us-west-2' },
        'aws_rds_global_cluster.g': { source_db_cluster_identifier: arn },
      },
      fails(`source_db_cluster_identifier ${arn} is not a cluster of this configuration: its encryption cannot be checked`),
    ],
  ])('%s', (_name, subject, fixture, expected) => {
    expect(evaluate(r, subject, fixture)).toEqual(expected);
  });
});

describe('region-binding', () => {
  const r = byId('region-binding');
  const noAlias = fails('no aliased provider: pass the regional AwsProvider explicitly');
  const defaultProvider = { region: 'us-east-1' };
  const regionless = { alias: 'regionless' };

  test.each<[string, string, Resources, RuleResult]>([
    ['no provider', 'aws_iam_role.r', { 'aws_iam_role.r': { provider: undefined } }, noAlias],
    ['the default (unaliased) provider', 'aws_iam_role.r', { 'aws_iam_role.r': { provider: 'aws' } }, noAlias],
    [
      'an aliased provider that is not declared',
      'aws_iam_role.r',
      { 'aws_iam_role.r': { provider: 'aws.ap_south_1' } },
      fails('provider aws.ap_south_1 is not declared'),
    ],
    [
      'a regional resource on a provider without a region',
      'aws_vpc.us-east-1_network_vpc_1',
      { 'aws_vpc.us-east-1_network_vpc_1': { provider: 'aws.regionless' } },
      fails('a us-east-1 resource uses the provider of (no region)'),
    ],
    ['a global resource on any declared aliased provider', 'aws_iam_role.r', { 'aws_iam_role.r': { provider: 'aws.eu_west_1' } }, ok],
    ['a name whose prefix is not a region', 'aws_vpc.main_vpc', { 'aws_vpc.main_vpc': { provider: 'aws.eu_west_1' } }, ok],
  ])('%s', (_name, subject, fixture, expected) => {
    expect(evaluate(r, subject, fixture, [defaultProvider, regionless])).toEqual(expected);
  });
});

describe('waf-protects-load-balancer', () => {
  const r = byId('waf-protects-load-balancer');
  const notHere = na('internal or not application');
  const unprotected = fails('no aws_wafv2_web_acl_association: put the WebAcl construct in front');
  const association = { resource_arn: '${aws_lb.l.arn}', web_acl_arn: '${aws_wafv2_web_acl.w.arn}' };

  test.each<[string, Resources, RuleResult]>([
    ['an internal application load balancer', { 'aws_lb.l': { internal: true, load_balancer_type: 'application' } }, notHere],
    ['a network load balancer', { 'aws_lb.l': { load_balancer_type: 'network' } }, notHere],
    ['an internet-facing ALB without a type set (application by default), unprotected', { 'aws_lb.l': { internal: false } }, unprotected],
    ['an ALB without a type set, protected', { 'aws_lb.l': {}, 'aws_wafv2_web_acl_association.a': association }, ok],
    [
      'an association of another load balancer that mentions this one outside resource_arn',
      {
        'aws_lb.l': { load_balancer_type: 'application' },
        'aws_wafv2_web_acl_association.a': { ...association, resource_arn: '${aws_lb.other.arn}', tags: { Peer: '${aws_lb.l.name}' } },
      },
      unprotected,
    ],
  ])('%s', (_name, fixture, expected) => {
    expect(evaluate(r, 'aws_lb.l', fixture)).toEqual(expected);
  });
});

describe('launch-template-encrypted-volumes', () => {
  const r = byId('launch-template-encrypted-volumes');
  const bad = fails("a volume is not encrypted or has no kms_key_id: encrypt it with the region's CMK");
  const volume = (ebs: object) => ({ device_name: '/dev/xvda', ebs });
  const cmk = { encrypted: 'true', kms_key_id: '${aws_kms_key.k.arn}' };

  test.each<[string, Resources, RuleResult]>([
    ['no block device mappings', { 'aws_launch_template.t': { name: 't' } }, bad],
    ['every volume encrypted under a CMK', { 'aws_launch_template.t': { block_device_mappings: [volume(cmk), volume(cmk)] } }, ok],
    [
      'one of two volumes unencrypted',
      { 'aws_launch_template.t': { block_device_mappings: [volume(cmk), volume({ encrypted: 'false' })] } },
      bad,
    ],
    [
      'a volume with a key but encrypted = false',
      { 'aws_launch_template.t': { block_device_mappings: [volume({ encrypted: 'false', kms_key_id: '${aws_kms_key.k.arn}' })] } },
      bad,
    ],
    [
      'an encrypted volume without kms_key_id (the AWS-managed key)',
      { 'aws_launch_template.t': { block_device_mappings: [volume({ encrypted: true })] } },
      bad,
    ],
    ['a mapping without an ebs block', { 'aws_launch_template.t': { block_device_mappings: [{ device_name: '/dev/xvda' }] } }, bad],
  ])('%s', (_name, fixture, expected) => {
    expect(evaluate(r, 'aws_launch_template.t', fixture)).toEqual(expected);
  });

  test('from a plan, an encrypted volume whose key is known only after apply is compliant', () => {
    expect(
      evaluatePlan(r, 'aws_launch_template.t', {
        'aws_launch_template.t': { values: { block_device_mappings: [{ device_name: '/dev/xvda', ebs: [{ encrypted: 'true' }] }] } },
      }),
    ).toEqual(ok);
  });

  test('from a plan, an unencrypted volume fails', () => {
    expect(
      evaluatePlan(r, 'aws_launch_template.t', {
        'aws_launch_template.t': { values: { block_device_mappings: [{ device_name: '/dev/xvda', ebs: [{ encrypted: 'false' }] }] } },
      }),
    ).toEqual(bad);
  });
});

describe('target-group-health-check', () => {
  const r = byId('target-group-health-check');
  const bad = fails('no health_check path: check /health');

  test.each<[string, Json, RuleResult]>([
    ['no health_check block', { port: 80 }, bad],
    ['enabled explicitly with a path', { health_check: { enabled: true, path: '/health' } }, ok],
    ['a path, enabled by default', { health_check: { path: '/health' } }, ok],
    ['disabled, though a path is set', { health_check: { enabled: false, path: '/health' } }, bad],
    ['enabled without a path', { health_check: { enabled: true } }, bad],
    ['an empty path', { health_check: { path: '' } }, bad],
    ['the plan form (a one-element list)', { health_check: [{ enabled: true, path: '/health' }] }, ok],
  ])('%s', (_name, values, expected) => {
    expect(evaluate(r, 'aws_lb_target_group.t', { 'aws_lb_target_group.t': values })).toEqual(expected);
  });
});

describe('s3-tls-only', () => {
  const r = byId('s3-tls-only');
  const bad = fails('no Deny on aws:SecureTransport = false: add the TLS-only statement');
  const tlsDeny = { Effect: 'Deny', Principal: '*', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } };
  const allow = { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::1:root' }, Action: 's3:GetObject' };

  test.each<[string, Json, RuleResult]>([
    ['no policy', { bucket: '${aws_s3_bucket.b.id}' }, na('policy not known at plan time')],
    [
      'a policy document from a data source (not JSON yet)',
      { policy: '${data.aws_iam_policy_document.p.json}' },
      na('policy not known at plan time'),
    ],
    ['an Allow and the TLS Deny', { policy: policy(allow, tlsDeny) }, ok],
    ['the TLS Deny with a boolean false', { policy: policy({ ...tlsDeny, Condition: { Bool: { 'aws:SecureTransport': false } } }) }, ok],
    ['an Allow conditioned on aws:SecureTransport = false', { policy: policy({ ...tlsDeny, Effect: 'Allow' }) }, bad],
    ['a Deny without a condition', { policy: policy({ Effect: 'Deny', Principal: '*', Action: 's3:DeleteBucket' }) }, bad],
    [
      'a Deny with a condition other than Bool',
      { policy: policy({ ...tlsDeny, Condition: { StringNotEquals: { 'aws:SourceVpce': 'vpce-1' } } }) },
      bad,
    ],
    [
      'a Deny on aws:SecureTransport = true',
      { policy: policy({ ...tlsDeny, Condition: { Bool: { 'aws:SecureTransport': 'true' } } }) },
      bad,
    ],
  ])('%s', (_name, values, expected) => {
    expect(evaluate(r, 'aws_s3_bucket_policy.p', { 'aws_s3_bucket_policy.p': values })).toEqual(expected);
  });
});

describe('required-tags', () => {
  const r = byId('required-tags');
  const { Owner: _owner, CostCenter: _costCenter, ...threeTags } = TAGS;

  test.each<[string, Json, RuleResult]>([
    ['own tags only, on a provider without default tags', { provider: 'aws.untagged', tags: TAGS }, ok],
    [
      'two tags missing on a provider without default tags',
      { provider: 'aws.untagged', tags: threeTags },
      fails("missing tags Owner, CostCenter: set them in the provider's default_tags"),
    ],
    [
      'an own empty tag overrides the default one',
      { tags: { Owner: '' } },
      fails("missing tags Owner: set them in the provider's default_tags"),
    ],
    [
      'no provider and no tags',
      { provider: undefined },
      fails("missing tags Project, Environment, Owner, CostCenter, ManagedBy: set them in the provider's default_tags"),
    ],
    ['default tags only', {}, ok],
  ])('%s', (_name, values, expected) => {
    expect(evaluate(r, 'aws_vpc.v', { 'aws_vpc.v': values })).toEqual(expected);
  });

  test.each<[string, Json, RuleResult]>([
    ['from a plan, complete tags_all', { tags_all: TAGS }, ok],
    ['from a plan, tags_all unknown', { cidr_block: '10.0.0.0/16' }, na('tags not known at plan time')],
    [
      'from a plan, tags_all without CostCenter',
      { tags_all: { ...TAGS, CostCenter: undefined } },
      fails("missing tags CostCenter: set them in the provider's default_tags"),
    ],
  ])('%s', (_name, values, expected) => {
    expect(evaluatePlan(r, 'aws_vpc.v', { 'aws_vpc.v': { values } })).toEqual(expected);
  });
});

describe('listener-https-or-redirect', () => {
  const r = byId('listener-https-or-redirect');
  const bad = fails('a plain-HTTP listener forwards traffic: configure dns (HTTPS) and redirect HTTP to HTTPS');
  const forward = { type: 'forward', target_group_arn: '${aws_lb_target_group.t.arn}' };
  const toHttps = { type: 'redirect', redirect: { protocol: 'HTTPS', port: '443', status_code: 'HTTP_301' } };

  test.each<[string, Json, RuleResult]>([
    ['an HTTPS listener that forwards', { protocol: 'HTTPS', port: 443, default_action: [forward] }, ok],
    // Unset is HTTP on an application load balancer (provider docs): judged as plain HTTP.
    ['no protocol, forwarding', { port: 80, default_action: [forward] }, bad],
    ['no protocol, redirecting to HTTPS', { port: 80, default_action: [toHttps] }, ok],
    [
      'HTTP redirecting to HTTPS, in the plan form (redirect as a list)',
      { protocol: 'HTTP', default_action: [{ ...toHttps, redirect: [toHttps.redirect] }] },
      ok,
    ],
    ['HTTP redirecting to HTTP', { protocol: 'HTTP', default_action: [{ ...toHttps, redirect: { protocol: 'HTTP', port: '8080' } }] }, bad],
    ['HTTP with a redirect action lacking its redirect block', { protocol: 'HTTP', default_action: [{ type: 'redirect' }] }, bad],
    ['HTTP with a redirect to HTTPS and a forward', { protocol: 'HTTP', default_action: [toHttps, forward] }, bad],
    [
      'HTTP with a forward action that carries a redirect block',
      { protocol: 'HTTP', default_action: [{ ...forward, redirect: toHttps.redirect }] },
      bad,
    ],
  ])('%s', (_name, values, expected) => {
    expect(evaluate(r, 'aws_lb_listener.h', { 'aws_lb_listener.h': values })).toEqual(expected);
  });
});

describe('listener-tls-policy', () => {
  const r = byId('listener-tls-policy');
  test.each<[string, Json, RuleResult]>([
    ['an HTTP listener', { protocol: 'HTTP', port: 80 }, na('not HTTPS')],
    ['a forward-secrecy TLS 1.2 policy', { protocol: 'HTTPS', ssl_policy: 'ELBSecurityPolicy-FS-1-2-Res-2020-10' }, ok],
    [
      'a TLS 1.2 policy without forward secrecy',
      { protocol: 'HTTPS', ssl_policy: 'ELBSecurityPolicy-TLS-1-2-2017-01' },
      fails('ssl_policy "ELBSecurityPolicy-TLS-1-2-2017-01" allows old TLS: use ELBSecurityPolicy-TLS13-1-2-2021-06'),
    ],
    [
      'no ssl_policy: the API default',
      { protocol: 'HTTPS' },
      fails('ssl_policy is not set, so the API default ELBSecurityPolicy-2016-08 allows old TLS: use ELBSecurityPolicy-TLS13-1-2-2021-06'),
    ],
  ])('%s', (_name, values, expected) => {
    expect(evaluate(r, 'aws_lb_listener.h', { 'aws_lb_listener.h': values })).toEqual(expected);
  });
});

describe('vpc-default-security-group-closed', () => {
  const r = byId('vpc-default-security-group-closed');
  const vpc = { 'aws_vpc.v': { cidr_block: '10.0.0.0/16' } };
  const rule = { from_port: 0, to_port: 0, protocol: '-1', self: true };
  const notManaged = fails('the default security group is not managed: add an aws_default_security_group with no rules');

  test.each<[string, Resources, RuleResult]>([
    ['no default security group', vpc, notManaged],
    [
      "another VPC's default security group that mentions this VPC outside vpc_id",
      { ...vpc, 'aws_default_security_group.d': { vpc_id: '${aws_vpc.other.id}', tags: { Peer: '${aws_vpc.v.id}' } } },
      notManaged,
    ],
    [
      'one ingress and one egress rule',
      { ...vpc, 'aws_default_security_group.d': { vpc_id: '${aws_vpc.v.id}', ingress: [rule], egress: [rule] } },
      fails('aws_default_security_group.d has rules: remove them'),
    ],
    [
      'egress rules only',
      { ...vpc, 'aws_default_security_group.d': { vpc_id: '${aws_vpc.v.id}', egress: [rule] } },
      fails('aws_default_security_group.d has rules: remove them'),
    ],
    [
      'two managed groups, both open',
      {
        ...vpc,
        'aws_default_security_group.a': { vpc_id: '${aws_vpc.v.id}', ingress: [rule] },
        'aws_default_security_group.b': { vpc_id: '${aws_vpc.v.id}', egress: [rule] },
      },
      fails('aws_default_security_group.a, aws_default_security_group.b has rules: remove them'),
    ],
  ])('%s', (_name, fixture, expected) => {
    expect(evaluate(r, 'aws_vpc.v', fixture)).toEqual(expected);
  });
});

describe('waf-managed-baseline', () => {
  const r = byId('waf-managed-baseline');
  const rate = { name: 'rate', statement: { rate_based_statement: { limit: 100 } } };
  const managed = (name: string) => ({ name, statement: { managed_rule_group_statement: { name, vendor_name: 'AWS' } } });
  const common = managed('AWSManagedRulesCommonRuleSet');
  const badInputs = managed('AWSManagedRulesKnownBadInputsRuleSet');

  test.each<[string, Json[], RuleResult]>([
    ['no rules', [], fails('missing AWSManagedRulesCommonRuleSet, AWSManagedRulesKnownBadInputsRuleSet, a rate-based rule')],
    ['a rate limit and the common rule set', [rate, common], fails('missing AWSManagedRulesKnownBadInputsRuleSet')],
    ['both rule sets, no rate limit', [common, badInputs], fails('missing a rate-based rule')],
    ['all three, with a rule that has no statement', [{ name: 'empty' }, badInputs, rate, common], ok],
  ])('%s', (_name, rules, expected) => {
    expect(evaluate(r, 'aws_wafv2_web_acl.w', { 'aws_wafv2_web_acl.w': { rule: rules } })).toEqual(expected);
  });

  test('rules given as rule_json fail, even when the JSON holds all three: the provider detects no drift in them', () => {
    const ruleJson = JSON.stringify([rate, common, badInputs]);
    expect(evaluate(r, 'aws_wafv2_web_acl.w', { 'aws_wafv2_web_acl.w': { rule_json: ruleJson } })).toEqual(
      fails('rules given as rule_json: the provider detects no drift in them; declare them as rule blocks'),
    );
  });
});

describe('s3-lifecycle-expiry', () => {
  const r = byId('s3-lifecycle-expiry');
  const bad = fails('no enabled rule expires objects or noncurrent versions');

  test.each<[string, Json, RuleResult]>([
    [
      'an enabled rule expiring noncurrent versions only',
      { rule: [{ status: 'Enabled', noncurrent_version_expiration: { noncurrent_days: 30 } }] },
      ok,
    ],
    [
      'an enabled rule that only aborts incomplete uploads',
      { rule: [{ status: 'Enabled', abort_incomplete_multipart_upload: { days_after_initiation: 7 } }] },
      bad,
    ],
    ['no rules', { bucket: '${aws_s3_bucket.b.id}' }, bad],
    [
      'a disabled expiring rule beside an enabled one that only aborts uploads',
      {
        rule: [
          { status: 'Disabled', expiration: { days: 30 } },
          { status: 'Enabled', abort_incomplete_multipart_upload: { days_after_initiation: 7 } },
        ],
      },
      bad,
    ],
  ])('%s', (_name, values, expected) => {
    expect(evaluate(r, 'aws_s3_bucket_lifecycle_configuration.l', { 'aws_s3_bucket_lifecycle_configuration.l': values })).toEqual(expected);
  });
});

describe('sg-egress-no-all-traffic', () => {
  const r = byId('sg-egress-no-all-traffic');
  const bad = fails('egress of all traffic to 0.0.0.0/0: allow only the ports the tier needs');
  const bad6 = fails('egress of all traffic to ::/0: allow only the ports the tier needs');

  test.each<[string, string, Json, RuleResult]>([
    ['all traffic to ::/0', 'aws_vpc_security_group_egress_rule.r', { ip_protocol: '-1', cidr_ipv6: '::/0', description: 'x' }, bad6],
    [
      'inline all traffic to both address families, named both',
      'aws_security_group.sg',
      { egress: [{ protocol: '-1', from_port: 0, to_port: 0, cidr_blocks: ['0.0.0.0/0'], ipv6_cidr_blocks: ['::/0'] }] },
      fails('egress of all traffic to 0.0.0.0/0 and ::/0: allow only the ports the tier needs'),
    ],
    [
      'all traffic to a private range',
      'aws_vpc_security_group_egress_rule.r',
      { ip_protocol: '-1', cidr_ipv4: '10.0.0.0/8', description: 'x' },
      ok,
    ],
    [
      'TCP 443 to ::/0',
      'aws_vpc_security_group_egress_rule.r',
      { ip_protocol: 'tcp', from_port: 443, to_port: 443, cidr_ipv6: '::/0', description: 'x' },
      ok,
    ],
    [
      'an inline all-traffic egress to a private range and the world',
      'aws_security_group.sg',
      { egress: [{ protocol: '-1', from_port: 0, to_port: 0, cidr_blocks: ['10.0.0.0/8', '0.0.0.0/0'] }] },
      bad,
    ],
    [
      'a legacy egress rule with protocol "all" to ::/0',
      'aws_security_group_rule.r',
      { type: 'egress', protocol: 'all', from_port: 0, to_port: 0, ipv6_cidr_blocks: ['::/0'] },
      bad6,
    ],
  ])('%s', (_name, subject, values, expected) => {
    expect(evaluate(r, subject, { [subject]: values })).toEqual(expected);
  });
});

describe('secret-encrypted-with-cmk', () => {
  const r = byId('secret-encrypted-with-cmk');
  const bad = fails("the secret or a replica has no kms_key_id: use each region's CMK");
  const key = '${aws_kms_key.k.arn}';

  test.each<[string, Json, RuleResult]>([
    ['a CMK and no replicas', { kms_key_id: key }, ok],
    ['no kms_key_id', { name: 's' }, bad],
    [
      'two replicas, one without a key',
      { kms_key_id: key, replica: [{ region: 'eu-west-1', kms_key_id: '${aws_kms_key.e.arn}' }, { region: 'us-west-2' }] },
      bad,
    ],
    ['a replica with an empty kms_key_id', { kms_key_id: key, replica: [{ region: 'eu-west-1', kms_key_id: '' }] }, bad],
  ])('%s', (_name, values, expected) => {
    expect(evaluate(r, 'aws_secretsmanager_secret.s', { 'aws_secretsmanager_secret.s': values })).toEqual(expected);
  });

  test("from a plan, a replica's key is known only after apply: not held against it", () => {
    expect(
      evaluatePlan(r, 'aws_secretsmanager_secret.s', {
        'aws_secretsmanager_secret.s': {
          values: { replica: [{ region: 'eu-west-1' }] },
          expressions: { kms_key_id: ref('aws_kms_key.k', 'arn') },
        },
      }),
    ).toEqual(ok);
  });

  test('from a plan, a secret without a key fails', () => {
    expect(evaluatePlan(r, 'aws_secretsmanager_secret.s', { 'aws_secretsmanager_secret.s': { values: { name: 's' } } })).toEqual(bad);
  });
});

describe('waf-rule-metrics', () => {
  const r = byId('waf-rule-metrics');
  const bad = fails('a visibility_config lacks metrics or sampling: enable both');
  const visibility = { cloudwatch_metrics_enabled: true, sampled_requests_enabled: true, metric_name: 'm' };

  test.each<[string, Json, RuleResult]>([
    ['no visibility_config on the ACL', { rule: [] }, bad],
    [
      "a rule's metrics off",
      { visibility_config: visibility, rule: [{ name: 'a', visibility_config: { ...visibility, cloudwatch_metrics_enabled: false } }] },
      bad,
    ],
    [
      "a rule's sampling off",
      { visibility_config: visibility, rule: [{ name: 'a', visibility_config: { ...visibility, sampled_requests_enabled: false } }] },
      bad,
    ],
    ['a rule without visibility_config', { visibility_config: visibility, rule: [{ name: 'a' }] }, bad],
    ['the plan form (one-element lists)', { visibility_config: [visibility], rule: [{ name: 'a', visibility_config: [visibility] }] }, ok],
  ])('%s', (_name, values, expected) => {
    expect(evaluate(r, 'aws_wafv2_web_acl.w', { 'aws_wafv2_web_acl.w': values })).toEqual(expected);
  });
});

describe('s3-bucket-companions', () => {
  const r = byId('s3-bucket-companions');
  const bucketRef = '${aws_s3_bucket.b.id}';

  test('a bare bucket lacks all six, named in order', () => {
    expect(evaluate(r, 'aws_s3_bucket.b', { 'aws_s3_bucket.b': {} })).toEqual(
      fails(
        'missing public-access block (aws_s3_bucket_public_access_block), versioning (aws_s3_bucket_versioning), default encryption (aws_s3_bucket_server_side_encryption_configuration), bucket policy (aws_s3_bucket_policy), lifecycle (aws_s3_bucket_lifecycle_configuration), ownership controls (aws_s3_bucket_ownership_controls)',
      ),
    );
  });

  test("another bucket's policy that names this bucket's ARN is not this bucket's policy", () => {
    expect(
      evaluate(r, 'aws_s3_bucket.b', {
        'aws_s3_bucket.b': {},
        'aws_s3_bucket_public_access_block.p': { bucket: bucketRef },
        'aws_s3_bucket_versioning.v': { bucket: bucketRef },
        'aws_s3_bucket_server_side_encryption_configuration.e': { bucket: bucketRef },
        'aws_s3_bucket_policy.p': {
          bucket: '${aws_s3_bucket.other.id}',
          policy: '{"Statement":[{"Effect":"Allow","Resource":"${aws_s3_bucket.b.arn}/*"}]}',
        },
        'aws_s3_bucket_lifecycle_configuration.l': { bucket: bucketRef },
        'aws_s3_bucket_ownership_controls.o': { bucket: bucketRef },
      }),
    ).toEqual(fails('missing bucket policy (aws_s3_bucket_policy)'));
  });
});

describe('rds-backup-retention', () => {
  const r = byId('rds-backup-retention');
  const bad = fails('backup_retention_period is not set: keep backups (database.backupRetentionDays)');
  test.each<[string, Json, RuleResult]>([
    ['exactly 1 day (the minimum)', { backup_retention_period: 1 }, ok],
    ['0 days', { backup_retention_period: 0 }, bad],
    ['unset', { cluster_identifier: 'c' }, bad],
    ['a number written as a string', { backup_retention_period: '7' }, bad],
  ])('%s', (_name, values, expected) => {
    expect(evaluate(r, 'aws_rds_cluster.c', { 'aws_rds_cluster.c': values })).toEqual(expected);
  });
});

describe('stateful-prevent-destroy', () => {
  test('a plan carries no lifecycle: not applicable', () => {
    expect(
      evaluatePlan(byId('stateful-prevent-destroy'), 'aws_kms_key.k', { 'aws_kms_key.k': { values: { enable_key_rotation: true } } }),
    ).toEqual(na('lifecycle is not part of a plan'));
  });

  test('synthesized without a lifecycle block: fails', () => {
    expect(evaluate(byId('stateful-prevent-destroy'), 'aws_kms_key.k', { 'aws_kms_key.k': {} })).toEqual(
      fails('lifecycle.prevent_destroy is not true: use the protected profile'),
    );
  });
});

describe('secret-value-write-only', () => {
  const r = byId('secret-value-write-only');
  test.each<[string, Json, RuleResult]>([
    [
      'secret_binary',
      { secret_binary: 'c2VjcmV0' },
      fails('secret_binary lands in state: use secret_string_wo with secret_string_wo_version'),
    ],
    [
      'secret_string and secret_binary',
      { secret_string: 's', secret_binary: 'c2VjcmV0' },
      fails('secret_string, secret_binary lands in state: use secret_string_wo with secret_string_wo_version'),
    ],
    ['secret_string null (as a plan writes an unset value)', { secret_string: null, secret_binary: null, secret_string_wo_version: 1 }, ok],
  ])('%s', (_name, values, expected) => {
    expect(evaluate(r, 'aws_secretsmanager_secret_version.v', { 'aws_secretsmanager_secret_version.v': values })).toEqual(expected);
  });
});

describe('name-length-limits', () => {
  const r = byId('name-length-limits');
  const name33 = 'a'.repeat(33);
  test.each<[string, string, Resources, RuleResult]>([
    ['a load balancer name of exactly 32 characters', 'aws_lb.l', { 'aws_lb.l': { name: 'a'.repeat(32) } }, ok],
    [
      'a load balancer name of 33 characters',
      'aws_lb.l',
      { 'aws_lb.l': { name: name33 } },
      fails(`name "${name33}" has 33 characters; AWS allows 32`),
    ],
    ['a load balancer without a name', 'aws_lb.l', { 'aws_lb.l': { name_prefix: 'p-' } }, na('name not known')],
    ['a bucket without a bucket name', 'aws_s3_bucket.b', { 'aws_s3_bucket.b': { bucket_prefix: 'p-' } }, na('bucket not known')],
  ])('%s', (_name, subject, fixture, expected) => {
    expect(evaluate(r, subject, fixture)).toEqual(expected);
  });
});

describe('launch-template-imdsv2', () => {
  const r = byId('launch-template-imdsv2');
  const bad = fails('metadata_options must set http_tokens = "required" and http_put_response_hop_limit = 1');
  test.each<[string, Json, RuleResult]>([
    ['no metadata_options', { name: 't' }, bad],
    ['a hop limit of 2', { metadata_options: { http_tokens: 'required', http_put_response_hop_limit: 2 } }, bad],
    ['the plan form', { metadata_options: [{ http_tokens: 'required', http_put_response_hop_limit: 1 }] }, ok],
  ])('%s', (_name, values, expected) => {
    expect(evaluate(r, 'aws_launch_template.t', { 'aws_launch_template.t': values })).toEqual(expected);
  });
});

describe('launch-template-no-public-ip', () => {
  const r = byId('launch-template-no-public-ip');
  test.each<[string, Json, RuleResult]>([
    [
      'one of two interfaces public',
      { network_interfaces: [{ associate_public_ip_address: 'false' }, { associate_public_ip_address: true }] },
      fails('a network interface associates a public IP: set associate_public_ip_address = false'),
    ],
    ['no interfaces', { name: 't' }, ok],
  ])('%s', (_name, values, expected) => {
    expect(evaluate(r, 'aws_launch_template.t', { 'aws_launch_template.t': values })).toEqual(expected);
  });
});

describe('sg-world-ingress-web-only', () => {
  test('an inline rule on 22 from the IPv4 world and a narrow IPv6 range fails', () => {
    expect(
      evaluate(byId('sg-world-ingress-web-only'), 'aws_security_group.sg', {
        'aws_security_group.sg': {
          ingress: [{ protocol: 'tcp', from_port: 22, to_port: 22, cidr_blocks: ['0.0.0.0/0'], ipv6_cidr_blocks: ['2001:db8::/32'] }],
        },
      }),
    ).toEqual(fails('ingress from 0.0.0.0/0 or ::/0 on a port other than TCP 80/443: admit a security group or a narrower CIDR instead'));
  });
});

describe('sg-rules-described', () => {
  const r = byId('sg-rules-described');
  const bad = fails('a rule without description: say what the traffic is for');
  const inline = (extra: object) => ({ protocol: 'tcp', from_port: 443, to_port: 443, cidr_blocks: ['10.0.0.0/8'], ...extra });
  test.each<[string, Json, RuleResult]>([
    ['one of two inline rules undescribed', { ingress: [inline({ description: 'https' }), inline({ description: '' })] }, bad],
    ['an inline egress rule with no description attribute', { egress: [inline({})] }, bad],
    ['every inline rule described', { ingress: [inline({ description: 'https' })], egress: [inline({ description: 'out' })] }, ok],
  ])('%s', (_name, values, expected) => {
    expect(evaluate(r, 'aws_security_group.sg', { 'aws_security_group.sg': values })).toEqual(expected);
  });
});

describe('sg-no-inline-rules', () => {
  const r = byId('sg-no-inline-rules');
  const bad = fails(
    'inline ingress/egress blocks: use aws_vpc_security_group_ingress_rule / _egress_rule resources (inline and separate rules fight each other)',
  );
  const inline = { protocol: 'tcp', from_port: 443, to_port: 443, cidr_blocks: ['10.0.0.0/8'], description: 'x' };
  test.each<[string, Json, RuleResult]>([
    ['one ingress and one egress block', { ingress: [inline], egress: [inline] }, bad],
    ['egress blocks only', { egress: [inline] }, bad],
  ])('%s', (_name, values, expected) => {
    expect(evaluate(r, 'aws_security_group.sg', { 'aws_security_group.sg': values })).toEqual(expected);
  });
});

describe('rds-iam-authentication', () => {
  test('a cross-region read replica: not applicable', () => {
    expect(
      evaluate(byId('rds-iam-authentication'), 'aws_rds_cluster.c', {
        'aws_rds_cluster.c': { replication_source_identifier: 'arn:aws:rds:us-east-1:111111111111:cluster:p' },
      }),
    ).toEqual(na('cross-region read replica'));
  });
});

describe('rds-enhanced-monitoring', () => {
  const r = byId('rds-enhanced-monitoring');
  const bad = fails('monitoring_interval is 0 or unset, or no monitoring_role_arn: enable enhanced monitoring');
  const role = { monitoring_role_arn: '${aws_iam_role.m.arn}' };
  test.each<[string, Json, RuleResult]>([
    ['60 s (the limit)', { ...role, monitoring_interval: 60 }, ok],
    ['61 s', { ...role, monitoring_interval: 61 }, bad],
    ['1 s', { ...role, monitoring_interval: 1 }, ok],
    ['an interval written as a string', { ...role, monitoring_interval: '60' }, bad],
    ['no role', { monitoring_interval: 60 }, bad],
  ])('%s', (_name, values, expected) => {
    expect(evaluate(r, 'aws_rds_cluster_instance.i', { 'aws_rds_cluster_instance.i': values })).toEqual(expected);
  });
});

describe('rds-no-plaintext-password', () => {
  test('master_password null (as a plan writes an unset value) is compliant', () => {
    expect(
      evaluate(byId('rds-no-plaintext-password'), 'aws_rds_cluster.c', {
        'aws_rds_cluster.c': { master_password: null, manage_master_user_password: true },
      }),
    ).toEqual(ok);
  });
});

describe('rds-performance-insights-encrypted', () => {
  test('a key without Performance Insights enabled fails', () => {
    expect(
      evaluate(byId('rds-performance-insights-encrypted'), 'aws_rds_cluster_instance.i', {
        'aws_rds_cluster_instance.i': { performance_insights_enabled: false, performance_insights_kms_key_id: '${aws_kms_key.k.arn}' },
      }),
    ).toEqual(fails("Performance Insights is off or not under a CMK: enable it with performance_insights_kms_key_id = the region's key"));
  });
});

describe('s3-acls-disabled', () => {
  const r = byId('s3-acls-disabled');
  test.each<[string, Json, RuleResult]>([
    ['no rule block', { bucket: '${aws_s3_bucket.b.id}' }, fails('object_ownership is not "BucketOwnerEnforced"')],
    ['the plan form', { rule: [{ object_ownership: 'BucketOwnerEnforced' }] }, ok],
  ])('%s', (_name, values, expected) => {
    expect(evaluate(r, 'aws_s3_bucket_ownership_controls.o', { 'aws_s3_bucket_ownership_controls.o': values })).toEqual(expected);
  });
});

describe('s3-versioning-enabled', () => {
  const r = byId('s3-versioning-enabled');
  test.each<[string, Json, RuleResult]>([
    ['no versioning_configuration', { bucket: '${aws_s3_bucket.b.id}' }, fails('versioning status is not "Enabled"')],
    ['the plan form', { versioning_configuration: [{ status: 'Enabled' }] }, ok],
  ])('%s', (_name, values, expected) => {
    expect(evaluate(r, 'aws_s3_bucket_versioning.v', { 'aws_s3_bucket_versioning.v': values })).toEqual(expected);
  });
});

describe('s3-public-access-blocked', () => {
  test('every flag unset: all four named', () => {
    expect(
      evaluate(byId('s3-public-access-blocked'), 'aws_s3_bucket_public_access_block.p', {
        'aws_s3_bucket_public_access_block.p': { bucket: '${aws_s3_bucket.b.id}' },
      }),
    ).toEqual(fails('block_public_acls, block_public_policy, ignore_public_acls, restrict_public_buckets not true: turn every block on'));
  });
});

describe('secret-rotation-configured', () => {
  test('a rotation of another secret that mentions this one outside secret_id does not rotate it', () => {
    expect(
      evaluate(byId('secret-rotation-configured'), 'aws_secretsmanager_secret.s', {
        'aws_secretsmanager_secret.s': { name: 'p/db' },
        'aws_secretsmanager_secret_rotation.r': {
          secret_id: '${aws_secretsmanager_secret.other.id}',
          rotation_lambda_arn: 'arn:aws:lambda:us-east-1:111111111111:function:rotate',
          tags: { Pair: '${aws_secretsmanager_secret.s.name}' },
        },
      }),
    ).toEqual(
      fails(
        'no aws_secretsmanager_secret_rotation has it as secret_id: rotate it on a schedule (database.rotationDays), or let RDS manage the master password',
      ),
    );
  });
});

describe('vpc-flow-logs-enabled', () => {
  test('a subnet flow log that names the VPC only in its tags does not count', () => {
    expect(
      evaluate(byId('vpc-flow-logs-enabled'), 'aws_vpc.v', {
        'aws_vpc.v': { cidr_block: '10.0.0.0/16' },
        'aws_flow_log.f': { subnet_id: '${aws_subnet.s.id}', traffic_type: 'ALL', tags: { Vpc: '${aws_vpc.v.id}' } },
      }),
    ).toEqual(fails('no aws_flow_log with traffic_type = "ALL" references this VPC: add a VpcFlowLogs construct'));
  });
});

describe('waf-logging', () => {
  test("another ACL's logging configuration that mentions this ACL outside resource_arn does not count", () => {
    expect(
      evaluate(byId('waf-logging'), 'aws_wafv2_web_acl.w', {
        'aws_wafv2_web_acl.w': { name: 'w' },
        'aws_wafv2_web_acl_logging_configuration.l': {
          resource_arn: '${aws_wafv2_web_acl.other.arn}',
          log_destination_configs: ['${aws_cloudwatch_log_group.g.arn}'],
          tags: { Pair: '${aws_wafv2_web_acl.w.name}' },
        },
      }),
    ).toEqual(fails('no logging configuration: log to an aws-waf-logs-* group'));
  });
});

describe('log-group-retention', () => {
  const r = byId('log-group-retention');
  const bad = fails('retention_in_days is unset or 0: set it from logRetentionDays');
  test.each<[string, Json, RuleResult]>([
    ['1 day (the smallest period)', { retention_in_days: 1 }, ok],
    ['unset (never expire)', { name: 'g' }, bad],
    ['a number written as a string', { retention_in_days: '30' }, bad],
  ])('%s', (_name, values, expected) => {
    expect(evaluate(r, 'aws_cloudwatch_log_group.g', { 'aws_cloudwatch_log_group.g': values })).toEqual(expected);
  });
});
