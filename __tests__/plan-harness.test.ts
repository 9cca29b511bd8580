import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import {
  HarnessError,
  findProviderMirror,
  formatTimings,
  prepareScratch,
  substitutionNotes,
  synthesize,
} from '../scripts/lib/offline-plan';
import { scratchDir } from './scratch';

function scratch(prefix: string): string {
  return scratchDir(prefix);
}

// The substitution is planned for real by the staging and prod plan tests (global databases).

/** A minimal stack as cdktf writes it, with an ephemeral random_password feeding a write-only argument. */
function fixtureStack(): Record<string, unknown> {
  return {
    terraform: {
      required_version: '>= 1.11',
      required_providers: { aws: { source: 'aws', version: '5.100.0' }, random: { source: 'hashicorp/random', version: '3.7.2' } },
      backend: { s3: { bucket: 'b', key: 'k.tfstate', region: 'us-east-1', encrypt: true, use_lockfile: true } },
    },
    provider: { aws: [{ alias: 'us_east_1', region: 'us-east-1' }], random: [{}] },
    ephemeral: { random_password: { db_master: { length: 32, special: false } } },
    resource: {
      aws_secretsmanager_secret: { s: { provider: 'aws.us_east_1', name: 'fixture' } },
      aws_secretsmanager_secret_version: {
        v: {
          provider: 'aws.us_east_1',
          secret_id: '${aws_secretsmanager_secret.s.id}',
          secret_string_wo: '${jsonencode({password = ephemeral.random_password.db_master.result})}',
          secret_string_wo_version: 1,
        },
      },
    },
  };
}

describe('scratch copy', () => {
  test('adds a local backend and offline credentials for every aliased provider, leaving the source untouched', () => {
    const src = scratch('src-');
    const original = JSON.stringify(fixtureStack());
    writeFileSync(path.join(src, 'cdk.tf.json'), original);
    const dest = path.join(scratch('dest-'), 'plan');

    prepareScratch(src, dest, { randomAvailable: true });

    expect(readFileSync(path.join(src, 'cdk.tf.json'), 'utf8')).toBe(original);
    expect(JSON.parse(readFileSync(path.join(dest, 'backend_override.tf.json'), 'utf8'))).toEqual({
      terraform: { backend: { local: { path: 'terraform.tfstate' } } },
    });
    expect(JSON.parse(readFileSync(path.join(dest, 'providers_override.tf.json'), 'utf8'))).toEqual({
      provider: {
        aws: [
          {
            alias: 'us_east_1',
            access_key: 'offline-plan',
            secret_key: 'offline-plan',
            skip_credentials_validation: true,
            skip_requesting_account_id: true,
            skip_metadata_api_check: true,
            skip_region_validation: true,
            allowed_account_ids: null,
          },
        ],
      },
    });
    // With hashicorp/random available the artifact is planned unchanged.
    expect(JSON.parse(readFileSync(path.join(dest, 'cdk.tf.json'), 'utf8'))).toEqual(fixtureStack());
  });

  test('replaces each ephemeral random_password by an ephemeral variable when random is missing', () => {
    const src = scratch('src-');
    writeFileSync(path.join(src, 'cdk.tf.json'), JSON.stringify(fixtureStack()));
    const dest = path.join(scratch('dest-'), 'plan');

    const result = prepareScratch(src, dest, { randomAvailable: false });

    expect(result.substituted).toEqual({ db_master: 'offline_db_master_result' });
    const planned = JSON.parse(readFileSync(path.join(dest, 'cdk.tf.json'), 'utf8'));
    expect(planned.ephemeral).toBeUndefined();
    expect(planned.terraform.required_providers.random).toBeUndefined();
    expect(planned.provider.random).toBeUndefined();
    expect(planned.variable.offline_db_master_result).toMatchObject({ ephemeral: true, sensitive: true, type: 'string' });
    expect(planned.resource.aws_secretsmanager_secret_version.v.secret_string_wo).toBe(
      '${jsonencode({password = var.offline_db_master_result})}',
    );
    expect(result.variableValues.offline_db_master_result).toMatch(/^[A-Za-z0-9_-]{32}$/);
    // The run's note says why: the mirror lacks the provider, or the caller left it out.
    expect(substitutionNotes(result, { mirror: '/srv/mirror' })).toEqual([
      'hashicorp/random is not in the mirror (/srv/mirror): in the scratch copy only, ephemeral.random_password.db_master is replaced by the ephemeral input variable offline_db_master_result.',
    ]);
    expect(substitutionNotes(result, undefined)).toEqual([
      'hashicorp/random is left out of this plan: in the scratch copy only, ephemeral.random_password.db_master is replaced by the ephemeral input variable offline_db_master_result.',
    ]);
  });
});

describe('prevent_destroy in the scratch copy of an upgrade plan', () => {
  test('is lifted only when asked, and the run says so', () => {
    const stack = fixtureStack() as { resource: Record<string, Record<string, Record<string, unknown>>> };
    stack.resource.aws_secretsmanager_secret!.s!.lifecycle = { prevent_destroy: true };
    const src = scratch('src-');
    writeFileSync(path.join(src, 'cdk.tf.json'), JSON.stringify(stack));

    const kept = prepareScratch(src, path.join(scratch('dest-'), 'plan'), { randomAvailable: true });
    expect(kept.preventDestroy).toEqual([]);
    expect(substitutionNotes(kept, undefined)).toEqual([]);

    const dest = path.join(scratch('dest-'), 'plan');
    const lifted = prepareScratch(src, dest, { randomAvailable: true, dropPreventDestroy: true });
    expect(lifted.preventDestroy).toEqual(['aws_secretsmanager_secret.s']);
    expect(JSON.parse(readFileSync(path.join(dest, 'cdk.tf.json'), 'utf8')).resource.aws_secretsmanager_secret.s.lifecycle).toEqual({});
    expect(substitutionNotes(lifted, undefined)).toEqual([
      'in the scratch copy only, prevent_destroy is lifted from 1 resource(s), so that a plan replacing one is summarized: the stateful-change gate judges it, and a real plan would stop at prevent_destroy first.',
    ]);
  });
});

describe('machine prerequisites', () => {
  test('fails with a message when TF_PLUGIN_MIRROR points at no mirror', () => {
    expect(() => findProviderMirror({ TF_PLUGIN_MIRROR: '/nonexistent/mirror' })).toThrow(
      new HarnessError('TF_PLUGIN_MIRROR=/nonexistent/mirror holds no registry.terraform.io/hashicorp/aws provider.'),
    );
  });

  test('finds the mirror on this machine when TF_PLUGIN_MIRROR is unset', () => {
    const mirror = findProviderMirror({});
    expect(existsSync(path.join(mirror, 'registry.terraform.io', 'hashicorp', 'aws'))).toBe(true);
  });

  test('synthesis failures surface the app message', () => {
    expect(() => synthesize('nope', scratch('synth-'))).toThrow(/unknown environment; expected one of dev, staging, prod/);
  });
});

describe('step timings', () => {
  test('one line, in order, a tenth of a second each', () => {
    expect(
      formatTimings([
        { step: 'synth', seconds: 1.44 },
        { step: 'plan', seconds: 9.05 },
        { step: 'policy and gate', seconds: 0.25 },
      ]),
    ).toBe('synth 1.4 s, plan 9.1 s, policy and gate 0.3 s');
  });
});
