import { Rule, check } from '../rule';

export const rule: Rule = {
  id: 'secret-value-write-only',
  description: 'Secret values are written write-only (secret_string_wo): never in state or JSON.',
  resourceTypes: ['aws_secretsmanager_secret_version'],
  evaluate(version) {
    const plain = ['secret_string', 'secret_binary'].filter((k) => version.values[k] !== undefined && version.values[k] !== null);
    return check(plain.length === 0, `${plain.join(', ')} lands in state: use secret_string_wo with secret_string_wo_version`);
  },
};
