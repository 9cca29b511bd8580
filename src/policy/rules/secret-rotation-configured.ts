import { Rule, check, referencing } from '../rule';

/**
 * Source: AWS Secrets Manager User Guide, "Rotate AWS Secrets Manager secrets" (rotation by a
 * Lambda function on a schedule, in Terraform an aws_secretsmanager_secret_rotation); Aurora User
 * Guide, "Password management with Amazon Aurora and AWS Secrets Manager" (a master secret RDS
 * manages, manage_master_user_password, is not an aws_secretsmanager_secret of the configuration,
 * and RDS rotates it). A password that never changes stays valid in every copy ever made of it.
 */
export const rule: Rule = {
  id: 'secret-rotation-configured',
  description:
    'Every secret is rotated: it is the secret_id of an aws_secretsmanager_secret_rotation (secrets RDS manages are not aws_secretsmanager_secret resources, and RDS rotates them). Source: Secrets Manager User Guide, Rotate AWS Secrets Manager secrets.',
  resourceTypes: ['aws_secretsmanager_secret'],
  evaluate(secret, model) {
    return check(
      referencing(model, 'aws_secretsmanager_secret_rotation', secret, 'secret_id').length > 0,
      'no aws_secretsmanager_secret_rotation has it as secret_id: rotate it on a schedule (database.rotationDays), or let RDS manage the master password',
    );
  },
};
