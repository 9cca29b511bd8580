import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Wafv2WebAcl, Wafv2WebAclRule } from '@cdktf/provider-aws/lib/wafv2-web-acl';
import { Wafv2WebAclAssociation } from '@cdktf/provider-aws/lib/wafv2-web-acl-association';
import { Wafv2WebAclLoggingConfiguration } from '@cdktf/provider-aws/lib/wafv2-web-acl-logging-configuration';
import { Construct } from 'constructs';

/** AWS managed rule groups, in evaluation order after the rate limit. */
export const MANAGED_RULE_GROUPS = [
  'AWSManagedRulesAmazonIpReputationList',
  'AWSManagedRulesCommonRuleSet',
  'AWSManagedRulesKnownBadInputsRuleSet',
  'AWSManagedRulesSQLiRuleSet',
] as const;

/** The AWS managed rule group of anonymizing sources (WAF Developer Guide, "IP reputation rule groups"). */
export const ANONYMOUS_IP_RULE_GROUP = 'AWSManagedRulesAnonymousIpList';

export interface WebAclProps {
  readonly provider: AwsProvider;
  /** Regional name prefix; WAF log groups must start with `aws-waf-logs-`. */
  readonly namePrefix: string;
  /** The load balancer to protect. */
  readonly loadBalancerArn: string;
  /** Requests per 5 minutes from one IP before it is blocked. */
  readonly rateLimitPer5Min: number;
  /**
   * Adds AWSManagedRulesAnonymousIpList (50 WCU; the ACL stays under the 1,500 WCU included in the
   * price): requests from VPNs, Tor and proxies are blocked; those from hosting providers only
   * counted, since servers calling the application (webhooks, monitoring) come from them too.
   */
  readonly anonymousIpList: boolean;
  readonly kmsKeyArn: string;
  readonly logRetentionDays: number;
}

/** A regional web ACL on the load balancer: rate limit, AWS managed rules, logs to a CMK-encrypted group. */
export class WebAcl extends Construct {
  readonly acl: Wafv2WebAcl;
  readonly logGroup: CloudwatchLogGroup;
  /** CloudWatch metric names (the `WebACL` and `Rule` dimensions of AWS/WAFV2). */
  readonly metricName: string;
  readonly rateLimitMetricName: string;

  constructor(scope: Construct, id: string, props: WebAclProps) {
    super(scope, id);
    const { provider, namePrefix } = props;
    this.metricName = namePrefix;
    this.rateLimitMetricName = `${namePrefix}-rate-limit`;
    const visibility = (metricName: string) => ({ cloudwatchMetricsEnabled: true, sampledRequestsEnabled: true, metricName });
    // The provider schema nests statements too deeply for cdktf's generated types: `statement` is
    // untyped and passed through as written, so its keys are in Terraform's snake_case.
    // The provider takes longer to plan a web ACL declared this way than any other resource of the
    // stack (1.7 s alone, about 4 s each within prod's plan; README, "Speed, measured"). rule_json
    // took about 5 s off prod's plan but is read back from state, never from AWS, so no plan would
    // show a rule removed in the console (policy rule waf-managed-baseline refuses it).
    const rules: Wafv2WebAclRule[] = [
      {
        name: 'rate-limit-per-ip',
        priority: 0,
        action: { block: {} },
        statement: { rate_based_statement: { limit: props.rateLimitPer5Min, aggregate_key_type: 'IP', evaluation_window_sec: 300 } },
        visibilityConfig: visibility(this.rateLimitMetricName),
      },
      ...MANAGED_RULE_GROUPS.map((name, i) => ({
        name,
        priority: 10 * (i + 1),
        overrideAction: { none: {} },
        statement: { managed_rule_group_statement: { vendor_name: 'AWS', name } },
        visibilityConfig: visibility(`${namePrefix}-${name}`),
      })),
    ];
    if (props.anonymousIpList) {
      rules.push({
        name: ANONYMOUS_IP_RULE_GROUP,
        priority: 10 * (MANAGED_RULE_GROUPS.length + 1),
        overrideAction: { none: {} },
        statement: {
          managed_rule_group_statement: {
            vendor_name: 'AWS',
            name: ANONYMOUS_IP_RULE_GROUP,
            rule_action_override: [{ name: 'HostingProviderIPList', action_to_use: { count: {} } }],
          },
        },
        visibilityConfig: visibility(`${namePrefix}-${ANONYMOUS_IP_RULE_GROUP}`),
      });
    }
    this.acl = new Wafv2WebAcl(this, 'acl', {
      provider,
      name: namePrefix,
      description: `Protects the load balancer of ${namePrefix}`,
      scope: 'REGIONAL',
      defaultAction: { allow: {} },
      rule: rules,
      visibilityConfig: visibility(this.metricName),
    });
    new Wafv2WebAclAssociation(this, 'association', { provider, resourceArn: props.loadBalancerArn, webAclArn: this.acl.arn });

    this.logGroup = new CloudwatchLogGroup(this, 'log-group', {
      provider,
      name: `aws-waf-logs-${namePrefix}`,
      retentionInDays: props.logRetentionDays,
      kmsKeyId: props.kmsKeyArn,
    });
    new Wafv2WebAclLoggingConfiguration(this, 'logging', {
      provider,
      resourceArn: this.acl.arn,
      logDestinationConfigs: [this.logGroup.arn],
      // Credentials and sessions stay out of the logs.
      redactedFields: [{ singleHeader: { name: 'authorization' } }, { singleHeader: { name: 'cookie' } }],
    });
  }
}
