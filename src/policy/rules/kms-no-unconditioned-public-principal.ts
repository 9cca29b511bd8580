import { Json, policyDocument } from '../model';
import { Rule, check, notApplicable } from '../rule';

/** Condition keys that pin the calling principal to an account or organization. */
const ACCOUNT_KEYS = ['kms:calleraccount', 'aws:principalaccount', 'aws:sourceaccount', 'aws:principalorgid'];
/** Operators that require the key to be present and match (no IfExists, no negation). */
const PINNING_OPERATORS = ['stringequals', 'stringlike', 'forallvalues:stringequals', 'foranyvalue:stringequals'];

function isWildcard(principal: unknown): boolean {
  if (principal === '*') return true;
  const aws = (principal as Json | undefined)?.AWS;
  return aws === '*' || (Array.isArray(aws) && aws.includes('*'));
}

/** Whether a condition block pins the caller to named accounts (values without wildcards). */
export function pinsAccount(condition: Json | undefined): boolean {
  return Object.entries(condition ?? {}).some(
    ([operator, keys]) =>
      PINNING_OPERATORS.includes(operator.toLowerCase()) &&
      Object.entries((keys ?? {}) as Json).some(([key, value]) => {
        const values = [value].flat();
        return (
          ACCOUNT_KEYS.includes(key.toLowerCase()) &&
          values.length > 0 &&
          values.every((v) => typeof v === 'string' && v !== '' && !/[*?]/.test(v))
        );
      }),
  );
}

export const rule: Rule = {
  id: 'kms-no-unconditioned-public-principal',
  description:
    'A key policy statement open to principal "*" is pinned to named accounts by its condition (kms:CallerAccount, aws:PrincipalAccount, aws:SourceAccount or aws:PrincipalOrgID with StringEquals); any other condition is not a guard.',
  resourceTypes: ['aws_kms_key'],
  evaluate(key) {
    const doc = policyDocument(key);
    if (!doc) return notApplicable('policy not known at plan time');
    const open = doc.Statement.filter((s) => s.Effect === 'Allow' && isWildcard(s.Principal) && !pinsAccount(s.Condition));
    return check(
      open.length === 0,
      `${open.map((s) => s.Sid ?? '(no Sid)').join(', ')}: an Allow for principal "*" is not pinned to an account: add StringEquals kms:CallerAccount (with kms:ViaService for service use)`,
    );
  },
};
