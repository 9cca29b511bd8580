/** Every rule, one per file under rules/ (generated list: keep it in the order of the file names). */
import { Rule } from './rule';
import { rule as alarmNotifies } from './rules/alarm-notifies';
import { rule as albAccessLogs } from './rules/alb-access-logs';
import { rule as albDeletionProtection } from './rules/alb-deletion-protection';
import { rule as albDesyncMitigation } from './rules/alb-desync-mitigation';
import { rule as albDropInvalidHeaders } from './rules/alb-drop-invalid-headers';
import { rule as applyDatabaseEndpointPerRegion } from './rules/apply-database-endpoint-per-region';
import { rule as applyGlobalEngineVersionPinned } from './rules/apply-global-engine-version-pinned';
import { rule as applyKmsAliasName } from './rules/apply-kms-alias-name';
import { rule as applyMasterPasswordFromSecret } from './rules/apply-master-password-from-secret';
import { rule as applyNameCharacters } from './rules/apply-name-characters';
import { rule as applyPolicyPrincipalsExist } from './rules/apply-policy-principals-exist';
import { rule as applyRdsIdentifiers } from './rules/apply-rds-identifiers';
import { rule as applySecretNameReusable } from './rules/apply-secret-name-reusable';
import { rule as applyStateBucketPerAccount } from './rules/apply-state-bucket-per-account';
import { rule as applyStateEncryptedWithKmsKey } from './rules/apply-state-encrypted-with-kms-key';
import { rule as applyValidationRecordOnce } from './rules/apply-validation-record-once';
import { rule as applyWafLogDestination } from './rules/apply-waf-log-destination';
import { rule as asgElbHealthCheck } from './rules/asg-elb-health-check';
import { rule as asgMultiAz } from './rules/asg-multi-az';
import { rule as backupClusterSelected } from './rules/backup-cluster-selected';
import { rule as backupCopiedToOtherRegion } from './rules/backup-copied-to-other-region';
import { rule as backupVaultEncryptedWithCmk } from './rules/backup-vault-encrypted-with-cmk';
import { rule as backupVaultLocked } from './rules/backup-vault-locked';
import { rule as databaseSubnetsIsolated } from './rules/database-subnets-isolated';
import { rule as iamAppRoleNoSecretRead } from './rules/iam-app-role-no-secret-read';
import { rule as iamNoAdminWildcard } from './rules/iam-no-admin-wildcard';
import { rule as iamNoManagedAdmin } from './rules/iam-no-managed-admin';
import { rule as iamTrustScoped } from './rules/iam-trust-scoped';
import { rule as kmsDeletionWindow } from './rules/kms-deletion-window';
import { rule as kmsKeyAliased } from './rules/kms-key-aliased';
import { rule as kmsKeyPolicyExplicit } from './rules/kms-key-policy-explicit';
import { rule as kmsKeyRotation } from './rules/kms-key-rotation';
import { rule as kmsNoUnconditionedPublicPrincipal } from './rules/kms-no-unconditioned-public-principal';
import { rule as launchTemplateEncryptedVolumes } from './rules/launch-template-encrypted-volumes';
import { rule as launchTemplateImdsv2 } from './rules/launch-template-imdsv2';
import { rule as launchTemplateNoKeyPair } from './rules/launch-template-no-key-pair';
import { rule as launchTemplateNoPublicIp } from './rules/launch-template-no-public-ip';
import { rule as listenerHttpsOrRedirect } from './rules/listener-https-or-redirect';
import { rule as listenerTlsPolicy } from './rules/listener-tls-policy';
import { rule as logGroupEncrypted } from './rules/log-group-encrypted';
import { rule as logGroupRetention } from './rules/log-group-retention';
import { rule as nameLengthLimits } from './rules/name-length-limits';
import { rule as rdsAutoMinorVersionUpgrade } from './rules/rds-auto-minor-version-upgrade';
import { rule as rdsBackupRetention } from './rules/rds-backup-retention';
import { rule as rdsCopyTagsToSnapshot } from './rules/rds-copy-tags-to-snapshot';
import { rule as rdsDeletionProtection } from './rules/rds-deletion-protection';
import { rule as rdsEnhancedMonitoring } from './rules/rds-enhanced-monitoring';
import { rule as rdsIamAuthentication } from './rules/rds-iam-authentication';
import { rule as rdsInstancePrivate } from './rules/rds-instance-private';
import { rule as rdsLogExports } from './rules/rds-log-exports';
import { rule as rdsNoPlaintextPassword } from './rules/rds-no-plaintext-password';
import { rule as rdsPerformanceInsightsEncrypted } from './rules/rds-performance-insights-encrypted';
import { rule as rdsStorageEncrypted } from './rules/rds-storage-encrypted';
import { rule as rdsTlsEnforced } from './rules/rds-tls-enforced';
import { rule as regionBinding } from './rules/region-binding';
import { rule as requiredTags } from './rules/required-tags';
import { rule as s3AclsDisabled } from './rules/s3-acls-disabled';
import { rule as s3BucketCompanions } from './rules/s3-bucket-companions';
import { rule as s3LifecycleExpiry } from './rules/s3-lifecycle-expiry';
import { rule as s3PublicAccessBlocked } from './rules/s3-public-access-blocked';
import { rule as s3TlsOnly } from './rules/s3-tls-only';
import { rule as s3VersioningEnabled } from './rules/s3-versioning-enabled';
import { rule as secretEncryptedWithCmk } from './rules/secret-encrypted-with-cmk';
import { rule as secretRotationConfigured } from './rules/secret-rotation-configured';
import { rule as secretValueWriteOnly } from './rules/secret-value-write-only';
import { rule as sgEgressNoAllTraffic } from './rules/sg-egress-no-all-traffic';
import { rule as sgNoAdminPorts } from './rules/sg-no-admin-ports';
import { rule as sgNoInlineRules } from './rules/sg-no-inline-rules';
import { rule as sgRulesDescribed } from './rules/sg-rules-described';
import { rule as sgWorldIngressWebOnly } from './rules/sg-world-ingress-web-only';
import { rule as snsTopicEncrypted } from './rules/sns-topic-encrypted';
import { rule as statefulPreventDestroy } from './rules/stateful-prevent-destroy';
import { rule as subnetNoPublicIpOnLaunch } from './rules/subnet-no-public-ip-on-launch';
import { rule as targetGroupHealthCheck } from './rules/target-group-health-check';
import { rule as vpcDefaultSecurityGroupClosed } from './rules/vpc-default-security-group-closed';
import { rule as vpcFlowLogsEnabled } from './rules/vpc-flow-logs-enabled';
import { rule as wafLogging } from './rules/waf-logging';
import { rule as wafManagedBaseline } from './rules/waf-managed-baseline';
import { rule as wafProtectsLoadBalancer } from './rules/waf-protects-load-balancer';
import { rule as wafRuleMetrics } from './rules/waf-rule-metrics';

export const RULES: readonly Rule[] = [
  alarmNotifies,
  albAccessLogs,
  albDeletionProtection,
  albDesyncMitigation,
  albDropInvalidHeaders,
  applyDatabaseEndpointPerRegion,
  applyGlobalEngineVersionPinned,
  applyKmsAliasName,
  applyMasterPasswordFromSecret,
  applyNameCharacters,
  applyPolicyPrincipalsExist,
  applyRdsIdentifiers,
  applySecretNameReusable,
  applyStateBucketPerAccount,
  applyStateEncryptedWithKmsKey,
  applyValidationRecordOnce,
  applyWafLogDestination,
  asgElbHealthCheck,
  asgMultiAz,
  backupClusterSelected,
  backupCopiedToOtherRegion,
  backupVaultEncryptedWithCmk,
  backupVaultLocked,
  databaseSubnetsIsolated,
  iamAppRoleNoSecretRead,
  iamNoAdminWildcard,
  iamNoManagedAdmin,
  iamTrustScoped,
  kmsDeletionWindow,
  kmsKeyAliased,
  kmsKeyPolicyExplicit,
  kmsKeyRotation,
  kmsNoUnconditionedPublicPrincipal,
  launchTemplateEncryptedVolumes,
  launchTemplateImdsv2,
  launchTemplateNoKeyPair,
  launchTemplateNoPublicIp,
  listenerHttpsOrRedirect,
  listenerTlsPolicy,
  logGroupEncrypted,
  logGroupRetention,
  nameLengthLimits,
  rdsAutoMinorVersionUpgrade,
  rdsBackupRetention,
  rdsCopyTagsToSnapshot,
  rdsDeletionProtection,
  rdsEnhancedMonitoring,
  rdsIamAuthentication,
  rdsInstancePrivate,
  rdsLogExports,
  rdsNoPlaintextPassword,
  rdsPerformanceInsightsEncrypted,
  rdsStorageEncrypted,
  rdsTlsEnforced,
  regionBinding,
  requiredTags,
  s3AclsDisabled,
  s3BucketCompanions,
  s3LifecycleExpiry,
  s3PublicAccessBlocked,
  s3TlsOnly,
  s3VersioningEnabled,
  secretEncryptedWithCmk,
  secretRotationConfigured,
  secretValueWriteOnly,
  sgEgressNoAllTraffic,
  sgNoAdminPorts,
  sgNoInlineRules,
  sgRulesDescribed,
  sgWorldIngressWebOnly,
  snsTopicEncrypted,
  statefulPreventDestroy,
  subnetNoPublicIpOnLaunch,
  targetGroupHealthCheck,
  vpcDefaultSecurityGroupClosed,
  vpcFlowLogsEnabled,
  wafLogging,
  wafManagedBaseline,
  wafProtectsLoadBalancer,
  wafRuleMetrics,
];
