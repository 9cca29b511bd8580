import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { findProviderMirror, initScratch, prepareScratch, replanInWorkspace } from '../scripts/lib/offline-plan';
import { modelFromPlan } from '../src/policy/model';
import { evaluate } from '../src/policy/runner';
import { allowList, checkStatefulChanges, formatGate, statefulChanges } from '../scripts/lib/stateful-gate';
import { scratchDir } from './scratch';

const PROVIDER = 'provider["registry.terraform.io/hashicorp/aws"].us_east_1';
const OLD_KEY = 'arn:aws:kms:us-east-1:333333333333:key/11111111-1111-1111-1111-111111111111';
const NEW_KEY = 'arn:aws:kms:us-east-1:333333333333:key/22222222-2222-2222-2222-222222222222';

/** A protected-style cluster as the stack writes it, encrypted with NEW_KEY, plus a bucket that stays. */
function configuration(): Record<string, unknown> {
  return {
    terraform: {
      required_providers: { aws: { source: 'aws', version: '5.100.0' } },
      backend: { s3: { bucket: 'b', key: 'k.tfstate', region: 'us-east-1' } },
    },
    provider: { aws: [{ alias: 'us_east_1', region: 'us-east-1' }] },
    resource: {
      aws_rds_cluster: {
        db: {
          provider: 'aws.us_east_1',
          cluster_identifier: 'platform-prod-us-east-1',
          engine: 'aurora-postgresql',
          engine_version: '16.6',
          storage_encrypted: true,
          kms_key_id: NEW_KEY,
          master_username: 'dbadmin',
          manage_master_user_password: true,
          skip_final_snapshot: false,
          final_snapshot_identifier: 'platform-prod-us-east-1-final',
        },
      },
      aws_s3_bucket: { logs: { provider: 'aws.us_east_1', bucket: 'platform-prod-logs' } },
    },
  };
}

/** State as an earlier apply left it: the cluster under OLD_KEY, the bucket, and a log group since removed from the code. */
function state(): Record<string, unknown> {
  const resource = (type: string, name: string, attributes: Record<string, unknown>) => ({
    mode: 'managed',
    type,
    name,
    provider: PROVIDER,
    instances: [{ schema_version: 0, attributes, sensitive_attributes: [] }],
  });
  return {
    version: 4,
    terraform_version: '1.11.4',
    serial: 3,
    lineage: '3f1e6a62-0c1b-4d3e-9b7a-2a8f5d0c9e11',
    outputs: {},
    resources: [
      resource('aws_rds_cluster', 'db', {
        id: 'platform-prod-us-east-1',
        arn: 'arn:aws:rds:us-east-1:333333333333:cluster:platform-prod-us-east-1',
        cluster_identifier: 'platform-prod-us-east-1',
        engine: 'aurora-postgresql',
        engine_version: '16.6',
        engine_mode: 'provisioned',
        storage_encrypted: true,
        kms_key_id: OLD_KEY,
        master_username: 'dbadmin',
        manage_master_user_password: true,
        skip_final_snapshot: false,
        final_snapshot_identifier: 'platform-prod-us-east-1-final',
        port: 5432,
        network_type: 'IPV4',
        availability_zones: ['us-east-1a', 'us-east-1b', 'us-east-1c'],
        tags: {},
        tags_all: {},
      }),
      resource('aws_s3_bucket', 'logs', {
        id: 'platform-prod-logs',
        bucket: 'platform-prod-logs',
        arn: 'arn:aws:s3:::platform-prod-logs',
        force_destroy: false,
        tags: {},
        tags_all: {},
      }),
      resource('aws_cloudwatch_log_group', 'old', {
        id: '/platform/prod/old',
        name: '/platform/prod/old',
        arn: 'arn:aws:logs:us-east-1:333333333333:log-group:/platform/prod/old',
        retention_in_days: 30,
        skip_destroy: false,
        log_group_class: 'STANDARD',
        tags: {},
        tags_all: {},
      }),
    ],
  };
}

describe('stateful-change gate, against a real terraform plan', () => {
  let plan: Record<string, any>;
  let root: string;

  beforeAll(() => {
    root = scratchDir('gate');
    mkdirSync(path.join(root, 'src'));
    writeFileSync(path.join(root, 'src', 'cdk.tf.json'), JSON.stringify(configuration()));
    const scratch = prepareScratch(path.join(root, 'src'), path.join(root, 'plan'), { randomAvailable: true });
    initScratch(scratch.dir, findProviderMirror());
    // The local backend keeps workspace "prod" under terraform.tfstate.d/prod/.
    mkdirSync(path.join(scratch.dir, 'terraform.tfstate.d', 'prod'), { recursive: true });
    writeFileSync(path.join(scratch.dir, 'terraform.tfstate.d', 'prod', 'terraform.tfstate'), JSON.stringify(state()));
    plan = replanInWorkspace(scratch.dir, 'prod').plan;
  }, 240_000);

  afterAll(() => rmSync(root, { recursive: true, force: true }));

  test('terraform plans to replace the cluster (new key) and delete the log group', () => {
    const actions = Object.fromEntries((plan.resource_changes as any[]).map((rc) => [rc.address, rc.change.actions.join('+')]));
    expect(actions['aws_rds_cluster.db']).toMatch(/delete\+create|create\+delete/);
    expect(actions['aws_cloudwatch_log_group.old']).toBe('delete');
    expect(actions['aws_s3_bucket.logs']).toBe('no-op');
  });

  test('refuses a protected environment, naming each resource and the attribute that forces replacement', () => {
    const result = checkStatefulChanges(plan, { protectedEnvironment: true, allow: [] });
    expect(result.ok).toBe(false);
    expect(result.refused).toEqual([
      expect.objectContaining({ address: 'aws_cloudwatch_log_group.old', action: 'delete', forcedBy: [] }),
      expect.objectContaining({ address: 'aws_rds_cluster.db', action: 'replace', forcedBy: ['kms_key_id'] }),
    ]);
    const message = formatGate('prod', result);
    expect(message).toContain('Refusing the plan of protected environment prod: it would delete or replace 2 stateful resource(s):');
    expect(message).toContain('- aws_rds_cluster.db: replace (forced by a change to kms_key_id)');
    expect(message).toContain('- aws_cloudwatch_log_group.old: delete');
    expect(message).toContain('--allow-stateful-change <address>');
  });

  test('lets an operator proceed by naming every resource, and only those named', () => {
    const partly = checkStatefulChanges(plan, { protectedEnvironment: true, allow: ['aws_rds_cluster.db'] });
    expect(partly.ok).toBe(false);
    expect(partly.refused.map((c) => c.address)).toEqual(['aws_cloudwatch_log_group.old']);
    const all = checkStatefulChanges(plan, {
      protectedEnvironment: true,
      allow: allowList(['aws_rds_cluster.db'], 'aws_cloudwatch_log_group.old'),
    });
    expect(all.ok).toBe(true);
    expect(formatGate('prod', all)).toContain('Allowed by the operator:');
  });

  test('the policy pack runs on the same plan JSON and finds what the configuration lacks', () => {
    const report = evaluate(modelFromPlan(plan));
    const failing = report.findings.filter((f) => f.status === 'NON_COMPLIANT').map((f) => `${f.ruleId} ${f.address}`);
    // Exactly what the fixture's cluster and bucket lack (a finding more or less fails): its
    // storage is encrypted (kms_key_id), so rds-storage-encrypted is not among them.
    expect(failing.sort()).toEqual([
      'backup-cluster-selected aws_rds_cluster.db',
      'rds-backup-retention aws_rds_cluster.db',
      'rds-copy-tags-to-snapshot aws_rds_cluster.db',
      'rds-deletion-protection aws_rds_cluster.db',
      'rds-iam-authentication aws_rds_cluster.db',
      'rds-log-exports aws_rds_cluster.db',
      'rds-tls-enforced aws_rds_cluster.db',
      'required-tags aws_s3_bucket.logs',
      's3-bucket-companions aws_s3_bucket.logs',
    ]);
  });

  test('does not gate a destroyable environment', () => {
    expect(checkStatefulChanges(plan, { protectedEnvironment: false, allow: [] }).ok).toBe(true);
    expect(statefulChanges(plan)).toHaveLength(2);
  });
});
