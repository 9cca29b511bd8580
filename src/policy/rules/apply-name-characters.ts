import { S3_BUCKET_NAME } from '../../config/schema';
import { Rule, check, notApplicable } from '../rule';

/** Name attribute, the characters AWS allows, and the source, per resource type. */
export const NAME_PATTERNS: Record<string, { attribute: string; pattern: RegExp; allowed: string; source: string }> = {
  aws_lb: {
    attribute: 'name',
    pattern: /^(?!internal-)[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/,
    allowed: 'letters, digits and hyphens, not starting or ending with a hyphen, not starting with internal-',
    source: 'ELB API Reference, CreateLoadBalancer Name',
  },
  aws_lb_target_group: {
    attribute: 'name',
    pattern: /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/,
    allowed: 'letters, digits and hyphens, not starting or ending with a hyphen',
    source: 'ELB API Reference, CreateTargetGroup Name',
  },
  aws_iam_role: {
    attribute: 'name',
    pattern: /^[\w+=,.@-]+$/,
    allowed: 'letters, digits and +=,.@_-',
    source: 'IAM User Guide, IAM name requirements',
  },
  aws_iam_instance_profile: {
    attribute: 'name',
    pattern: /^[\w+=,.@-]+$/,
    allowed: 'letters, digits and +=,.@_-',
    source: 'IAM User Guide, IAM name requirements',
  },
  aws_sns_topic: {
    attribute: 'name',
    pattern: /^[A-Za-z0-9_-]+(\.fifo)?$/,
    allowed: 'letters, digits, _ and -',
    source: 'SNS API Reference, CreateTopic Name',
  },
  aws_cloudwatch_log_group: {
    attribute: 'name',
    pattern: /^[.\-_/#A-Za-z0-9]+$/,
    allowed: 'letters, digits and ._-/#',
    source: 'CloudWatch Logs API Reference, CreateLogGroup',
  },
  aws_cloudwatch_dashboard: {
    attribute: 'dashboard_name',
    pattern: /^[A-Za-z0-9_-]+$/,
    allowed: 'letters, digits, _ and -',
    source: 'CloudWatch API Reference, PutDashboard',
  },
  aws_security_group: {
    attribute: 'name',
    pattern: /^(?!sg-).+$/,
    allowed: 'any name not starting with sg-',
    source: 'EC2 API Reference, CreateSecurityGroup GroupName',
  },
  aws_secretsmanager_secret: {
    attribute: 'name',
    pattern: /^[A-Za-z0-9/_+=.@-]+$/,
    allowed: 'letters, digits and /_+=.@-',
    source: 'Secrets Manager API Reference, CreateSecret Name',
  },
  aws_wafv2_web_acl: {
    attribute: 'name',
    pattern: /^[\w-]+$/,
    allowed: 'letters, digits, _ and -',
    source: 'AWS WAF API Reference, CreateWebACL Name',
  },
  aws_launch_template: {
    attribute: 'name',
    pattern: /^[A-Za-z0-9().\-/_]{3,128}$/,
    allowed: '3-128 of letters, digits and ().-/_',
    source: 'EC2 API Reference, CreateLaunchTemplate',
  },
  aws_s3_bucket: {
    attribute: 'bucket',
    pattern: S3_BUCKET_NAME,
    allowed: 'a-z, 0-9, . and -, a letter or digit at both ends, no .., not an IP, no reserved prefix or suffix',
    source: 'S3 User Guide, general purpose bucket naming rules',
  },
};

/** Sources: the API reference of each service, per type in NAME_PATTERNS. */
export const rule: Rule = {
  id: 'apply-name-characters',
  description:
    'Physical names use only the characters their service accepts (load balancers, target groups, IAM, SNS, log groups, dashboards, security groups, secrets, WAF, launch templates, buckets). Source: each service API reference (see NAME_PATTERNS).',
  resourceTypes: Object.keys(NAME_PATTERNS),
  evaluate(resource) {
    const { attribute, pattern, allowed, source } = NAME_PATTERNS[resource.type]!;
    const name = resource.values[attribute];
    if (typeof name !== 'string' || name.includes('${')) return notApplicable(`${attribute} not known`);
    return check(pattern.test(name), `${attribute} "${name}" is refused by AWS: ${allowed} (${source})`);
  },
};
