import { Rule, check } from '../rule';

/**
 * Source: AWS WAF Developer Guide, "Sending web ACL traffic logs to an Amazon CloudWatch Logs log
 * group" (the group's name must start with aws-waf-logs-; give its ARN without `:*`).
 */
export const rule: Rule = {
  id: 'apply-waf-log-destination',
  description:
    'WAF logs go to a log group named aws-waf-logs-*, given by its ARN without ":*". Source: AWS WAF Developer Guide, logging to CloudWatch Logs.',
  resourceTypes: ['aws_wafv2_web_acl_logging_configuration'],
  evaluate(logging, model) {
    const groups = (logging.references.log_destination_configs ?? [])
      .map((a) => model.resources.find((r) => r.address === a))
      .filter((r) => r?.type === 'aws_cloudwatch_log_group');
    const literal = [logging.values.log_destination_configs ?? []]
      .flat()
      .filter((d: unknown) => typeof d === 'string' && !d.includes('${'));
    const badNames = groups.filter((g) => typeof g!.values.name === 'string' && !g!.values.name.startsWith('aws-waf-logs-'));
    const badLiterals = literal.filter(
      (d: string) => d.endsWith(':*') || (d.includes(':log-group:') && !d.includes(':log-group:aws-waf-logs-')),
    );
    return check(
      badNames.length === 0 && badLiterals.length === 0,
      `WAF rejects the destination ${[...badNames.map((g) => g!.values.name), ...badLiterals].join(', ')}: the log group's name must start with aws-waf-logs- and its ARN must not end in :*`,
    );
  },
};
