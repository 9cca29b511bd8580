import { PREVENT_DESTROY_TYPES } from '../policy/rules/stateful-prevent-destroy';
/**
 * What each protection profile means, in one table: constructs receive these values as explicit
 * props and never look at the profile (or the environment) themselves.
 */
export interface ProtectionSettings {
  /** Days a scheduled KMS key deletion waits (7-30). */
  readonly keyDeletionWindowDays: number;
  /** `lifecycle.prevent_destroy` on keys, databases and other stateful resources. */
  readonly preventDestroy: boolean;
  /** Deletion protection on databases and load balancers. */
  readonly deletionProtection: boolean;
  /** Skip the final snapshot when a database cluster is deleted. */
  readonly skipFinalSnapshot: boolean;
  /** Let Terraform delete non-empty buckets (access logs). */
  readonly forceDestroyBuckets: boolean;
  /**
   * Days a deleted secret can still be restored (7-30), or 0: deleted at once. Secrets Manager
   * keeps the name of a secret scheduled for deletion for the whole window, so a destroyed
   * environment with a window could not be applied again until it ends.
   */
  readonly secretRecoveryWindowDays: number;
  /** Policy rules the profile relaxes on purpose, for every resource of the listed types, and why. */
  readonly relaxedRules: readonly { readonly ruleId: string; readonly types: readonly string[]; readonly reason: string }[];
}

const DISPOSABLE =
  'destroyable profile: the environment is rebuilt from code and holds no data worth keeping, and the protection would block terraform destroy';

const DISPOSABLE_VAULT =
  'destroyable profile: the environment is rebuilt from code and holds no data worth keeping, and a vault lock would keep terraform destroy from deleting the vault (its recovery points could not be deleted before their minimum retention)';

export const PROTECTION_PROFILES: Readonly<Record<'destroyable' | 'protected', ProtectionSettings>> = {
  destroyable: {
    keyDeletionWindowDays: 7,
    preventDestroy: false,
    deletionProtection: false,
    skipFinalSnapshot: true,
    forceDestroyBuckets: true,
    // Deleted at once: the password is regenerated on the next apply, and destroy-then-apply works.
    secretRecoveryWindowDays: 0,
    relaxedRules: [
      { ruleId: 'rds-deletion-protection', types: ['aws_rds_cluster', 'aws_rds_global_cluster'], reason: DISPOSABLE },
      { ruleId: 'alb-deletion-protection', types: ['aws_lb'], reason: DISPOSABLE },
      {
        ruleId: 'stateful-prevent-destroy',
        types: PREVENT_DESTROY_TYPES,
        reason: DISPOSABLE,
      },
      { ruleId: 'backup-vault-locked', types: ['aws_backup_vault'], reason: DISPOSABLE_VAULT },
    ],
  },
  protected: {
    keyDeletionWindowDays: 30,
    preventDestroy: true,
    deletionProtection: true,
    skipFinalSnapshot: false,
    forceDestroyBuckets: false,
    secretRecoveryWindowDays: 30,
    relaxedRules: [],
  },
};
