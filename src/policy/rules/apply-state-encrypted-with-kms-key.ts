import { BACKEND_TYPE } from '../model';
import { Rule, check, notApplicable } from '../rule';

/**
 * Source: hashicorp/terraform internal/backend/remote-state/s3/client.go (`RemoteClient.put`):
 * with `encrypt = true` and no `kms_key_id` every state object is written with
 * `ServerSideEncryption: AES256` (SSE-S3), whatever the bucket's default encryption says.
 */
export const rule: Rule = {
  id: 'apply-state-encrypted-with-kms-key',
  description:
    "The S3 backend encrypts state with the state bucket's KMS key (encrypt and kms_key_id). Source: Terraform s3 backend client.go, encrypt alone sends SSE-S3 (AES256) and overrides the bucket default.",
  resourceTypes: [BACKEND_TYPE],
  evaluate(backend) {
    if (backend.name !== 's3') return notApplicable(`a ${backend.name} backend`);
    const v = backend.values;
    return check(
      v.encrypt === true && typeof v.kms_key_id === 'string' && v.kms_key_id !== '',
      'state is not SSE-KMS under the state key: set encrypt = true and kms_key_id to the key (or alias) ARN the bootstrap stack creates',
    );
  },
};
