import { TerraformOutput } from 'cdktf';
import { Construct } from 'constructs';
import { DatabaseSecret } from '../constructs/data/database-secret';
import { GlobalDatabase } from '../constructs/global/global-database';
import { RegionalPlatform } from '../constructs/regional-platform';

/** Output names: a contract with CI jobs that run `terraform output -json`. */
export const OUTPUTS = {
  loadBalancerDnsName: 'load_balancer_dns_name',
  dashboardUrl: 'dashboard_url',
  alarmTopicArn: 'alarm_topic_arn',
  databaseWriterEndpoint: 'database_writer_endpoint',
  databaseSecretArn: 'database_secret_arn',
  databaseEndpoint: 'database_endpoint',
} as const;

export interface PlatformOutputsProps {
  /** Region name -> regional construct; the first is the primary. */
  readonly regions: Readonly<Record<string, RegionalPlatform>>;
  readonly primaryRegion: string;
  readonly globalDatabase?: GlobalDatabase;
  readonly databaseSecret?: DatabaseSecret;
}

/**
 * Per-region values as maps keyed by region (`terraform output -json load_balancer_dns_name`
 * gives `{"us-east-1": "...", ...}`), and the database's writer endpoint and secret: the global
 * ones for a global database, the primary region's cluster ones otherwise.
 */
export class PlatformOutputs extends Construct {
  constructor(scope: Construct, id: string, props: PlatformOutputsProps) {
    super(scope, id);
    const perRegion = (name: string, description: string, value: (p: RegionalPlatform) => string) => {
      const output = new TerraformOutput(this, name, {
        description,
        value: Object.fromEntries(Object.entries(props.regions).map(([region, p]) => [region, value(p)])),
      });
      output.overrideLogicalId(name);
    };
    perRegion(OUTPUTS.loadBalancerDnsName, 'Load balancer DNS name per region', (p) => p.loadBalancer.lb.dnsName);
    perRegion(OUTPUTS.dashboardUrl, 'CloudWatch dashboard URL per region', (p) => p.dashboard.url);
    perRegion(OUTPUTS.alarmTopicArn, 'Alarm topic ARN per region', (p) => p.alarmTopic.topic.arn);
    perRegion(
      OUTPUTS.databaseEndpoint,
      "The database endpoint that works in each region, for that region's applications: the writer's cluster endpoint where the writer is, a secondary's reader endpoint elsewhere (writes are forwarded)",
      (p) => p.database.applicationEndpoint,
    );

    const primary = props.regions[props.primaryRegion]!.database.cluster;
    const single = (name: string, description: string, value: string) =>
      new TerraformOutput(this, name, { description, value }).overrideLogicalId(name);
    single(
      OUTPUTS.databaseWriterEndpoint,
      'Writer endpoint of the database (the global writer endpoint for a global database)',
      props.globalDatabase ? props.globalDatabase.globalCluster.endpoint : primary.endpoint,
    );
    single(
      OUTPUTS.databaseSecretArn,
      "ARN of the database's master secret (primary region; replicas share its name)",
      props.databaseSecret ? props.databaseSecret.arn : primary.masterUserSecret.get(0).secretArn,
    );
  }
}
