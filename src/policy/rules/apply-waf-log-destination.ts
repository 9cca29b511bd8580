import { Rule, check } from '../rule';

/**
 * Sources: AWS WAF Developer Guide, "Sending web ACL traffic logs to an Amazon CloudWatch Logs log
 * group" (give the group's ARN without `:*`); AWS WAF API Reference, LoggingConfiguration ("The
 * name that you give the destination must start with aws-waf-logs-": a log group, an S3 bucket or
 * a Firehose stream).
 */

/** Destination types and the attribute holding the name WAF checks. */
const NAMED: Record<string, string> = {
  aws_cloudwatch_log_group: 'name',
  aws_s3_bucket: 'bucket',
  aws_kinesis_firehose_delivery_stream: 'name',
};
export const rule: Rule = {
  id: 'apply-waf-log-destination',
  description:
    'WAF logs go to a destination named aws-waf-logs-* (log group, bucket or Firehose stream), a log group given by its ARN without ":*". Sources: AWS WAF Developer Guide and API Reference (LoggingConfiguration).',
  resourceTypes: ['aws_wafv2_web_acl_logging_configuration'],
  evaluate(logging, model) {
    const destinations = (logging.references.log_destination_configs ?? [])
      .map((a) => model.resources.find((r) => r.address === a))
      .filter((r) => r !== undefined && r.type in NAMED);
    const strings = [logging.values.log_destination_configs ?? []].flat().filter((d: unknown) => typeof d === 'string') as string[];
    const badNames = destinations
      .map((d) => d!.values[NAMED[d!.type]!])
      .filter((name) => typeof name === 'string' && !name.startsWith('aws-waf-logs-'));
    // `:*` is wrong after a literal ARN and after a reference alike (`${aws_cloudwatch_log_group.g.arn}:*`).
    const badStrings = strings.filter(
      (d) =>
        d.endsWith(':*') ||
        (!d.includes('${') && /:(log-group:|deliverystream\/|::)/.test(d) && !/:(log-group:|deliverystream\/|::)aws-waf-logs-/.test(d)),
    );
    return check(
      badNames.length === 0 && badStrings.length === 0,
      `WAF rejects the destination ${[...badNames, ...badStrings].join(', ')}: its name (log group, bucket or Firehose stream) must start with aws-waf-logs- and a log group's ARN must not end in :*`,
    );
  },
};
