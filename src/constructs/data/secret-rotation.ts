import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { SecretsmanagerSecretRotation } from '@cdktf/provider-aws/lib/secretsmanager-secret-rotation';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { ServerlessapplicationrepositoryCloudformationStack } from '@cdktf/provider-aws/lib/serverlessapplicationrepository-cloudformation-stack';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { Fn, ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { POSTGRES_PORT } from '../network/security-groups';

/**
 * AWS's rotation application for PostgreSQL, single-user scheme, in the Serverless Application
 * Repository, at the version aws-cdk-lib pins (aws-secretsmanager/lib/secret-rotation.ts).
 */
export const ROTATION_APPLICATION = {
  id: 'arn:aws:serverlessrepo:us-east-1:297356227824:applications/SecretsManagerRDSPostgreSQLRotationSingleUser',
  version: '1.1.671',
} as const;

export interface SecretRotationProps {
  readonly provider: AwsProvider;
  readonly region: string;
  readonly accountId: string;
  /** Function name (<= 64 characters); also names the stack, the group and the log group. */
  readonly functionName: string;
  readonly secretId: string;
  /** The region's CMK: it encrypts the secret and the function's log group. */
  readonly kmsKeyArn: string;
  readonly vpcId: string;
  /** Private subnets (egress through NAT or endpoints to Secrets Manager). */
  readonly subnetIds: string[];
  /** The database's security group: the function connects to it. */
  readonly databaseSecurityGroupId: string;
  /**
   * The interface endpoints' security group, when the VPC has endpoints: with private DNS the
   * Secrets Manager API resolves to them, so they must admit the function.
   */
  readonly endpointSecurityGroupId?: string;
  readonly rotationDays: number;
  readonly logRetentionDays: number;
  /** Rotation is configured after these: the cluster's writer and the secret's first version. */
  readonly after: ITerraformDependable[];
}

/**
 * Scheduled rotation of the global database's master secret by AWS's rotation function, run in
 * the home region's private subnets. Aurora cannot manage the master password of a global
 * database's cluster (Aurora User Guide, "Password management with Amazon Aurora and AWS Secrets
 * Manager", limitations), so Secrets Manager rotates it: the function sets a new password on the
 * writer (the secret's host, the global writer endpoint) and stores it as AWSCURRENT.
 *
 * It does not fight Terraform: the secret value and the cluster password are write-only, sent only
 * when `database.passwordVersion` changes, so a rotated password is never reverted by a plan.
 */
export class SecretRotation extends Construct {
  readonly securityGroup: SecurityGroup;
  readonly logGroup: CloudwatchLogGroup;
  readonly application: ServerlessapplicationrepositoryCloudformationStack;
  readonly rotation: SecretsmanagerSecretRotation;

  constructor(scope: Construct, id: string, props: SecretRotationProps) {
    super(scope, id);
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(props.functionName)) {
      throw new Error(`SecretRotation ${this.node.path}: functionName must be 1-64 of A-Z a-z 0-9 - _, got ${props.functionName}`);
    }
    const { provider, functionName } = props;

    this.securityGroup = new SecurityGroup(this, 'security-group', {
      provider,
      vpcId: props.vpcId,
      name: functionName,
      description: 'Master secret rotation function: PostgreSQL to the database, HTTPS to Secrets Manager',
      tags: { Name: functionName },
    });
    const httpsOut = new VpcSecurityGroupEgressRule(this, 'https-out', {
      provider,
      securityGroupId: this.securityGroup.id,
      ipProtocol: 'tcp',
      fromPort: 443,
      toPort: 443,
      cidrIpv4: '0.0.0.0/0',
      description: 'HTTPS to the Secrets Manager API (interface endpoint or NAT)',
    });
    const toDatabase = new VpcSecurityGroupEgressRule(this, 'to-db', {
      provider,
      securityGroupId: this.securityGroup.id,
      ipProtocol: 'tcp',
      fromPort: POSTGRES_PORT,
      toPort: POSTGRES_PORT,
      referencedSecurityGroupId: props.databaseSecurityGroupId,
      description: 'PostgreSQL to the database',
    });
    const databaseIn = new VpcSecurityGroupIngressRule(this, 'db-from-rotation', {
      provider,
      securityGroupId: props.databaseSecurityGroupId,
      ipProtocol: 'tcp',
      fromPort: POSTGRES_PORT,
      toPort: POSTGRES_PORT,
      referencedSecurityGroupId: this.securityGroup.id,
      description: 'PostgreSQL from the master secret rotation function',
    });

    const endpointIn = props.endpointSecurityGroupId
      ? [
          new VpcSecurityGroupIngressRule(this, 'endpoints-from-rotation', {
            provider,
            securityGroupId: props.endpointSecurityGroupId,
            ipProtocol: 'tcp',
            fromPort: 443,
            toPort: 443,
            referencedSecurityGroupId: this.securityGroup.id,
            description: 'HTTPS from the master secret rotation function (Secrets Manager endpoint)',
          }),
        ]
      : [];

    // Created before the function: Lambda would otherwise create it, unencrypted and kept forever.
    this.logGroup = new CloudwatchLogGroup(this, 'log-group', {
      provider,
      name: `/aws/lambda/${functionName}`,
      retentionInDays: props.logRetentionDays,
      kmsKeyId: props.kmsKeyArn,
    });

    // Only parameters whose values differ from the application's defaults: the provider drops
    // default-valued ones when it reads the stack back, so they would never settle (provider
    // issues #16485, #23874). The stack creates the function, its role (scoped to this secret and
    // key) and the permission for Secrets Manager to invoke it.
    this.application = new ServerlessapplicationrepositoryCloudformationStack(this, 'application', {
      provider,
      name: functionName,
      applicationId: ROTATION_APPLICATION.id,
      semanticVersion: ROTATION_APPLICATION.version,
      capabilities: ['CAPABILITY_IAM', 'CAPABILITY_RESOURCE_POLICY'],
      parameters: {
        functionName,
        endpoint: `https://secretsmanager.${props.region}.amazonaws.com`,
        vpcSubnetIds: Fn.join(',', props.subnetIds),
        vpcSecurityGroupIds: this.securityGroup.id,
        kmsKeyArn: props.kmsKeyArn,
      },
      dependsOn: [this.logGroup, httpsOut, toDatabase, databaseIn, ...endpointIn],
    });

    this.rotation = new SecretsmanagerSecretRotation(this, 'rotation', {
      provider,
      secretId: props.secretId,
      // The function's ARN from its name (set above), not from the stack's outputs map, so the
      // reference holds before the stack exists.
      rotationLambdaArn: `arn:aws:lambda:${props.region}:${props.accountId}:function:${functionName}`,
      rotationRules: { automaticallyAfterDays: props.rotationDays },
      // The first apply writes the password itself; the first rotation runs on the schedule.
      // Secrets Manager still tests the function against the database when rotation is set up.
      rotateImmediately: false,
      dependsOn: [this.application, ...props.after],
    });
  }
}
