import { policyDocument } from '../model';
import { Rule, check, notApplicable } from '../rule';

export const rule: Rule = {
  id: 'iam-trust-scoped',
  description: 'Role trust policies name specific principals: no "*", and service principals other than EC2 carry aws:SourceAccount.',
  resourceTypes: ['aws_iam_role'],
  evaluate(role) {
    const doc = policyDocument(role, 'assume_role_policy');
    if (!doc) return notApplicable('trust policy not known at plan time');
    for (const s of doc.Statement.filter((st) => st.Effect === 'Allow')) {
      const principal = s.Principal;
      // "*" alone, or among the AWS principals (a string or a list).
      if (principal === '*' || [principal?.AWS ?? []].flat().includes('*'))
        return check(false, 'the trust policy admits principal "*": name the principal');
      const services = [principal?.Service ?? []].flat() as string[];
      // EC2 instances assume roles through the instance profile; the others act for callers.
      const needsGuard = services.some((svc) => svc !== 'ec2.amazonaws.com');
      if (needsGuard && !s.Condition?.StringEquals?.['aws:SourceAccount']) {
        return check(
          false,
          `service principal ${services.join(', ')} without an aws:SourceAccount condition: guard against the confused deputy`,
        );
      }
    }
    return check(true, '');
  },
};
