/**
 * The operator's commands run as processes, as an operator runs them: `plan:gate` and `deploy`
 * judging a real Terraform plan that replaces prod's primary database cluster, and refusing
 * input they cannot judge. Terraform makes the plan for real (offline, from a state file the
 * test writes); for `deploy`, a stand-in `terraform` on the PATH hands that plan to the real
 * deploy code path and records whether `apply` was ever called.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { OFFLINE_ENV, QUIET_ENV, findProviderMirror, initScratch, prepareScratch, replanInWorkspace } from '../scripts/lib/offline-plan';
import { deploySteps } from '../scripts/lib/deploy';
import { EXPECTED_PLAN } from '../scripts/lib/plan-input';
import { REPO_ROOT, configOf } from './environments';
import { scratchDir } from './scratch';

/** prod's primary cluster, by the address the stack gives it (pinned in database.test.ts). */
const CLUSTER = 'aws_rds_cluster.us-east-1_database_cluster_1422EC00';
const CLUSTER_NAME = CLUSTER.split('.')[1]!;
const OLD_KEY = 'arn:aws:kms:us-east-1:333333333333:key/11111111-1111-1111-1111-111111111111';
const NEW_KEY = 'arn:aws:kms:us-east-1:333333333333:key/22222222-2222-2222-2222-222222222222';
const TAGS = { Project: 'platform', Environment: 'prod', Owner: 'platform-team', CostCenter: 'cc-4711', ManagedBy: 'cdktf' };

/** The cluster as the protected profile configures it (policy-clean), under a new key. */
function clusterValues(kmsKeyId: string): Record<string, unknown> {
  return {
    cluster_identifier: 'platform-prod-us-east-1',
    engine: 'aurora-postgresql',
    engine_version: '16.6',
    storage_encrypted: true,
    kms_key_id: kmsKeyId,
    master_username: 'dbadmin',
    manage_master_user_password: true,
    iam_database_authentication_enabled: true,
    enabled_cloudwatch_logs_exports: ['postgresql'],
    backup_retention_period: 35,
    copy_tags_to_snapshot: true,
    deletion_protection: true,
    skip_final_snapshot: false,
    final_snapshot_identifier: 'platform-prod-us-east-1-final',
    db_cluster_parameter_group_name: 'platform-prod-us-east-1-aurora-postgresql16',
  };
}

/** A real plan (terraform show -json) replacing the cluster because its key changed. */
function realReplacementPlan(root: string): Record<string, any> {
  mkdirSync(path.join(root, 'src'), { recursive: true });
  const configuration = {
    terraform: { required_providers: { aws: { source: 'aws', version: '5.100.0' } } },
    provider: { aws: [{ alias: 'us_east_1', region: 'us-east-1', default_tags: [{ tags: TAGS }] }] },
    resource: {
      aws_rds_cluster: { [CLUSTER_NAME]: { provider: 'aws.us_east_1', ...clusterValues(NEW_KEY) } },
      // Every cluster is in a backup plan (policy rule backup-cluster-selected).
      aws_backup_selection: {
        cluster: {
          provider: 'aws.us_east_1',
          name: 'platform-prod-us-east-1',
          plan_id: '11111111-2222-3333-4444-555555555555',
          iam_role_arn: 'arn:aws:iam::333333333333:role/platform-prod-backup',
          resources: [`\${aws_rds_cluster.${CLUSTER_NAME}.arn}`],
        },
      },
    },
  };
  writeFileSync(path.join(root, 'src', 'cdk.tf.json'), JSON.stringify(configuration));
  const scratch = prepareScratch(path.join(root, 'src'), path.join(root, 'plan'), { randomAvailable: true });
  initScratch(scratch.dir, findProviderMirror());
  const attributes = {
    ...clusterValues(OLD_KEY),
    id: 'platform-prod-us-east-1',
    arn: 'arn:aws:rds:us-east-1:333333333333:cluster:platform-prod-us-east-1',
    engine_mode: 'provisioned',
    port: 5432,
    network_type: 'IPV4',
    availability_zones: ['us-east-1a', 'us-east-1b', 'us-east-1c'],
    tags: {},
    tags_all: TAGS,
  };
  const state = {
    version: 4,
    terraform_version: '1.11.4',
    serial: 1,
    lineage: '7c1d7a4e-5b8e-4c55-a4a2-6a3f1d2b9e10',
    outputs: {},
    resources: [
      {
        mode: 'managed',
        type: 'aws_rds_cluster',
        name: CLUSTER_NAME,
        provider: 'provider["registry.terraform.io/hashicorp/aws"].us_east_1',
        instances: [{ schema_version: 0, attributes, sensitive_attributes: [] }],
      },
    ],
  };
  mkdirSync(path.join(scratch.dir, 'terraform.tfstate.d', 'prod'), { recursive: true });
  writeFileSync(path.join(scratch.dir, 'terraform.tfstate.d', 'prod', 'terraform.tfstate'), JSON.stringify(state));
  return replanInWorkspace(scratch.dir, 'prod').plan;
}

/** Runs a script of scripts/ as `npm run` would, without ENVIRONMENT or TF_WORKSPACE unless given. */
function run(script: string, args: string[], env: Record<string, string> = {}) {
  const base = { ...process.env };
  delete base.ENVIRONMENT;
  delete base.TF_WORKSPACE;
  delete base.ALLOW_STATEFUL_CHANGE;
  return spawnSync(process.execPath, ['scripts/run-app.cjs', `scripts/${script}.ts`, ...args], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    env: { ...base, CHECKPOINT_DISABLE: '1', ...env },
  });
}

let root: string;
let planFile: string;

beforeAll(() => {
  root = scratchDir('operator-cli');
  planFile = path.join(root, 'replace-prod-cluster.json');
  writeFileSync(planFile, JSON.stringify(realReplacementPlan(root)));
}, 240_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('npm run plan:gate', () => {
  test('the real plan replaces the cluster, forced by its key', () => {
    const plan = JSON.parse(readFileSync(planFile, 'utf8'));
    const change = plan.resource_changes.find((rc: any) => rc.address === CLUSTER);
    expect(change.change.actions).toEqual(['delete', 'create']);
    expect(change.change.replace_paths).toEqual([['kms_key_id']]);
  });

  test('refuses it for prod: exit 1, naming the cluster and the attribute', () => {
    const r = run('plan-gate', ['--plan', planFile, '--env', 'prod']);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('Refusing the plan of protected environment prod: it would delete or replace 1 stateful resource(s):');
    expect(r.stdout).toContain(`- ${CLUSTER}: replace (forced by a change to kms_key_id)`);
  });

  test('reads the environment from ENVIRONMENT when --env is absent', () => {
    const r = run('plan-gate', ['--plan', planFile], { ENVIRONMENT: 'prod' });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('Refusing the plan of protected environment prod');
  });

  test('lets it through, exit 0, when the operator names the cluster', () => {
    const r = run('plan-gate', ['--plan', planFile, '--env', 'prod', '--allow-stateful-change', CLUSTER]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`Allowed by the operator:\n  - ${CLUSTER}: replace`);
  });

  test('does not gate a destroyable environment, exit 0, but names what the plan replaces', () => {
    const r = run('plan-gate', ['--plan', planFile, '--env', 'staging']);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(
      'Stateful-change gate of staging: not gated (a destroyable environment); the plan deletes or replaces 1 stateful resource(s):\n' +
        `  - ${CLUSTER}: replace (forced by a change to kms_key_id)\n`,
    );
  });

  test('refuses to run without an environment (exit 2) instead of assuming one', () => {
    const r = run('plan-gate', ['--plan', planFile]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('Refusing: no environment given: pass --env <dev|staging|prod> or set ENVIRONMENT\n');
  });

  const notPlans: [string, string, RegExp][] = [
    ['a state file', JSON.stringify({ format_version: '1.0', terraform_version: '1.11.4', values: {} }), /\$\.planned_values is missing/],
    ['an empty object', '{}', /\$\.format_version is missing[\s\S]*\$\.resource_changes is missing or not a list/],
    ['a list', '[]', /is not a Terraform plan: expected .* got an array/],
    ['text that is not JSON', 'Plan: 1 to add', /is not JSON/],
    [
      'a plan that errored',
      JSON.stringify({ format_version: '1.2', planned_values: {}, resource_changes: [], errored: true }),
      /\$\.errored is true/,
    ],
    [
      'a change with an action the gate does not know',
      JSON.stringify({
        format_version: '1.2',
        planned_values: {},
        resource_changes: [{ address: CLUSTER, type: 'aws_rds_cluster', change: { actions: ['obliterate'] } }],
      }),
      /\(aws_rds_cluster\.us-east-1_database_cluster_1422EC00\) has actions \["obliterate"\]/,
    ],
    [
      'a plan of another major format',
      JSON.stringify({ format_version: '2.0', planned_values: {}, resource_changes: [] }),
      /this tool reads 1\.x/,
    ],
  ];

  test.each(notPlans)('fails closed (exit 2) on %s', (_name, text, message) => {
    const file = path.join(root, `not-a-plan-${_name.replace(/\W+/g, '-')}.json`);
    writeFileSync(file, text);
    const r = run('plan-gate', ['--plan', file, '--env', 'prod']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^Refusing: /);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stdout).toBe('');
  });

  test('fails closed on a missing file', () => {
    const r = run('plan-gate', ['--plan', path.join(root, 'nope.json'), '--env', 'prod']);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`Refusing: cannot read the plan ${path.join(root, 'nope.json')}: no such file; expected ${EXPECTED_PLAN}\n`);
  });

  test('fails closed on a directory, in one line', () => {
    const r = run('plan-gate', ['--plan', root, '--env', 'prod']);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`Refusing: cannot read the plan ${root}: it is a directory; expected ${EXPECTED_PLAN}\n`);
  });
});

describe('npm run policy -- --plan', () => {
  test('refuses a file that is not a plan', () => {
    const file = path.join(root, 'state.json');
    writeFileSync(file, JSON.stringify({ format_version: '1.0', values: {} }));
    const r = run('policy', ['--plan', file, '--env', 'prod']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^Refusing: .*state\.json is not a Terraform plan this tool can judge/);
  });
});

describe('npm run deploy: the real code path enforces the gate', () => {
  /** A stand-in terraform: logs its arguments, `show -json` prints the plan, everything else succeeds. */
  function fakeTerraform(dir: string, plan: string): { bin: string; log: string } {
    const bin = path.join(dir, 'bin');
    mkdirSync(bin, { recursive: true });
    const log = path.join(dir, 'terraform.log');
    // cdktf's synth asks `terraform version` (not logged); the deploy steps' calls are.
    const script = [
      '#!/bin/sh',
      'if [ "$1" = version ]; then echo "Terraform v1.11.4"; exit 0; fi',
      `echo "$@" >> '${log}'`,
      `if [ "$1" = show ]; then cat '${plan}'; fi`,
      'exit 0',
      '',
    ].join('\n');
    writeFileSync(path.join(bin, 'terraform'), script);
    chmodSync(path.join(bin, 'terraform'), 0o755);
    return { bin, log };
  }

  function deploy(extraArgs: string[]) {
    const dir = scratchDir('deploy');
    const { bin, log } = fakeTerraform(dir, planFile);
    const r = run('deploy', ['--mode', 'deploy', '--env', 'prod', ...extraArgs], {
      PATH: `${bin}${path.delimiter}${process.env.PATH}`,
      CDKTF_OUTDIR: path.join(dir, 'out'),
    });
    return { r, calls: existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n') : [] };
  }

  test('refuses to apply a plan that replaces the prod database: exit 1, apply never runs', () => {
    const { r, calls } = deploy([]);
    expect(r.stdout).toContain(`- ${CLUSTER}: replace (forced by a change to kms_key_id)`);
    expect(r.stderr).toContain('Refusing to apply: the plan did not pass the policy pack and the stateful-change gate');
    expect(r.status).toBe(1);
    expect(calls).toEqual([
      'init -input=false',
      'workspace select -or-create prod',
      'plan -input=false -out=plan.bin',
      'show -json plan.bin',
    ]);
  }, 60_000);

  test('applies exactly the checked plan file when the operator names the cluster', () => {
    const { r, calls } = deploy(['--allow-stateful-change', CLUSTER]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(calls.at(-1)).toBe('apply -input=false plan.bin');
  }, 60_000);

  test('refuses to run without an environment', () => {
    const r = run('deploy', ['--mode', 'diff', '--dry-run']);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('Refusing: no environment given: pass --env <dev|staging|prod> or set ENVIRONMENT\n');
  });

  test('takes the environment from ENVIRONMENT', () => {
    const r = run('deploy', ['--mode', 'diff', '--dry-run'], { ENVIRONMENT: 'staging' });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('terraform workspace select -or-create staging');
  });
});

describe('npm run plan:upgrade', () => {
  test('refuses to run without an environment (exit 1)', () => {
    const r = run('plan-upgrade', []);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('Refusing: no environment given: pass --env <dev|staging|prod> or set ENVIRONMENT\n');
  });

  test('a misspelt option is an error (exit 1), not "changes" (its exit 2)', () => {
    const r = run('plan-upgrade', ['--env', 'prod', '--allow-stateful-chnage', 'x']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^npm run plan:upgrade: a problem with its arguments:\n {2}- unknown option --allow-stateful-chnage\n/);
  });

  test('names a base revision that does not exist (exit 1), without a stack trace', () => {
    const r = run('plan-upgrade', ['--env', 'dev', '--base', 'no-such-ref-4711']);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('dev: the base revision no-such-ref-4711 does not exist in this repository\n');
  });
});

describe('credentials', () => {
  test('deploy and diff leave the instance metadata service on (CI runners take credentials from it)', () => {
    for (const step of deploySteps({ environment: 'prod', mode: 'deploy' })) {
      expect(step.env ?? {}).not.toHaveProperty('AWS_EC2_METADATA_DISABLED');
    }
    expect(QUIET_ENV).not.toHaveProperty('AWS_EC2_METADATA_DISABLED');
  });

  test('only the offline plan turns it off', () => {
    expect(OFFLINE_ENV).toMatchObject({ AWS_EC2_METADATA_DISABLED: 'true', CHECKPOINT_DISABLE: '1' });
    expect(JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')).scripts).toMatchObject({
      deploy: expect.not.stringContaining('AWS_EC2_METADATA_DISABLED'),
      diff: expect.not.stringContaining('AWS_EC2_METADATA_DISABLED'),
      'plan:offline': expect.stringContaining('AWS_EC2_METADATA_DISABLED=true'),
    });
  });

  test('the test config is prod as committed', () => {
    expect(configOf('prod').protection).toBe('protected');
  });
});
