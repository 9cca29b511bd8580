/** IAM policy documents as typed data, rendered to JSON for `policy` and `assume_role_policy`. */

export type StringOrList = string | string[];

export interface PolicyStatement {
  readonly Sid?: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Principal?: '*' | { readonly AWS?: StringOrList; readonly Service?: StringOrList };
  readonly Action: StringOrList;
  readonly Resource?: StringOrList;
  readonly Condition?: Record<string, Record<string, StringOrList>>;
}

export interface PolicyDocument {
  readonly Version: '2012-10-17';
  readonly Statement: readonly PolicyStatement[];
}

/** Renders a policy; Terraform references (`${...}`) inside strings survive as interpolations. */
export function policyJson(doc: PolicyDocument): string {
  return JSON.stringify(doc);
}

/** A trust policy letting one AWS service assume a role, confused-deputy guarded by account and source ARN. */
export function serviceTrustPolicy(service: string, accountId: string, sourceArn?: string): PolicyDocument {
  const condition: Record<string, Record<string, StringOrList>> = { StringEquals: { 'aws:SourceAccount': accountId } };
  if (sourceArn) condition.ArnLike = { 'aws:SourceArn': sourceArn };
  return {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole', Condition: condition }],
  };
}
