import { policyDocument } from '../model';
import { Rule, check, notApplicable } from '../rule';

export const rule: Rule = {
  id: 'kms-no-unconditioned-public-principal',
  description: 'A key policy statement open to principal "*" is narrowed by a condition.',
  resourceTypes: ['aws_kms_key'],
  evaluate(key) {
    const doc = policyDocument(key);
    if (!doc) return notApplicable('policy not known at plan time');
    const open = doc.Statement.filter((s) => s.Effect === 'Allow' && (s.Principal === '*' || s.Principal?.AWS === '*') && !s.Condition);
    return check(
      open.length === 0,
      'an Allow statement for principal "*" has no Condition: add kms:CallerAccount and kms:ViaService conditions',
    );
  },
};
