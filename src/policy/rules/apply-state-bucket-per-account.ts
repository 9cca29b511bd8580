import { BACKEND_TYPE } from '../model';
import { Rule, check, notApplicable } from '../rule';

/**
 * Source: Amazon S3 User Guide, "General purpose bucket naming rules" (a bucket name is unique
 * across all AWS accounts in a partition); Terraform, "Backend Type: s3" (the backend uses the
 * configured credentials, or `assume_role`).
 */
export const rule: Rule = {
  id: 'apply-state-bucket-per-account',
  description:
    "The S3 backend reaches a bucket of the environment's account (its name carries every account the providers allow) or a central state account through assume_role. Source: S3 User Guide, bucket naming rules (names are global); Terraform s3 backend docs.",
  resourceTypes: [BACKEND_TYPE],
  evaluate(backend, model) {
    if (backend.name !== 's3') return notApplicable(`a ${backend.name} backend`);
    const v = backend.values;
    if (typeof v.assume_role?.role_arn === 'string' || typeof v.role_arn === 'string') return check(true, '');
    const accounts = [...new Set(Object.values(model.providers).flatMap((p) => (p.allowed_account_ids ?? []) as string[]))];
    if (accounts.length === 0) return notApplicable('no provider pins an account');
    const missing = accounts.filter((a) => !String(v.bucket).includes(a));
    return check(
      missing.length === 0,
      `the state bucket ${v.bucket} does not carry the account id ${missing.join(', ')}: one name cannot exist in every environment's account (S3 names are global), so put the account id in the name, or keep state in a central account reached through assume_role`,
    );
  },
};
