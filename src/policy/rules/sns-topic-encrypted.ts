import { isSet } from '../model';
import { Rule, check } from '../rule';

export const rule: Rule = {
  id: 'sns-topic-encrypted',
  description: 'SNS topics are encrypted with a customer-managed key.',
  resourceTypes: ['aws_sns_topic'],
  evaluate(topic) {
    const key = topic.values.kms_master_key_id;
    return check(
      isSet(topic, 'kms_master_key_id') && key !== 'alias/aws/sns',
      "no CMK in kms_master_key_id: use the region's key (the AWS-managed key cannot be shared with CloudWatch)",
    );
  },
};
