/**
 * Where an environment's Terraform state lives, derived from its `backend` block. Two layouts:
 *
 * - per account (no `roleArn`): the bucket and its key are in the environment's own account,
 *   reached with the same credentials that deploy; the bucket's name carries the account id;
 * - central state account (`roleArn`): the bucket and its key are in the role's account, and the
 *   backend assumes that role (Terraform S3 backend `assume_role`).
 *
 * The state bootstrap stack and the platform stack's backend both read these, so they agree.
 */
import { EnvironmentConfig, STATE_ROLE_ARN } from './schema';

/** The account that owns the state bucket and its KMS key. */
export function stateAccountOf(config: Pick<EnvironmentConfig, 'accountId' | 'backend'>): string {
  const match = config.backend.roleArn ? STATE_ROLE_ARN.exec(config.backend.roleArn) : null;
  return match ? match[1]! : config.accountId;
}

/** Alias of the state bucket's KMS key, created by the bootstrap stack: `alias/<project>-terraform-state`. */
export function stateKeyAlias(project: string): string {
  return `alias/${project}-terraform-state`;
}

/**
 * The state key as the backend names it: an alias ARN, known before the key exists (the key id
 * is not). Terraform's S3 backend passes it to S3 as the SSE-KMS key; S3 accepts a key or alias
 * ARN there, and the backend validates it as a KMS key or alias ARN.
 */
export function stateKeyArn(config: Pick<EnvironmentConfig, 'accountId' | 'backend' | 'project'>): string {
  return `arn:aws:kms:${config.backend.region}:${stateAccountOf(config)}:${stateKeyAlias(config.project)}`;
}

/** Name of the role in `backend.roleArn`, if any. */
export function stateRoleName(roleArn: string): string {
  const match = STATE_ROLE_ARN.exec(roleArn);
  if (!match) throw new Error(`not a role ARN without a path: ${roleArn}`);
  return match[2]!;
}
