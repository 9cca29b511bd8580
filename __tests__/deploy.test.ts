import { spawnSync } from 'node:child_process';
import { DeployRefusal, deploySteps, describeStep } from '../scripts/lib/deploy';
import * as path from 'node:path';
import { QUIET_ENV } from '../scripts/lib/offline-plan';
import { REPO_ROOT } from './environments';

describe('deploy and diff per workspace', () => {
  test('deploy: synth, init, select the workspace, plan to a file, check it, apply exactly that plan', () => {
    const steps = deploySteps({ environment: 'staging', mode: 'deploy', outdir: '/tmp/out' });
    expect(steps.map((s) => [s.command === process.execPath ? 'node' : s.command, ...s.args].join(' '))).toEqual([
      'node scripts/run-app.cjs main.ts',
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
    return spawnSync(process.execPath, ['scripts/run-app.cjs', 'scripts/deploy.ts', ...args], {
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

  test('--dry-run prints a bash script of the steps, chained so a refused plan stops it, and runs none', () => {
    const r = run(['--mode', 'deploy', '--env', 'prod', '--dry-run', '--allow-stateful-change', 'aws_s3_bucket.b']);
    expect(r.status).toBe(0);
    const plan = 'cdktf.out/stacks/platform/plan.json';
    expect(r.stdout).toBe(
      [
        '# synthesize prod',
        `ENVIRONMENT=prod CDKTF_OUTDIR=${REPO_ROOT}/cdktf.out node scripts/run-app.cjs main.ts &&`,
        '# initialise the S3 backend',
        '(cd cdktf.out/stacks/platform && terraform init -input=false) &&',
        '# select workspace prod',
        '(cd cdktf.out/stacks/platform && terraform workspace select -or-create prod) &&',
        '# plan',
        '(cd cdktf.out/stacks/platform && terraform plan -input=false -out=plan.bin) &&',
        '# export the plan',
        '(cd cdktf.out/stacks/platform && terraform show -json plan.bin > plan.json) &&',
        '# policy pack and stateful-change gate on the plan',
        `npm run -s policy -- --plan ${plan} --env prod && npm run -s plan:gate -- --plan ${plan} --env prod --allow-stateful-change aws_s3_bucket.b &&`,
        '# apply exactly the checked plan',
        '(cd cdktf.out/stacks/platform && terraform apply -input=false plan.bin)',
        '',
      ].join('\n'),
    );
    // Valid bash: `bash -n` parses without running.
    expect(spawnSync('bash', ['-n'], { input: r.stdout, encoding: 'utf8' }).status).toBe(0);
  });

  test('each step described in process as --dry-run prints it: quiet settings left out, allowed addresses on the plan check', () => {
    const steps = deploySteps({ environment: 'staging', mode: 'deploy', outdir: path.join(REPO_ROOT, 'out') });
    const plan = 'out/stacks/platform/plan.json';
    expect(steps.map((s) => describeStep(s, ['aws_s3_bucket.b', 'aws_kms_key.k']))).toEqual([
      `ENVIRONMENT=staging CDKTF_OUTDIR=${REPO_ROOT}/out node scripts/run-app.cjs main.ts`,
      '(cd out/stacks/platform && terraform init -input=false)',
      '(cd out/stacks/platform && terraform workspace select -or-create staging)',
      '(cd out/stacks/platform && terraform plan -input=false -out=plan.bin)',
      '(cd out/stacks/platform && terraform show -json plan.bin > plan.json)',
      `npm run -s policy -- --plan ${plan} --env staging && npm run -s plan:gate -- --plan ${plan} --env staging --allow-stateful-change aws_s3_bucket.b --allow-stateful-change aws_kms_key.k`,
      '(cd out/stacks/platform && terraform apply -input=false plan.bin)',
    ]);
    expect(steps.map((s) => s.description)).toEqual([
      'synthesize staging',
      'initialise the S3 backend',
      'select workspace staging',
      'plan',
      'export the plan',
      'policy pack and stateful-change gate on the plan',
      'apply exactly the checked plan',
    ]);
    expect(steps.map((s) => s.stdoutFile)).toEqual([undefined, undefined, undefined, undefined, 'plan.json', undefined, undefined]);
    expect(steps.slice(1).map((s) => s.env)).toEqual([QUIET_ENV, QUIET_ENV, QUIET_ENV, QUIET_ENV, { ENVIRONMENT: 'staging' }, QUIET_ENV]);
  });

  test('the printed plan check is the policy and plan:gate scripts on the saved plan file', () => {
    const check = describeStep(deploySteps({ environment: 'prod', mode: 'deploy' })[5]!);
    expect(check).toBe(
      'npm run -s policy -- --plan cdktf.out/stacks/platform/plan.json --env prod && npm run -s plan:gate -- --plan cdktf.out/stacks/platform/plan.json --env prod',
    );
  });
});
