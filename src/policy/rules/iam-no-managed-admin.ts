import { Rule, check } from '../rule';

const ADMIN = [
  'arn:aws:iam::aws:policy/AdministratorAccess',
  'arn:aws:iam::aws:policy/PowerUserAccess',
  'arn:aws:iam::aws:policy/IAMFullAccess',
];

export const rule: Rule = {
  id: 'iam-no-managed-admin',
  description: 'No role gets AdministratorAccess, PowerUserAccess or IAMFullAccess.',
  resourceTypes: ['aws_iam_role_policy_attachment', 'aws_iam_policy_attachment'],
  evaluate(attachment) {
    return check(!ADMIN.includes(attachment.values.policy_arn), `${attachment.values.policy_arn} grants far more than a workload needs`);
  },
};
