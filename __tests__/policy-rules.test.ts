import { modelFromPlan, modelFromSynth } from '../src/policy/model';
import { PLATFORM_PACK } from '../src/policy/pack';
import { RULES } from '../src/policy/rules';
import { Rule } from '../src/policy/rule';

type Resources = Record<string, Record<string, any>>;

const TAGS = { Project: 'platform', Environment: 'dev', Owner: 'team', CostCenter: 'cc', ManagedBy: 'cdktf' };

/** A synthesized-stack model from `{ 'type.name': values }`; every resource gets the us-east-1 provider unless it sets one. */
function model(resources: Resources) {
  const stack: Record<string, any> = {
    provider: {
      aws: [
        { alias: 'us_east_1', region: 'us-east-1', default_tags: [{ tags: TAGS }] },
        { alias: 'eu_west_1', region: 'eu-west-1', default_tags: [{ tags: TAGS }] },
        { alias: 'untagged', region: 'us-east-1' },
      ],
    },
    resource: {},
  };
  for (const [address, values] of Object.entries(resources)) {
    const [type, name] = address.split('.') as [string, string];
    // The backend and outputs are written where cdktf writes them, and read as pseudo-resources.
    if (type === 'terraform_backend') {
      stack.terraform = { backend: { [name]: values } };
      continue;
    }
    if (type === 'terraform_output') {
      stack.output ??= {};
      stack.output[name] = values;
      continue;
    }
    if (type === 'provider_pin') {
      for (const p of stack.provider.aws) p.allowed_account_ids = values.accounts;
      continue;
    }
    stack.resource[type] ??= {};
    stack.resource[type][name] = { provider: 'aws.us_east_1', ...values };
  }
  return modelFromSynth(stack);
}

function evaluate(rule: Rule, subject: string, resources: Resources) {
  const m = model(resources);
  const resource = m.resources.find((r) => r.address === subject);
  if (!resource) throw new Error(`fixture lacks ${subject}`);
  return rule.evaluate(resource, m);
}

const policy = (doc: object) => JSON.stringify({ Version: '2012-10-17', ...doc });
const vpc = { 'aws_vpc.v': { cidr_block: '10.0.0.0/16' } };
const rule = (port: number, extra: object = {}) => ({ ip_protocol: 'tcp', from_port: port, to_port: port, description: 'why', ...extra });
const bucketRef = '${aws_s3_bucket.b.id}';
const bucketCompanions: Resources = {
  'aws_s3_bucket_public_access_block.p': { bucket: bucketRef },
  'aws_s3_bucket_versioning.v': { bucket: bucketRef },
  'aws_s3_bucket_server_side_encryption_configuration.e': { bucket: bucketRef },
  'aws_s3_bucket_policy.p': { bucket: bucketRef },
  'aws_s3_bucket_lifecycle_configuration.l': { bucket: bucketRef },
  'aws_s3_bucket_ownership_controls.o': { bucket: bucketRef },
};
const { 'aws_s3_bucket_policy.p': _dropped, ...companionsWithoutPolicy } = bucketCompanions;
const instance = {
  publicly_accessible: false,
  performance_insights_enabled: true,
  performance_insights_kms_key_id: '${aws_kms_key.k.arn}',
  monitoring_interval: 60,
  monitoring_role_arn: '${aws_iam_role.m.arn}',
  auto_minor_version_upgrade: true,
};
const cluster = {
  storage_encrypted: true,
  kms_key_id: '${aws_kms_key.k.arn}',
  iam_database_authentication_enabled: true,
  backup_retention_period: 7,
  enabled_cloudwatch_logs_exports: ['postgresql'],
  copy_tags_to_snapshot: true,
  deletion_protection: true,
  db_cluster_parameter_group_name: '${aws_rds_cluster_parameter_group.pg.name}',
};
const launchTemplate = {
  metadata_options: { http_tokens: 'required', http_put_response_hop_limit: 1 },
  network_interfaces: [{ associate_public_ip_address: 'false' }],
  block_device_mappings: [{ device_name: '/dev/xvda', ebs: { encrypted: 'true', kms_key_id: '${aws_kms_key.k.arn}' } }],
};
const lb = {
  load_balancer_type: 'application',
  drop_invalid_header_fields: true,
  desync_mitigation_mode: 'strictest',
  access_logs: { enabled: true, bucket: 'b' },
  enable_deletion_protection: true,
};
const visibility = { cloudwatch_metrics_enabled: true, sampled_requests_enabled: true, metric_name: 'm' };
const acl = {
  visibility_config: visibility,
  rule: [
    { name: 'rate', statement: { rate_based_statement: { limit: 100 } }, visibility_config: visibility },
    {
      name: 'common',
      statement: { managed_rule_group_statement: { name: 'AWSManagedRulesCommonRuleSet', vendor_name: 'AWS' } },
      visibility_config: visibility,
    },
    {
      name: 'bad',
      statement: { managed_rule_group_statement: { name: 'AWSManagedRulesKnownBadInputsRuleSet', vendor_name: 'AWS' } },
      visibility_config: visibility,
    },
  ],
};
const trust = (statement: object) => policy({ Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', ...statement }] });

const s3Backend = {
  bucket: 'acme-state-111111111111',
  key: 'k.tfstate',
  region: 'us-east-1',
  encrypt: true,
  kms_key_id: 'arn:aws:kms:us-east-1:111111111111:alias/p-terraform-state',
};
const pinned = { 'provider_pin.x': { accounts: ['111111111111'] } };
const globalCluster = { global_cluster_identifier: 'p-prod', engine: 'aurora-postgresql' };
const secondary = {
  'aws_rds_cluster.sec': { cluster_identifier: 'p-prod-us-west-2', global_cluster_identifier: '${aws_rds_global_cluster.g.id}' },
};
const primaryCluster = {
  'aws_rds_cluster.pri': {
    cluster_identifier: 'p-prod-us-east-1',
    global_cluster_identifier: '${aws_rds_global_cluster.g.id}',
    master_username: 'dbadmin',
    database_name: 'app',
  },
};
const keyPolicy = (principal: object) => ({
  policy: policy({ Statement: [{ Effect: 'Allow', Principal: principal, Action: 'kms:*', Resource: '*' }] }),
});
const SLR = 'arn:aws:iam::111111111111:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling';
const cert = (domain: string) => ({ domain_name: domain, validation_method: 'DNS' });
const validationRecord = (certificate: string) => ({
  for_each: `\${{ for dvo in ${certificate}.domain_validation_options : dvo.domain_name => dvo }}`,
  name: '${each.value.resource_record_name}',
  zone_id: 'Z1',
});
const secretRead = '${jsondecode(ephemeral.aws_secretsmanager_secret_version.s.secret_string).password}';
const wafLogging = { resource_arn: '${aws_wafv2_web_acl.a.arn}', log_destination_configs: ['${aws_cloudwatch_log_group.g.arn}'] };

/** rule id -> [subject address, compliant fixture, non-compliant fixture] */
const CASES: Record<string, [string, Resources, Resources]> = {
  'apply-state-bucket-per-account': [
    'terraform_backend.s3',
    { ...pinned, 'terraform_backend.s3': s3Backend },
    { ...pinned, 'terraform_backend.s3': { ...s3Backend, bucket: 'acme-state' } },
  ],
  'apply-state-encrypted-with-kms-key': [
    'terraform_backend.s3',
    { 'terraform_backend.s3': s3Backend },
    { 'terraform_backend.s3': { ...s3Backend, kms_key_id: undefined } },
  ],
  'apply-global-engine-version-pinned': [
    'aws_rds_global_cluster.g',
    { 'aws_rds_global_cluster.g': { ...globalCluster, engine_version: '16.6' } },
    { 'aws_rds_global_cluster.g': { ...globalCluster, engine_version: '16' } },
  ],
  'apply-database-endpoint-per-region': [
    'terraform_output.db',
    {
      ...secondary,
      ...primaryCluster,
      'terraform_output.db': { value: { w: '${aws_rds_cluster.pri.endpoint}', r: '${aws_rds_cluster.sec.reader_endpoint}' } },
    },
    {
      ...secondary,
      ...primaryCluster,
      'terraform_output.db': { value: { w: '${aws_rds_cluster.pri.endpoint}', r: '${aws_rds_cluster.sec.endpoint}' } },
    },
  ],
  'apply-policy-principals-exist': [
    'aws_kms_key.k',
    { 'aws_kms_key.k': keyPolicy({ AWS: 'arn:aws:iam::111111111111:root' }) },
    { 'aws_kms_key.k': keyPolicy({ AWS: SLR }) },
  ],
  'apply-master-password-from-secret': [
    'aws_rds_cluster.c',
    { 'aws_rds_cluster.c': { master_password_wo: secretRead, master_password_wo_version: 1 } },
    { 'aws_rds_cluster.c': { master_password_wo: '${ephemeral.random_password.p.result}', master_password_wo_version: 1 } },
  ],
  'apply-secret-name-reusable': [
    'aws_secretsmanager_secret.s',
    { 'aws_secretsmanager_secret.s': { name: 'p/dev/db', recovery_window_in_days: 0 } },
    { 'aws_secretsmanager_secret.s': { name: 'p/dev/db', recovery_window_in_days: 7 } },
  ],
  'apply-validation-record-once': [
    'aws_acm_certificate.a',
    {
      'aws_acm_certificate.a': cert('app.example.com'),
      'aws_acm_certificate.b': cert('app.example.com'),
      'aws_route53_record.v': validationRecord('aws_acm_certificate.a'),
    },
    {
      'aws_acm_certificate.a': cert('app.example.com'),
      'aws_acm_certificate.b': cert('app.example.com'),
      'aws_route53_record.v': validationRecord('aws_acm_certificate.a'),
      'aws_route53_record.w': validationRecord('aws_acm_certificate.b'),
    },
  ],
  'apply-kms-alias-name': [
    'aws_kms_alias.a',
    { 'aws_kms_alias.a': { name: 'alias/platform-dev' } },
    { 'aws_kms_alias.a': { name: 'alias/platform.dev' } },
  ],
  'apply-rds-identifiers': [
    'aws_rds_cluster.c',
    { 'aws_rds_cluster.c': { cluster_identifier: 'platform-dev-us-east-1' } },
    { 'aws_rds_cluster.c': { cluster_identifier: 'platform--dev' } },
  ],
  'apply-waf-log-destination': [
    'aws_wafv2_web_acl_logging_configuration.l',
    { 'aws_cloudwatch_log_group.g': { name: 'aws-waf-logs-platform-dev' }, 'aws_wafv2_web_acl_logging_configuration.l': wafLogging },
    { 'aws_cloudwatch_log_group.g': { name: '/platform/dev/waf' }, 'aws_wafv2_web_acl_logging_configuration.l': wafLogging },
  ],
  'apply-name-characters': [
    'aws_lb.l',
    { 'aws_lb.l': { ...lb, name: 'platform-dev-use1' } },
    { 'aws_lb.l': { ...lb, name: 'platform_dev_use1' } },
  ],
  'vpc-flow-logs-enabled': [
    'aws_vpc.v',
    { ...vpc, 'aws_flow_log.f': { vpc_id: '${aws_vpc.v.id}', traffic_type: 'ALL' } },
    { ...vpc, 'aws_flow_log.f': { vpc_id: '${aws_vpc.v.id}', traffic_type: 'REJECT' } },
  ],
  'vpc-default-security-group-closed': [
    'aws_vpc.v',
    { ...vpc, 'aws_default_security_group.d': { vpc_id: '${aws_vpc.v.id}' } },
    {
      ...vpc,
      'aws_default_security_group.d': { vpc_id: '${aws_vpc.v.id}', ingress: [{ from_port: 0, to_port: 0, protocol: '-1', self: true }] },
    },
  ],
  'subnet-no-public-ip-on-launch': [
    'aws_subnet.s',
    { 'aws_subnet.s': { map_public_ip_on_launch: false } },
    { 'aws_subnet.s': { map_public_ip_on_launch: true } },
  ],
  'sg-no-admin-ports': [
    'aws_vpc_security_group_ingress_rule.r',
    { 'aws_vpc_security_group_ingress_rule.r': rule(443, { cidr_ipv4: '10.0.0.0/8' }) },
    { 'aws_vpc_security_group_ingress_rule.r': rule(22, { cidr_ipv4: '10.0.0.0/8' }) },
  ],
  'sg-world-ingress-web-only': [
    'aws_vpc_security_group_ingress_rule.r',
    { 'aws_vpc_security_group_ingress_rule.r': rule(443, { cidr_ipv4: '0.0.0.0/0' }) },
    { 'aws_vpc_security_group_ingress_rule.r': rule(5432, { cidr_ipv4: '0.0.0.0/0' }) },
  ],
  'sg-rules-described': [
    'aws_vpc_security_group_egress_rule.r',
    { 'aws_vpc_security_group_egress_rule.r': rule(443, { cidr_ipv4: '0.0.0.0/0' }) },
    { 'aws_vpc_security_group_egress_rule.r': rule(443, { cidr_ipv4: '0.0.0.0/0', description: '' }) },
  ],
  'sg-no-inline-rules': [
    'aws_security_group.sg',
    { 'aws_security_group.sg': { name: 'a' } },
    { 'aws_security_group.sg': { name: 'a', ingress: [rule(443, { cidr_blocks: ['10.0.0.0/8'] })] } },
  ],
  'sg-egress-no-all-traffic': [
    'aws_vpc_security_group_egress_rule.r',
    { 'aws_vpc_security_group_egress_rule.r': rule(443, { cidr_ipv4: '0.0.0.0/0' }) },
    { 'aws_vpc_security_group_egress_rule.r': { ip_protocol: '-1', cidr_ipv4: '0.0.0.0/0', description: 'all' } },
  ],
  'database-subnets-isolated': [
    'aws_subnet.db',
    {
      'aws_subnet.db': { tags: { Tier: 'database' } },
      'aws_route_table.rt': {},
      'aws_route_table_association.a': { subnet_id: '${aws_subnet.db.id}', route_table_id: '${aws_route_table.rt.id}' },
    },
    {
      'aws_subnet.db': { tags: { Tier: 'database' } },
      'aws_route_table.rt': {},
      'aws_route_table_association.a': { subnet_id: '${aws_subnet.db.id}', route_table_id: '${aws_route_table.rt.id}' },
      'aws_route.r': {
        route_table_id: '${aws_route_table.rt.id}',
        destination_cidr_block: '0.0.0.0/0',
        nat_gateway_id: '${aws_nat_gateway.n.id}',
      },
    },
  ],
  'kms-key-rotation': [
    'aws_kms_key.k',
    { 'aws_kms_key.k': { enable_key_rotation: true } },
    { 'aws_kms_key.k': { enable_key_rotation: false } },
  ],
  'kms-key-policy-explicit': ['aws_kms_key.k', { 'aws_kms_key.k': { policy: policy({ Statement: [] }) } }, { 'aws_kms_key.k': {} }],
  'kms-no-unconditioned-public-principal': [
    'aws_kms_key.k',
    {
      'aws_kms_key.k': {
        policy: policy({
          Statement: [
            {
              Effect: 'Allow',
              Principal: { AWS: '*' },
              Action: 'kms:Decrypt',
              Resource: '*',
              Condition: { StringEquals: { 'kms:CallerAccount': '1' } },
            },
          ],
        }),
      },
    },
    {
      'aws_kms_key.k': {
        policy: policy({ Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'kms:Decrypt', Resource: '*' }] }),
      },
    },
  ],
  'kms-deletion-window': ['aws_kms_key.k', { 'aws_kms_key.k': { deletion_window_in_days: 30 } }, { 'aws_kms_key.k': {} }],
  'kms-key-aliased': [
    'aws_kms_key.k',
    { 'aws_kms_key.k': {}, 'aws_kms_alias.a': { target_key_id: '${aws_kms_key.k.key_id}' } },
    { 'aws_kms_key.k': {} },
  ],
  'rds-storage-encrypted': [
    'aws_rds_cluster.c',
    { 'aws_rds_cluster.c': cluster },
    { 'aws_rds_cluster.c': { ...cluster, kms_key_id: undefined } },
  ],
  'rds-iam-authentication': [
    'aws_rds_cluster.c',
    { 'aws_rds_cluster.c': cluster },
    { 'aws_rds_cluster.c': { ...cluster, iam_database_authentication_enabled: false } },
  ],
  'rds-backup-retention': [
    'aws_rds_cluster.c',
    { 'aws_rds_cluster.c': cluster },
    { 'aws_rds_cluster.c': { ...cluster, backup_retention_period: undefined } },
  ],
  'rds-log-exports': [
    'aws_rds_cluster.c',
    { 'aws_rds_cluster.c': cluster },
    { 'aws_rds_cluster.c': { ...cluster, enabled_cloudwatch_logs_exports: [] } },
  ],
  'rds-copy-tags-to-snapshot': [
    'aws_rds_cluster.c',
    { 'aws_rds_cluster.c': cluster },
    { 'aws_rds_cluster.c': { ...cluster, copy_tags_to_snapshot: false } },
  ],
  'rds-instance-private': [
    'aws_rds_cluster_instance.i',
    { 'aws_rds_cluster_instance.i': instance },
    { 'aws_rds_cluster_instance.i': { ...instance, publicly_accessible: true } },
  ],
  'rds-performance-insights-encrypted': [
    'aws_rds_cluster_instance.i',
    { 'aws_rds_cluster_instance.i': instance },
    { 'aws_rds_cluster_instance.i': { ...instance, performance_insights_kms_key_id: undefined } },
  ],
  'rds-enhanced-monitoring': [
    'aws_rds_cluster_instance.i',
    { 'aws_rds_cluster_instance.i': instance },
    { 'aws_rds_cluster_instance.i': { ...instance, monitoring_interval: 0 } },
  ],
  'rds-auto-minor-version-upgrade': [
    'aws_rds_cluster_instance.i',
    { 'aws_rds_cluster_instance.i': instance },
    { 'aws_rds_cluster_instance.i': { ...instance, auto_minor_version_upgrade: false } },
  ],
  'rds-no-plaintext-password': [
    'aws_rds_cluster.c',
    { 'aws_rds_cluster.c': { ...cluster, master_password_wo: '${ephemeral.random_password.p.result}' } },
    { 'aws_rds_cluster.c': { ...cluster, master_password: 'hunter2hunter2' } },
  ],
  'rds-deletion-protection': [
    'aws_rds_global_cluster.g',
    { 'aws_rds_global_cluster.g': { deletion_protection: true } },
    { 'aws_rds_global_cluster.g': { deletion_protection: false } },
  ],
  'rds-tls-enforced': [
    'aws_rds_cluster.c',
    { 'aws_rds_cluster.c': cluster, 'aws_rds_cluster_parameter_group.pg': { parameter: [{ name: 'rds.force_ssl', value: '1' }] } },
    { 'aws_rds_cluster.c': cluster, 'aws_rds_cluster_parameter_group.pg': { parameter: [{ name: 'log_connections', value: '1' }] } },
  ],
  'secret-encrypted-with-cmk': [
    'aws_secretsmanager_secret.s',
    {
      'aws_secretsmanager_secret.s': {
        kms_key_id: '${aws_kms_key.k.arn}',
        replica: [{ region: 'eu-west-1', kms_key_id: '${aws_kms_key.e.arn}' }],
      },
    },
    { 'aws_secretsmanager_secret.s': { kms_key_id: '${aws_kms_key.k.arn}', replica: [{ region: 'eu-west-1' }] } },
  ],
  'secret-value-write-only': [
    'aws_secretsmanager_secret_version.v',
    { 'aws_secretsmanager_secret_version.v': { secret_string_wo: '${x}', secret_string_wo_version: 1 } },
    { 'aws_secretsmanager_secret_version.v': { secret_string: '{"password":"p"}' } },
  ],
  'launch-template-imdsv2': [
    'aws_launch_template.t',
    { 'aws_launch_template.t': launchTemplate },
    { 'aws_launch_template.t': { ...launchTemplate, metadata_options: { http_tokens: 'optional', http_put_response_hop_limit: 1 } } },
  ],
  'launch-template-no-public-ip': [
    'aws_launch_template.t',
    { 'aws_launch_template.t': launchTemplate },
    { 'aws_launch_template.t': { ...launchTemplate, network_interfaces: [{ associate_public_ip_address: 'true' }] } },
  ],
  'launch-template-encrypted-volumes': [
    'aws_launch_template.t',
    { 'aws_launch_template.t': launchTemplate },
    { 'aws_launch_template.t': { ...launchTemplate, block_device_mappings: [{ ebs: { encrypted: 'false' } }] } },
  ],
  'launch-template-no-key-pair': [
    'aws_launch_template.t',
    { 'aws_launch_template.t': launchTemplate },
    { 'aws_launch_template.t': { ...launchTemplate, key_name: 'ops' } },
  ],
  'asg-elb-health-check': [
    'aws_autoscaling_group.g',
    { 'aws_autoscaling_group.g': { target_group_arns: ['${aws_lb_target_group.t.arn}'], health_check_type: 'ELB' } },
    { 'aws_autoscaling_group.g': { target_group_arns: ['${aws_lb_target_group.t.arn}'], health_check_type: 'EC2' } },
  ],
  'asg-multi-az': [
    'aws_autoscaling_group.g',
    { 'aws_autoscaling_group.g': { vpc_zone_identifier: ['${aws_subnet.a.id}', '${aws_subnet.b.id}'] } },
    { 'aws_autoscaling_group.g': { vpc_zone_identifier: ['${aws_subnet.a.id}'] } },
  ],
  'alb-drop-invalid-headers': ['aws_lb.l', { 'aws_lb.l': lb }, { 'aws_lb.l': { ...lb, drop_invalid_header_fields: false } }],
  'alb-desync-mitigation': ['aws_lb.l', { 'aws_lb.l': lb }, { 'aws_lb.l': { ...lb, desync_mitigation_mode: 'monitor' } }],
  'alb-access-logs': ['aws_lb.l', { 'aws_lb.l': lb }, { 'aws_lb.l': { ...lb, access_logs: { enabled: false, bucket: 'b' } } }],
  'alb-deletion-protection': ['aws_lb.l', { 'aws_lb.l': lb }, { 'aws_lb.l': { ...lb, enable_deletion_protection: false } }],
  'listener-https-or-redirect': [
    'aws_lb_listener.h',
    {
      'aws_lb_listener.h': {
        protocol: 'HTTP',
        port: 80,
        default_action: [{ type: 'redirect', redirect: { protocol: 'HTTPS', port: '443', status_code: 'HTTP_301' } }],
      },
    },
    {
      'aws_lb_listener.h': {
        protocol: 'HTTP',
        port: 80,
        default_action: [{ type: 'forward', target_group_arn: '${aws_lb_target_group.t.arn}' }],
      },
    },
  ],
  'listener-tls-policy': [
    'aws_lb_listener.h',
    { 'aws_lb_listener.h': { protocol: 'HTTPS', ssl_policy: 'ELBSecurityPolicy-TLS13-1-2-2021-06' } },
    { 'aws_lb_listener.h': { protocol: 'HTTPS', ssl_policy: 'ELBSecurityPolicy-2016-08' } },
  ],
  'target-group-health-check': [
    'aws_lb_target_group.t',
    { 'aws_lb_target_group.t': { health_check: { path: '/health' } } },
    { 'aws_lb_target_group.t': { health_check: { enabled: false } } },
  ],
  'waf-protects-load-balancer': [
    'aws_lb.l',
    { 'aws_lb.l': lb, 'aws_wafv2_web_acl_association.a': { resource_arn: '${aws_lb.l.arn}', web_acl_arn: '${aws_wafv2_web_acl.w.arn}' } },
    { 'aws_lb.l': lb },
  ],
  'waf-logging': [
    'aws_wafv2_web_acl.w',
    { 'aws_wafv2_web_acl.w': acl, 'aws_wafv2_web_acl_logging_configuration.l': { resource_arn: '${aws_wafv2_web_acl.w.arn}' } },
    { 'aws_wafv2_web_acl.w': acl },
  ],
  'waf-rule-metrics': [
    'aws_wafv2_web_acl.w',
    { 'aws_wafv2_web_acl.w': acl },
    { 'aws_wafv2_web_acl.w': { ...acl, visibility_config: { ...visibility, cloudwatch_metrics_enabled: false } } },
  ],
  'waf-managed-baseline': [
    'aws_wafv2_web_acl.w',
    { 'aws_wafv2_web_acl.w': acl },
    { 'aws_wafv2_web_acl.w': { ...acl, rule: acl.rule.slice(0, 2) } },
  ],
  's3-bucket-companions': [
    'aws_s3_bucket.b',
    { 'aws_s3_bucket.b': {}, ...bucketCompanions },
    { 'aws_s3_bucket.b': {}, ...companionsWithoutPolicy },
  ],
  's3-public-access-blocked': [
    'aws_s3_bucket_public_access_block.p',
    {
      'aws_s3_bucket_public_access_block.p': {
        block_public_acls: true,
        block_public_policy: true,
        ignore_public_acls: true,
        restrict_public_buckets: true,
      },
    },
    {
      'aws_s3_bucket_public_access_block.p': {
        block_public_acls: true,
        block_public_policy: false,
        ignore_public_acls: true,
        restrict_public_buckets: true,
      },
    },
  ],
  's3-versioning-enabled': [
    'aws_s3_bucket_versioning.v',
    { 'aws_s3_bucket_versioning.v': { versioning_configuration: { status: 'Enabled' } } },
    { 'aws_s3_bucket_versioning.v': { versioning_configuration: { status: 'Suspended' } } },
  ],
  's3-tls-only': [
    'aws_s3_bucket_policy.p',
    {
      'aws_s3_bucket_policy.p': {
        policy: policy({
          Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }],
        }),
      },
    },
    {
      'aws_s3_bucket_policy.p': {
        policy: policy({ Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::1:root' }, Action: 's3:PutObject' }] }),
      },
    },
  ],
  's3-lifecycle-expiry': [
    'aws_s3_bucket_lifecycle_configuration.l',
    { 'aws_s3_bucket_lifecycle_configuration.l': { rule: [{ status: 'Enabled', expiration: [{ days: 30 }] }] } },
    { 'aws_s3_bucket_lifecycle_configuration.l': { rule: [{ status: 'Disabled', expiration: [{ days: 30 }] }] } },
  ],
  's3-acls-disabled': [
    'aws_s3_bucket_ownership_controls.o',
    { 'aws_s3_bucket_ownership_controls.o': { rule: { object_ownership: 'BucketOwnerEnforced' } } },
    { 'aws_s3_bucket_ownership_controls.o': { rule: { object_ownership: 'ObjectWriter' } } },
  ],
  'log-group-encrypted': [
    'aws_cloudwatch_log_group.g',
    { 'aws_cloudwatch_log_group.g': { kms_key_id: '${aws_kms_key.k.arn}' } },
    { 'aws_cloudwatch_log_group.g': {} },
  ],
  'log-group-retention': [
    'aws_cloudwatch_log_group.g',
    { 'aws_cloudwatch_log_group.g': { retention_in_days: 30 } },
    { 'aws_cloudwatch_log_group.g': { retention_in_days: 0 } },
  ],
  'sns-topic-encrypted': [
    'aws_sns_topic.t',
    { 'aws_sns_topic.t': { kms_master_key_id: '${aws_kms_key.k.arn}' } },
    { 'aws_sns_topic.t': { kms_master_key_id: 'alias/aws/sns' } },
  ],
  'alarm-notifies': [
    'aws_cloudwatch_metric_alarm.a',
    {
      'aws_cloudwatch_metric_alarm.a': {
        alarm_actions: ['${aws_sns_topic.t.arn}'],
        ok_actions: ['${aws_sns_topic.t.arn}'],
        treat_missing_data: 'breaching',
      },
    },
    { 'aws_cloudwatch_metric_alarm.a': { alarm_actions: ['${aws_sns_topic.t.arn}'] } },
  ],
  'iam-no-admin-wildcard': [
    'aws_iam_role_policy.p',
    {
      'aws_iam_role_policy.p': {
        policy: policy({ Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }] }),
      },
    },
    { 'aws_iam_role_policy.p': { policy: policy({ Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }) } },
  ],
  'iam-no-managed-admin': [
    'aws_iam_role_policy_attachment.a',
    { 'aws_iam_role_policy_attachment.a': { policy_arn: 'arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore' } },
    { 'aws_iam_role_policy_attachment.a': { policy_arn: 'arn:aws:iam::aws:policy/AdministratorAccess' } },
  ],
  'iam-trust-scoped': [
    'aws_iam_role.r',
    {
      'aws_iam_role.r': {
        assume_role_policy: trust({
          Principal: { Service: 'vpc-flow-logs.amazonaws.com' },
          Condition: { StringEquals: { 'aws:SourceAccount': '111111111111' } },
        }),
      },
    },
    { 'aws_iam_role.r': { assume_role_policy: trust({ Principal: { Service: 'vpc-flow-logs.amazonaws.com' } }) } },
  ],
  'required-tags': ['aws_vpc.v', { 'aws_vpc.v': { tags: { Name: 'x' } } }, { 'aws_vpc.v': { provider: 'aws.untagged' } }],
  'name-length-limits': [
    'aws_lb.l',
    { 'aws_lb.l': { ...lb, name: 'platform-staging-apse2' } },
    { 'aws_lb.l': { ...lb, name: 'platform-payments-staging-us-east-1' } },
  ],
  'region-binding': [
    'aws_vpc.eu-west-1_network_vpc_12345678',
    { 'aws_vpc.eu-west-1_network_vpc_12345678': { provider: 'aws.us_east_1', cidr_block: 'x' }, 'aws_vpc.x': {} },
    { 'aws_vpc.eu-west-1_network_vpc_12345678': { cidr_block: 'x' } },
  ],
  'stateful-prevent-destroy': [
    'aws_kms_key.k',
    { 'aws_kms_key.k': { lifecycle: { prevent_destroy: true } } },
    { 'aws_kms_key.k': { lifecycle: { prevent_destroy: false } } },
  ],
};

// region-binding's compliant fixture needs the address's region to match its provider: rewrite it.
CASES['region-binding']![1] = { 'aws_vpc.us-east-1_network_vpc_12345678': { cidr_block: 'x' } };
CASES['region-binding']![0] = 'aws_vpc.us-east-1_network_vpc_12345678';
CASES['region-binding']![2] = { 'aws_vpc.us-east-1_network_vpc_12345678': { cidr_block: 'x', provider: 'aws.eu_west_1' } };

test('region-binding names the region mismatch', () => {
  const [subject, , bad] = CASES['region-binding']!;
  expect(
    evaluate(
      RULES.find((r) => r.id === 'region-binding')!,
      subject,
      bad,
    ).message,
  ).toBe('a us-east-1 resource uses the provider of eu-west-1');
});

describe('sg-world-ingress-web-only: every form of a rule and both address families', () => {
  const r = RULES.find((x) => x.id === 'sg-world-ingress-web-only')!;
  test.each<[string, string, Resources, 'COMPLIANT' | 'NON_COMPLIANT']>([
    [
      'IPv6 world on 5432',
      'aws_vpc_security_group_ingress_rule.r',
      { 'aws_vpc_security_group_ingress_rule.r': rule(5432, { cidr_ipv6: '::/0' }) },
      'NON_COMPLIANT',
    ],
    [
      'IPv6 world on 443',
      'aws_vpc_security_group_ingress_rule.r',
      { 'aws_vpc_security_group_ingress_rule.r': rule(443, { cidr_ipv6: '::/0' }) },
      'COMPLIANT',
    ],
    [
      'a port range from 80 to 443',
      'aws_vpc_security_group_ingress_rule.r',
      { 'aws_vpc_security_group_ingress_rule.r': { ...rule(80, { cidr_ipv4: '0.0.0.0/0' }), to_port: 443 } },
      'NON_COMPLIANT',
    ],
    [
      'UDP 443',
      'aws_vpc_security_group_ingress_rule.r',
      { 'aws_vpc_security_group_ingress_rule.r': rule(443, { cidr_ipv4: '0.0.0.0/0', ip_protocol: 'udp' }) },
      'NON_COMPLIANT',
    ],
    [
      'all protocols',
      'aws_vpc_security_group_ingress_rule.r',
      { 'aws_vpc_security_group_ingress_rule.r': { ip_protocol: '-1', cidr_ipv4: '0.0.0.0/0', description: 'x' } },
      'NON_COMPLIANT',
    ],
    [
      'a narrower CIDR on 5432',
      'aws_vpc_security_group_ingress_rule.r',
      { 'aws_vpc_security_group_ingress_rule.r': rule(5432, { cidr_ipv4: '10.0.0.0/8' }) },
      'COMPLIANT',
    ],
    [
      'inline IPv6 world on 22',
      'aws_security_group.sg',
      { 'aws_security_group.sg': { name: 'a', ingress: [{ protocol: 'tcp', from_port: 22, to_port: 22, ipv6_cidr_blocks: ['::/0'] }] } },
      'NON_COMPLIANT',
    ],
    [
      'inline IPv4 world on 80',
      'aws_security_group.sg',
      { 'aws_security_group.sg': { name: 'a', ingress: [{ protocol: 'tcp', from_port: 80, to_port: 80, cidr_blocks: ['0.0.0.0/0'] }] } },
      'COMPLIANT',
    ],
    [
      'legacy ingress rule (protocol number 6) on 3389',
      'aws_security_group_rule.r',
      { 'aws_security_group_rule.r': { type: 'ingress', protocol: '6', from_port: 3389, to_port: 3389, cidr_blocks: ['0.0.0.0/0'] } },
      'NON_COMPLIANT',
    ],
    [
      'legacy egress rule to the world (not ingress)',
      'aws_security_group_rule.r',
      { 'aws_security_group_rule.r': { type: 'egress', protocol: '-1', from_port: 0, to_port: 0, cidr_blocks: ['0.0.0.0/0'] } },
      'COMPLIANT',
    ],
  ])('%s', (_name, subject, fixture, status) => {
    expect(evaluate(r, subject, fixture).status).toBe(status);
  });
});

describe('rds-storage-encrypted on a global cluster created from an existing cluster (a rebuild)', () => {
  const r = RULES.find((x) => x.id === 'rds-storage-encrypted')!;
  const rebuilt = {
    global_cluster_identifier: 'p-prod-2',
    source_db_cluster_identifier: 'arn:aws:rds:us-west-2:111111111111:cluster:p-prod-us-west-2',
    force_destroy: true,
  };
  const source = (values: object) => ({ 'aws_rds_cluster.src': { ...values, cluster_identifier: 'p-prod-us-west-2' } });

  test.each([
    ['the encrypted source cluster of this configuration', source(cluster), 'COMPLIANT', undefined],
    [
      'an unencrypted source cluster',
      source({ ...cluster, storage_encrypted: false }),
      'NON_COMPLIANT',
      'source cluster aws_rds_cluster.src is not encrypted (storage_encrypted): the global cluster inherits that',
    ],
    [
      'a source cluster under the AWS-managed key',
      source({ ...cluster, kms_key_id: undefined }),
      'NON_COMPLIANT',
      "source cluster aws_rds_cluster.src: no kms_key_id: encrypt with the region's CMK, not the AWS-managed key",
    ],
    [
      'a source cluster that is not in the configuration',
      { 'aws_rds_cluster.other': { ...cluster, cluster_identifier: 'p-prod-eu-west-1' } },
      'NON_COMPLIANT',
      'source_db_cluster_identifier arn:aws:rds:us-west-2:111111111111:cluster:p-prod-us-west-2 is not a cluster of this configuration: its encryption cannot be checked',
    ],
  ])('%s: %s', (_name, fixture, status, message) => {
    expect(evaluate(r, 'aws_rds_global_cluster.g', { ...fixture, 'aws_rds_global_cluster.g': rebuilt })).toEqual(
      message === undefined ? { status } : { status, message },
    );
  });
});

/** The other branches of the apply-time rules: [rule, subject, fixture, expected status]. */
const APPLY_BRANCHES: [string, string, Resources, 'COMPLIANT' | 'NON_COMPLIANT' | 'NOT_APPLICABLE'][] = [
  [
    'apply-state-bucket-per-account',
    'terraform_backend.s3',
    {
      ...pinned,
      'terraform_backend.s3': { ...s3Backend, bucket: 'central', assume_role: { role_arn: 'arn:aws:iam::999999999999:role/s' } },
    },
    'COMPLIANT',
  ],
  [
    'apply-state-bucket-per-account',
    'terraform_backend.s3',
    { 'terraform_backend.s3': { ...s3Backend, bucket: 'acme-state' } },
    'NOT_APPLICABLE',
  ],
  [
    'apply-state-bucket-per-account',
    'terraform_backend.local',
    { ...pinned, 'terraform_backend.local': { path: 'x.tfstate' } },
    'NOT_APPLICABLE',
  ],
  [
    'apply-state-encrypted-with-kms-key',
    'terraform_backend.s3',
    { 'terraform_backend.s3': { ...s3Backend, encrypt: false } },
    'NON_COMPLIANT',
  ],
  ['apply-global-engine-version-pinned', 'aws_rds_global_cluster.g', { 'aws_rds_global_cluster.g': globalCluster }, 'NOT_APPLICABLE'],
  [
    'apply-database-endpoint-per-region',
    'terraform_output.db',
    { ...primaryCluster, 'terraform_output.db': { value: '${aws_rds_cluster.pri.endpoint}' } },
    'COMPLIANT',
  ],
  // After a switchover the writer is the member created as a secondary: its endpoint alone is fine.
  [
    'apply-database-endpoint-per-region',
    'terraform_output.db',
    {
      ...secondary,
      ...primaryCluster,
      'terraform_output.db': { value: { w: '${aws_rds_cluster.sec.endpoint}', r: '${aws_rds_cluster.pri.reader_endpoint}' } },
    },
    'COMPLIANT',
  ],
  [
    'apply-database-endpoint-per-region',
    'terraform_output.lb',
    { 'terraform_output.lb': { value: '${aws_lb.l.dns_name}' } },
    'NOT_APPLICABLE',
  ],
  [
    'apply-policy-principals-exist',
    'aws_kms_key.k',
    { 'aws_kms_key.k': keyPolicy({ AWS: 'arn:aws:iam::111111111111:role/deployer' }) },
    'NON_COMPLIANT',
  ],
  [
    'apply-policy-principals-exist',
    'aws_kms_key.k',
    { 'aws_kms_key.k': keyPolicy({ AWS: ['111111111111', '${aws_iam_role.r.arn}', '*'] }) },
    'COMPLIANT',
  ],
  [
    'apply-policy-principals-exist',
    'aws_kms_key.k',
    { 'aws_kms_key.k': keyPolicy({ Service: 'logs.us-east-1.amazonaws.com' }) },
    'COMPLIANT',
  ],
  [
    'apply-policy-principals-exist',
    'aws_iam_role.r',
    { 'aws_iam_role.r': { assume_role_policy: trust({ Principal: { AWS: 'arn:aws:iam::111111111111:user/alice' } }) } },
    'NON_COMPLIANT',
  ],
  [
    'apply-policy-principals-exist',
    'aws_s3_bucket_policy.p',
    {
      'aws_s3_bucket_policy.p': {
        policy: policy({
          Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::127311923021:root' }, Action: 's3:PutObject', Resource: '*' }],
        }),
      },
    },
    'COMPLIANT',
  ],
  ['apply-master-password-from-secret', 'aws_rds_cluster.c', { 'aws_rds_cluster.c': { master_password_wo: secretRead } }, 'NON_COMPLIANT'],
  [
    'apply-master-password-from-secret',
    'aws_rds_cluster.c',
    { 'aws_rds_cluster.c': { manage_master_user_password: true } },
    'NOT_APPLICABLE',
  ],
  [
    'apply-secret-name-reusable',
    'aws_secretsmanager_secret.s',
    { 'aws_secretsmanager_secret.s': { name: 'p/prod/db', recovery_window_in_days: 30, lifecycle: { prevent_destroy: true } } },
    'COMPLIANT',
  ],
  ['apply-secret-name-reusable', 'aws_secretsmanager_secret.s', { 'aws_secretsmanager_secret.s': { name: 'p/prod/db' } }, 'NON_COMPLIANT'],
  [
    'apply-secret-name-reusable',
    'aws_secretsmanager_secret.s',
    { 'aws_secretsmanager_secret.s': { name_prefix: 'p/dev/db-' } },
    'COMPLIANT',
  ],
  [
    'apply-validation-record-once',
    'aws_acm_certificate.a',
    {
      'aws_acm_certificate.a': cert('a.example.com'),
      'aws_acm_certificate.b': cert('b.example.com'),
      'aws_route53_record.v': validationRecord('aws_acm_certificate.a'),
      'aws_route53_record.w': validationRecord('aws_acm_certificate.b'),
    },
    'COMPLIANT',
  ],
  ['apply-kms-alias-name', 'aws_kms_alias.a', { 'aws_kms_alias.a': { name: 'alias/aws/ebs' } }, 'NON_COMPLIANT'],
  ['apply-rds-identifiers', 'aws_rds_cluster.c', { 'aws_rds_cluster.c': { cluster_identifier: '1platform' } }, 'NON_COMPLIANT'],
  ['apply-rds-identifiers', 'aws_rds_cluster.c', { 'aws_rds_cluster.c': { cluster_identifier: 'platform-dev-' } }, 'NON_COMPLIANT'],
  ['apply-rds-identifiers', 'aws_rds_cluster.c', { 'aws_rds_cluster.c': { cluster_identifier: `p${'x'.repeat(63)}` } }, 'NON_COMPLIANT'],
  ['apply-rds-identifiers', 'aws_rds_cluster.c', { 'aws_rds_cluster.c': { cluster_identifier: 'Platform' } }, 'NON_COMPLIANT'],
  ['apply-rds-identifiers', 'aws_db_subnet_group.g', { 'aws_db_subnet_group.g': { name: 'default' } }, 'NON_COMPLIANT'],
  ['apply-rds-identifiers', 'aws_db_subnet_group.g', { 'aws_db_subnet_group.g': { name: 'platform-dev_db subnets' } }, 'COMPLIANT'],
  [
    'apply-rds-identifiers',
    'aws_rds_cluster_parameter_group.p',
    { 'aws_rds_cluster_parameter_group.p': { name: 'p-aurora-postgresql16.1' } },
    'COMPLIANT',
  ],
  [
    'apply-waf-log-destination',
    'aws_wafv2_web_acl_logging_configuration.l',
    {
      'aws_wafv2_web_acl_logging_configuration.l': {
        log_destination_configs: ['arn:aws:logs:us-east-1:111111111111:log-group:aws-waf-logs-x:*'],
      },
    },
    'NON_COMPLIANT',
  ],
  [
    'apply-waf-log-destination',
    'aws_wafv2_web_acl_logging_configuration.l',
    {
      'aws_wafv2_web_acl_logging_configuration.l': {
        log_destination_configs: ['arn:aws:logs:us-east-1:111111111111:log-group:aws-waf-logs-x'],
      },
    },
    'COMPLIANT',
  ],
  ['apply-name-characters', 'aws_lb.l', { 'aws_lb.l': { ...lb, name: 'internal-api' } }, 'NON_COMPLIANT'],
  ['apply-name-characters', 'aws_lb.l', { 'aws_lb.l': { ...lb, name: 'api-' } }, 'NON_COMPLIANT'],
  ['apply-name-characters', 'aws_security_group.sg', { 'aws_security_group.sg': { name: 'sg-app' } }, 'NON_COMPLIANT'],
  ['apply-name-characters', 'aws_s3_bucket.b', { 'aws_s3_bucket.b': { bucket: 'logs..example' } }, 'NON_COMPLIANT'],
  ['apply-name-characters', 'aws_s3_bucket.b', { 'aws_s3_bucket.b': { bucket: '192.168.1.10' } }, 'NON_COMPLIANT'],
  [
    'apply-name-characters',
    'aws_cloudwatch_dashboard.d',
    { 'aws_cloudwatch_dashboard.d': { dashboard_name: 'platform dev' } },
    'NON_COMPLIANT',
  ],
  [
    'apply-name-characters',
    'aws_secretsmanager_secret.s',
    { 'aws_secretsmanager_secret.s': { name: 'platform/dev/database/master' } },
    'COMPLIANT',
  ],
  ['apply-name-characters', 'aws_iam_role.r', { 'aws_iam_role.r': { name: 'platform:dev' } }, 'NON_COMPLIANT'],
  ['apply-name-characters', 'aws_lb.l', { 'aws_lb.l': { ...lb, name: '${var.name}' } }, 'NOT_APPLICABLE'],
];

/** A key policy with one statement open to principal "*" under `condition`. */
const openKey = (condition?: object, principal: object | string = { AWS: '*' }) => ({
  'aws_kms_key.k': {
    policy: policy({
      Statement: [
        {
          Sid: 'Open',
          Effect: 'Allow',
          Principal: principal,
          Action: 'kms:*',
          Resource: '*',
          ...(condition ? { Condition: condition } : {}),
        },
      ],
    }),
  },
});

test.each([
  ['a meaningless condition', openKey({ Bool: { 'aws:SecureTransport': 'true' } }), 'NON_COMPLIANT'],
  ['a service pin alone', openKey({ StringEquals: { 'kms:ViaService': 'rds.us-east-1.amazonaws.com' } }), 'NON_COMPLIANT'],
  ['an account pin that may be absent', openKey({ StringEqualsIfExists: { 'kms:CallerAccount': '111111111111' } }), 'NON_COMPLIANT'],
  ['a wildcard account', openKey({ StringLike: { 'kms:CallerAccount': '*' } }), 'NON_COMPLIANT'],
  ['a negated account', openKey({ StringNotEquals: { 'kms:CallerAccount': '111111111111' } }), 'NON_COMPLIANT'],
  ['"*" inside a principal list', openKey(undefined, { AWS: ['arn:aws:iam::111111111111:root', '*'] }), 'NON_COMPLIANT'],
  ['the bare "*" principal', openKey(undefined, '*'), 'NON_COMPLIANT'],
  ['an organization pin', openKey({ StringEquals: { 'aws:PrincipalOrgID': 'o-abc123' } }), 'COMPLIANT'],
  [
    'the caller account with a service pin',
    openKey({ StringEquals: { 'kms:CallerAccount': '111111111111', 'kms:ViaService': 'ec2.us-east-1.amazonaws.com' } }),
    'COMPLIANT',
  ],
] as const)('kms-no-unconditioned-public-principal: %s', (_name, fixture, status) => {
  const result = evaluate(
    RULES.find((r) => r.id === 'kms-no-unconditioned-public-principal')!,
    'aws_kms_key.k',
    fixture as Resources,
  );
  expect(result.status).toBe(status);
  if (status === 'NON_COMPLIANT') expect(result.message).toMatch(/^Open: an Allow for principal "\*" is not pinned to an account/);
});

test.each(APPLY_BRANCHES)('%s on %s: case %#', (id, subject, fixture, status) => {
  expect(
    evaluate(
      RULES.find((r) => r.id === id)!,
      subject,
      fixture,
    ).status,
  ).toBe(status);
});

test('apply-secret-name-reusable cannot see lifecycle on a plan: not applicable there', () => {
  const r = RULES.find((x) => x.id === 'apply-secret-name-reusable')!;
  const planModel = modelFromPlan({
    planned_values: {
      root_module: {
        resources: [
          { mode: 'managed', type: 'aws_secretsmanager_secret', name: 's', values: { name: 'p/prod/db', recovery_window_in_days: 30 } },
        ],
      },
    },
    configuration: { root_module: { resources: [] } },
  });
  expect(r.evaluate(planModel.resources[0]!, planModel).status).toBe('NOT_APPLICABLE');
});

test('apply-database-endpoint-per-region reads outputs of a plan too', () => {
  const r = RULES.find((x) => x.id === 'apply-database-endpoint-per-region')!;
  const planModel = modelFromPlan({
    planned_values: {
      root_module: {
        resources: [
          { mode: 'managed', type: 'aws_rds_cluster', name: 'pri', values: { global_cluster_identifier: 'g', master_username: 'dbadmin' } },
          { mode: 'managed', type: 'aws_rds_cluster', name: 'sec', values: { global_cluster_identifier: 'g' } },
        ],
      },
    },
    configuration: {
      root_module: {
        resources: [],
        outputs: {
          db: {
            expression: {
              references: ['aws_rds_cluster.pri.endpoint', 'aws_rds_cluster.pri', 'aws_rds_cluster.sec.endpoint', 'aws_rds_cluster.sec'],
            },
          },
        },
      },
    },
  });
  const output = planModel.resources.find((x) => x.address === 'terraform_output.db')!;
  expect(r.evaluate(output, planModel)).toMatchObject({ status: 'NON_COMPLIANT', message: expect.stringContaining('aws_rds_cluster.sec') });
});

describe('every rule has a compliant and a non-compliant case', () => {
  test('the table covers every rule of the pack, and the pack only rules that exist', () => {
    expect(Object.keys(CASES).sort()).toEqual(RULES.map((r) => r.id).sort());
    expect(Object.keys(PLATFORM_PACK).sort()).toEqual(RULES.map((r) => r.id).sort());
    expect(RULES.length).toBeGreaterThanOrEqual(40);
  });

  describe.each(RULES.map((r) => [r.id, r] as const))('%s', (id, r) => {
    const [subject, good, bad] = CASES[id]!;
    test('COMPLIANT', () => {
      expect(evaluate(r, subject, good)).toMatchObject({ status: 'COMPLIANT' });
    });
    test('NON_COMPLIANT, saying what to change', () => {
      const result = evaluate(r, subject, bad);
      expect(result.status).toBe('NON_COMPLIANT');
      expect(result.message).toMatch(/\w{3,}/);
    });
  });
});
