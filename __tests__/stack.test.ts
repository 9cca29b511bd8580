import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import childProcess from 'node:child_process';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { App, TerraformStack, Testing } from 'cdktf';
import { Construct } from 'constructs';
import { TerraformData } from '../src/constructs/terraform-data';
import { bindRegion, regionBindingProblems } from '../src/stacks/region-binding';
import { STACK_NAME } from '../src/stacks/platform-stack';
import { ENVIRONMENTS, configOf, synthJson, testStack } from './helpers';

describe.each(ENVIRONMENTS)('the %s stack', (env) => {
  const config = configOf(env);
  const stack = testStack(env);
  const synth = synthJson(stack);

  test("stores state in its account's own S3 bucket, under the state key, locked, under a workspace prefix", () => {
    expect(config.backend.bucket).toContain(config.accountId);
    expect(synth.terraform.backend).toEqual({
      s3: {
        bucket: config.backend.bucket,
        key: config.backend.key,
        region: config.backend.region,
        workspace_key_prefix: config.backend.workspaceKeyPrefix,
        encrypt: true,
        // The bootstrap stack's key (by alias): SSE-KMS, not the SSE-S3 that encrypt alone asks for.
        kms_key_id: `arn:aws:kms:us-east-1:${config.accountId}:alias/platform-terraform-state`,
        use_lockfile: true,
      },
    });
  });

  test("a central state account: the backend alone assumes the role there and uses that account's key", () => {
    const central = configOf(env);
    central.backend = { ...central.backend, bucket: 'acme-central-state', roleArn: 'arn:aws:iam::999999999999:role/platform-state' };
    const centralSynth = synthJson(testStack(env, central));
    // Everything else as in the environment's own account: key, region, prefix, encryption, lock file.
    expect(centralSynth.terraform.backend.s3).toEqual({
      ...synth.terraform.backend.s3,
      bucket: 'acme-central-state',
      kms_key_id: 'arn:aws:kms:us-east-1:999999999999:alias/platform-terraform-state',
      assume_role: { role_arn: 'arn:aws:iam::999999999999:role/platform-state', session_name: `platform-${env}-terraform-state` },
    });
    // The providers keep the environment's own credentials.
    const providers = centralSynth.provider.aws!;
    expect(providers).toHaveLength(3);
    expect(providers.map((p) => p.assume_role)).toEqual(providers.map(() => undefined));
    expect(providers.map((p) => p.allowed_account_ids)).toEqual(providers.map(() => [config.accountId]));
  });

  test('requires Terraform >= 1.11 and pins the AWS provider', () => {
    expect(synth.terraform.required_version).toBe('>= 1.11');
    expect(synth.terraform.required_providers.aws).toEqual({ source: 'aws', version: '5.100.0' });
  });

  test('has exactly one aliased AWS provider per region, each with default tags', () => {
    const providers = synth.provider.aws!;
    expect(providers.map((p) => [p.alias, p.region])).toEqual([
      ['us_east_1', 'us-east-1'],
      ['us_west_2', 'us-west-2'],
      ['eu_west_1', 'eu-west-1'],
    ]);
    for (const p of providers) {
      expect(p.default_tags).toEqual([
        {
          tags: { Project: 'platform', Environment: env, ManagedBy: 'cdktf', Owner: config.tags.Owner, CostCenter: config.tags.CostCenter },
        },
      ]);
    }
    expect(providers.filter((p) => !p.alias)).toEqual([]);
    // A credential for another account makes the provider refuse to plan.
    for (const p of providers) expect(p.allowed_account_ids).toEqual([config.accountId]);
  });

  test('guards the workspace: the plan fails unless the workspace is the environment', () => {
    expect(Testing.synth(stack)).toHaveResourceWithProperties(TerraformData, {
      input: { environment: env },
    });
    const guard = synth.resource.terraform_data!.workspace_guard;
    expect(guard.lifecycle.precondition).toEqual([
      {
        condition: `\${terraform.workspace == "${env}"}`,
        error_message: expect.stringContaining(
          `synthesized for environment "${env}" but the selected Terraform workspace is "\${terraform.workspace}"`,
        ),
      },
    ]);
  });

  test('builds one VPC per region, each bound to its region provider', () => {
    const vpcs = Object.values(synth.resource.aws_vpc!);
    expect(Object.fromEntries(vpcs.map((v) => [v.provider, v.cidr_block]))).toEqual({
      'aws.us_east_1': config.regions['us-east-1']!.vpcCidr,
      'aws.us_west_2': config.regions['us-west-2']!.vpcCidr,
      'aws.eu_west_1': config.regions['eu-west-1']!.vpcCidr,
    });
    expect(Testing.synth(stack)).toHaveResourceWithProperties(Vpc, { enable_dns_support: true, enable_dns_hostnames: true });
  });

  test('passes the region-binding check and the synth-time validations', () => {
    // (Terraform's own validation runs in the offline plan tests: toBeValidTerraform would
    // initialise the real S3 backend.)
    expect(regionBindingProblems(stack)).toEqual([]);
    expect(() => Testing.synth(stack, true)).not.toThrow();
  });
});

describe('region binding check', () => {
  test('fails when an AWS resource has no provider', () => {
    const stack = testStack('dev');
    new Vpc(stack.regions['us-west-2']!, 'stray', { cidrBlock: '10.99.0.0/16' });
    expect(regionBindingProblems(stack)).toEqual([
      '[platform/us-west-2/stray] aws_vpc has no provider; pass the regional AwsProvider explicitly',
    ]);
    expect(() => Testing.synth(stack, true)).toThrow(/us-west-2\/stray\] aws_vpc has no provider/);
  });

  test('fails when a regional resource uses the provider of another region', () => {
    const stack = testStack('dev');
    new Vpc(stack.regions['eu-west-1']!, 'misplaced', { cidrBlock: '10.99.0.0/16', provider: stack.providers['us-east-1'] });
    expect(regionBindingProblems(stack)).toEqual([
      '[platform/eu-west-1/misplaced] aws_vpc is in the eu-west-1 construct but uses the provider of us-east-1',
    ]);
  });

  test('fails when a nested regional construct holds a resource of another region', () => {
    const stack = testStack('dev');
    const inner = new Construct(stack.regions['us-east-1']!.network, 'inner');
    new Vpc(inner, 'vpc', { cidrBlock: '10.99.0.0/16', provider: stack.providers['us-west-2'] });
    expect(regionBindingProblems(stack)).toEqual([
      '[platform/us-east-1/network/inner/vpc] aws_vpc is in the us-east-1 construct but uses the provider of us-west-2',
    ]);
  });

  test('fails when a provider has no alias', () => {
    const stack = testStack('dev');
    const scope = new Construct(stack, 'extra');
    bindRegion(scope, 'us-east-1');
    new AwsProvider(scope, 'default', { region: 'us-east-1' });
    expect(regionBindingProblems(stack)).toEqual([
      '[platform/extra/default] AWS provider has no alias; every provider must be aliased per region',
    ]);
  });
});

describe("app.synth() writes the JSON the policy pack read in the synth's validation", () => {
  test('resolving the stack once, and what it writes is the stack resolved afresh (no rule changed it)', () => {
    const stack = testStack('prod');
    const app = stack.node.root as App;
    const resolve = jest.spyOn(TerraformStack.prototype, 'toTerraform');
    try {
      app.synth();
      expect(resolve).toHaveBeenCalledTimes(1);
    } finally {
      resolve.mockRestore();
    }
    const written = JSON.parse(readFileSync(path.join(app.outdir, 'stacks', STACK_NAME, 'cdk.tf.json'), 'utf8'));
    expect(written).toEqual(stack.toTerraform());
  });

  test('validations run outside a synth keep nothing: a later change is in the next resolution', () => {
    const stack = testStack('dev');
    stack.runAllValidations();
    new Vpc(stack, 'added-after-validation', { provider: stack.providers['us-east-1'], cidrBlock: '10.99.0.0/16' });
    const cidrs = Object.values(stack.toTerraform().resource.aws_vpc as Record<string, { cidr_block: string }>).map((v) => v.cidr_block);
    expect(cidrs).toContain('10.99.0.0/16');
  });
});

test('a synth validates without starting a process (cdktf would run `terraform version`: terraform-data.ts)', () => {
  const stack = testStack('dev');
  const execSync = jest.spyOn(childProcess, 'execSync');
  const spawnSync = jest.spyOn(childProcess, 'spawnSync');
  try {
    expect(() => Testing.synth(stack, true)).not.toThrow();
    expect([...execSync.mock.calls, ...spawnSync.mock.calls]).toEqual([]);
  } finally {
    execSync.mockRestore();
    spawnSync.mockRestore();
  }
});
