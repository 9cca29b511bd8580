import { Rule, check } from '../rule';

export const rule: Rule = {
  id: 'rds-backup-retention',
  description: 'Aurora clusters keep automated backups for at least 1 day (35 in production).',
  resourceTypes: ['aws_rds_cluster'],
  evaluate(cluster) {
    const days = cluster.values.backup_retention_period;
    return check(typeof days === 'number' && days >= 1, 'backup_retention_period is not set: keep backups (database.backupRetentionDays)');
  },
};
