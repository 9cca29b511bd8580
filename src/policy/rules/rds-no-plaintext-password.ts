import { Rule, check } from '../rule';

export const rule: Rule = {
  id: 'rds-no-plaintext-password',
  description: 'No master password in configuration or state: RDS-managed or write-only only.',
  resourceTypes: ['aws_rds_cluster', 'aws_db_instance'],
  evaluate(db) {
    return check(
      !('master_password' in db.values) || db.values.master_password === null,
      'master_password lands in state: use manage_master_user_password or master_password_wo',
    );
  },
};
