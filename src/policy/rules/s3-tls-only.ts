import { policyDocument } from '../model';
import { Rule, check, notApplicable } from '../rule';

export const rule: Rule = {
  id: 's3-tls-only',
  description: 'Bucket policies deny requests not made over TLS.',
  resourceTypes: ['aws_s3_bucket_policy'],
  evaluate(policy) {
    const doc = policyDocument(policy);
    if (!doc) return notApplicable('policy not known at plan time');
    const denies = doc.Statement.some((s) => s.Effect === 'Deny' && String(s.Condition?.Bool?.['aws:SecureTransport']) === 'false');
    return check(denies, 'no Deny on aws:SecureTransport = false: add the TLS-only statement');
  },
};
