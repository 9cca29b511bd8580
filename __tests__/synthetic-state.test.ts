import { ProviderSchemas, changedAddresses, impliedType, settleState, stateFromPlan } from '../scripts/lib/synthetic-state';
import { addressChanges, formatUpgradeSummary } from '../scripts/lib/upgrade-plan';

const AWS = 'registry.terraform.io/hashicorp/aws';
const BUILTIN = 'terraform.io/builtin/terraform';

/** The parts of the provider schemas the fixtures use, as `terraform providers schema -json` writes them. */
const schemas: ProviderSchemas = {
  provider_schemas: {
    [AWS]: {
      resource_schemas: {
        aws_vpc: { version: 1, block: { attributes: { id: { type: 'string' }, arn: { type: 'string' }, cidr_block: { type: 'string' } } } },
        aws_subnet: {
          version: 1,
          block: { attributes: { id: { type: 'string' }, vpc_id: { type: 'string' }, cidr_block: { type: 'string' } } },
        },
        aws_rds_cluster: {
          version: 0,
          block: {
            attributes: {
              id: { type: 'string' },
              cluster_identifier: { type: 'string' },
              endpoint: { type: 'string' },
              master_password_wo: { type: 'string', write_only: true },
              master_user_secret: { type: ['list', ['object', { secret_arn: 'string', kms_key_id: 'string' }]] },
              port: { type: 'number' },
            },
          },
        },
      },
    },
    [BUILTIN]: {
      resource_schemas: { terraform_data: { version: 0, block: { attributes: { id: { type: 'string' }, input: { type: 'dynamic' } } } } },
    },
  },
};

const change = (address: string, type: string, provider: string, after: object, afterUnknown: object, extra: object = {}) => ({
  address,
  mode: 'managed',
  type,
  name: address.split('.')[1],
  provider_name: provider,
  change: { actions: ['create'], before: null, after, after_unknown: afterUnknown, after_sensitive: {}, ...extra },
});

/** A plan from empty state: a VPC, a subnet in it, a cluster and the workspace guard. */
const plan = {
  format_version: '1.2',
  terraform_version: '1.11.4',
  configuration: {
    root_module: {
      resources: [
        { address: 'aws_vpc.v', provider_config_key: 'aws.eu_west_1' },
        { address: 'aws_subnet.s', provider_config_key: 'aws.eu_west_1' },
        { address: 'aws_rds_cluster.c', provider_config_key: 'aws.eu_west_1' },
        { address: 'terraform_data.guard', provider_config_key: 'terraform' },
      ],
    },
  },
  resource_changes: [
    change('aws_vpc.v', 'aws_vpc', AWS, { cidr_block: '10.0.0.0/16' }, { id: true, arn: true }),
    change('aws_subnet.s', 'aws_subnet', AWS, { cidr_block: '10.0.0.0/20' }, { id: true, vpc_id: true }),
    change(
      'aws_rds_cluster.c',
      'aws_rds_cluster',
      AWS,
      { cluster_identifier: 'platform-dev-eu-west-1', master_password_wo: null, port: 5432 },
      { id: true, endpoint: true, master_user_secret: true },
      { after_sensitive: { master_password_wo: true } },
    ),
    change('terraform_data.guard', 'terraform_data', BUILTIN, { input: { environment: 'dev' } }, { id: true, input: {} }),
  ],
  output_changes: { endpoint: { actions: ['create'], after: {}, after_unknown: { 'eu-west-1': true } } },
};

const configuration = { resource: { aws_subnet: { s: { vpc_id: '${aws_vpc.v.id}' } } } };
const options = { accountId: '111111111111', regions: { 'aws.eu_west_1': 'eu-west-1' }, configuration };

describe('synthetic prior state from a plan', () => {
  const state = stateFromPlan(plan, schemas, options);
  const attributes = (type: string) => state.resources.find((r) => r.type === type)!.instances[0]!.attributes;

  test('format 4, every planned resource with its provider address and the schema version', () => {
    expect(state.version).toBe(4);
    expect(state.resources.map((r) => [r.type, r.provider, r.instances[0]!.schema_version])).toEqual([
      ['aws_vpc', 'provider["registry.terraform.io/hashicorp/aws"].eu_west_1', 1],
      ['aws_subnet', 'provider["registry.terraform.io/hashicorp/aws"].eu_west_1', 1],
      ['aws_rds_cluster', 'provider["registry.terraform.io/hashicorp/aws"].eu_west_1', 0],
      ['terraform_data', 'provider["terraform.io/builtin/terraform"]', 0],
    ]);
  });

  test('unknown values get placeholders of the shape the provider accepts', () => {
    expect(attributes('aws_vpc')).toEqual({
      cidr_block: '10.0.0.0/16',
      id: expect.stringMatching(/^vpc-[0-9a-f]{17}$/),
      arn: expect.stringMatching(/^arn:aws:ec2:eu-west-1:111111111111:vpc\/vpc-[0-9a-f]{17}$/),
    });
    const cluster = attributes('aws_rds_cluster');
    expect(cluster.id).toBe('platform-dev-eu-west-1');
    expect(cluster.endpoint).toMatch(/^[0-9a-f]{12}\.eu-west-1\.placeholder\.amazonaws\.com$/);
    // A computed list of objects gets one element, so `master_user_secret[0].secret_arn` resolves.
    expect(cluster.master_user_secret).toEqual([
      { secret_arn: expect.stringMatching(/^arn:aws:rds:eu-west-1:111111111111:/), kms_key_id: expect.any(String) },
    ]);
  });

  test('a plain reference takes the referenced placeholder: the subnet is in the VPC', () => {
    expect(attributes('aws_subnet').vpc_id).toBe(attributes('aws_vpc').id);
  });

  test('write-only values are never written; sensitivity is carried as paths', () => {
    const cluster = state.resources.find((r) => r.type === 'aws_rds_cluster')!.instances[0]!;
    expect(cluster.attributes.master_password_wo).toBeNull();
    expect(cluster.sensitive_attributes).toEqual([[{ type: 'get_attr', value: 'master_password_wo' }]]);
  });

  test('dynamic values are stored with their type', () => {
    expect(attributes('terraform_data').input).toEqual({ value: { environment: 'dev' }, type: ['object', { environment: 'string' }] });
    expect(impliedType([1, 'a'])).toEqual(['tuple', ['number', 'string']]);
  });

  test('deterministic: the same plan gives the same state', () => {
    expect(stateFromPlan(plan, schemas, options)).toEqual(state);
  });

  test('fails, naming the type, when the schema lacks it', () => {
    const unknownType = { ...plan, resource_changes: [change('aws_nope.x', 'aws_nope', AWS, {}, {})] };
    expect(() => stateFromPlan(unknownType, schemas, options)).toThrow(`the provider schema of ${AWS} has no resource type aws_nope`);
  });
});

describe('settling to a fixed point', () => {
  const planWith = (changed: string[]) => ({
    resource_changes: [
      ...changed.map((address) => ({ address, mode: 'managed', change: { actions: ['update'] } })),
      { address: 'aws_vpc.quiet', mode: 'managed', change: { actions: ['no-op'] } },
    ],
  });
  const initial = stateFromPlan(plan, schemas, options);

  test('plans until nothing changes', () => {
    const plans = [planWith(['a', 'b']), planWith(['a']), planWith([])];
    const result = settleState(
      initial,
      () => plans.shift()!,
      (_p, previous) => previous,
    );
    expect(result.rounds).toEqual([2, 1, 0]);
    expect(result.remaining).toEqual([]);
  });

  test('stops when the plan stops shrinking, naming what does not settle', () => {
    const plans = [planWith(['a', 'b']), planWith(['a']), planWith(['a'])];
    const result = settleState(
      initial,
      () => plans.shift()!,
      (_p, previous) => previous,
    );
    expect(result.rounds).toEqual([2, 1, 1]);
    expect(result.remaining).toEqual(['a']);
    expect(changedAddresses(planWith(['x']))).toEqual(['x']);
  });
});

describe('upgrade summary', () => {
  const rc = (address: string, actions: string[], extra: object = {}) => ({ address, mode: 'managed', change: { actions, ...extra } });
  const changes = addressChanges({
    resource_changes: [
      rc('aws_vpc.b', ['create']),
      rc('aws_kms_key.k', ['update'], {
        before: { policy: 'a', description: 'd' },
        after: { policy: 'b', description: 'd' },
        after_unknown: {},
      }),
      rc('aws_s3_bucket.l', ['delete', 'create'], { replace_paths: [['bucket']] }),
      rc('aws_route53_record.r', ['delete']),
      rc('aws_subnet.s', ['no-op']),
    ],
  });

  test('one line per address: replacements first with what forces them, then deletes, updates with what changes, creates', () => {
    expect(formatUpgradeSummary('Upgrade plan of prod: main -> working tree', changes)).toBe(
      [
        'Upgrade plan of prod: main -> working tree: 1 to create, 1 to update in place, 1 to replace, 1 to delete',
        '  replace  aws_s3_bucket.l (forced by bucket)',
        '  delete   aws_route53_record.r',
        '  update   aws_kms_key.k (policy)',
        '  create   aws_vpc.b',
      ].join('\n'),
    );
  });

  test('says so when nothing changes', () => {
    expect(formatUpgradeSummary('Upgrade plan of dev: HEAD~1 -> working tree', [])).toBe(
      'Upgrade plan of dev: HEAD~1 -> working tree: no changes',
    );
  });
});
