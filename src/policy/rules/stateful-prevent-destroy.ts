import { Rule, check, notApplicable } from '../rule';

/**
 * Resources whose deletion or replacement loses data or the access to it: databases (the global
 * cluster, clusters and instances), keys (data under a deleted key is lost), secrets and their
 * secrets (the master credentials), buckets (state, access logs), log groups (audit and flow
 * logs), backup vaults and their locks (the recovery points), and the other data stores AWS
 * offers, so a future construct is gated from its first day; and the VPC, whose replacement cuts
 * every path to them.
 * Not secret versions: a new write-only value (a password rotation, `secret_string_wo_version`)
 * replaces the version resource by design, and deleting one only removes its staging labels other
 * than AWSCURRENT; the value stays in the secret (AWSPREVIOUS once the new one is current)
 * (hashicorp/terraform-provider-aws, internal/service/secretsmanager/secret_version.go).
 * The stateful-change gate refuses deletes and replacements of these in protected environments.
 */
export const STATEFUL_TYPES: readonly string[] = [
  'aws_rds_global_cluster',
  'aws_rds_cluster',
  'aws_rds_cluster_instance',
  'aws_db_instance',
  'aws_kms_key',
  'aws_kms_replica_key',
  'aws_secretsmanager_secret',
  'aws_s3_bucket',
  'aws_cloudwatch_log_group',
  // A vault holds the recovery points: deleting it deletes them (force_destroy) or fails. A
  // compliance-mode lock cannot be deleted once its grace time has passed, so a plan that deletes
  // or replaces it fails at apply, after the rest of the plan ran (AWS Backup Vault Lock).
  'aws_backup_vault',
  'aws_backup_vault_lock_configuration',
  'aws_dynamodb_table',
  'aws_efs_file_system',
  'aws_ebs_volume',
  'aws_route53_zone',
  // Not data, but access to all of it: a replaced VPC takes every subnet, interface, load
  // balancer and the database's network with it (a CIDR change forces one).
  'aws_vpc',
];

/** The types that must carry prevent_destroy in the protected profile (the destroyable one relaxes them all). */
export const PREVENT_DESTROY_TYPES = [
  'aws_rds_global_cluster',
  'aws_rds_cluster',
  'aws_rds_cluster_instance',
  'aws_kms_key',
  'aws_secretsmanager_secret',
  'aws_backup_vault',
  'aws_backup_vault_lock_configuration',
] as const;

export const rule: Rule = {
  id: 'stateful-prevent-destroy',
  description:
    'Databases, keys, secrets, backup vaults and vault locks carry lifecycle.prevent_destroy (the destroyable profile suppresses this on purpose).',
  resourceTypes: [...PREVENT_DESTROY_TYPES],
  evaluate(resource, model) {
    if (model.source === 'plan') return notApplicable('lifecycle is not part of a plan');
    return check(resource.lifecycle?.prevent_destroy === true, 'lifecycle.prevent_destroy is not true: use the protected profile');
  },
};
