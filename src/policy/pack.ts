/**
 * The platform pack: for every rule, its level, why it matters, and the matching controls of
 * other tools (checkov, trivy/tfsec, AWS Foundational Security Best Practices), where one exists.
 */
export type Level = 'error' | 'warning';

export interface PackEntry {
  readonly level: Level;
  readonly explanation: string;
  readonly checkov?: string;
  readonly trivy?: string;
  readonly fsbp?: string;
}

export const PLATFORM_PACK: Readonly<Record<string, PackEntry>> = {
  // Apply-time constraints: what AWS refuses or rewrites that a plan cannot show. Each rule's
  // description cites its source.
  'apply-state-bucket-per-account': {
    level: 'error',
    explanation: 'The second account cannot create a bucket of the same name, and the backend gets 403 on a bucket of another account.',
  },
  'apply-state-encrypted-with-kms-key': {
    level: 'error',
    explanation: 'The state holds resource ids and outputs; it should be under the key the state bucket was built with, as the docs say.',
  },
  'apply-global-engine-version-pinned': {
    level: 'error',
    explanation: 'A plan that never settles hides real changes, and applying it stalls until the update timeout.',
  },
  'apply-database-endpoint-per-region': {
    level: 'error',
    explanation: "An application given a secondary's writer endpoint cannot connect at all.",
  },
  'apply-policy-principals-exist': {
    level: 'error',
    explanation: 'KMS and IAM reject a policy naming a principal that does not exist, so the first apply in a fresh account fails.',
  },
  'apply-master-password-from-secret': {
    level: 'error',
    explanation: 'A cluster and a secret fed separately can hold different passwords, and no plan shows it.',
  },
  'apply-secret-name-reusable': {
    level: 'error',
    explanation: 'A destroyed environment whose secret name is reserved cannot be applied again until the recovery window ends.',
  },
  'apply-validation-record-once': {
    level: 'error',
    explanation: 'Removing one region would delete the record the other certificates renew with.',
  },
  'apply-kms-alias-name': { level: 'error', explanation: 'KMS refuses other alias names at apply time.' },
  'apply-rds-identifiers': { level: 'error', explanation: 'RDS refuses other identifiers at apply time, after the plan passed.' },
  'apply-waf-log-destination': { level: 'error', explanation: 'WAF refuses other logging destinations at apply time.' },
  'apply-name-characters': {
    level: 'error',
    explanation: 'AWS refuses names with other characters at apply time, after part of the plan ran.',
  },
  'vpc-flow-logs-enabled': {
    level: 'error',
    explanation: 'Without flow logs there is no record of who talked to what during an incident.',
    checkov: 'CKV2_AWS_11',
    fsbp: 'EC2.6',
  },
  'vpc-default-security-group-closed': {
    level: 'error',
    explanation: 'The default group admits its own members; anything launched without a group would join it.',
    checkov: 'CKV2_AWS_12',
    fsbp: 'EC2.2',
  },
  'subnet-no-public-ip-on-launch': {
    level: 'error',
    explanation: 'Instances with public IPs are reachable around the load balancer and WAF.',
    checkov: 'CKV_AWS_130',
    fsbp: 'EC2.15',
  },
  'sg-no-admin-ports': {
    level: 'error',
    explanation: 'SSH and RDP are the most attacked ports; Session Manager needs neither.',
    checkov: 'CKV_AWS_24, CKV_AWS_25',
    trivy: 'AVD-AWS-0107',
    fsbp: 'EC2.13, EC2.14',
  },
  'sg-world-ingress-web-only': {
    level: 'error',
    explanation: 'Only the load balancer faces the internet, and only for HTTP(S).',
    trivy: 'AVD-AWS-0107',
    fsbp: 'EC2.18',
  },
  'sg-rules-described': {
    level: 'warning',
    explanation: 'A rule nobody can explain is a rule nobody dares to remove.',
    checkov: 'CKV_AWS_23',
    trivy: 'AVD-AWS-0124',
  },
  'sg-no-inline-rules': {
    level: 'error',
    explanation: 'Inline rules and rule resources on one group overwrite each other on every apply.',
  },
  'sg-egress-no-all-traffic': {
    level: 'error',
    explanation: 'Open egress makes data exfiltration and command-and-control trivial.',
    trivy: 'AVD-AWS-0104',
  },
  'database-subnets-isolated': { level: 'error', explanation: 'The database tier must have no path to or from the internet.' },
  'kms-key-rotation': {
    level: 'error',
    explanation: 'Rotation limits how much data one key version protects.',
    checkov: 'CKV_AWS_7',
    trivy: 'AVD-AWS-0065',
    fsbp: 'KMS.4',
  },
  'kms-key-policy-explicit': {
    level: 'error',
    explanation: 'The default policy grants the whole account; an explicit one says which services use the key.',
    checkov: 'CKV2_AWS_64',
  },
  'kms-no-unconditioned-public-principal': {
    level: 'error',
    explanation: 'Principal "*" without conditions opens the key to every AWS account.',
    checkov: 'CKV_AWS_33',
  },
  'kms-deletion-window': { level: 'error', explanation: 'A scheduled deletion must leave time to notice and cancel it.' },
  'kms-key-aliased': { level: 'warning', explanation: 'Operators find keys by alias; an unnamed key gets deleted as unused.' },
  'rds-storage-encrypted': {
    level: 'error',
    explanation: 'Database storage, snapshots and replicas must be encrypted under a key the account controls.',
    checkov: 'CKV_AWS_96, CKV_AWS_327',
    trivy: 'AVD-AWS-0079',
    fsbp: 'RDS.27',
  },
  'rds-iam-authentication': {
    level: 'warning',
    explanation: 'IAM authentication gives short-lived credentials instead of shared passwords.',
    checkov: 'CKV_AWS_162',
    fsbp: 'RDS.12',
  },
  'rds-backup-retention': {
    level: 'error',
    explanation: 'Point-in-time recovery needs automated backups.',
    checkov: 'CKV_AWS_133',
    fsbp: 'RDS.11',
  },
  'rds-log-exports': {
    level: 'error',
    explanation: 'Database logs must outlive the instance and be searchable.',
    checkov: 'CKV_AWS_324',
    fsbp: 'RDS.37',
  },
  'rds-copy-tags-to-snapshot': {
    level: 'warning',
    explanation: 'Untagged snapshots lose their owner and cost centre.',
    checkov: 'CKV_AWS_313',
    fsbp: 'RDS.16',
  },
  'rds-instance-private': {
    level: 'error',
    explanation: 'A publicly accessible database is one password away from the internet.',
    checkov: 'CKV_AWS_17',
    trivy: 'AVD-AWS-0180',
    fsbp: 'RDS.2',
  },
  'rds-performance-insights-encrypted': {
    level: 'error',
    explanation: 'Performance Insights stores query text; it must be encrypted under the CMK.',
    checkov: 'CKV_AWS_353, CKV_AWS_354',
    trivy: 'AVD-AWS-0078',
  },
  'rds-enhanced-monitoring': {
    level: 'warning',
    explanation: 'OS-level metrics explain what CloudWatch averages hide.',
    checkov: 'CKV_AWS_118',
    fsbp: 'RDS.6',
  },
  'rds-auto-minor-version-upgrade': {
    level: 'error',
    explanation: 'Minor versions carry security fixes.',
    checkov: 'CKV_AWS_226',
    fsbp: 'RDS.13',
  },
  'rds-no-plaintext-password': { level: 'error', explanation: 'A master_password is stored in plain text in the Terraform state.' },
  'rds-deletion-protection': {
    level: 'warning',
    explanation: 'Deletion protection stops a stray destroy from deleting the data.',
    checkov: 'CKV_AWS_139',
    fsbp: 'RDS.7',
  },
  'rds-tls-enforced': { level: 'error', explanation: 'Without rds.force_ssl clients may connect in plain text.', checkov: 'CKV2_AWS_69' },
  'backup-cluster-selected': {
    level: 'error',
    explanation: 'Automated backups cannot be locked against deletion; a recovery point in a locked vault, copied to another region, can.',
  },
  'backup-vault-encrypted-with-cmk': {
    level: 'error',
    explanation: "Copies made into the vault are encrypted with its key; only a CMK's policy says who may decrypt them.",
    checkov: 'CKV_AWS_166',
  },
  'backup-copied-to-other-region': {
    level: 'error',
    explanation:
      'Backups only in their own region are lost with the region or the vault; copies without delete_after are kept, and paid for, forever.',
  },
  'backup-vault-locked': {
    level: 'error',
    explanation: 'Without a lock, whoever holds the account can delete the backups together with the database.',
  },
  'secret-encrypted-with-cmk': {
    level: 'error',
    explanation: 'Secrets under a CMK can be shared across regions and audited by key.',
    checkov: 'CKV_AWS_149',
  },
  'secret-value-write-only': { level: 'error', explanation: 'secret_string is stored in plain text in the Terraform state.' },
  'secret-rotation-configured': {
    level: 'error',
    explanation: 'A password that never changes stays valid in every copy anyone ever made of it.',
    checkov: 'CKV2_AWS_57',
    fsbp: 'SecretsManager.1',
  },
  'launch-template-imdsv2': {
    level: 'error',
    explanation: 'IMDSv1 lets SSRF steal instance credentials; hop limit 1 keeps tokens on the host.',
    checkov: 'CKV_AWS_79, CKV_AWS_341',
    fsbp: 'AutoScaling.3',
  },
  'launch-template-no-public-ip': {
    level: 'error',
    explanation: 'Application instances are private; the load balancer is their only front door.',
    fsbp: 'AutoScaling.5',
  },
  'launch-template-encrypted-volumes': {
    level: 'error',
    explanation: 'Volumes and their snapshots hold application data.',
    checkov: 'CKV_AWS_8',
    fsbp: 'EC2.7',
  },
  'launch-template-no-key-pair': { level: 'error', explanation: 'Shared SSH keys leak and are never rotated; Session Manager is audited.' },
  'asg-elb-health-check': {
    level: 'error',
    explanation: 'EC2 status checks pass while the application is down; the load balancer knows better.',
    fsbp: 'AutoScaling.1',
  },
  'asg-multi-az': { level: 'error', explanation: 'One AZ is one failure away from an outage.', fsbp: 'AutoScaling.2' },
  'alb-drop-invalid-headers': {
    level: 'error',
    explanation: 'Invalid headers enable request smuggling.',
    checkov: 'CKV_AWS_131',
    trivy: 'AVD-AWS-0052',
    fsbp: 'ELB.4',
  },
  'alb-desync-mitigation': {
    level: 'error',
    explanation: 'Desync mitigation blocks HTTP request smuggling.',
    checkov: 'CKV_AWS_328',
    fsbp: 'ELB.12',
  },
  'alb-access-logs': {
    level: 'error',
    explanation: 'Access logs are the record of every request for incidents and audits.',
    checkov: 'CKV_AWS_91',
    fsbp: 'ELB.5',
  },
  'alb-deletion-protection': {
    level: 'warning',
    explanation: 'Deleting the load balancer takes the region off the air and changes its DNS name.',
    checkov: 'CKV_AWS_150',
    fsbp: 'ELB.6',
  },
  'listener-https-or-redirect': {
    level: 'error',
    explanation: 'Plain HTTP exposes sessions and data in transit.',
    checkov: 'CKV_AWS_2',
    trivy: 'AVD-AWS-0054',
    fsbp: 'ELB.1',
  },
  'listener-tls-policy': {
    level: 'error',
    explanation: 'TLS 1.0/1.1 and weak ciphers are broken.',
    checkov: 'CKV_AWS_103',
    trivy: 'AVD-AWS-0047',
  },
  'target-group-health-check': {
    level: 'error',
    explanation: 'Without a real health path, broken instances keep receiving traffic.',
    checkov: 'CKV_AWS_261',
  },
  'waf-protects-load-balancer': {
    level: 'error',
    explanation: 'Internet-facing endpoints need the managed protections and a rate limit.',
    checkov: 'CKV2_AWS_28',
  },
  'waf-logging': {
    level: 'error',
    explanation: 'Blocked and allowed requests must be reviewable.',
    checkov: 'CKV2_AWS_31',
    fsbp: 'WAF.11',
  },
  'waf-rule-metrics': {
    level: 'warning',
    explanation: 'Rules without metrics cannot be tuned or alarmed on.',
    checkov: 'CKV_AWS_342',
    fsbp: 'WAF.12',
  },
  'waf-managed-baseline': {
    level: 'error',
    explanation:
      'The common and known-bad-inputs groups (Log4Shell and friends) are the baseline. Rules given as `rule_json` are refused: the provider reads them back from state, not from AWS, so no plan would show a rule removed in the console.',
    checkov: 'CKV2_AWS_76',
  },
  's3-bucket-companions': {
    level: 'error',
    explanation: 'A bucket is only safe with all of its companion settings.',
    checkov: 'CKV2_AWS_6, CKV_AWS_21, CKV2_AWS_61',
    fsbp: 'S3.8',
  },
  's3-public-access-blocked': {
    level: 'error',
    explanation: 'Any one open setting can make objects public.',
    checkov: 'CKV_AWS_53, CKV_AWS_54, CKV_AWS_55, CKV_AWS_56',
    trivy: 'AVD-AWS-0086',
    fsbp: 'S3.8',
  },
  's3-versioning-enabled': {
    level: 'error',
    explanation: 'Versioning recovers overwritten and deleted objects.',
    checkov: 'CKV_AWS_21',
    trivy: 'AVD-AWS-0090',
    fsbp: 'S3.14',
  },
  's3-tls-only': { level: 'error', explanation: 'Requests over plain HTTP expose data and credentials.', fsbp: 'S3.5' },
  's3-lifecycle-expiry': {
    level: 'error',
    explanation: 'Logs without expiry grow forever, in cost and in exposure.',
    checkov: 'CKV2_AWS_61',
    fsbp: 'S3.13',
  },
  's3-acls-disabled': { level: 'error', explanation: 'ACLs grant access outside the bucket policy.', fsbp: 'S3.12' },
  'log-group-encrypted': {
    level: 'error',
    explanation: 'Logs contain addresses, identifiers and sometimes data.',
    checkov: 'CKV_AWS_158',
    trivy: 'AVD-AWS-0017',
  },
  'log-group-retention': {
    level: 'error',
    explanation: 'Retention keeps what audits need and no more.',
    checkov: 'CKV_AWS_338',
    fsbp: 'CloudWatch.16',
  },
  'sns-topic-encrypted': {
    level: 'error',
    explanation: 'Alarm messages name resources and values.',
    checkov: 'CKV_AWS_26',
    trivy: 'AVD-AWS-0095',
    fsbp: 'SNS.1',
  },
  'alarm-notifies': { level: 'error', explanation: 'An alarm nobody hears is not an alarm.', fsbp: 'CloudWatch.15' },
  'iam-no-admin-wildcard': {
    level: 'error',
    explanation: '"*" on "*" is full administrator access.',
    checkov: 'CKV_AWS_62, CKV_AWS_63',
    trivy: 'AVD-AWS-0057',
    fsbp: 'IAM.1',
  },
  'iam-no-managed-admin': {
    level: 'error',
    explanation: 'Administrator policies make any compromised workload an account compromise.',
    checkov: 'CKV_AWS_274',
  },
  'iam-trust-scoped': {
    level: 'error',
    explanation: 'An open trust policy lets anyone assume the role; service principals need a confused-deputy guard.',
    checkov: 'CKV_AWS_60',
  },
  'iam-app-role-no-secret-read': {
    level: 'error',
    explanation:
      'A database password an instance can read is one SSRF or shell away from an attacker; IAM authentication tokens expire in 15 minutes.',
  },
  'required-tags': { level: 'error', explanation: 'Ownership, environment and cost allocation depend on tags.' },
  'name-length-limits': { level: 'error', explanation: 'AWS rejects over-long names at apply time, after part of the plan already ran.' },
  'region-binding': {
    level: 'error',
    explanation: "A resource without its region's provider is created in the wrong region, or not at all.",
  },
  'stateful-prevent-destroy': {
    level: 'warning',
    explanation: 'prevent_destroy makes Terraform refuse any plan that deletes the database or its keys.',
  },
};
