import { IamInstanceProfile } from '@cdktf/provider-aws/lib/iam-instance-profile';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Construct } from 'constructs';
import { policyJson } from '../security/policy';

export interface InstanceRoleProps {
  readonly provider: AwsProvider;
  readonly region: string;
  /** Role and profile name; IAM is global, so it includes the region. */
  readonly name: string;
  /** The application log group the CloudWatch agent writes to. */
  readonly logGroupArn: string;
  /** The database secret the application may read (ARN or ARN pattern), and nothing else. */
  readonly databaseSecretArn: string;
  /** The region's CMK, which encrypts that secret. */
  readonly kmsKeyArn: string;
}

/**
 * The application instances' role: Session Manager (AWS managed core policy), the CloudWatch
 * agent writing to the application log group only, and reading this database's secret only.
 */
export class InstanceRole extends Construct {
  readonly role: IamRole;
  readonly profile: IamInstanceProfile;

  constructor(scope: Construct, id: string, props: InstanceRoleProps) {
    super(scope, id);
    const { provider } = props;
    this.role = new IamRole(this, 'role', {
      provider,
      name: props.name,
      description: 'Application instances: SSM, CloudWatch agent, database secret',
      assumeRolePolicy: policyJson({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
      }),
    });
    new IamRolePolicyAttachment(this, 'ssm-core', {
      provider,
      role: this.role.name,
      policyArn: 'arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore',
    });
    new IamRolePolicy(this, 'app', {
      provider,
      name: 'application',
      role: this.role.id,
      policy: policyJson({
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'ShipLogs',
            Effect: 'Allow',
            Action: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
            Resource: [props.logGroupArn, `${props.logGroupArn}:*`],
          },
          {
            Sid: 'AgentMetrics',
            Effect: 'Allow',
            Action: 'cloudwatch:PutMetricData',
            Resource: '*', // PutMetricData has no resource type; the namespace condition scopes it.
            Condition: { StringEquals: { 'cloudwatch:namespace': 'CWAgent' } },
          },
          {
            Sid: 'AgentInstanceTags',
            Effect: 'Allow',
            Action: 'ec2:DescribeTags',
            Resource: '*', // DescribeTags supports no resource-level permissions.
          },
          {
            Sid: 'ReadDatabaseSecret',
            Effect: 'Allow',
            Action: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
            Resource: props.databaseSecretArn,
          },
          {
            Sid: 'DecryptDatabaseSecret',
            Effect: 'Allow',
            Action: 'kms:Decrypt',
            Resource: props.kmsKeyArn,
            Condition: { StringEquals: { 'kms:ViaService': `secretsmanager.${props.region}.amazonaws.com` } },
          },
        ],
      }),
    });
    this.profile = new IamInstanceProfile(this, 'profile', { provider, name: props.name, role: this.role.name });
  }
}
