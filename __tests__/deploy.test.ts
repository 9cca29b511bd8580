import { spawnSync } from 'node:child_process';
import { DeployRefusal, deploySteps, describeStep } from '../scripts/lib/deploy';
import { REPO_ROOT } from './environments';

describe('deploy and diff per workspace', () => {
  test('deploy: synth, init, select the workspace, plan to a file, check it, apply exactly that plan', () => {
    const steps = deploySteps({ environment: 'staging', mode: 'deploy', outdir: '/tmp/out' });
    expect(steps.map((s) => [s.command === process.execPath ? 'node' : s.command, ...s.args].join(' '))).toEqual([
      'node --import tsx main.ts',
      'terraform init -input=false',
      'terraform workspace select -or-create staging',
      'terraform plan -input=false -out=plan.bin',
      'terraform show -json plan.bin',
      'check-plan plan.json',
      'terraform apply -input=false plan.bin',
    ]);
    expect(steps[0]!.env).toMatchObject({ ENVIRONMENT: 'staging', CDKTF_OUTDIR: '/tmp/out', CHECKPOINT_DISABLE: '1' });
    for (const step of steps.slice(1)) expect(step.cwd).toBe('/tmp/out/stacks/platform');
  });

  test('diff stops after the checked plan: nothing is applied', () => {
    const steps = deploySteps({ environment: 'prod', mode: 'diff' });
    expect(steps.map((s) => s.args[0])).not.toContain('apply');
    expect(steps.at(-1)!.command).toBe('check-plan');
  });

  test.each([
    [{ environment: 'prod', tfWorkspace: 'dev' }, "TF_WORKSPACE=dev but --env prod: refusing to touch another environment's state"],
    [{ environment: 'qa' }, 'unknown environment "qa"; expected one of dev, staging, prod'],
  ])('refuses %o', (options, message) => {
    expect(() => deploySteps({ mode: 'deploy', ...options })).toThrow(DeployRefusal);
    expect(() => deploySteps({ mode: 'deploy', ...options })).toThrow(message);
  });

  test('accepts TF_WORKSPACE when it names the same environment', () => {
    expect(deploySteps({ environment: 'dev', mode: 'diff', tfWorkspace: 'dev' })).toHaveLength(6);
  });

  test('describes steps as commands an operator can run by hand', () => {
    const [, init] = deploySteps({ environment: 'dev', mode: 'deploy' });
    expect(describeStep(init!)).toBe('(cd cdktf.out/stacks/platform && terraform init -input=false)');
  });

  const run = (args: string[], env: Record<string, string> = {}) => {
    const base = { ...process.env };
    delete base.TF_WORKSPACE;
    return spawnSync(process.execPath, ['--import', 'tsx', 'scripts/deploy.ts', ...args], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      env: { ...base, ...env },
    });
  };

  test('npm run deploy refuses, exit 1, when TF_WORKSPACE names another environment', () => {
    const r = run(['--mode', 'deploy', '--env', 'prod'], { TF_WORKSPACE: 'dev' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('Refusing: TF_WORKSPACE=dev but --env prod');
    expect(r.stdout).toBe('');
  });

  test('--dry-run prints the commands and runs none', () => {
    const r = run(['--mode', 'diff', '--env', 'dev', '--dry-run']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('==> select workspace dev: (cd cdktf.out/stacks/platform && terraform workspace select -or-create dev)');
    expect(r.stdout).not.toContain('apply');
  });
});
