/**
 * bootstrap.ts run as `npm run bootstrap:synth` runs it, its stack planned offline with the real
 * provider: in the plans project of npm test (it runs terraform). The rest of bootstrap.ts's
 * tests are in bootstrap.test.ts.
 */
import { rmSync } from 'node:fs';
import * as path from 'node:path';
import { findProviderMirror, prepareScratch, runOfflinePlan, summarizePlan } from '../scripts/lib/offline-plan';
import { runBootstrap } from './bootstrap-run';
import { configOf } from './environments';
import { scratchDir } from './scratch';

describe('bootstrap.ts, planned', () => {
  test('plans offline with the real provider: bucket, companions, key and alias in the state account', () => {
    const root = scratchDir('bootstrap');
    try {
      const { r, stackDir, json } = runBootstrap({ ENVIRONMENT: 'staging' }, root);
      expect(r.stderr).toBe('');
      expect(json.resource.aws_s3_bucket).toEqual({
        [configOf('staging').backend.bucket]: expect.objectContaining({ bucket: 'acme-platform-terraform-state-222222222222' }),
        [`${configOf('staging').backend.bucket}-replica`]: expect.objectContaining({
          bucket: 'acme-platform-terraform-state-222222222222-replica',
        }),
      });
      const scratch = prepareScratch(stackDir, path.join(root, 'plan'), { randomAvailable: false });
      const { plan } = runOfflinePlan(scratch.dir, { workspace: 'default', mirror: findProviderMirror() });
      const both = { 'us-east-1': 1, 'us-west-2': 1 };
      expect(summarizePlan(plan).byTypeAndRegion).toEqual({
        aws_iam_role: { 'us-east-1': 1 },
        aws_iam_role_policy: { 'us-east-1': 1 },
        aws_kms_alias: both,
        aws_kms_key: both,
        aws_s3_bucket: both,
        aws_s3_bucket_lifecycle_configuration: both,
        aws_s3_bucket_ownership_controls: both,
        aws_s3_bucket_policy: both,
        aws_s3_bucket_public_access_block: both,
        aws_s3_bucket_replication_configuration: { 'us-east-1': 1 },
        aws_s3_bucket_server_side_encryption_configuration: both,
        aws_s3_bucket_versioning: both,
      });
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }, 240_000);
});
