import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT, editedEnvironments } from './helpers';

/** Runs the app the way `npm run synth` does, into a scratch outdir. */
function runApp(env: Record<string, string>) {
  const outdir = mkdtempSync(path.join(tmpdir(), 'platform-synth-'));
  const baseEnv = { ...process.env };
  delete baseEnv.ENVIRONMENT;
  delete baseEnv.TF_WORKSPACE;
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'main.ts'], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    env: { ...baseEnv, CHECKPOINT_DISABLE: '1', CDKTF_OUTDIR: outdir, ...env },
  });
  return { ...result, outdir };
}

function synthesizedStack(outdir: string) {
  return JSON.parse(readFileSync(path.join(outdir, 'stacks', 'platform', 'cdk.tf.json'), 'utf8'));
}

describe('main.ts', () => {
  test('synthesizes dev by default into stacks/platform/cdk.tf.json', () => {
    const r = runApp({});
    expect(r.status).toBe(0);
    expect(synthesizedStack(r.outdir).resource.terraform_data.workspace_guard.input.environment).toBe('dev');
  });

  test.each([
    [{ ENVIRONMENT: 'prod' }, 'prod'],
    [{ TF_WORKSPACE: 'staging' }, 'staging'],
    [{ ENVIRONMENT: 'staging', TF_WORKSPACE: 'prod' }, 'staging'],
  ])('with %o synthesizes %s', (env, expected) => {
    const r = runApp(env);
    expect(r.status).toBe(0);
    const stack = synthesizedStack(r.outdir);
    expect(stack.resource.terraform_data.workspace_guard.input.environment).toBe(expected);
    expect(stack.provider.aws[0].default_tags[0].tags.Environment).toBe(expected);
  });

  test('fails when ENVIRONMENT names no environment, listing dev, staging and prod', () => {
    const r = runApp({ ENVIRONMENT: 'nope' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('ENVIRONMENT: unknown environment; expected one of dev, staging, prod (got "nope")');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  test.each([
    ['an invalid CIDR', (j: any) => (j.regions['us-east-1'].vpcCidr = '10.10.0.0/33'), 'dev.json $.regions["us-east-1"].vpcCidr', '"10.10.0.0/33"'],
    ['an overlapping CIDR', (j: any) => (j.regions['eu-west-1'].vpcCidr = '10.20.0.0/16'), 'dev.json $.regions["eu-west-1"].vpcCidr', '"10.20.0.0/16"'],
    ['an unknown key', (j: any) => (j.network.natGateway = 'single'), 'dev.json $.network.natGateway', '"single"'],
  ])('fails when dev.json has %s: message with file, path and value, no stack trace', (_name, edit, where, value) => {
    const r = runApp({ CONFIG_DIR: editedEnvironments('dev', edit) });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(where);
    expect(r.stderr).toContain(`got ${value}`);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
