import { policyDocument } from '../model';
import { Rule, check, notApplicable } from '../rule';

export const rule: Rule = {
  id: 'iam-no-admin-wildcard',
  description: 'No IAM policy allows action "*" on resource "*".',
  resourceTypes: ['aws_iam_role_policy', 'aws_iam_policy', 'aws_iam_user_policy', 'aws_iam_group_policy'],
  evaluate(policy) {
    const doc = policyDocument(policy);
    if (!doc) return notApplicable('policy not known at plan time');
    const admin = doc.Statement.filter((s) => s.Effect === 'Allow' && [s.Action].flat().includes('*') && [s.Resource].flat().includes('*'));
    return check(admin.length === 0, 'a statement allows "*" on "*": list the actions and resources the role needs');
  },
};
