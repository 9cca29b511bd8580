import { Rule, check, referencing } from '../rule';

/**
 * Source: AWS Backup Developer Guide, "AWS Backup Vault Lock" (in a locked vault no user, the root
 * user included, can delete a recovery point before its minimum retention or shorten its
 * lifecycle; a governance-mode lock can be removed by a principal with
 * backup:DeleteBackupVaultLockConfiguration, a compliance-mode lock by nobody once its grace time
 * has passed). Without a lock, whoever holds the account's credentials can delete the backups
 * together with the database. The destroyable profile relaxes this rule: a lock would keep
 * terraform destroy from deleting the vault.
 */
export const rule: Rule = {
  id: 'backup-vault-locked',
  description:
    'Every backup vault has a vault lock (an aws_backup_vault_lock_configuration references it; the destroyable profile suppresses this on purpose). Source: AWS Backup Developer Guide, AWS Backup Vault Lock.',
  resourceTypes: ['aws_backup_vault'],
  evaluate(vault, model) {
    return check(
      referencing(model, 'aws_backup_vault_lock_configuration', vault, 'backup_vault_name').length > 0,
      'no aws_backup_vault_lock_configuration references it: lock the vault (backup.lock) so that no one can delete recovery points before their retention ends',
    );
  },
};
