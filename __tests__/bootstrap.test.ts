import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Testing } from 'cdktf';
import { findProviderMirror, prepareScratch, runOfflinePlan, summarizePlan } from '../scripts/lib/offline-plan';
import { modelFromSynth } from '../src/policy/model';
import { blockingFindings, evaluate, formatFinding } from '../src/policy/runner';
import { StateBootstrapStack } from '../src/stacks/state-bootstrap-stack';
import { REPO_ROOT, configOf } from './helpers';

function bootstrapStack() {
  const config = configOf('prod');
  return new StateBootstrapStack(Testing.app(), 'state-bootstrap', {
    buckets: [{ bucket: config.backend.bucket, region: config.backend.region }],
    tags: { Project: 'platform', Environment: 'shared', Owner: 'o', CostCenter: 'c', ManagedBy: 'cdktf' },
    noncurrentVersionDays: 90,
  });
}

describe('state bootstrap stack', () => {
  const stack = bootstrapStack();
  const synth = JSON.parse(Testing.synth(stack));
  const one = (type: string) => Object.values(synth.resource[type] as Record<string, any>);

  test('a local backend: the bucket cannot hold the state that creates it', () => {
    expect(synth.terraform.backend).toEqual({ local: { path: 'terraform.tfstate' } });
  });

  test('the state bucket: kept from destroy, versioned, encrypted, private, TLS only, old versions expire', () => {
    expect(one('aws_s3_bucket')).toEqual([
      expect.objectContaining({ bucket: 'acme-platform-terraform-state', lifecycle: { prevent_destroy: true } }),
    ]);
    expect(one('aws_s3_bucket_versioning')[0].versioning_configuration).toEqual({ status: 'Enabled' });
    expect(one('aws_s3_bucket_server_side_encryption_configuration')[0].rule).toEqual([
      { apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms' }, bucket_key_enabled: true },
    ]);
    expect(one('aws_s3_bucket_public_access_block')[0]).toMatchObject({
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
    expect(JSON.parse(one('aws_s3_bucket_policy')[0].policy).Statement[0]).toMatchObject({
      Effect: 'Deny',
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    });
    expect(one('aws_s3_bucket_lifecycle_configuration')[0].rule[0]).toMatchObject({
      noncurrent_version_expiration: [{ noncurrent_days: 90 }],
    });
  });

  test('passes the policy pack', () => {
    expect(blockingFindings(evaluate(modelFromSynth(stack.toTerraform()))).map(formatFinding)).toEqual([]);
  });

  test('plans offline with the real provider', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'bootstrap-'));
    try {
      const outdir = path.join(root, 'out');
      const r = spawnSync(process.execPath, ['--import', 'tsx', 'bootstrap.ts'], {
        cwd: REPO_ROOT,
        encoding: 'utf8',
        env: { ...process.env, CHECKPOINT_DISABLE: '1', CDKTF_OUTDIR: outdir },
      });
      expect(r.stderr).toBe('');
      const scratch = prepareScratch(path.join(outdir, 'stacks', 'state-bootstrap'), path.join(root, 'plan'), { randomAvailable: false });
      const { plan } = runOfflinePlan(scratch.dir, { workspace: 'default', mirror: findProviderMirror() });
      expect(summarizePlan(plan).byTypeAndRegion).toEqual({
        aws_s3_bucket: { 'us-east-1': 1 },
        aws_s3_bucket_lifecycle_configuration: { 'us-east-1': 1 },
        aws_s3_bucket_ownership_controls: { 'us-east-1': 1 },
        aws_s3_bucket_policy: { 'us-east-1': 1 },
        aws_s3_bucket_public_access_block: { 'us-east-1': 1 },
        aws_s3_bucket_server_side_encryption_configuration: { 'us-east-1': 1 },
        aws_s3_bucket_versioning: { 'us-east-1': 1 },
      });
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }, 240_000);
});
