import { PROTECTION_PROFILES } from '../src/config/profiles';
import { modelFromPlan } from '../src/policy/model';
import { PLATFORM_PACK } from '../src/policy/pack';
import { RULES } from '../src/policy/rules';
import { evaluate as runPack } from '../src/policy/runner';
import { PlanResources, Resources, evaluate, model, planModel, ref } from './policy-fixtures';

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

// Backups (selections, a vault in us-east-1, the default provider, and one in eu-west-1, plans, locks), secret rotations.
const selection = (resources: string[], extra: object = {}) => ({
  name: 'p',
  plan_id: '${aws_backup_plan.p.id}',
  iam_role_arn: '${aws_iam_role.backup.arn}',
  resources,
  ...extra,
});
const vaults: Resources = {
  'aws_backup_vault.use1': { name: 'p-us-east-1', kms_key_arn: '${aws_kms_key.k.arn}' },
  'aws_backup_vault.euw1': { provider: 'aws.eu_west_1', name: 'p-eu-west-1', kms_key_arn: '${aws_kms_key.e.arn}' },
};
/** A copy_action to `vault`; `lifecycle` null: none. */
const copyTo = (vault: string, lifecycle: object | null = { delete_after: 7 }) => ({
  destination_vault_arn: `\${${vault}.arn}`,
  ...(lifecycle ? { lifecycle } : {}),
});
const backupRule = (copies: object[], extra: object = {}) => ({
  rule_name: 'daily',
  target_vault_name: '${aws_backup_vault.use1.name}',
  schedule: 'cron(0 5 ? * * *)',
  lifecycle: { delete_after: 7 },
  copy_action: copies,
  ...extra,
});
const backupPlan = (...rules: object[]): Resources => ({ ...vaults, 'aws_backup_plan.p': { name: 'p', rule: rules } });
const vaultLock = (vault: string) => ({ backup_vault_name: `\${${vault}.name}`, min_retention_days: 7, max_retention_days: 400 });
const rotation = (secret: string) => ({
  secret_id: `\${${secret}.id}`,
  rotation_lambda_arn: 'arn:aws:lambda:us-east-1:111111111111:function:rotate',
  rotation_rules: { automatically_after_days: 30 },
});
// An application role (EC2 trusts it) and a policy or attachment on it.
const ec2Trust = (service: string | string[] = 'ec2.amazonaws.com') => ({
  name: 'p-app',
  assume_role_policy: trust({ Principal: { Service: service } }),
});
const appPolicy = (...statements: object[]) => ({ role: '${aws_iam_role.app.id}', policy: policy({ Statement: statements }) });
const allow = (action: unknown, extra: object = {}) => ({ Effect: 'Allow', Action: action, Resource: '*', ...extra });
const CONNECT = allow('rds-db:connect', { Sid: 'Connect', Resource: 'arn:aws:rds-db:us-east-1:111111111111:dbuser:cluster-X/app_user' });
const appRole = (extra: Resources = {}): Resources => ({ 'aws_iam_role.app': ec2Trust(), ...extra });
const appFix =
  'to aws_iam_role.app, an EC2 instance role: connect with IAM database authentication (rds-db:connect) instead of reading the database secret';

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
  'secret-rotation-configured': [
    'aws_secretsmanager_secret.s',
    { 'aws_secretsmanager_secret.s': { name: 'p/db' }, 'aws_secretsmanager_secret_rotation.r': rotation('aws_secretsmanager_secret.s') },
    { 'aws_secretsmanager_secret.s': { name: 'p/db' } },
  ],
  'backup-cluster-selected': [
    'aws_rds_cluster.c',
    { 'aws_rds_cluster.c': cluster, 'aws_backup_selection.s': selection(['${aws_rds_cluster.c.arn}']) },
    { 'aws_rds_cluster.c': cluster },
  ],
  'backup-vault-encrypted-with-cmk': ['aws_backup_vault.use1', vaults, { 'aws_backup_vault.use1': { name: 'p-us-east-1' } }],
  'backup-copied-to-other-region': [
    'aws_backup_plan.p',
    backupPlan(backupRule([copyTo('aws_backup_vault.euw1')])),
    backupPlan(backupRule([copyTo('aws_backup_vault.use1')])),
  ],
  'backup-vault-locked': [
    'aws_backup_vault.use1',
    { ...vaults, 'aws_backup_vault_lock_configuration.l': vaultLock('aws_backup_vault.use1') },
    vaults,
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
  'iam-app-role-no-secret-read': [
    'aws_iam_role_policy.p',
    appRole({ 'aws_iam_role_policy.p': appPolicy(CONNECT) }),
    appRole({ 'aws_iam_role_policy.p': appPolicy(CONNECT, allow('secretsmanager:GetSecretValue')) }),
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

const kmsOpenPrincipal = (fixture: Resources) =>
  evaluate(
    RULES.find((r) => r.id === 'kms-no-unconditioned-public-principal')!,
    'aws_kms_key.k',
    fixture,
  );

test.each([
  ['a meaningless condition', openKey({ Bool: { 'aws:SecureTransport': 'true' } })],
  ['a service pin alone', openKey({ StringEquals: { 'kms:ViaService': 'rds.us-east-1.amazonaws.com' } })],
  ['an account pin that may be absent', openKey({ StringEqualsIfExists: { 'kms:CallerAccount': '111111111111' } })],
  ['a wildcard account', openKey({ StringLike: { 'kms:CallerAccount': '*' } })],
  ['a negated account', openKey({ StringNotEquals: { 'kms:CallerAccount': '111111111111' } })],
  ['"*" inside a principal list', openKey(undefined, { AWS: ['arn:aws:iam::111111111111:root', '*'] })],
  ['the bare "*" principal', openKey(undefined, '*')],
])('kms-no-unconditioned-public-principal refuses %s', (_name, fixture) => {
  expect(kmsOpenPrincipal(fixture)).toMatchObject({
    status: 'NON_COMPLIANT',
    message: expect.stringMatching(/^Open: an Allow for principal "\*" is not pinned to an account/),
  });
});

test.each([
  ['an organization pin', openKey({ StringEquals: { 'aws:PrincipalOrgID': 'o-abc123' } })],
  [
    'the caller account with a service pin',
    openKey({ StringEquals: { 'kms:CallerAccount': '111111111111', 'kms:ViaService': 'ec2.us-east-1.amazonaws.com' } }),
  ],
])('kms-no-unconditioned-public-principal accepts %s', (_name, fixture) => {
  expect(kmsOpenPrincipal(fixture).status).toBe('COMPLIANT');
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

/** `{ status }` or `{ status, message }`, as a rule answers. */
type Expected = { status: 'COMPLIANT' | 'NON_COMPLIANT' | 'NOT_APPLICABLE'; message?: string };
const ok: Expected = { status: 'COMPLIANT' };
const fails = (message: string): Expected => ({ status: 'NON_COMPLIANT', message });
const byId = (id: string) => RULES.find((r) => r.id === id)!;

function evaluatePlan(id: string, subject: string, resources: PlanResources) {
  const m = planModel(resources);
  const resource = m.resources.find((r) => r.address === subject);
  if (!resource) throw new Error(`fixture lacks ${subject}`);
  return byId(id).evaluate(resource, m);
}

describe('backup-cluster-selected', () => {
  const fix = "no aws_backup_selection names it in resources: assign it to its region's backup plan by reference to its arn";
  test.each<[string, Resources, Expected]>([
    ['a selection names it by reference', { 'aws_backup_selection.s': selection(['${aws_rds_cluster.c.arn}']) }, ok],
    ['no selection', {}, fails(fix)],
    [
      'a selection excludes it (not_resources)',
      { 'aws_backup_selection.s': selection(['${aws_rds_cluster.other.arn}'], { not_resources: ['${aws_rds_cluster.c.arn}'] }) },
      fails(fix),
    ],
    ['a selection of another cluster', { 'aws_backup_selection.s': selection(['${aws_rds_cluster.other.arn}']) }, fails(fix)],
    [
      'a selection by literal ARN (no reference: nothing shows it is this cluster)',
      { 'aws_backup_selection.s': selection(['arn:aws:rds:us-east-1:111111111111:cluster:platform-dev-us-east-1']) },
      fails(fix),
    ],
  ])('%s', (_name, fixture, expected) => {
    expect(evaluate(byId('backup-cluster-selected'), 'aws_rds_cluster.c', { 'aws_rds_cluster.c': cluster, ...fixture })).toEqual(expected);
  });

  test.each<[string, string, Expected]>([
    ['from a plan, a selection referencing it', 'aws_rds_cluster.c', ok],
    ['from a plan, a cluster no selection references', 'aws_rds_cluster.other', fails(fix)],
  ])('%s', (_name, subject, expected) => {
    const resources = {
      'aws_rds_cluster.c': { values: { cluster_identifier: 'p-us-east-1' } },
      'aws_rds_cluster.other': { values: { cluster_identifier: 'p-eu-west-1' } },
      'aws_backup_selection.s': { values: { name: 'p' }, expressions: { resources: ref('aws_rds_cluster.c', 'arn') } },
    };
    expect(evaluatePlan('backup-cluster-selected', subject, resources)).toEqual(expected);
  });
});

describe('backup-vault-encrypted-with-cmk', () => {
  const missing = "no kms_key_arn: AWS Backup would use the AWS managed key aws/backup; use the region's CMK";
  test.each<[string, object, Expected]>([
    ['a reference to a key of this configuration', { kms_key_arn: '${aws_kms_key.k.arn}' }, ok],
    ['a key ARN', { kms_key_arn: 'arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab' }, ok],
    ['no kms_key_arn', {}, fails(missing)],
    ['an empty kms_key_arn', { kms_key_arn: '' }, fails(missing)],
    [
      'the AWS managed key by alias',
      { kms_key_arn: 'arn:aws:kms:us-east-1:111111111111:alias/aws/backup' },
      fails("kms_key_arn arn:aws:kms:us-east-1:111111111111:alias/aws/backup is an AWS managed key: use the region's CMK"),
    ],
  ])('%s', (_name, values, expected) => {
    expect(
      evaluate(byId('backup-vault-encrypted-with-cmk'), 'aws_backup_vault.v', { 'aws_backup_vault.v': { name: 'v', ...values } }),
    ).toEqual(expected);
  });

  test.each<[string, object, Expected]>([
    ['from a plan, a key known only after apply, by reference', { kms_key_arn: ref('aws_kms_key.k', 'arn') }, ok],
    ['from a plan, no key configured (AWS would pick aws/backup)', {}, fails(missing)],
  ])('%s', (_name, expressions, expected) => {
    expect(
      evaluatePlan('backup-vault-encrypted-with-cmk', 'aws_backup_vault.v', {
        'aws_backup_vault.v': { values: { name: 'v' }, expressions },
      }),
    ).toEqual(expected);
  });
});

describe('backup-copied-to-other-region', () => {
  const noCopy = (rule: string, region = 'us-east-1') =>
    `rule ${rule} copies to no vault of another region: add a copy_action whose destination_vault_arn references the aws_backup_vault of a region other than ${region}`;
  const unbounded = (rule: string, n: number) =>
    `rule ${rule} has ${n} copy_action without lifecycle.delete_after: AWS keeps such copies forever (hashicorp/terraform-provider-aws#37862); give each copy the rule's retention`;
  test.each<[string, Resources, Expected]>([
    ["a copy to the other region's vault, kept for delete_after", backupPlan(backupRule([copyTo('aws_backup_vault.euw1')])), ok],
    ['no copy_action', backupPlan(backupRule([])), fails(noCopy('daily'))],
    ['a copy to a vault of the same region', backupPlan(backupRule([copyTo('aws_backup_vault.use1')])), fails(noCopy('daily'))],
    [
      'a copy to an ARN, not to a vault of this configuration',
      backupPlan(
        backupRule([{ destination_vault_arn: 'arn:aws:backup:eu-west-1:111111111111:backup-vault:x', lifecycle: { delete_after: 7 } }]),
      ),
      fails(noCopy('daily')),
    ],
    [
      'a copy to a vault bound to no provider',
      { ...backupPlan(backupRule([copyTo('aws_backup_vault.none')])), 'aws_backup_vault.none': { provider: undefined, name: 'n' } },
      fails(noCopy('daily')),
    ],
    [
      'a copy to a vault of another region, without lifecycle',
      backupPlan(backupRule([copyTo('aws_backup_vault.euw1', null)])),
      fails(unbounded('daily', 1)),
    ],
    [
      'a copy whose lifecycle has no delete_after',
      backupPlan(backupRule([copyTo('aws_backup_vault.euw1', { cold_storage_after: 30 })])),
      fails(unbounded('daily', 1)),
    ],
    [
      'two copies, one to another region, the other without lifecycle',
      backupPlan(backupRule([copyTo('aws_backup_vault.euw1'), copyTo('aws_backup_vault.use1', null)])),
      fails(unbounded('daily', 1)),
    ],
    [
      'a second rule, unnamed, that copies nowhere',
      backupPlan(backupRule([copyTo('aws_backup_vault.euw1')]), backupRule([], { rule_name: undefined })),
      fails(noCopy('#2')),
    ],
    [
      'both faults in one rule',
      backupPlan(backupRule([copyTo('aws_backup_vault.use1', null), copyTo('aws_backup_vault.use1', null)])),
      fails(`${noCopy('daily')}; ${unbounded('daily', 2)}`),
    ],
    [
      'a plan bound to no provider',
      { ...vaults, 'aws_backup_plan.p': { provider: undefined, name: 'p', rule: [backupRule([])] } },
      fails(noCopy('daily', '(no region)')),
    ],
    ['no rule', { ...vaults, 'aws_backup_plan.p': { name: 'p' } }, { status: 'NOT_APPLICABLE', message: 'no rule known' }],
  ])('%s', (_name, fixture, expected) => {
    expect(evaluate(byId('backup-copied-to-other-region'), 'aws_backup_plan.p', fixture)).toEqual(expected);
  });

  // From a plan: destination ARNs are unknown (absent from the values), the rule's references are pooled.
  const planVaults = {
    'aws_backup_vault.use1': { values: { name: 'p-us-east-1' } },
    'aws_backup_vault.euw1': { values: { name: 'p-eu-west-1' }, provider: 'aws.eu_west_1' },
    'aws_s3_bucket.euw1': { values: { bucket: 'p-eu-west-1' }, provider: 'aws.eu_west_1' },
  };
  const plannedRule = (copyLifecycle: object[]) => ({
    rule_name: 'daily',
    lifecycle: [{ delete_after: 7 }],
    copy_action: [{ lifecycle: copyLifecycle }],
  });
  const configuredRule = (destination: string) => ({
    target_vault_name: ref('aws_backup_vault.use1', 'name'),
    copy_action: [{ destination_vault_arn: ref(destination, 'arn') }],
  });
  test.each<[string, object, object, Expected]>([
    [
      'from a plan, a copy to the other region',
      { rule: [plannedRule([{ delete_after: 7 }])] },
      configuredRule('aws_backup_vault.euw1'),
      ok,
    ],
    [
      'from a plan, a copy to something of another region that is not a vault',
      { rule: [plannedRule([{ delete_after: 7 }])] },
      configuredRule('aws_s3_bucket.euw1'),
      fails(noCopy('daily')),
    ],
    [
      'from a plan, a copy to the same region only',
      { rule: [plannedRule([{ delete_after: 7 }])] },
      configuredRule('aws_backup_vault.use1'),
      fails(noCopy('daily')),
    ],
    [
      'from a plan, a copy without delete_after',
      { rule: [plannedRule([{ cold_storage_after: null, delete_after: null }])] },
      configuredRule('aws_backup_vault.euw1'),
      fails(unbounded('daily', 1)),
    ],
    ['from a plan, rules not known', {}, configuredRule('aws_backup_vault.euw1'), { status: 'NOT_APPLICABLE', message: 'no rule known' }],
  ])('%s', (_name, values, rule, expected) => {
    expect(
      evaluatePlan('backup-copied-to-other-region', 'aws_backup_plan.p', {
        ...planVaults,
        'aws_backup_plan.p': { values: { name: 'p', ...values }, expressions: { rule: [rule] } },
      }),
    ).toEqual(expected);
  });
});

describe('backup-vault-locked', () => {
  const fix =
    'no aws_backup_vault_lock_configuration references it: lock the vault (backup.lock) so that no one can delete recovery points before their retention ends';
  test.each<[string, Resources, Expected]>([
    ['a lock references it', { 'aws_backup_vault_lock_configuration.l': vaultLock('aws_backup_vault.use1') }, ok],
    ['no lock', {}, fails(fix)],
    ['a lock of the other vault', { 'aws_backup_vault_lock_configuration.l': vaultLock('aws_backup_vault.euw1') }, fails(fix)],
    [
      'a lock naming it by a literal string (no reference, so no ordering either)',
      { 'aws_backup_vault_lock_configuration.l': { backup_vault_name: 'p-us-east-1', min_retention_days: 7 } },
      fails(fix),
    ],
  ])('%s', (_name, fixture, expected) => {
    expect(evaluate(byId('backup-vault-locked'), 'aws_backup_vault.use1', { ...vaults, ...fixture })).toEqual(expected);
  });

  test.each<[string, string, Expected]>([
    ['from a plan, a locked vault', 'aws_backup_vault.a', ok],
    ['from a plan, a vault without lock', 'aws_backup_vault.b', fails(fix)],
  ])('%s', (_name, subject, expected) => {
    const resources = {
      'aws_backup_vault.a': { values: { name: 'a' } },
      'aws_backup_vault.b': { values: { name: 'b' } },
      'aws_backup_vault_lock_configuration.l': {
        values: { backup_vault_name: 'a', min_retention_days: 7 },
        expressions: { backup_vault_name: ref('aws_backup_vault.a', 'name') },
      },
    };
    expect(evaluatePlan('backup-vault-locked', subject, resources)).toEqual(expected);
  });

  test('the destroyable profile relaxes it on vaults, saying a lock would block terraform destroy; the protected one does not', () => {
    expect(PROTECTION_PROFILES.destroyable.relaxedRules.filter((r) => r.ruleId === 'backup-vault-locked')).toEqual([
      {
        ruleId: 'backup-vault-locked',
        types: ['aws_backup_vault'],
        reason:
          'destroyable profile: the environment is rebuilt from code and holds no data worth keeping, and a vault lock would keep terraform destroy from deleting the vault (its recovery points could not be deleted before their minimum retention)',
      },
    ]);
    expect(PROTECTION_PROFILES.protected.relaxedRules).toEqual([]);
  });
});

describe('secret-rotation-configured', () => {
  const fix =
    'no aws_secretsmanager_secret_rotation has it as secret_id: rotate it on a schedule (database.rotationDays), or let RDS manage the master password';
  test.each<[string, Resources, Expected]>([
    ['a rotation of it', { 'aws_secretsmanager_secret_rotation.r': rotation('aws_secretsmanager_secret.s') }, ok],
    ['no rotation', {}, fails(fix)],
    ['a rotation of another secret', { 'aws_secretsmanager_secret_rotation.r': rotation('aws_secretsmanager_secret.other') }, fails(fix)],
  ])('%s', (_name, fixture, expected) => {
    expect(
      evaluate(byId('secret-rotation-configured'), 'aws_secretsmanager_secret.s', {
        'aws_secretsmanager_secret.s': { name: 'p/db' },
        ...fixture,
      }),
    ).toEqual(expected);
  });

  test.each<[string, string, Expected]>([
    ['from a plan, a rotated secret', 'aws_secretsmanager_secret.a', ok],
    ['from a plan, a secret without rotation', 'aws_secretsmanager_secret.b', fails(fix)],
  ])('%s', (_name, subject, expected) => {
    const resources = {
      'aws_secretsmanager_secret.a': { values: { name: 'a' } },
      'aws_secretsmanager_secret.b': { values: { name: 'b' } },
      'aws_secretsmanager_secret_rotation.r': {
        values: { rotation_rules: [{ automatically_after_days: 30 }] },
        expressions: { secret_id: ref('aws_secretsmanager_secret.a', 'id') },
      },
    };
    expect(evaluatePlan('secret-rotation-configured', subject, resources)).toEqual(expected);
  });
});

describe('iam-app-role-no-secret-read', () => {
  const reads = (through: string) => fails(`allows secretsmanager:GetSecretValue through ${through} ${appFix}`);
  const notHere: Expected = { status: 'NOT_APPLICABLE', message: 'not for an EC2 instance role of this configuration' };
  test.each<[string, Resources, Expected]>([
    ['rds-db:connect only', appRole({ 'aws_iam_role_policy.p': appPolicy(CONNECT) }), ok],
    [
      'GetSecretValue itself',
      appRole({ 'aws_iam_role_policy.p': appPolicy(CONNECT, allow('secretsmanager:GetSecretValue', { Sid: 'Read' })) }),
      reads('statement Read (secretsmanager:GetSecretValue)'),
    ],
    [
      'GetSecretValue in a list, in another case',
      appRole({ 'aws_iam_role_policy.p': appPolicy(allow(['secretsmanager:DescribeSecret', 'SecretsManager:getsecretvalue'])) }),
      reads('statement #1 (SecretsManager:getsecretvalue)'),
    ],
    [
      'secretsmanager:*',
      appRole({ 'aws_iam_role_policy.p': appPolicy(CONNECT, allow('secretsmanager:*')) }),
      reads('statement #2 (secretsmanager:*)'),
    ],
    [
      'secretsmanager:Get*',
      appRole({ 'aws_iam_role_policy.p': appPolicy(allow('secretsmanager:Get*')) }),
      reads('statement #1 (secretsmanager:Get*)'),
    ],
    ['"*"', appRole({ 'aws_iam_role_policy.p': appPolicy(allow('*')) }), reads('statement #1 (*)')],
    [
      'a ? wildcard',
      appRole({ 'aws_iam_role_policy.p': appPolicy(allow('secretsmanager:GetSecret?alue')) }),
      reads('statement #1 (secretsmanager:GetSecret?alue)'),
    ],
    ['DescribeSecret only', appRole({ 'aws_iam_role_policy.p': appPolicy(allow('secretsmanager:DescribeSecret')) }), ok],
    ['a statement without Action', appRole({ 'aws_iam_role_policy.p': appPolicy({ Effect: 'Allow', Resource: '*' }) }), ok],
    ['a dot in a pattern is no wildcard', appRole({ 'aws_iam_role_policy.p': appPolicy(allow('secretsmanager.GetSecretValue')) }), ok],
    [
      'NotAction that leaves GetSecretValue allowed',
      appRole({ 'aws_iam_role_policy.p': appPolicy({ Effect: 'Allow', NotAction: ['iam:*', 's3:*'], Resource: '*' }) }),
      reads('statement #1 (NotAction iam:*, s3:*)'),
    ],
    [
      'NotAction that excludes it',
      appRole({ 'aws_iam_role_policy.p': appPolicy({ Effect: 'Allow', NotAction: 'secretsmanager:*', Resource: '*' }) }),
      ok,
    ],
    [
      'a Deny of GetSecretValue',
      appRole({ 'aws_iam_role_policy.p': appPolicy(CONNECT, { Effect: 'Deny', Action: 'secretsmanager:GetSecretValue', Resource: '*' }) }),
      ok,
    ],
    [
      'a trust policy listing EC2 among services',
      {
        'aws_iam_role.app': ec2Trust(['ssm.amazonaws.com', 'ec2.amazonaws.com']),
        'aws_iam_role_policy.p': appPolicy(allow('secretsmanager:GetSecretValue')),
      },
      reads('statement #1 (secretsmanager:GetSecretValue)'),
    ],
    [
      'the role named by a literal name',
      appRole({ 'aws_iam_role_policy.p': { role: 'p-app', policy: policy({ Statement: [allow('secretsmanager:*')] }) } }),
      reads('statement #1 (secretsmanager:*)'),
    ],
    [
      'a role other services assume (the rotation function)',
      {
        'aws_iam_role.app': ec2Trust('lambda.amazonaws.com'),
        'aws_iam_role_policy.p': appPolicy(allow('secretsmanager:GetSecretValue')),
      },
      notHere,
    ],
    [
      'a role EC2 may assume only under a Deny',
      {
        'aws_iam_role.app': {
          assume_role_policy: policy({
            Statement: [{ Effect: 'Deny', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
          }),
        },
        'aws_iam_role_policy.p': appPolicy(allow('secretsmanager:GetSecretValue')),
      },
      notHere,
    ],
    [
      'a role not in this configuration',
      { 'aws_iam_role_policy.p': { role: 'elsewhere', policy: policy({ Statement: [allow('*')] }) } },
      notHere,
    ],
    [
      'a role whose name is not known',
      {
        'aws_iam_role.app': { assume_role_policy: trust({ Principal: { Service: 'ec2.amazonaws.com' } }) },
        'aws_iam_role_policy.p': { role: undefined, policy: policy({ Statement: [allow('*')] }) },
      },
      notHere,
    ],
  ])('inline policy: %s', (_name, fixture, expected) => {
    expect(evaluate(byId('iam-app-role-no-secret-read'), 'aws_iam_role_policy.p', fixture)).toEqual(expected);
  });

  const attach = (policyArn: string) => ({ role: '${aws_iam_role.app.name}', policy_arn: policyArn });
  test.each<[string, Resources, Expected]>([
    [
      'Session Manager core',
      appRole({ 'aws_iam_role_policy_attachment.a': attach('arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore') }),
      ok,
    ],
    [
      'SecretsManagerReadWrite',
      appRole({ 'aws_iam_role_policy_attachment.a': attach('arn:aws:iam::aws:policy/SecretsManagerReadWrite') }),
      fails(`attaches SecretsManagerReadWrite ${appFix}`),
    ],
    [
      'a policy of this configuration that allows it',
      appRole({
        'aws_iam_policy.read': { policy: policy({ Statement: [allow('secretsmanager:Get*', { Sid: 'Read' })] }) },
        'aws_iam_role_policy_attachment.a': attach('${aws_iam_policy.read.arn}'),
      }),
      fails(
        `attaches aws_iam_policy.read, which allows secretsmanager:GetSecretValue through statement Read (secretsmanager:Get*) ${appFix}`,
      ),
    ],
    [
      'a policy of this configuration that does not',
      appRole({
        'aws_iam_policy.logs': { policy: policy({ Statement: [allow('logs:PutLogEvents')] }) },
        'aws_iam_role_policy_attachment.a': attach('${aws_iam_policy.logs.arn}'),
      }),
      ok,
    ],
    [
      'SecretsManagerReadWrite on a role EC2 does not assume',
      {
        'aws_iam_role.app': ec2Trust('lambda.amazonaws.com'),
        'aws_iam_role_policy_attachment.a': attach('arn:aws:iam::aws:policy/SecretsManagerReadWrite'),
      },
      notHere,
    ],
  ])('attachment: %s', (_name, fixture, expected) => {
    expect(evaluate(byId('iam-app-role-no-secret-read'), 'aws_iam_role_policy_attachment.a', fixture)).toEqual(expected);
  });

  test.each<[string, string, Expected]>([
    // The application policy names the cluster's resource id: unknown until apply.
    [
      'from a plan, an inline policy not known yet',
      'aws_iam_role_policy.p',
      { status: 'NOT_APPLICABLE', message: 'policy not known at plan time' },
    ],
    [
      'from a plan, SecretsManagerReadWrite attached',
      'aws_iam_role_policy_attachment.a',
      fails(`attaches SecretsManagerReadWrite ${appFix}`),
    ],
  ])('%s', (_name, subject, expected) => {
    const resources = {
      'aws_iam_role.app': { values: ec2Trust() },
      'aws_iam_role_policy.p': { values: { name: 'application' }, expressions: { role: ref('aws_iam_role.app', 'id') } },
      'aws_iam_role_policy_attachment.a': {
        values: { policy_arn: 'arn:aws:iam::aws:policy/SecretsManagerReadWrite' },
        expressions: { role: ref('aws_iam_role.app', 'name') },
      },
    };
    expect(evaluatePlan('iam-app-role-no-secret-read', subject, resources)).toEqual(expected);
  });
});

describe('stateful-prevent-destroy on backup vaults and their locks', () => {
  test.each<[string, Expected]>([
    ['aws_backup_vault.v', fails('lifecycle.prevent_destroy is not true: use the protected profile')],
    ['aws_backup_vault_lock_configuration.l', fails('lifecycle.prevent_destroy is not true: use the protected profile')],
  ])('%s without prevent_destroy', (subject, expected) => {
    const fixture = { 'aws_backup_vault.v': { name: 'v' }, 'aws_backup_vault_lock_configuration.l': vaultLock('aws_backup_vault.v') };
    expect(evaluate(byId('stateful-prevent-destroy'), subject, fixture)).toEqual(expected);
  });

  test.each(['aws_backup_vault.v', 'aws_backup_vault_lock_configuration.l'])('%s with prevent_destroy', (subject) => {
    const fixture = {
      'aws_backup_vault.v': { name: 'v', lifecycle: { prevent_destroy: true } },
      'aws_backup_vault_lock_configuration.l': { ...vaultLock('aws_backup_vault.v'), lifecycle: { prevent_destroy: true } },
    };
    expect(evaluate(byId('stateful-prevent-destroy'), subject, fixture)).toEqual(ok);
  });
});

test('the backup, rotation and secret-read rules on one model: exactly these findings, by rule and address', () => {
  const ids = [
    'backup-cluster-selected',
    'backup-vault-encrypted-with-cmk',
    'backup-copied-to-other-region',
    'backup-vault-locked',
    'secret-rotation-configured',
    'iam-app-role-no-secret-read',
  ];
  const m = model({
    ...appRole({
      'aws_iam_role_policy.p': appPolicy(CONNECT, allow('secretsmanager:GetSecretValue')),
      'aws_iam_role_policy_attachment.ssm': {
        role: '${aws_iam_role.app.name}',
        policy_arn: 'arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore',
      },
    }),
    'aws_rds_cluster.a': cluster,
    'aws_rds_cluster.b': cluster,
    'aws_backup_selection.s': selection(['${aws_rds_cluster.a.arn}']),
    ...backupPlan(backupRule([copyTo('aws_backup_vault.use1')])),
    'aws_backup_plan.q': { provider: 'aws.eu_west_1', name: 'q', rule: [backupRule([copyTo('aws_backup_vault.use1')])] },
    'aws_backup_vault.euw1': { provider: 'aws.eu_west_1', name: 'p-eu-west-1' },
    'aws_backup_vault_lock_configuration.l': vaultLock('aws_backup_vault.use1'),
    'aws_secretsmanager_secret.rotated': { name: 'a' },
    'aws_secretsmanager_secret.static': { name: 'b' },
    'aws_secretsmanager_secret_rotation.r': rotation('aws_secretsmanager_secret.rotated'),
  });
  const findings = runPack(
    m,
    RULES.filter((r) => ids.includes(r.id)),
  ).findings.filter((f) => f.status === 'NON_COMPLIANT');
  expect(findings.map((f) => `${f.level} ${f.ruleId} ${f.address}`)).toEqual([
    'error backup-cluster-selected aws_rds_cluster.b',
    'error backup-copied-to-other-region aws_backup_plan.p',
    'error backup-vault-encrypted-with-cmk aws_backup_vault.euw1',
    'error backup-vault-locked aws_backup_vault.euw1',
    'error iam-app-role-no-secret-read aws_iam_role_policy.p',
    'error secret-rotation-configured aws_secretsmanager_secret.static',
  ]);
});

test('every type a profile relaxes a rule for is one the rule evaluates (a relaxation is never inert)', () => {
  for (const profile of Object.values(PROTECTION_PROFILES)) {
    for (const relaxed of profile.relaxedRules) {
      const rule = byId(relaxed.ruleId);
      expect(rule).toBeDefined();
      expect({
        rule: relaxed.ruleId,
        outside: relaxed.types.filter((t) => rule.resourceTypes === 'all-aws' || !rule.resourceTypes.includes(t)),
      }).toEqual({
        rule: relaxed.ruleId,
        outside: [],
      });
    }
  }
  expect(PROTECTION_PROFILES.destroyable.relaxedRules.find((r) => r.ruleId === 'stateful-prevent-destroy')!.types).toEqual(
    expect.arrayContaining(['aws_backup_vault', 'aws_backup_vault_lock_configuration']),
  );
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
