import { Rule, check, notApplicable } from '../rule';

/**
 * Source: AWS Secrets Manager API Reference, DeleteSecret (`RecoveryWindowInDays`,
 * `ForceDeleteWithoutRecovery`) and CreateSecret ("You can't create this secret because a
 * secret with this name is already scheduled for deletion").
 */
export const rule: Rule = {
  id: 'apply-secret-name-reusable',
  description:
    'A secret with a fixed name is either deleted without a recovery window (its name is free for the next apply) or kept from destroy (prevent_destroy). Source: Secrets Manager DeleteSecret and CreateSecret (name reserved while scheduled for deletion).',
  resourceTypes: ['aws_secretsmanager_secret'],
  evaluate(secret, model) {
    if (typeof secret.values.name !== 'string') return check(true, '');
    const window = secret.values.recovery_window_in_days ?? 30;
    if (window === 0) return check(true, '');
    if (model.source === 'plan') return notApplicable('lifecycle is not part of a plan');
    return check(
      secret.lifecycle?.prevent_destroy === true,
      `the name ${secret.values.name} stays reserved for ${window} days after a destroy, so the environment cannot be applied again until then: set recovery_window_in_days = 0 where the data may go, or prevent_destroy where it must stay`,
    );
  },
};
