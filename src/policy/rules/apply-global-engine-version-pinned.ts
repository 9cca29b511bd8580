import { Rule, check, notApplicable } from '../rule';

/**
 * Source: terraform-provider-aws internal/service/rds/global_cluster.go
 * (`resourceGlobalClusterRead` stores the version RDS reports; `globalClusterUpgradeEngineVersion`
 * loops until it equals the configured one); Aurora User Guide, "Upgrading an Amazon Aurora
 * global database" (no automatic minor upgrades).
 */
export const rule: Rule = {
  id: 'apply-global-engine-version-pinned',
  description:
    'A global cluster pins engine_version as <major>.<minor>. Source: provider rds/global_cluster.go (reads back the full version, no major-only suppression); Aurora User Guide, upgrading a global database.',
  resourceTypes: ['aws_rds_global_cluster'],
  evaluate(cluster) {
    const version = cluster.values.engine_version;
    if (typeof version !== 'string') return notApplicable('engine_version not set here');
    return check(
      /^\d+\.\d+/.test(version),
      `engine_version "${version}" is a major alone: RDS reports ${version}.x, so every plan shows a change and an apply retries until its timeout; pin <major>.<minor>`,
    );
  },
};
