import { isSet } from '../model';
import { Rule, check, nonCompliant } from '../rule';

/**
 * Source: AWS Backup Developer Guide, "Encryption for backups in AWS Backup" (a vault created
 * without a key is encrypted with the AWS managed key aws/backup; backups of services AWS Backup
 * fully manages, and copies made into the vault from another region or account, are encrypted
 * with the vault's key); terraform-provider-aws docs, aws_backup_vault `kms_key_arn`. The policy
 * of an AWS managed key cannot be changed, so it cannot say who may decrypt the backups.
 */
export const rule: Rule = {
  id: 'backup-vault-encrypted-with-cmk',
  description:
    'Backup vaults are encrypted with a customer managed key (kms_key_arn); without one AWS Backup uses the AWS managed key aws/backup. Source: AWS Backup Developer Guide, Encryption for backups in AWS Backup.',
  resourceTypes: ['aws_backup_vault'],
  evaluate(vault) {
    const key = vault.values.kms_key_arn;
    if (typeof key === 'string' && key.includes('alias/aws/')) {
      return nonCompliant(`kms_key_arn ${key} is an AWS managed key: use the region's CMK`);
    }
    return check(isSet(vault, 'kms_key_arn'), "no kms_key_arn: AWS Backup would use the AWS managed key aws/backup; use the region's CMK");
  },
};
