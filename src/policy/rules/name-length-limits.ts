import { Rule, check, notApplicable } from '../rule';

/** Physical-name attributes and the limits AWS puts on them. */
export const NAME_LIMITS: Record<string, { attribute: string; max: number }> = {
  aws_lb: { attribute: 'name', max: 32 },
  aws_lb_target_group: { attribute: 'name', max: 32 },
  aws_iam_role: { attribute: 'name', max: 64 },
  aws_iam_instance_profile: { attribute: 'name', max: 128 },
  aws_s3_bucket: { attribute: 'bucket', max: 63 },
  aws_rds_cluster: { attribute: 'cluster_identifier', max: 63 },
  aws_rds_cluster_instance: { attribute: 'identifier', max: 63 },
  aws_rds_global_cluster: { attribute: 'global_cluster_identifier', max: 63 },
  aws_security_group: { attribute: 'name', max: 255 },
  aws_autoscaling_group: { attribute: 'name', max: 255 },
  aws_launch_template: { attribute: 'name', max: 128 },
  aws_wafv2_web_acl: { attribute: 'name', max: 128 },
  aws_sns_topic: { attribute: 'name', max: 256 },
  aws_cloudwatch_log_group: { attribute: 'name', max: 512 },
  aws_cloudwatch_metric_alarm: { attribute: 'alarm_name', max: 255 },
  aws_db_subnet_group: { attribute: 'name', max: 255 },
  aws_rds_cluster_parameter_group: { attribute: 'name', max: 255 },
};

export const rule: Rule = {
  id: 'name-length-limits',
  description: 'Physical names are set (deterministic) and within AWS limits (load balancers and target groups: 32).',
  resourceTypes: Object.keys(NAME_LIMITS),
  evaluate(resource) {
    const { attribute, max } = NAME_LIMITS[resource.type]!;
    const name = resource.values[attribute];
    if (typeof name !== 'string') return notApplicable(`${attribute} not known`);
    return check(name.length <= max, `${attribute} "${name}" has ${name.length} characters; AWS allows ${max}`);
  },
};
