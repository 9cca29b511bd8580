import { AcmCertificate } from '@cdktf/provider-aws/lib/acm-certificate';
import { AcmCertificateValidation } from '@cdktf/provider-aws/lib/acm-certificate-validation';
import { Lb } from '@cdktf/provider-aws/lib/lb';
import { LbListener } from '@cdktf/provider-aws/lib/lb-listener';
import { LbTargetGroup } from '@cdktf/provider-aws/lib/lb-target-group';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Route53Record } from '@cdktf/provider-aws/lib/route53-record';
import { TerraformIterator } from 'cdktf';
import { Construct } from 'constructs';
import { LB_NAME_MAX } from '../../config/schema';
import { suppressRule } from '../../policy/suppressions';
import { ACCESS_LOG_PREFIX, AccessLogBucket } from './access-log-bucket';

/** TLS 1.3 with TLS 1.2 fallback, forward-secret ciphers only. */
export const TLS_POLICY = 'ELBSecurityPolicy-TLS13-1-2-2021-06';

export { LB_NAME_MAX };

export interface PublicDns {
  readonly zoneId: string;
  /** The name clients use, e.g. `app.example.com`; the certificate is issued for it. */
  readonly recordName: string;
  /**
   * The DNS validation records another region's load balancer already manages for the same
   * name. ACM asks for the same CNAME for a domain in every region of an account, so one record
   * serves every region's certificate and is managed once.
   * @default - this load balancer creates the records
   */
  readonly sharedValidationRecords?: Route53Record;
}

export interface LoadBalancerProps {
  readonly provider: AwsProvider;
  /** Load balancer name, at most 32 characters; the target group adds `-<port>`. */
  readonly name: string;
  readonly vpcId: string;
  /** Public subnets, one per AZ. */
  readonly subnetIds: string[];
  readonly securityGroupId: string;
  readonly appPort: number;
  readonly deletionProtection: boolean;
  readonly accessLogs: AccessLogBucket;
  /** With a zone: a validated certificate, HTTPS, and HTTP redirected to HTTPS. */
  readonly dns?: PublicDns;
}

/**
 * The internet-facing Application Load Balancer of a region: hardened attributes, access logs,
 * a target group checking `/health`, and listeners (HTTPS with a zone, else HTTP).
 */
export class LoadBalancer extends Construct {
  readonly lb: Lb;
  readonly targetGroup: LbTargetGroup;
  readonly listeners: Readonly<Record<'http' | 'https', LbListener | undefined>>;
  readonly certificate?: AcmCertificate;
  /** The validation records, when this load balancer manages them (see PublicDns.sharedValidationRecords). */
  readonly validationRecords?: Route53Record;

  constructor(scope: Construct, id: string, props: LoadBalancerProps) {
    super(scope, id);
    const { provider } = props;
    const targetGroupName = `${props.name}-${props.appPort}`;
    const tooLong = [props.name, targetGroupName].filter((n) => n.length > LB_NAME_MAX);
    if (tooLong.length > 0) {
      throw new Error(
        `LoadBalancer ${this.node.path}: names longer than ${LB_NAME_MAX} characters: ${tooLong.map((n) => `${n} (${n.length})`).join(', ')}`,
      );
    }

    this.lb = new Lb(this, 'lb', {
      provider,
      name: props.name,
      internal: false,
      loadBalancerType: 'application',
      securityGroups: [props.securityGroupId],
      subnets: props.subnetIds,
      dropInvalidHeaderFields: true,
      desyncMitigationMode: 'strictest',
      enableDeletionProtection: props.deletionProtection,
      enableHttp2: true,
      idleTimeout: 60,
      accessLogs: { bucket: props.accessLogs.bucket.id, prefix: ACCESS_LOG_PREFIX, enabled: true },
      // The bucket policy must admit log delivery before the load balancer checks it.
      dependsOn: [props.accessLogs.policy],
    });

    this.targetGroup = new LbTargetGroup(this, 'targets', {
      provider,
      name: targetGroupName,
      port: props.appPort,
      protocol: 'HTTP',
      targetType: 'instance',
      vpcId: props.vpcId,
      deregistrationDelay: '30',
      healthCheck: {
        enabled: true,
        path: '/health',
        port: 'traffic-port',
        protocol: 'HTTP',
        matcher: '200',
        interval: 15,
        timeout: 5,
        healthyThreshold: 2,
        unhealthyThreshold: 3,
      },
      // The port is in the name, so a new port makes a new group before the old one goes. The
      // other replacement-forcing inputs (protocol, target type, VPC) are fixed here; make them
      // part of the name too before making any of them configurable.
      lifecycle: { createBeforeDestroy: true },
    });
    const forward = [{ type: 'forward', targetGroupArn: this.targetGroup.arn }];

    if (!props.dns) {
      // Exception to "HTTPS only": without a hosted zone no certificate can be validated, so the
      // listener serves plain HTTP. Configure `dns` in the environment file to get HTTPS.
      const http = new LbListener(this, 'http', {
        provider,
        loadBalancerArn: this.lb.arn,
        port: 80,
        protocol: 'HTTP',
        defaultAction: forward,
      });
      suppressRule(
        http,
        'listener-https-or-redirect',
        'no hosted zone is configured (dns unset), so no certificate can be validated: plain HTTP until dns is set',
      );
      this.listeners = { http, https: undefined };
      return;
    }

    this.certificate = new AcmCertificate(this, 'certificate', {
      provider,
      domainName: props.dns.recordName,
      validationMethod: 'DNS',
      lifecycle: { createBeforeDestroy: true },
    });
    // Keyed by domain name, so the for_each keys are known at plan time.
    const options = TerraformIterator.fromComplexList(this.certificate.domainValidationOptions, 'domain_name');
    const records =
      props.dns.sharedValidationRecords ??
      new Route53Record(this, 'validation-record', {
        provider,
        forEach: options,
        zoneId: props.dns.zoneId,
        name: options.getString('resource_record_name'),
        type: options.getString('resource_record_type'),
        records: [options.getString('resource_record_value')],
        ttl: 300,
        // Adopts a record a certificate of this account made before (ACM reuses it per domain).
        allowOverwrite: true,
      });
    if (!props.dns.sharedValidationRecords) this.validationRecords = records;
    const validation = new AcmCertificateValidation(this, 'validation', {
      provider,
      certificateArn: this.certificate.arn,
      validationRecordFqdns: options.pluckProperty('resource_record_name') as unknown as string[],
      dependsOn: [records],
    });
    this.listeners = {
      https: new LbListener(this, 'https', {
        provider,
        loadBalancerArn: this.lb.arn,
        port: 443,
        protocol: 'HTTPS',
        sslPolicy: TLS_POLICY,
        certificateArn: validation.certificateArn,
        defaultAction: forward,
      }),
      http: new LbListener(this, 'http', {
        provider,
        loadBalancerArn: this.lb.arn,
        port: 80,
        protocol: 'HTTP',
        defaultAction: [{ type: 'redirect', redirect: { protocol: 'HTTPS', port: '443', statusCode: 'HTTP_301' } }],
      }),
    };
  }

  /** `<lb arn suffix>/<target group arn suffix>`: the ALBRequestCountPerTarget resource label. */
  get requestCountResourceLabel(): string {
    return `${this.lb.arnSuffix}/${this.targetGroup.arnSuffix}`;
  }
}
