import { Json, PolicyModel, PolicyResource, policyDocument } from '../model';
import { Rule, check, compliant, nonCompliant, notApplicable } from '../rule';

const READ = 'secretsmanager:GetSecretValue';
const MANAGED_READ_WRITE = 'arn:aws:iam::aws:policy/SecretsManagerReadWrite';

/** Whether an IAM action pattern (wildcards `*` and `?`; actions are case-insensitive) covers `action`. */
function covers(pattern: unknown, action: string): boolean {
  if (typeof pattern !== 'string') return false;
  const source = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${source}$`, 'i').test(action);
}

/** The Allow statements of a policy document that grant GetSecretValue, described. */
function readGrants(doc: { Statement: Json[] }): string[] {
  return doc.Statement.flatMap((s, i) => {
    if (s.Effect !== 'Allow') return [];
    const label = `statement ${s.Sid ?? `#${i + 1}`}`;
    if (s.NotAction !== undefined) {
      return [s.NotAction].flat().some((p) => covers(p, READ)) ? [] : [`${label} (NotAction ${[s.NotAction].flat().join(', ')})`];
    }
    const action = [s.Action].flat().find((p) => covers(p, READ));
    return action === undefined ? [] : [`${label} (${action})`];
  });
}

/** The role of this configuration a policy or attachment names (by reference or by name), when its trust policy admits EC2. */
function instanceRole(resource: PolicyResource, model: PolicyModel): PolicyResource | undefined {
  const refs = resource.references.role ?? [];
  const role = model.resources.find(
    (r) =>
      r.type === 'aws_iam_role' &&
      (refs.includes(r.address) || (typeof r.values.name === 'string' && r.values.name === resource.values.role)),
  );
  const trust = role && policyDocument(role, 'assume_role_policy');
  const ec2 = trust?.Statement.some((s) => s.Effect === 'Allow' && [s.Principal?.Service ?? []].flat().includes('ec2.amazonaws.com'));
  return ec2 ? role : undefined;
}

/**
 * Source: Aurora User Guide, "IAM database authentication" (an instance role granted
 * rds-db:connect gets a token valid for 15 minutes, and no password exists on the instance);
 * Service Authorization Reference, AWS Secrets Manager (GetSecretValue returns the secret's
 * value); AWS Managed Policy Reference, SecretsManagerReadWrite (secretsmanager:*). A database
 * password readable from an instance is one SSRF or shell away from an attacker, and valid until
 * the next rotation.
 */
export const rule: Rule = {
  id: 'iam-app-role-no-secret-read',
  description:
    'Roles EC2 instances assume (trust policy names Service ec2.amazonaws.com) cannot read secrets: no inline policy allows secretsmanager:GetSecretValue (directly or through a wildcard such as secretsmanager:*, secretsmanager:Get* or *), and neither SecretsManagerReadWrite nor a policy of this configuration that allows it is attached. Source: Aurora User Guide, IAM database authentication; Service Authorization Reference, AWS Secrets Manager.',
  resourceTypes: ['aws_iam_role_policy', 'aws_iam_role_policy_attachment'],
  evaluate(resource, model) {
    const role = instanceRole(resource, model);
    if (!role) return notApplicable('not for an EC2 instance role of this configuration');
    const fix = `to ${role.address}, an EC2 instance role: connect with IAM database authentication (rds-db:connect) instead of reading the database secret`;
    const judge = (doc: { Statement: Json[] } | undefined, where: string) => {
      if (!doc) return notApplicable('policy not known at plan time');
      const grants = readGrants(doc);
      return check(grants.length === 0, `${where}allows ${READ} through ${grants.join(', ')} ${fix}`);
    };
    if (resource.type === 'aws_iam_role_policy') return judge(policyDocument(resource), '');
    if (resource.values.policy_arn === MANAGED_READ_WRITE) return nonCompliant(`attaches SecretsManagerReadWrite ${fix}`);
    const policy = model.resources.find((r) => r.type === 'aws_iam_policy' && (resource.references.policy_arn ?? []).includes(r.address));
    return policy ? judge(policyDocument(policy), `attaches ${policy.address}, which `) : compliant;
  },
};
