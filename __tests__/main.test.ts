import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT, editedEnvironments } from './environments';
import { scratchDir } from './scratch';

/** Runs the app the way `npm run synth` does, into a scratch outdir that does not exist yet, nor its parent. */
function runApp(env: Record<string, string>) {
  const outdir = path.join(scratchDir('platform-synth'), 'out', 'cdktf.out');
  const baseEnv = { ...process.env };
  delete baseEnv.ENVIRONMENT;
  delete baseEnv.TF_WORKSPACE;
  const result = spawnSync(process.execPath, ['scripts/run-app.cjs', 'main.ts'], {
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
  test('synthesizes dev by default into stacks/platform/cdk.tf.json, creating CDKTF_OUTDIR and its parents', () => {
    const r = runApp({});
    expect(r.status).toBe(0);
    expect(synthesizedStack(r.outdir).resource.terraform_data.workspace_guard.input.environment).toBe('dev');
  });

  test.each([
    [{ ENVIRONMENT: 'prod' }, 'prod'],
    [{ TF_WORKSPACE: 'staging' }, 'staging'],
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

  test('fails when dev.json has an invalid CIDR, an overlapping CIDR and an unknown key: all three reported, no stack trace', () => {
    const r = runApp({
      CONFIG_DIR: editedEnvironments('dev', (j) => {
        j.regions['us-east-1'].vpcCidr = '10.10.0.0/33';
        j.regions['eu-west-1'].vpcCidr = '10.20.0.0/16';
        j.network.natGateway = 'single';
      }),
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('dev.json $.regions["us-east-1"].vpcCidr: must be an IPv4 CIDR block');
    expect(r.stderr).toContain('(got "10.10.0.0/33")');
    expect(r.stderr).toContain('dev.json $.regions["eu-west-1"].vpcCidr: overlaps 10.20.0.0/16 of staging.json');
    expect(r.stderr).toContain('dev.json $.network.natGateway: unknown key');
    expect(r.stderr).toContain('(got "single")');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('npm run cdktf', () => {
  test('runs the cdktf CLI without its version check: synth prints no error on a machine without internet', () => {
    const output = scratchDir('cdktf-cli');
    const env = { ...process.env };
    delete env.CHECKPOINT_DISABLE; // what a user's shell has: the script must set it itself
    delete env.ENVIRONMENT;
    delete env.TF_WORKSPACE;
    delete env.TF_CLI_CONFIG_FILE; // this machine's may name a missing file, which cdktf reports as an error
    const r = spawnSync('npm', ['run', '-s', 'cdktf', '--', 'synth', '--output', output], { cwd: REPO_ROOT, encoding: 'utf8', env });
    expect(r.status).toBe(0);
    expect(`${r.stdout}${r.stderr}`).not.toMatch(/ERROR|checkpoint-api|ENOTFOUND/);
    expect(synthesizedStack(output).resource.terraform_data.workspace_guard.input.environment).toBe('dev');
  }, 60_000);
});
