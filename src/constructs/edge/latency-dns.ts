import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Route53HealthCheck } from '@cdktf/provider-aws/lib/route53-health-check';
import { Route53Record } from '@cdktf/provider-aws/lib/route53-record';
import { Construct } from 'constructs';
import { PublicDns } from './load-balancer';

export interface RegionalEndpoint {
  /** The load balancer's DNS name and hosted zone. */
  readonly dnsName: string;
  readonly zoneId: string;
}

export interface LatencyDnsProps {
  /** Any provider: Route 53 is global. */
  readonly provider: AwsProvider;
  readonly dns: PublicDns;
  /** Region -> its load balancer. */
  readonly endpoints: Readonly<Record<string, RegionalEndpoint>>;
  /** Prefix for the health checks' Name tags. */
  readonly namePrefix: string;
  /**
   * Regions taken out of DNS: no latency record (their health check stays, for monitoring).
   * @default - every region serves
   */
  readonly fencedRegions?: readonly string[];
}

/**
 * One name for all regions: a latency record per region aliasing its load balancer, with a
 * Route 53 health check on `/health`. Clients get the nearest healthy region.
 */
export class LatencyDns extends Construct {
  readonly healthChecks: Readonly<Record<string, Route53HealthCheck>>;
  readonly records: Readonly<Record<string, Route53Record>>;

  constructor(scope: Construct, id: string, props: LatencyDnsProps) {
    super(scope, id);
    const healthChecks: Record<string, Route53HealthCheck> = {};
    const records: Record<string, Route53Record> = {};
    for (const [region, endpoint] of Object.entries(props.endpoints)) {
      healthChecks[region] = new Route53HealthCheck(this, `health-${region}`, {
        provider: props.provider,
        type: 'HTTPS',
        fqdn: endpoint.dnsName,
        port: 443,
        resourcePath: '/health',
        requestInterval: 30,
        failureThreshold: 3,
        measureLatency: true,
        tags: { Name: `${props.namePrefix}-${region}` },
      });
      if (props.fencedRegions?.includes(region)) continue;
      records[region] = new Route53Record(this, `latency-${region}`, {
        provider: props.provider,
        zoneId: props.dns.zoneId,
        name: props.dns.recordName,
        type: 'A',
        setIdentifier: region,
        latencyRoutingPolicy: { region },
        healthCheckId: healthChecks[region].id,
        alias: { name: endpoint.dnsName, zoneId: endpoint.zoneId, evaluateTargetHealth: true },
      });
    }
    this.healthChecks = healthChecks;
    this.records = records;
  }
}
