import { Json, policyDocument } from '../model';
import { Rule, check, notApplicable } from '../rule';

/** Policy attribute of each resource type whose policy names principals. */
const POLICY_ATTRIBUTE: Record<string, string> = {
  aws_kms_key: 'policy',
  aws_iam_role: 'assume_role_policy',
  aws_s3_bucket_policy: 'policy',
  aws_sns_topic_policy: 'policy',
  aws_secretsmanager_secret_policy: 'policy',
};

/** A principal that exists whenever the policy is written: everyone, an account, or something this configuration creates first. */
function alwaysExists(principal: string): boolean {
  return principal === '*' || /^\d{12}$/.test(principal) || /^arn:aws[\w-]*:iam::\d{12}:root$/.test(principal) || principal.includes('${');
}

/**
 * Source: AWS KMS API Reference, CreateKey and PutKeyPolicy, `Policy` ("The principals in the key
 * policy must exist and be visible to AWS KMS", else MalformedPolicyDocumentException); IAM User
 * Guide, "AWS JSON policy elements: Principal" (a role named in a trust or resource policy must
 * exist, else "Invalid principal in policy"); service-linked roles exist only after the service
 * first uses them.
 */
export const rule: Rule = {
  id: 'apply-policy-principals-exist',
  description:
    'Key, trust and resource policies name only principals that exist when the policy is written: "*", an account, or a role this configuration creates (by reference). Source: KMS CreateKey/PutKeyPolicy (principals must exist); IAM policy elements, Principal.',
  resourceTypes: Object.keys(POLICY_ATTRIBUTE),
  evaluate(resource) {
    const doc = policyDocument(resource, POLICY_ATTRIBUTE[resource.type]);
    if (!doc) return notApplicable('policy not known here');
    const named = doc.Statement.flatMap((s: Json) =>
      s.Principal && typeof s.Principal === 'object' ? [s.Principal.AWS ?? []].flat() : [],
    );
    const doubtful = (named as unknown[]).map(String).filter((p) => !alwaysExists(p));
    const lazy = doubtful.filter((p) => p.includes(':role/aws-service-role/'));
    return check(
      doubtful.length === 0,
      `names ${doubtful.join(', ')}, which may not exist when the policy is written${lazy.length > 0 ? ' (a service-linked role exists only once its service is first used)' : ''}: grant through the account with conditions (kms:ViaService, aws:PrincipalArn) or reference a role this configuration creates`,
    );
  },
};
