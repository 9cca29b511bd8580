import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { Testing } from 'cdktf';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketReplicationConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-replication-configuration';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { modelFromSynth } from '../src/policy/model';
import { blockingFindings, evaluate, formatFinding } from '../src/policy/runner';
import { StateBootstrapStack } from '../src/stacks/state-bootstrap-stack';
import { runBootstrap } from './bootstrap-run';
import { configOf, editedEnvironments } from './helpers';
import { scratchDir } from './scratch';

const TAGS = { Project: 'platform', Environment: 'shared', Owner: 'o', CostCenter: 'c', ManagedBy: 'cdktf' };

/** GIVEN the bootstrap stack of prod's state account (a bucket per account: no roles). */
function perAccountStack() {
  const config = configOf('prod');
  return new StateBootstrapStack(Testing.app({ outdir: scratchDir('app') }), 'state-bootstrap', {
    bucket: config.backend.bucket,
    region: config.backend.region,
    accountId: config.accountId,
    keyAlias: 'alias/platform-terraform-state',
    accessRoles: [],
    replicaRegion: config.backend.replicaRegion,
    tags: TAGS,
    noncurrentVersionDays: 90,
  });
}

describe('state bootstrap stack: a bucket per account', () => {
  const stack = perAccountStack();
  const synthesized = Testing.synth(stack);
  const config = configOf('prod');

  test('a local backend whose state file is named after the bucket', () => {
    expect(JSON.parse(synthesized).terraform.backend).toEqual({ local: { path: `terraform.${config.backend.bucket}.tfstate` } });
  });

  test("the provider refuses credentials of any account but the bucket's", () => {
    expect(synthesized).toHaveProviderWithProperties(AwsProvider, { region: 'us-east-1', allowed_account_ids: [config.accountId] });
  });

  test('the bucket is kept from destroy and versioned', () => {
    expect(synthesized).toHaveResourceWithProperties(S3Bucket, { bucket: config.backend.bucket, lifecycle: { prevent_destroy: true } });
    expect(synthesized).toHaveResourceWithProperties(S3BucketVersioningA, { versioning_configuration: { status: 'Enabled' } });
  });

  test('its own rotating KMS key, under the alias the backend names, is the bucket default', () => {
    expect(synthesized).toHaveResourceWithProperties(KmsKey, {
      enable_key_rotation: true,
      deletion_window_in_days: 30,
      lifecycle: { prevent_destroy: true },
    });
    expect(synthesized).toHaveResourceWithProperties(KmsAlias, { name: 'alias/platform-terraform-state' });
    expect(synthesized).toHaveResourceWithProperties(S3BucketServerSideEncryptionConfigurationA, {
      rule: [
        {
          apply_server_side_encryption_by_default: {
            sse_algorithm: 'aws:kms',
            kms_master_key_id: expect.stringMatching(/^\$\{aws_kms_key\.[^}]+\.arn\}$/),
          },
          bucket_key_enabled: true,
        },
      ],
    });
  });

  test('no access roles: the only role is the replication role, which only S3 of this account may assume', () => {
    expect(synthesized).toHaveResourceWithProperties(IamRole, { name: 'platform-terraform-state-replication' });
    const roles = Object.values(JSON.parse(synthesized).resource.aws_iam_role as Record<string, any>);
    expect(roles).toHaveLength(1);
    expect(JSON.parse(roles[0].assume_role_policy).Statement).toEqual([
      {
        Effect: 'Allow',
        Principal: { Service: 's3.amazonaws.com' },
        Action: 'sts:AssumeRole',
        Condition: {
          StringEquals: { 'aws:SourceAccount': config.accountId },
          ArnLike: { 'aws:SourceArn': expect.stringMatching(/^\$\{aws_s3_bucket\.acme-platform-terraform-state-333333333333\.arn\}$/) },
        },
      },
    ]);
  });

  test("a replica in the replica region: its own key under the same alias, the same protections, and replication of every version and delete marker under the replica's key", () => {
    const json = JSON.parse(synthesized);
    const replica = `${config.backend.bucket}-replica`;
    expect(synthesized).toHaveResourceWithProperties(S3Bucket, {
      bucket: replica,
      provider: 'aws.us_west_2',
      lifecycle: { prevent_destroy: true },
    });
    expect(
      Object.values(json.resource.aws_kms_alias as Record<string, any>)
        .map((a) => [a.provider, a.name])
        .sort(),
    ).toEqual([
      ['aws.us_east_1', 'alias/platform-terraform-state'],
      ['aws.us_west_2', 'alias/platform-terraform-state'],
    ]);
    for (const type of [
      'aws_s3_bucket_versioning',
      'aws_s3_bucket_public_access_block',
      'aws_s3_bucket_policy',
      'aws_s3_bucket_server_side_encryption_configuration',
      'aws_s3_bucket_lifecycle_configuration',
    ]) {
      expect(
        Object.values(json.resource[type] as Record<string, any>)
          .map((r) => r.provider)
          .sort(),
      ).toEqual(['aws.us_east_1', 'aws.us_west_2']);
    }
    expect(synthesized).toHaveResourceWithProperties(S3BucketReplicationConfigurationA, {
      bucket: `\${aws_s3_bucket.${config.backend.bucket}.id}`,
      depends_on: [`aws_s3_bucket_versioning.${config.backend.bucket}-versioning`, `aws_s3_bucket_versioning.${replica}-versioning`],
      rule: [
        {
          id: 'state-to-replica',
          status: 'Enabled',
          filter: { prefix: '' },
          delete_marker_replication: { status: 'Enabled' },
          source_selection_criteria: { sse_kms_encrypted_objects: { status: 'Enabled' } },
          destination: {
            bucket: `\${aws_s3_bucket.${replica}.arn}`,
            encryption_configuration: { replica_kms_key_id: '${aws_kms_key.replica-state-key.arn}' },
          },
        },
      ],
    });
  });

  test('passes the policy pack', () => {
    expect(blockingFindings(evaluate(modelFromSynth(stack.toTerraform()))).map(formatFinding)).toEqual([]);
  });
});

describe('state bootstrap stack: a central state account', () => {
  // GIVEN staging and prod keep their state in account 999999999999, each through its own role.
  const dir = editedEnvironments('prod', (json) => {
    json.backend.bucket = 'acme-central-terraform-state';
    json.backend.roleArn = 'arn:aws:iam::999999999999:role/platform-prod-state';
  });
  const staging = path.join(dir, 'staging.json');
  const stagingJson = JSON.parse(readFileSync(staging, 'utf8'));
  stagingJson.backend.bucket = 'acme-central-terraform-state';
  stagingJson.backend.roleArn = 'arn:aws:iam::999999999999:role/platform-staging-state';
  writeFileSync(staging, JSON.stringify(stagingJson));
  const outdir = scratchDir('bootstrap-central');
  const { r, json } = runBootstrap({ ENVIRONMENT: 'prod', CONFIG_DIR: dir }, outdir);
  afterAll(() => {
    rmSync(outdir, { recursive: true, force: true });
    rmSync(dir, { recursive: true, force: true });
  });

  test('bootstraps the central account: provider pinned to it', () => {
    expect(r.stderr).toBe('');
    // Both the bucket's region and the replica's.
    expect(json.provider.aws.map((p: any) => [p.region, p.allowed_account_ids])).toEqual([
      ['us-east-1', ['999999999999']],
      ['us-west-2', ['999999999999']],
    ]);
  });

  test('one role per environment, trusted by that environment account only', () => {
    const roles = Object.values(json.resource.aws_iam_role as Record<string, any>).filter((role) => !role.name.endsWith('-replication'));
    expect(roles.map((role) => [role.name, JSON.parse(role.assume_role_policy).Statement])).toEqual([
      ['platform-prod-state', [{ Effect: 'Allow', Principal: { AWS: ['arn:aws:iam::333333333333:root'] }, Action: 'sts:AssumeRole' }]],
      ['platform-staging-state', [{ Effect: 'Allow', Principal: { AWS: ['arn:aws:iam::222222222222:root'] }, Action: 'sts:AssumeRole' }]],
    ]);
  });

  test("each role reads and writes only its environment's state object and lock file, and uses the state key; replication reads the source and writes the replica", () => {
    const roleNames = Object.fromEntries(
      Object.entries(json.resource.aws_iam_role as Record<string, any>).map(([id, role]) => [`\${aws_iam_role.${id}.id}`, role.name]),
    );
    const policies = Object.fromEntries(
      Object.values(json.resource.aws_iam_role_policy as Record<string, any>).map((p) => [
        `${roleNames[p.role]} ${p.name}`,
        JSON.parse(p.policy).Statement,
      ]),
    );
    // The state bucket (by its configured name) and its key; the replica and its key are the others.
    const buckets = json.resource.aws_s3_bucket as Record<string, any>;
    const bucketId = (name: string) => Object.keys(buckets).find((id) => buckets[id].bucket === name)!;
    const keyOf = (id: string) =>
      Object.values(json.resource.aws_s3_bucket_server_side_encryption_configuration as Record<string, any>).find(
        (c) => c.bucket === `\${aws_s3_bucket.${id}.id}`,
      )!.rule[0].apply_server_side_encryption_by_default.kms_master_key_id;
    const sourceId = bucketId('acme-central-terraform-state');
    const [replicaId] = Object.keys(buckets).filter((id) => id !== sourceId);
    expect(Object.keys(buckets)).toHaveLength(2);
    const source = { arn: `\${aws_s3_bucket.${sourceId}.arn}`, key: keyOf(sourceId) };
    const replica = { arn: `\${aws_s3_bucket.${replicaId}.arn}`, key: keyOf(replicaId!) };
    expect(source.key).not.toBe(replica.key);
    const stateAccess = (env: string) => [
      { Sid: 'ListStateBucket', Effect: 'Allow', Action: 's3:ListBucket', Resource: source.arn },
      {
        Sid: 'ReadWriteState',
        Effect: 'Allow',
        Action: ['s3:GetObject', 's3:PutObject'],
        Resource: [`${source.arn}/env/${env}/platform/terraform.tfstate`],
      },
      {
        Sid: 'LockFiles',
        Effect: 'Allow',
        Action: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
        Resource: [`${source.arn}/env/${env}/platform/terraform.tfstate.tflock`],
      },
      { Sid: 'StateKey', Effect: 'Allow', Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:GenerateDataKey'], Resource: source.key },
    ];
    // Exactly these policies and statements: a role that gains another environment's objects, the
    // replica instead of the source, or a policy more, fails here.
    expect(policies).toEqual({
      'platform-prod-state terraform-state': stateAccess('prod'),
      'platform-staging-state terraform-state': stateAccess('staging'),
      'platform-terraform-state-replication replicate-state': [
        {
          Sid: 'ReadSourceConfiguration',
          Effect: 'Allow',
          Action: ['s3:GetReplicationConfiguration', 's3:ListBucket'],
          Resource: source.arn,
        },
        {
          Sid: 'ReadSourceVersions',
          Effect: 'Allow',
          Action: ['s3:GetObjectVersionForReplication', 's3:GetObjectVersionAcl', 's3:GetObjectVersionTagging'],
          Resource: `${source.arn}/*`,
        },
        {
          Sid: 'WriteReplica',
          Effect: 'Allow',
          Action: ['s3:ReplicateObject', 's3:ReplicateDelete', 's3:ReplicateTags'],
          Resource: `${replica.arn}/*`,
        },
        { Sid: 'DecryptSource', Effect: 'Allow', Action: 'kms:Decrypt', Resource: source.key },
        { Sid: 'EncryptReplica', Effect: 'Allow', Action: ['kms:Encrypt', 'kms:GenerateDataKey'], Resource: replica.key },
      ],
    });
  });
});

describe('bootstrap.ts', () => {
  test('refuses to run without ENVIRONMENT: one state account at a time', () => {
    const outdir = scratchDir('bootstrap-noenv');
    try {
      const { r } = runBootstrap({}, outdir);
      expect(r.status).toBe(1);
      expect(r.stderr).toContain('(environment selection) ENVIRONMENT: required: the environment whose state bucket to create');
      expect(r.stderr).not.toMatch(/\n\s+at /);
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  });
});
