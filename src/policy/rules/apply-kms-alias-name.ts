import { Rule, check, notApplicable } from '../rule';

/** Source: AWS KMS API Reference, CreateAlias `AliasName` (pattern `^alias/[a-zA-Z0-9/_-]+$`, 1-256, `alias/aws/` reserved). */
export const rule: Rule = {
  id: 'apply-kms-alias-name',
  description:
    'KMS alias names are alias/ plus letters, digits, /, _ and -, at most 256 characters, not alias/aws/. Source: KMS CreateAlias.',
  resourceTypes: ['aws_kms_alias'],
  evaluate(alias) {
    const name = alias.values.name;
    if (typeof name !== 'string') return notApplicable('name not known');
    return check(
      /^alias\/[A-Za-z0-9/_-]+$/.test(name) && name.length <= 256 && !name.startsWith('alias/aws/'),
      `"${name}" is not a valid alias name: alias/ followed by letters, digits, /, _ and -, at most 256 characters, not under alias/aws/`,
    );
  },
};
