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
  /**
   * `arn:aws:rds-db:<region>:<account>:dbuser:<cluster resource id>/<user>`: the one database user
   * of the one cluster the application may connect as (IAM database authentication).
   */
  readonly databaseConnectArn: string;
}

/**
 * The application instances' role: Session Manager (AWS managed core policy), the CloudWatch
 * agent writing to the application log group only, and connecting to the region's database as
 * the application user (IAM authentication). It reads no secret: the master secret is for the
 * rotation function and the break-glass role only.
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
      description: 'Application instances: SSM, CloudWatch agent, IAM authentication to the database as the application user',
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
            Sid: 'ConnectAsApplicationUser',
            Effect: 'Allow',
            Action: 'rds-db:connect',
            Resource: props.databaseConnectArn,
          },
        ],
      }),
    });
    this.profile = new IamInstanceProfile(this, 'profile', { provider, name: props.name, role: this.role.name });
  }
}
