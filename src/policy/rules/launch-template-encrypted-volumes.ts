import { blocks } from '../model';
import { Rule, check } from '../rule';

export const rule: Rule = {
  id: 'launch-template-encrypted-volumes',
  description: 'Every EBS volume of the launch template is encrypted with a customer-managed key.',
  resourceTypes: ['aws_launch_template'],
  evaluate(template, model) {
    const volumes = blocks(template.values, 'block_device_mappings').map((m) => [m.ebs].flat()[0] ?? {});
    const ok =
      volumes.length > 0 &&
      volumes.every((v) => String(v.encrypted) === 'true' && (model.source === 'plan' || typeof v.kms_key_id === 'string'));
    return check(ok, "a volume is not encrypted or has no kms_key_id: encrypt it with the region's CMK");
  },
};
