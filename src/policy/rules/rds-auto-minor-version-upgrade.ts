import { Rule, check } from '../rule';

export const rule: Rule = {
  id: 'rds-auto-minor-version-upgrade',
  description: 'Database instances take minor version upgrades (security patches) automatically.',
  resourceTypes: ['aws_rds_cluster_instance'],
  evaluate(instance) {
    return check(instance.values.auto_minor_version_upgrade !== false, 'auto_minor_version_upgrade is false: set it to true');
  },
};
