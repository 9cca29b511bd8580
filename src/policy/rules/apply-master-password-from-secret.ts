import { Rule, check, notApplicable } from '../rule';

/**
 * Source: terraform-provider-aws docs, aws_rds_cluster `master_password_wo` (sent on create and
 * when `master_password_wo_version` changes, never stored) and aws_secretsmanager_secret_version
 * `secret_string_wo`; Terraform 1.11 docs, ephemeral resources. Two write-only copies of a
 * generated value drift apart unseen after a partial apply; one copy read back from the secret
 * cannot.
 */
export const rule: Rule = {
  id: 'apply-master-password-from-secret',
  description:
    "A cluster's write-only master password is read from its secret (ephemeral aws_secretsmanager_secret_version), with a version. Source: provider docs, master_password_wo / secret_string_wo are write-only; Terraform ephemeral resources.",
  resourceTypes: ['aws_rds_cluster'],
  evaluate(cluster) {
    const password = cluster.values.master_password_wo;
    if (typeof password !== 'string') return notApplicable('no write-only master password here');
    const fromSecret = password.includes('ephemeral.aws_secretsmanager_secret_version.');
    const versioned = cluster.values.master_password_wo_version !== undefined;
    return check(
      fromSecret && versioned,
      !fromSecret
        ? 'master_password_wo is not read from the secret: a second write-only copy of a generated value drifts from the secret after a partial apply; read it with an ephemeral aws_secretsmanager_secret_version'
        : 'master_password_wo has no master_password_wo_version: the password is never sent again',
    );
  },
};
