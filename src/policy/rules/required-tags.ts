import { PolicyModel, PolicyResource, block } from '../model';
import { Rule, check, notApplicable } from '../rule';

export const REQUIRED_TAG_KEYS = ['Project', 'Environment', 'Owner', 'CostCenter', 'ManagedBy'];

/** Tags a resource ends up with: tags_all from a plan, else the provider's default tags plus its own. */
function effectiveTags(resource: PolicyResource, model: PolicyModel): Record<string, string> | undefined {
  if (model.source === 'plan') return resource.values.tags_all ?? undefined;
  const defaults = block(model.providers[resource.provider ?? ''] ?? {}, 'default_tags')?.tags ?? {};
  return { ...defaults, ...(resource.values.tags ?? {}) };
}

export const rule: Rule = {
  id: 'required-tags',
  description: `Tagged resources carry ${REQUIRED_TAG_KEYS.join(', ')} (through the providers' default tags).`,
  resourceTypes: [
    'aws_vpc',
    'aws_subnet',
    'aws_kms_key',
    'aws_rds_cluster',
    'aws_rds_cluster_instance',
    'aws_lb',
    'aws_s3_bucket',
    'aws_launch_template',
    'aws_cloudwatch_log_group',
    'aws_sns_topic',
    'aws_secretsmanager_secret',
    'aws_iam_role',
    'aws_wafv2_web_acl',
    'aws_nat_gateway',
    'aws_security_group',
  ],
  evaluate(resource, model) {
    const tags = effectiveTags(resource, model);
    if (!tags) return notApplicable('tags not known at plan time');
    const missing = REQUIRED_TAG_KEYS.filter((k) => !tags[k]);
    return check(missing.length === 0, `missing tags ${missing.join(', ')}: set them in the provider's default_tags`);
  },
};
