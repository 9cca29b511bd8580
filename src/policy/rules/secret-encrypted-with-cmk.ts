import { blocks, isSet } from '../model';
import { Rule, check } from '../rule';

export const rule: Rule = {
  id: 'secret-encrypted-with-cmk',
  description: 'Secrets, and each of their replicas, are encrypted with a customer-managed key.',
  resourceTypes: ['aws_secretsmanager_secret'],
  evaluate(secret, model) {
    const replicas = blocks(secret.values, 'replica');
    const replicaKeysKnown =
      model.source === 'synth' ? replicas.every((r) => typeof r.kms_key_id === 'string' && r.kms_key_id !== '') : true;
    return check(isSet(secret, 'kms_key_id') && replicaKeysKnown, "the secret or a replica has no kms_key_id: use each region's CMK");
  },
};
