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
  /** Days a deleted secret can still be restored (7-30). */
  readonly secretRecoveryWindowDays: number;
}

export const PROTECTION_PROFILES: Readonly<Record<'destroyable' | 'protected', ProtectionSettings>> = {
  destroyable: {
    keyDeletionWindowDays: 7,
    preventDestroy: false,
    deletionProtection: false,
    skipFinalSnapshot: true,
    forceDestroyBuckets: true,
    secretRecoveryWindowDays: 7,
  },
  protected: {
    keyDeletionWindowDays: 30,
    preventDestroy: true,
    deletionProtection: true,
    skipFinalSnapshot: false,
    forceDestroyBuckets: false,
    secretRecoveryWindowDays: 30,
  },
};
