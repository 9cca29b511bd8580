import { AcmCertificate } from '@cdktf/provider-aws/lib/acm-certificate';
import { AcmCertificateValidation } from '@cdktf/provider-aws/lib/acm-certificate-validation';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { Lb } from '@cdktf/provider-aws/lib/lb';
import { LbListener } from '@cdktf/provider-aws/lib/lb-listener';
import { LbTargetGroup } from '@cdktf/provider-aws/lib/lb-target-group';
import { Route53HealthCheck } from '@cdktf/provider-aws/lib/route53-health-check';
import { Route53Record } from '@cdktf/provider-aws/lib/route53-record';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { Wafv2WebAcl } from '@cdktf/provider-aws/lib/wafv2-web-acl';
import { Wafv2WebAclAssociation } from '@cdktf/provider-aws/lib/wafv2-web-acl-association';
import { Wafv2WebAclLoggingConfiguration } from '@cdktf/provider-aws/lib/wafv2-web-acl-logging-configuration';
import { Testing } from 'cdktf';
import { ENVIRONMENTS, Synth, configOf, ref, regionalResources, subnetRefs, testStack } from './helpers';
import { REGIONS as REGION_TABLE } from '../src/config/regions';
import { EnvironmentConfig, EnvironmentName } from '../src/config/schema';
import { TLS_POLICY } from '../src/constructs/edge/load-balancer';

const REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1'] as const;

/** Test-only: staging with a Route 53 zone (committed: prod has one, dev and staging do not). */
function stagingWithZone(): EnvironmentConfig {
  const config = configOf('staging');
  config.dns = { zoneId: 'Z0123456789EXAMPLE0', zoneName: 'example.com', recordName: 'app.staging.example.com' };
  return config;
}

function synthesize(env: EnvironmentName, config?: EnvironmentConfig) {
  const stack = testStack(env, config);
  return { stack, synthesized: Testing.synth(stack) };
}

/** One stack and one synth per environment, shared by the file. */
const built = Object.fromEntries(ENVIRONMENTS.map((env) => [env, synthesize(env)]));

describe.each(ENVIRONMENTS)('edge of %s', (env) => {
  const config = configOf(env);
  const { stack, synthesized } = built[env]!;
  const synth: Synth = JSON.parse(synthesized);
  const protectedProfile = config.protection === 'protected';

  describe.each(REGIONS)('in %s', (region) => {
    const platform = stack.regions[region]!;
    const bucketRef = ref(stack, platform.accessLogs.bucket.id);
    const companion = (type: string) => regionalResources(synth, type, region).filter((r) => r.bucket === bucketRef);

    test('an internet-facing ALB in the public subnets with hardened attributes', () => {
      expect(synthesized).toHaveResourceInRegion(Lb, region, {
        name: `platform-${env}-${REGION_TABLE[region].shortCode}`,
        internal: false,
        load_balancer_type: 'application',
        subnets: subnetRefs(stack, config, region, 'public'),
        security_groups: [ref(stack, platform.network.securityGroups.loadBalancer.id)],
        drop_invalid_header_fields: true,
        desync_mitigation_mode: 'strictest',
        enable_deletion_protection: protectedProfile,
        access_logs: { bucket: bucketRef, prefix: 'alb', enabled: true },
      });
      expect(regionalResources(synth, 'aws_lb', region)).toHaveLength(1);
    });

    test('load balancer and target group names fit in 32 characters', () => {
      const fits = expect.stringMatching(/^.{1,32}$/);
      expect(synthesized).toHaveResourceInRegion(Lb, region, { name: fits });
      expect(synthesized).toHaveResourceInRegion(LbTargetGroup, region, { name: fits });
      // The only ones in the region.
      expect(regionalResources(synth, 'aws_lb', region)).toHaveLength(1);
      expect(regionalResources(synth, 'aws_lb_target_group', region)).toHaveLength(1);
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
      expect(synthesized).toHaveResourceInRegion(S3Bucket, region, {
        bucket: `platform-${env}-${region}-alb-logs-${config.accountId}`,
        force_destroy: !protectedProfile,
      });
      expect(synthesized).toHaveResourceInRegion(S3BucketVersioningA, region, {
        bucket: bucketRef,
        versioning_configuration: { status: 'Enabled' },
      });
      expect(synthesized).toHaveResourceInRegion(S3BucketPublicAccessBlock, region, {
        bucket: bucketRef,
        block_public_acls: true,
        block_public_policy: true,
        ignore_public_acls: true,
        restrict_public_buckets: true,
      });
      expect(synthesized).toHaveResourceInRegion(S3BucketServerSideEncryptionConfigurationA, region, {
        bucket: bucketRef,
        rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' } }],
      });
      expect(synthesized).toHaveResourceInRegion(S3BucketOwnershipControls, region, {
        bucket: bucketRef,
        rule: { object_ownership: 'BucketOwnerEnforced' },
      });
      // One of each for the bucket: a second could undo the first.
      for (const companionType of [
        S3BucketVersioningA,
        S3BucketPublicAccessBlock,
        S3BucketServerSideEncryptionConfigurationA,
        S3BucketOwnershipControls,
      ]) {
        expect(companion(companionType.tfResourceType)).toHaveLength(1);
      }
      // One rule, and it expires the logs.
      expect(synthesized).toHaveResourceInRegion(S3BucketLifecycleConfiguration, region, {
        bucket: bucketRef,
        rule: [expect.objectContaining({ status: 'Enabled', expiration: [expect.objectContaining({ days: config.logRetentionDays })] })],
      });
    });

    test("the bucket policy denies plain HTTP and admits only the region's ELB log delivery account", () => {
      const [policy] = companion('aws_s3_bucket_policy');
      const statements = JSON.parse(policy.policy).Statement;
      const bucketArn = ref(stack, platform.accessLogs.bucket.arn);
      expect(statements).toEqual([
        {
          Sid: 'DenyInsecureTransport',
          Effect: 'Deny',
          Principal: '*',
          Action: 's3:*',
          Resource: [bucketArn, `${bucketArn}/*`],
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        },
        {
          Sid: 'ElbLogDelivery',
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${REGION_TABLE[region].elbLogDeliveryAccount}:root` },
          Action: 's3:PutObject',
          Resource: `${bucketArn}/alb/AWSLogs/${config.accountId}/*`,
        },
      ]);
    });

    // Environments with a zone are covered by 'edge with a hosted zone' below.
    if (!config.dns)
      test('without a zone: one HTTP listener forwarding to the targets, no certificate', () => {
        expect(synthesized).toHaveResourceInRegion(LbListener, region, {
          port: 80,
          protocol: 'HTTP',
          default_action: [{ type: 'forward', target_group_arn: ref(stack, platform.loadBalancer.targetGroup.arn) }],
        });
        expect(regionalResources(synth, 'aws_lb_listener', region)).toHaveLength(1);
        expect(synthesized).not.toHaveResource(AcmCertificate);
        expect(synthesized).not.toHaveResource(Route53Record);
      });

    test(`a regional web ACL: rate limit first, then the four AWS managed groups${config.waf.anonymousIpList ? ' and the anonymous-IP group' : ''}, associated and logging`, () => {
      const visibility_config = expect.objectContaining({ cloudwatch_metrics_enabled: true, sampled_requests_enabled: true });
      // The statement exactly: another group, a scope-down or an action override fails here.
      const managed = (priority: number, name: string, overrides: object = {}) =>
        expect.objectContaining({
          priority,
          name,
          override_action: { none: {} },
          statement: { managed_rule_group_statement: { name, vendor_name: 'AWS', ...overrides } },
          visibility_config,
        });
      // The rules, exactly and in this order (an array matches element by element).
      expect(synthesized).toHaveResourceInRegion(Wafv2WebAcl, region, {
        scope: 'REGIONAL',
        default_action: { allow: {} },
        rule: [
          expect.objectContaining({
            priority: 0,
            name: 'rate-limit-per-ip',
            action: { block: {} },
            statement: {
              rate_based_statement: { limit: config.waf.rateLimitPer5Min, aggregate_key_type: 'IP', evaluation_window_sec: 300 },
            },
            visibility_config,
          }),
          managed(10, 'AWSManagedRulesAmazonIpReputationList'),
          managed(20, 'AWSManagedRulesCommonRuleSet'),
          managed(30, 'AWSManagedRulesKnownBadInputsRuleSet'),
          managed(40, 'AWSManagedRulesSQLiRuleSet'),
          // On when configured (prod); data-protection.test.ts says why hosting-provider IPs are only counted.
          ...(config.waf.anonymousIpList
            ? [
                managed(50, 'AWSManagedRulesAnonymousIpList', {
                  rule_action_override: [{ name: 'HostingProviderIPList', action_to_use: { count: {} } }],
                }),
              ]
            : []),
        ],
      });
      expect(regionalResources(synth, 'aws_wafv2_web_acl', region)).toHaveLength(1);
      const waf = platform.webAcl;
      expect(synthesized).toHaveResourceInRegion(Wafv2WebAclAssociation, region, {
        resource_arn: ref(stack, platform.loadBalancer.lb.arn),
        web_acl_arn: ref(stack, waf.acl.arn),
      });
      expect(regionalResources(synth, 'aws_wafv2_web_acl_association', region)).toHaveLength(1);
      expect(synthesized).toHaveResourceInRegion(CloudwatchLogGroup, region, {
        name: `aws-waf-logs-platform-${env}-${region}`,
        kms_key_id: ref(stack, platform.key.arn),
      });
      const wafLogGroups = regionalResources(synth, 'aws_cloudwatch_log_group', region).filter((g) => g.name.startsWith('aws-waf-logs-'));
      expect(wafLogGroups).toHaveLength(1);
      expect(synthesized).toHaveResourceInRegion(Wafv2WebAclLoggingConfiguration, region, {
        resource_arn: ref(stack, waf.acl.arn),
        log_destination_configs: [ref(stack, waf.logGroup.arn)],
      });
      expect(regionalResources(synth, 'aws_wafv2_web_acl_logging_configuration', region)).toHaveLength(1);
    });
  });
});

const zoned = stagingWithZone();

describe.each([
  ['prod (committed)', configOf('prod'), built.prod!],
  ['staging (test-only config)', zoned, synthesize('staging', zoned)],
] as const)('edge with a hosted zone: %s', (_name, config, { stack, synthesized }) => {
  const synth: Synth = JSON.parse(synthesized);

  describe.each(REGIONS)('in %s', (region) => {
    const platform = stack.regions[region]!;
    const lb = platform.loadBalancer;

    test('a DNS-validated certificate for the record name', () => {
      expect(synthesized).toHaveResourceInRegion(AcmCertificate, region, {
        domain_name: config.dns!.recordName,
        validation_method: 'DNS',
        lifecycle: { create_before_destroy: true },
      });
      expect(regionalResources(synth, 'aws_acm_certificate', region)).toHaveLength(1);
      expect(regionalResources(synth, 'aws_acm_certificate_validation', region)).toHaveLength(1);
    });

    test("validated through the one set of validation records the primary region manages (ACM's CNAME is the same in every region)", () => {
      const shared = stack.regions['us-east-1']!.loadBalancer.validationRecords!;
      expect(synthesized).toHaveResourceInRegion(AcmCertificateValidation, region, {
        depends_on: [`aws_route53_record.${shared.friendlyUniqueId}`],
        validation_record_fqdns: expect.stringContaining(
          `aws_acm_certificate.${lb.certificate!.friendlyUniqueId}.domain_validation_options`,
        ),
      });
      // The records: one for_each set, managed in us-east-1 and in no other region.
      const primary = region === 'us-east-1';
      expect(lb.validationRecords).toBe(primary ? shared : undefined);
      expect(synthesized).toHaveResourceInRegion(Route53Record, 'us-east-1', {
        zone_id: config.dns!.zoneId,
        allow_overwrite: true,
        ttl: 300,
        for_each: expect.stringContaining('domain_validation_options'),
      });
      expect(regionalResources(synth, 'aws_route53_record', region).filter((r) => r.for_each)).toHaveLength(primary ? 1 : 0);
    });

    test('HTTPS with a TLS 1.2+/1.3 policy forwards; HTTP redirects to HTTPS', () => {
      expect(synthesized).toHaveResourceInRegion(LbListener, region, {
        port: 443,
        protocol: 'HTTPS',
        ssl_policy: TLS_POLICY,
        certificate_arn: expect.stringMatching(/^\$\{aws_acm_certificate_validation\./),
        default_action: [expect.objectContaining({ type: 'forward', target_group_arn: ref(stack, lb.targetGroup.arn) })],
      });
      expect(synthesized).toHaveResourceInRegion(LbListener, region, {
        port: 80,
        default_action: [{ type: 'redirect', redirect: { protocol: 'HTTPS', port: '443', status_code: 'HTTP_301' } }],
      });
      // One listener on each port, and no other.
      const ports = regionalResources(synth, 'aws_lb_listener', region).map((l) => l.port);
      expect(ports.sort((a, b) => a - b)).toEqual([80, 443]);
    });

    test("a latency record aliasing this region's load balancer, with target health and a /health check", () => {
      const dns = stack.dns!;
      expect(synthesized).toHaveResourceWithProperties(Route53Record, {
        set_identifier: region,
        name: config.dns!.recordName,
        type: 'A',
        zone_id: 'Z0123456789EXAMPLE0',
        latency_routing_policy: expect.objectContaining({ region }),
        health_check_id: ref(stack, dns.healthChecks[region]!.id),
        alias: expect.objectContaining({
          name: ref(stack, lb.lb.dnsName),
          zone_id: ref(stack, lb.lb.zoneId),
          evaluate_target_health: true,
        }),
      });
      expect(synthesized).toHaveResourceWithProperties(Route53HealthCheck, {
        fqdn: ref(stack, lb.lb.dnsName),
        type: 'HTTPS',
        port: 443,
        resource_path: '/health',
        failure_threshold: 3,
      });
    });
  });
});
