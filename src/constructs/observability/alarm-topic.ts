import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicPolicy } from '@cdktf/provider-aws/lib/sns-topic-policy';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import { Construct } from 'constructs';
import { policyJson } from '../security/policy';

export interface AlarmTopicProps {
  readonly provider: AwsProvider;
  readonly region: string;
  readonly accountId: string;
  readonly name: string;
  /** The region's CMK (its key policy lets CloudWatch alarms use it). */
  readonly kmsKeyArn: string;
  /** E-mail subscribers; each must confirm the subscription AWS mails them. */
  readonly emails: readonly string[];
}

/** The region's alarm topic: CMK-encrypted, publishable by this account's alarms only, TLS only. */
export class AlarmTopic extends Construct {
  readonly topic: SnsTopic;

  constructor(scope: Construct, id: string, props: AlarmTopicProps) {
    super(scope, id);
    const { provider } = props;
    this.topic = new SnsTopic(this, 'topic', { provider, name: props.name, kmsMasterKeyId: props.kmsKeyArn });
    new SnsTopicPolicy(this, 'policy', {
      provider,
      arn: this.topic.arn,
      policy: policyJson({
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'AccountManagesTopic',
            Effect: 'Allow',
            Principal: { AWS: `arn:aws:iam::${props.accountId}:root` },
            Action: ['sns:GetTopicAttributes', 'sns:SetTopicAttributes', 'sns:Subscribe', 'sns:ListSubscriptionsByTopic', 'sns:Publish'],
            Resource: this.topic.arn,
          },
          {
            Sid: 'CloudWatchAlarmsPublish',
            Effect: 'Allow',
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: 'sns:Publish',
            Resource: this.topic.arn,
            Condition: {
              StringEquals: { 'aws:SourceAccount': props.accountId },
              ArnLike: { 'aws:SourceArn': `arn:aws:cloudwatch:${props.region}:${props.accountId}:alarm:*` },
            },
          },
          {
            Sid: 'DenyInsecureTransport',
            Effect: 'Deny',
            Principal: '*',
            Action: 'sns:Publish',
            Resource: this.topic.arn,
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          },
        ],
      }),
    });
    for (const email of props.emails) {
      // Keyed by address: adding or removing one never touches the others.
      new SnsTopicSubscription(this, `email-${email}`, { provider, topicArn: this.topic.arn, protocol: 'email', endpoint: email });
    }
  }
}
