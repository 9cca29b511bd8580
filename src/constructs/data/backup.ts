import { BackupPlan as BackupPlanResource } from '@cdktf/provider-aws/lib/backup-plan';
import { BackupSelection } from '@cdktf/provider-aws/lib/backup-selection';
import { BackupVault as BackupVaultResource } from '@cdktf/provider-aws/lib/backup-vault';
import { BackupVaultLockConfiguration } from '@cdktf/provider-aws/lib/backup-vault-lock-configuration';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Construct } from 'constructs';
import { policyJson, serviceTrustPolicy } from '../security/policy';

/** The AWS managed policies of the AWS Backup service role (AWS Backup Developer Guide, "IAM service roles"). */
export const BACKUP_MANAGED_POLICIES = [
  'arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup',
  'arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores',
] as const;

export interface VaultLock {
  readonly mode: 'governance' | 'compliance';
  readonly minRetentionDays: number;
  readonly maxRetentionDays: number;
  /** Compliance mode only: days the lock can still be changed; afterwards it is immutable. */
  readonly changeableForDays?: number;
}

export interface BackupVaultProps {
  readonly provider: AwsProvider;
  /** 2-50 of A-Z a-z 0-9 - _ (CreateBackupVault). */
  readonly name: string;
  /** The region's CMK. Recovery points copied into this vault are re-encrypted with it. */
  readonly kmsKeyArn: string;
  /** Deletes the recovery points when the vault is destroyed (destroyable environments). */
  readonly forceDestroy: boolean;
  readonly preventDestroy: boolean;
  readonly lock?: VaultLock;
}

/**
 * A region's backup vault under the region's CMK, optionally locked. An Aurora recovery point
 * made in the region keeps the cluster's key (Aurora is not fully managed by AWS Backup); a copy
 * made into this vault from another region is encrypted with this vault's key (AWS Backup
 * Developer Guide, "Encryption for backups in AWS Backup" and "Cross-Region backup").
 */
export class BackupVault extends Construct {
  readonly vault: BackupVaultResource;
  readonly lock?: BackupVaultLockConfiguration;

  constructor(scope: Construct, id: string, props: BackupVaultProps) {
    super(scope, id);
    if (!/^[0-9A-Za-z_-]{2,50}$/.test(props.name)) {
      throw new Error(`BackupVault ${this.node.path}: name must be 2-50 of A-Z a-z 0-9 - _, got ${props.name}`);
    }
    const { provider } = props;
    this.vault = new BackupVaultResource(this, 'vault', {
      provider,
      name: props.name,
      kmsKeyArn: props.kmsKeyArn,
      forceDestroy: props.forceDestroy,
      lifecycle: { preventDestroy: props.preventDestroy },
    });
    const lock = props.lock;
    if (lock) {
      // Every argument forces a new lock (the provider has no update), and a compliance lock past
      // its grace time cannot be deleted: the stateful-change gate treats a replacement as data loss.
      this.lock = new BackupVaultLockConfiguration(this, 'lock', {
        provider,
        backupVaultName: this.vault.name,
        minRetentionDays: lock.minRetentionDays,
        maxRetentionDays: lock.maxRetentionDays,
        // Set: compliance mode. Unset: governance mode (provider docs, aws_backup_vault_lock_configuration).
        changeableForDays: lock.mode === 'compliance' ? lock.changeableForDays : undefined,
        lifecycle: { preventDestroy: props.preventDestroy },
      });
    }
  }

  get arn(): string {
    return this.vault.arn;
  }

  get name(): string {
    return this.vault.name;
  }
}

export interface BackupRoleProps {
  readonly provider: AwsProvider;
  readonly name: string;
  readonly accountId: string;
}

/**
 * The role AWS Backup assumes to back up and restore: the AWS managed backup and restore
 * policies only, trusted by backup.amazonaws.com for this account only (aws:SourceAccount).
 */
export class BackupRole extends Construct {
  readonly role: IamRole;
  /** The policy attachments: a selection created before them fails to start jobs. */
  readonly attachments: readonly IamRolePolicyAttachment[];

  constructor(scope: Construct, id: string, props: BackupRoleProps) {
    super(scope, id);
    const { provider } = props;
    this.role = new IamRole(this, 'role', {
      provider,
      name: props.name,
      description: 'AWS Backup: backs up and restores the Aurora clusters of the platform',
      assumeRolePolicy: policyJson(serviceTrustPolicy('backup.amazonaws.com', props.accountId)),
    });
    this.attachments = BACKUP_MANAGED_POLICIES.map(
      (policyArn, i) => new IamRolePolicyAttachment(this, i === 0 ? 'backup' : 'restores', { provider, role: this.role.name, policyArn }),
    );
  }
}

export interface BackupPlanProps {
  readonly provider: AwsProvider;
  /** Plan, rule and selection name: 1-50 of A-Z a-z 0-9 - _ . */
  readonly name: string;
  /** The vault in the plan's region. */
  readonly vaultName: string;
  /** AWS Backup cron expression (UTC). */
  readonly schedule: string;
  readonly retentionDays: number;
  /** The vault in another region that every recovery point is copied to. */
  readonly copyVaultArn: string;
  readonly roleArn: string;
  /** The clusters backed up (ARNs). */
  readonly resourceArns: string[];
  /** The role's policy attachments. */
  readonly roleAttachments: readonly IamRolePolicyAttachment[];
}

/**
 * A daily plan in one region: a recovery point of each selected cluster in the region's vault and
 * a copy in another region's vault, both kept retentionDays. No cold storage: AWS Backup does not
 * tier Aurora recovery points to cold storage (it ignores the setting for such resources), and
 * cold recovery points could not be copied across regions anyway.
 */
export class BackupPlan extends Construct {
  readonly plan: BackupPlanResource;
  readonly selection: BackupSelection;

  constructor(scope: Construct, id: string, props: BackupPlanProps) {
    super(scope, id);
    if (!/^[0-9A-Za-z_.-]{1,50}$/.test(props.name)) {
      throw new Error(`BackupPlan ${this.node.path}: name must be 1-50 of A-Z a-z 0-9 - _ ., got ${props.name}`);
    }
    const { provider } = props;
    this.plan = new BackupPlanResource(this, 'plan', {
      provider,
      name: props.name,
      rule: [
        {
          ruleName: 'daily',
          targetVaultName: props.vaultName,
          schedule: props.schedule,
          // The API's minimum start window is 60 minutes; Aurora snapshots finish well within 3 hours.
          startWindow: 60,
          completionWindow: 180,
          lifecycle: { deleteAfter: props.retentionDays },
          // The copy carries its own lifecycle: without one AWS stores an empty lifecycle and keeps
          // copies forever, and a plan without it never settles (provider issue #37862).
          copyAction: [{ destinationVaultArn: props.copyVaultArn, lifecycle: { deleteAfter: props.retentionDays } }],
        },
      ],
    });
    this.selection = new BackupSelection(this, 'selection', {
      provider,
      name: props.name,
      planId: this.plan.id,
      iamRoleArn: props.roleArn,
      resources: props.resourceArns,
      dependsOn: [...props.roleAttachments],
    });
  }
}
