import { Lb } from '@cdktf/provider-aws/lib/lb';
import { LbTargetGroup } from '@cdktf/provider-aws/lib/lb-target-group';
import { Testing } from 'cdktf';
import { ENVIRONMENTS, Synth, configOf, ref, regionalResources, synthJson, testStack } from './helpers';
import { REGIONS as REGION_TABLE } from '../src/config/regions';
import { EnvironmentConfig } from '../src/config/schema';
import { TLS_POLICY } from '../src/constructs/edge/load-balancer';

const REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1'] as const;

/** Test-only: staging with a Route 53 zone (committed: prod has one, dev and staging do not). */
function stagingWithZone(): EnvironmentConfig {
  const config = configOf('staging');
  config.dns = { zoneId: 'Z0123456789EXAMPLE0', zoneName: 'example.com', recordName: 'app.staging.example.com' };
  return config;
}

describe.each(ENVIRONMENTS)('edge of %s', (env) => {
  const config = configOf(env);
  const stack = testStack(env);
  const synthesized = Testing.synth(stack);
  const synth: Synth = JSON.parse(synthesized);
  const protectedProfile = config.protection === 'protected';

  describe.each(REGIONS)('in %s', (region) => {
    const platform = stack.regions[region]!;
    const [lb] = regionalResources(synth, 'aws_lb', region);
    const [tg] = regionalResources(synth, 'aws_lb_target_group', region);
    const bucketRef = ref(stack, platform.accessLogs.bucket.id);
    const companion = (type: string) => regionalResources(synth, type, region).filter((r) => r.bucket === bucketRef);

    test('an internet-facing ALB in the public subnets with hardened attributes', () => {
      expect(synthesized).toHaveResourceInRegion(Lb, region, {
        name: `platform-${env}-${REGION_TABLE[region].shortCode}`,
        internal: false,
        load_balancer_type: 'application',
        subnets: platform.network.subnetIds('public').map((id) => ref(stack, id)),
        security_groups: [ref(stack, platform.network.securityGroups.loadBalancer.id)],
        drop_invalid_header_fields: true,
        desync_mitigation_mode: 'strictest',
        enable_deletion_protection: protectedProfile,
        access_logs: { bucket: bucketRef, prefix: 'alb', enabled: true },
      });
      expect(regionalResources(synth, 'aws_lb', region)).toHaveLength(1);
    });

    test('load balancer and target group names fit in 32 characters', () => {
      expect(lb.name.length).toBeLessThanOrEqual(32);
      expect(tg.name.length).toBeLessThanOrEqual(32);
    });

    test('the target group checks /health on the application port and drains in 30 s', () => {
      expect(synthesized).toHaveResourceInRegion(LbTargetGroup, region, {
        port: config.compute.appPort,
        protocol: 'HTTP',
        deregistration_delay: '30',
        health_check: expect.objectContaining({ path: '/health', matcher: '200', port: 'traffic-port' }),
      });
    });

    test(`the access-log bucket: versioned, private, SSE-S3, expiring, force_destroy ${!protectedProfile}`, () => {
      const [bucket] = regionalResources(synth, 'aws_s3_bucket', region);
      expect(bucket).toEqual(
        expect.objectContaining({ bucket: `platform-${env}-${region}-alb-logs-${config.accountId}`, force_destroy: !protectedProfile }),
      );
      expect(companion('aws_s3_bucket_versioning')).toEqual([expect.objectContaining({ versioning_configuration: { status: 'Enabled' } })]);
      expect(companion('aws_s3_bucket_public_access_block')).toEqual([
        expect.objectContaining({
          block_public_acls: true,
          block_public_policy: true,
          ignore_public_acls: true,
          restrict_public_buckets: true,
        }),
      ]);
      expect(companion('aws_s3_bucket_server_side_encryption_configuration')).toEqual([
        expect.objectContaining({ rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' } }] }),
      ]);
      expect(companion('aws_s3_bucket_ownership_controls')).toEqual([
        expect.objectContaining({ rule: { object_ownership: 'BucketOwnerEnforced' } }),
      ]);
      expect(companion('aws_s3_bucket_lifecycle_configuration')[0].rule[0]).toMatchObject({
        status: 'Enabled',
        expiration: [{ days: config.logRetentionDays }],
      });
    });

    test("the bucket policy denies plain HTTP and admits only the region's ELB log delivery account", () => {
      const [policy] = companion('aws_s3_bucket_policy');
      const statements = JSON.parse(policy.policy).Statement;
      expect(statements[0]).toMatchObject({
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      });
      expect(statements[1]).toEqual({
        Sid: 'ElbLogDelivery',
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${REGION_TABLE[region].elbLogDeliveryAccount}:root` },
        Action: 's3:PutObject',
        Resource: `${ref(stack, platform.accessLogs.bucket.arn)}/alb/AWSLogs/${config.accountId}/*`,
      });
    });

    // Environments with a zone are covered by 'edge with a hosted zone' below.
    if (!config.dns)
      test('without a zone: one HTTP listener forwarding to the targets, no certificate', () => {
        expect(regionalResources(synth, 'aws_lb_listener', region)).toEqual([
          expect.objectContaining({
            port: 80,
            protocol: 'HTTP',
            default_action: [{ type: 'forward', target_group_arn: ref(stack, platform.loadBalancer.targetGroup.arn) }],
          }),
        ]);
        expect(synth.resource.aws_acm_certificate).toBeUndefined();
        expect(synth.resource.aws_route53_record).toBeUndefined();
      });

    test(`a regional web ACL: rate limit first, then the four AWS managed groups${config.waf.anonymousIpList ? ' and the anonymous-IP group' : ''}, associated and logging`, () => {
      const [acl] = regionalResources(synth, 'aws_wafv2_web_acl', region);
      expect(acl.scope).toBe('REGIONAL');
      expect(acl.default_action).toEqual({ allow: {} });
      expect(acl.rule.map((r: any) => [r.priority, r.name])).toEqual([
        [0, 'rate-limit-per-ip'],
        [10, 'AWSManagedRulesAmazonIpReputationList'],
        [20, 'AWSManagedRulesCommonRuleSet'],
        [30, 'AWSManagedRulesKnownBadInputsRuleSet'],
        [40, 'AWSManagedRulesSQLiRuleSet'],
        // On when configured (prod); its rule is pinned in data-protection.test.ts.
        ...(config.waf.anonymousIpList ? [[50, 'AWSManagedRulesAnonymousIpList']] : []),
      ]);
      expect(acl.rule[0]).toMatchObject({
        action: { block: {} },
        statement: { rate_based_statement: { limit: config.waf.rateLimitPer5Min, aggregate_key_type: 'IP' } },
      });
      for (const rule of acl.rule.slice(1)) {
        expect(rule.override_action).toEqual({ none: {} });
        expect(rule.statement.managed_rule_group_statement.vendor_name).toBe('AWS');
      }
      for (const rule of acl.rule)
        expect(rule.visibility_config).toMatchObject({ cloudwatch_metrics_enabled: true, sampled_requests_enabled: true });
      const waf = platform.webAcl;
      expect(regionalResources(synth, 'aws_wafv2_web_acl_association', region)).toEqual([
        expect.objectContaining({ resource_arn: ref(stack, platform.loadBalancer.lb.arn), web_acl_arn: ref(stack, waf.acl.arn) }),
      ]);
      const group = regionalResources(synth, 'aws_cloudwatch_log_group', region).find((g) => g.name.startsWith('aws-waf-logs-'));
      expect(group).toMatchObject({ name: `aws-waf-logs-platform-${env}-${region}`, kms_key_id: ref(stack, platform.key.arn) });
      expect(regionalResources(synth, 'aws_wafv2_web_acl_logging_configuration', region)).toEqual([
        expect.objectContaining({ resource_arn: ref(stack, waf.acl.arn), log_destination_configs: [ref(stack, waf.logGroup.arn)] }),
      ]);
    });
  });
});

describe.each([
  ['prod (committed)', 'prod', configOf('prod')],
  ['staging (test-only config)', 'staging', stagingWithZone()],
] as const)('edge with a hosted zone: %s', (_name, env, config) => {
  const stack = testStack(env, config);
  const synth = synthJson(stack);

  describe.each(REGIONS)('in %s', (region) => {
    const platform = stack.regions[region]!;
    const lb = platform.loadBalancer;

    test('a DNS-validated certificate for the record name', () => {
      expect(regionalResources(synth, 'aws_acm_certificate', region)).toEqual([
        expect.objectContaining({
          domain_name: config.dns!.recordName,
          validation_method: 'DNS',
          lifecycle: { create_before_destroy: true },
        }),
      ]);
      expect(regionalResources(synth, 'aws_acm_certificate_validation', region)).toHaveLength(1);
    });

    test("validated through the one set of validation records the primary region manages (ACM's CNAME is the same in every region)", () => {
      const shared = stack.regions['us-east-1']!.loadBalancer.validationRecords!;
      const sharedAddress = `aws_route53_record.${shared.friendlyUniqueId}`;
      const [validation] = regionalResources(synth, 'aws_acm_certificate_validation', region);
      expect(validation.depends_on).toEqual([sharedAddress]);
      expect(validation.validation_record_fqdns).toContain(
        `aws_acm_certificate.${lb.certificate!.friendlyUniqueId}.domain_validation_options`,
      );
      const managedHere = regionalResources(synth, 'aws_route53_record', region).filter((r) => r.for_each);
      if (region === 'us-east-1') {
        expect(lb.validationRecords).toBe(shared);
        expect(managedHere).toEqual([
          expect.objectContaining({
            zone_id: config.dns!.zoneId,
            allow_overwrite: true,
            ttl: 300,
            for_each: expect.stringContaining('domain_validation_options'),
          }),
        ]);
      } else {
        expect(lb.validationRecords).toBeUndefined();
        expect(managedHere).toEqual([]);
      }
    });

    test('HTTPS with a TLS 1.2+/1.3 policy forwards; HTTP redirects to HTTPS', () => {
      const listeners = regionalResources(synth, 'aws_lb_listener', region);
      const https = listeners.find((l) => l.port === 443);
      const http = listeners.find((l) => l.port === 80);
      expect(https).toMatchObject({
        protocol: 'HTTPS',
        ssl_policy: TLS_POLICY,
        default_action: [{ type: 'forward', target_group_arn: ref(stack, lb.targetGroup.arn) }],
      });
      expect(https.certificate_arn).toMatch(/^\$\{aws_acm_certificate_validation\./);
      expect(http.default_action).toEqual([{ type: 'redirect', redirect: { protocol: 'HTTPS', port: '443', status_code: 'HTTP_301' } }]);
    });

    test("a latency record aliasing this region's load balancer, with target health and a /health check", () => {
      const dns = stack.dns!;
      const record = Object.values(synth.resource.aws_route53_record!).find((r: any) => r.set_identifier === region);
      expect(record).toMatchObject({
        name: config.dns!.recordName,
        type: 'A',
        zone_id: 'Z0123456789EXAMPLE0',
        latency_routing_policy: { region },
        health_check_id: ref(stack, dns.healthChecks[region]!.id),
        alias: { name: ref(stack, lb.lb.dnsName), zone_id: ref(stack, lb.lb.zoneId), evaluate_target_health: true },
      });
      const check = Object.values(synth.resource.aws_route53_health_check!).find((c: any) => c.fqdn === ref(stack, lb.lb.dnsName));
      expect(check).toMatchObject({ type: 'HTTPS', port: 443, resource_path: '/health', failure_threshold: 3 });
    });
  });
});
