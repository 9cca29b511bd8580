import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { Construct } from 'constructs';

export const POSTGRES_PORT = 5432;
const ANYWHERE = '0.0.0.0/0';

export interface TierSecurityGroupsProps {
  readonly provider: AwsProvider;
  readonly vpcId: string;
  readonly namePrefix: string;
  /** Port the application instances listen on. */
  readonly appPort: number;
}

/**
 * The chain load balancer -> application -> database. Each group admits only the tier before it,
 * and sends only to the tier after it (the application also to HTTPS for AWS APIs and packages).
 * Nothing listens on 22 or 3389: instances are reached with SSM Session Manager.
 * Rules are separate resources (one per rule) so a change to one never rewrites the others.
 */
export class TierSecurityGroups extends Construct {
  readonly loadBalancer: SecurityGroup;
  readonly application: SecurityGroup;
  readonly database: SecurityGroup;

  constructor(scope: Construct, id: string, props: TierSecurityGroupsProps) {
    super(scope, id);
    const { provider, vpcId, namePrefix, appPort } = props;
    const group = (gid: string, description: string) =>
      new SecurityGroup(this, gid, {
        provider,
        vpcId,
        name: `${namePrefix}-${gid}`,
        description,
        // Terraform removes the default allow-all egress rule of a new group: the rules below are all there is.
        tags: { Name: `${namePrefix}-${gid}` },
      });
    this.loadBalancer = group('alb', 'Load balancer: HTTP and HTTPS from the internet');
    this.application = group('app', 'Application instances: traffic from the load balancer only');
    this.database = group('db', 'Aurora PostgreSQL: connections from the application only');

    const rule =
      (Rule: typeof VpcSecurityGroupIngressRule | typeof VpcSecurityGroupEgressRule) =>
      (rid: string, sg: SecurityGroup, port: number, peer: { cidr?: string; group?: SecurityGroup }, description: string) =>
        new Rule(this, rid, {
          provider,
          securityGroupId: sg.id,
          ipProtocol: 'tcp',
          fromPort: port,
          toPort: port,
          cidrIpv4: peer.cidr,
          referencedSecurityGroupId: peer.group?.id,
          description,
        });
    const ingress = rule(VpcSecurityGroupIngressRule);
    const egress = rule(VpcSecurityGroupEgressRule);

    // The only ingress from the internet in the whole platform: the load balancer's listeners.
    ingress(
      'alb-http-in',
      this.loadBalancer,
      80,
      { cidr: ANYWHERE },
      'HTTP from the internet (redirected to HTTPS when a zone is configured)',
    );
    ingress('alb-https-in', this.loadBalancer, 443, { cidr: ANYWHERE }, 'HTTPS from the internet');
    egress('alb-to-app', this.loadBalancer, appPort, { group: this.application }, 'Forward and health checks to the application');

    ingress('app-from-alb', this.application, appPort, { group: this.loadBalancer }, 'Traffic and health checks from the load balancer');
    // AWS APIs (SSM, CloudWatch, Secrets Manager) through NAT or endpoints, and OS packages over HTTPS.
    egress('app-https-out', this.application, 443, { cidr: ANYWHERE }, 'HTTPS to AWS APIs and package repositories');
    egress('app-to-db', this.application, POSTGRES_PORT, { group: this.database }, 'PostgreSQL to the database');

    ingress('db-from-app', this.database, POSTGRES_PORT, { group: this.application }, 'PostgreSQL from the application');
    // The database group has no egress rule: Aurora needs none, replication is AWS-managed.
  }
}
