import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { FlowLog } from '@cdktf/provider-aws/lib/flow-log';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Construct } from 'constructs';
import { policyJson, serviceTrustPolicy } from '../security/policy';

export interface VpcFlowLogsProps {
  readonly provider: AwsProvider;
  readonly region: string;
  readonly accountId: string;
  readonly vpcId: string;
  /** Name prefix, e.g. `platform-dev-us-east-1`; IAM is global, so it includes the region. */
  readonly namePrefix: string;
  /** e.g. `/platform/dev/us-east-1/vpc-flow-logs`. */
  readonly logGroupName: string;
  readonly retentionDays: number;
  /** The region's CMK; the log group is encrypted with it. */
  readonly kmsKeyArn: string;
}

/** Flow logs of ALL traffic of the VPC into a CMK-encrypted log group, through a least-privilege role. */
export class VpcFlowLogs extends Construct {
  readonly logGroup: CloudwatchLogGroup;
  readonly role: IamRole;
  readonly flowLog: FlowLog;

  constructor(scope: Construct, id: string, props: VpcFlowLogsProps) {
    super(scope, id);
    const { provider, region, accountId } = props;
    this.logGroup = new CloudwatchLogGroup(this, 'log-group', {
      provider,
      name: props.logGroupName,
      retentionInDays: props.retentionDays,
      kmsKeyId: props.kmsKeyArn,
    });
    this.role = new IamRole(this, 'role', {
      provider,
      name: `${props.namePrefix}-vpc-flow-logs`,
      description: `Delivers VPC flow logs of ${props.namePrefix} to CloudWatch Logs`,
      assumeRolePolicy: policyJson(
        serviceTrustPolicy('vpc-flow-logs.amazonaws.com', accountId, `arn:aws:ec2:${region}:${accountId}:vpc-flow-log/*`),
      ),
    });
    new IamRolePolicy(this, 'policy', {
      provider,
      name: 'deliver-to-log-group',
      role: this.role.id,
      policy: policyJson({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Action: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogGroups', 'logs:DescribeLogStreams'],
            Resource: [this.logGroup.arn, `${this.logGroup.arn}:*`],
          },
        ],
      }),
    });
    this.flowLog = new FlowLog(this, 'flow-log', {
      provider,
      vpcId: props.vpcId,
      trafficType: 'ALL',
      logDestinationType: 'cloud-watch-logs',
      logDestination: this.logGroup.arn,
      iamRoleArn: this.role.arn,
      maxAggregationInterval: 60,
      tags: { Name: `${props.namePrefix}-flow-logs` },
    });
  }
}
