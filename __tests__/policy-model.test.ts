/**
 * The policy model itself: what modelFromSynth / modelFromPlan read from synthesized cdktf JSON and
 * from `terraform show -json`, the small readers the rules share (block, blocks, isSet,
 * policyDocument, attributeReferences, referencing) and the security group permission readers.
 * Hand-written JSON fixtures only: no stack is built here.
 */
import {
  Json,
  PolicyResource,
  attributeReferences,
  block,
  blocks,
  isSet,
  modelFromPlan,
  modelFromSynth,
  policyDocument,
} from '../src/policy/model';
import { referencing } from '../src/policy/rule';
import { SgPermission, egressRules, ingressRules, portsOverlap } from '../src/policy/security-group-permissions';

/** A resource as a rule sees it, from a one-resource synthesized stack (provider-less). */
function synthResource(type: string, values: Json): PolicyResource {
  const m = modelFromSynth({ resource: { [type]: { r: values } } });
  return m.resources[0]!;
}

describe('modelFromSynth', () => {
  test('an empty stack gives an empty synth model', () => {
    expect(modelFromSynth({})).toEqual({ source: 'synth', resources: [], providers: {}, suppressions: [] });
  });

  test('providers are keyed by type, or type.alias when aliased, with their settings as written', () => {
    const aws = { region: 'us-east-1', default_tags: [{ tags: { Project: 'platform' } }] };
    const eu = { alias: 'eu_west_1', region: 'eu-west-1' };
    const random = {};
    const m = modelFromSynth({ provider: { aws: [aws, eu], random: [random] } });
    expect(m.providers).toEqual({ aws, 'aws.eu_west_1': eu, random });
    expect(m.resources).toEqual([]);
  });

  test('resources carry address, provider region, values without provider/lifecycle/depends_on/metadata, references and lifecycle', () => {
    const subnetValues = {
      vpc_id: '${aws_vpc.v.id}',
      // References inside nested objects and lists, several per string; var./local. are not addresses.
      tags: { Key: '${aws_kms_key.k.arn}-${random_id.r.hex}', Plain: 'aws_vpc.not_a_ref', Var: '${var.env}' },
      cidrs: [['${aws_vpc.v.cidr_block}']],
      ipv6_cidr_block: null,
      map_public_ip_on_launch: false,
      count: 2,
    };
    const m = modelFromSynth({
      provider: { aws: [{ region: 'us-east-1' }, { alias: 'eu_west_1', region: 'eu-west-1' }] },
      resource: {
        aws_vpc: {
          v: {
            provider: 'aws.eu_west_1',
            cidr_block: '10.0.0.0/16',
            lifecycle: { prevent_destroy: true },
            depends_on: ['aws_kms_key.k'],
            '//': { metadata: { path: 'stack/v' } },
          },
        },
        aws_subnet: {
          s: { provider: 'aws', ...subnetValues },
        },
      },
    });
    expect(m).toEqual({
      source: 'synth',
      providers: { aws: { region: 'us-east-1' }, 'aws.eu_west_1': { alias: 'eu_west_1', region: 'eu-west-1' } },
      suppressions: [],
      resources: [
        {
          address: 'aws_vpc.v',
          type: 'aws_vpc',
          name: 'v',
          provider: 'aws.eu_west_1',
          region: 'eu-west-1',
          values: { cidr_block: '10.0.0.0/16' },
          references: { cidr_block: [] },
          lifecycle: { prevent_destroy: true },
        },
        {
          address: 'aws_subnet.s',
          type: 'aws_subnet',
          name: 's',
          provider: 'aws',
          region: 'us-east-1',
          values: subnetValues,
          references: {
            vpc_id: ['aws_vpc.v'],
            tags: ['aws_kms_key.k', 'random_id.r'],
            cidrs: ['aws_vpc.v'],
            ipv6_cidr_block: [],
            map_public_ip_on_launch: [],
            count: [],
          },
        },
      ],
    });
  });

  test('a resource without provider, or with a provider the stack does not declare, has no region', () => {
    const m = modelFromSynth({
      provider: { aws: [{ region: 'us-east-1' }] },
      resource: { aws_s3_bucket: { none: { bucket: 'a' }, unknown: { provider: 'aws.missing', bucket: 'b' } } },
    });
    expect(m.resources).toEqual([
      { address: 'aws_s3_bucket.none', type: 'aws_s3_bucket', name: 'none', values: { bucket: 'a' }, references: { bucket: [] } },
      {
        address: 'aws_s3_bucket.unknown',
        type: 'aws_s3_bucket',
        name: 'unknown',
        provider: 'aws.missing',
        values: { bucket: 'b' },
        references: { bucket: [] },
      },
    ]);
    expect(m.resources.map((r) => r.region)).toEqual([undefined, undefined]);
  });

  test('policy_suppressions in a resource metadata become suppressions of that address', () => {
    const m = modelFromSynth({
      resource: {
        aws_security_group: {
          g: {
            name: 'g',
            '//': {
              metadata: { path: 'stack/g' },
              policy_suppressions: [
                { rule: 'sg-no-admin-ports', reason: 'bastion, closed at night' },
                { rule: 'sg-rules-described', reason: 'generated' },
              ],
            },
          },
          other: { name: 'o', '//': { metadata: { path: 'stack/o' } } },
        },
      },
    });
    expect(m.suppressions).toEqual([
      { ruleId: 'sg-no-admin-ports', address: 'aws_security_group.g', reason: 'bastion, closed at night' },
      { ruleId: 'sg-rules-described', address: 'aws_security_group.g', reason: 'generated' },
    ]);
    expect(m.resources.map((r) => r.values)).toEqual([{ name: 'g' }, { name: 'o' }]);
  });

  test('the backend and outputs are pseudo-resources, after the resources', () => {
    const backend = { bucket: 'state', key: 'dev.tfstate', encrypt: true };
    const m = modelFromSynth({
      terraform: { backend: { s3: backend } },
      resource: { aws_kms_key: { k: { description: 'k' } } },
      output: {
        endpoint: { value: '${aws_rds_cluster.c.endpoint}', sensitive: true },
        nested: { value: { a: ['${aws_kms_key.k.arn}'], b: null, c: { d: '${aws_vpc.v.id}' } } },
        literal: { value: 'x', description: 'plain' },
      },
    });
    expect(m.resources).toEqual([
      { address: 'aws_kms_key.k', type: 'aws_kms_key', name: 'k', values: { description: 'k' }, references: { description: [] } },
      { address: 'terraform_backend.s3', type: 'terraform_backend', name: 's3', values: backend, references: {} },
      {
        address: 'terraform_output.endpoint',
        type: 'terraform_output',
        name: 'endpoint',
        values: { value: '${aws_rds_cluster.c.endpoint}', sensitive: true },
        references: { value: ['aws_rds_cluster.c'] },
      },
      {
        address: 'terraform_output.nested',
        type: 'terraform_output',
        name: 'nested',
        values: { value: { a: ['${aws_kms_key.k.arn}'], b: null, c: { d: '${aws_vpc.v.id}' } } },
        references: { value: ['aws_kms_key.k', 'aws_vpc.v'] },
      },
      {
        address: 'terraform_output.literal',
        type: 'terraform_output',
        name: 'literal',
        values: { value: 'x', description: 'plain' },
        references: { value: [] },
      },
    ]);
  });
});

describe('modelFromPlan', () => {
  test('an empty plan gives an empty plan model without suppressions', () => {
    expect(modelFromPlan({})).toEqual({ source: 'plan', resources: [], providers: {}, suppressions: [] });
  });

  test('suppressions given (from the synthesized JSON) are kept as they are', () => {
    const suppressions = [{ ruleId: 'sg-no-admin-ports', address: 'aws_security_group.g', reason: 'bastion' }];
    expect(modelFromPlan({}, suppressions).suppressions).toEqual(suppressions);
  });

  test('provider settings are the constant values of their expressions, nested blocks included', () => {
    const m = modelFromPlan({
      configuration: {
        provider_config: {
          aws: { name: 'aws', expressions: { region: { constant_value: 'us-east-1' } } },
          'aws.eu_west_1': {
            name: 'aws',
            alias: 'eu_west_1',
            expressions: {
              region: { constant_value: 'eu-west-1' },
              allowed_account_ids: { constant_value: ['111111111111'] },
              default_tags: [{ tags: { constant_value: { Project: 'platform', Owner: 'team' } } }],
              assume_role: [
                { role_arn: { constant_value: 'arn:aws:iam::111111111111:role/deploy' }, session_name: { constant_value: 's' } },
              ],
            },
          },
        },
      },
    });
    expect(m.providers).toEqual({
      aws: { region: 'us-east-1' },
      'aws.eu_west_1': {
        alias: 'eu_west_1',
        region: 'eu-west-1',
        allowed_account_ids: ['111111111111'],
        default_tags: [{ tags: { Project: 'platform', Owner: 'team' } }],
        assume_role: [{ role_arn: 'arn:aws:iam::111111111111:role/deploy', session_name: 's' }],
      },
    });
  });

  test('a provider setting known only at apply (a variable reference) does not stop its other settings being read', () => {
    const m = modelFromPlan({
      configuration: {
        provider_config: {
          aws: {
            name: 'aws',
            expressions: {
              region: { constant_value: 'us-east-1' },
              assume_role: [{ role_arn: { references: ['var.deploy_role_arn'] }, session_name: { constant_value: 'ci' } }],
            },
          },
        },
      },
    });
    expect(m.providers.aws).toEqual({
      region: 'us-east-1',
      // Unknown until apply: no value (not the expression object), so no rule compares it as one.
      assume_role: [{ role_arn: undefined, session_name: 'ci' }],
      alias: undefined,
    });
  });

  test('a provider whose region comes from a variable has no region, and neither do its resources', () => {
    const m = modelFromPlan({
      planned_values: { root_module: { resources: [{ mode: 'managed', type: 'aws_vpc', name: 'v', values: {} }] } },
      configuration: {
        provider_config: { 'aws.x': { name: 'aws', alias: 'x', expressions: { region: { references: ['var.region'] } } } },
        root_module: { resources: [{ address: 'aws_vpc.v', provider_config_key: 'aws.x', expressions: {} }] },
      },
    });
    expect(m.providers['aws.x']).toEqual({ region: undefined, alias: 'x' });
    expect(m.resources[0]!.region).toBeUndefined();
  });

  test('a data source is not the managed resource of the same type and name: references to it are not references to that resource', () => {
    const synth = modelFromSynth({
      resource: {
        aws_vpc: { main: { cidr_block: '10.0.0.0/16' } },
        aws_subnet: { s: { vpc_id: '${data.aws_vpc.main.id}', cidr_block: '${aws_vpc.main.cidr_block}' } },
      },
    });
    expect(synth.resources.find((r) => r.address === 'aws_subnet.s')!.references).toEqual({ vpc_id: [], cidr_block: ['aws_vpc.main'] });
    const plan = modelFromPlan({
      planned_values: { root_module: { resources: [{ mode: 'managed', type: 'aws_subnet', name: 's', values: {} }] } },
      configuration: {
        root_module: {
          resources: [
            {
              address: 'aws_subnet.s',
              expressions: {
                vpc_id: { references: ['data.aws_vpc.main.id', 'data.aws_vpc.main'] },
                cidr_block: { references: ['aws_vpc.main.cidr_block', 'aws_vpc.main'] },
              },
            },
          ],
        },
      },
    });
    expect(plan.resources[0]!.references).toEqual({ vpc_id: [], cidr_block: ['aws_vpc.main'] });
  });

  test('managed resources carry address, provider and its region, planned values and configuration references', () => {
    const m = modelFromPlan({
      planned_values: {
        root_module: {
          resources: [
            { address: 'aws_vpc.v', mode: 'managed', type: 'aws_vpc', name: 'v', values: { cidr_block: '10.0.0.0/16' } },
            { address: 'data.aws_region.r', mode: 'data', type: 'aws_region', name: 'r', values: { name: 'eu-west-1' } },
            {
              address: 'aws_security_group.g',
              mode: 'managed',
              type: 'aws_security_group',
              name: 'g',
              values: { name: 'g', ingress: [{ from_port: 443, to_port: 443, protocol: 'tcp', cidr_blocks: ['10.0.0.0/16'] }] },
            },
            // Not in the configuration, no values known yet.
            { address: 'aws_kms_key.k', mode: 'managed', type: 'aws_kms_key', name: 'k' },
            // A provider key the configuration does not declare.
            { address: 'aws_s3_bucket.b', mode: 'managed', type: 'aws_s3_bucket', name: 'b', values: { bucket: 'b' } },
          ],
        },
      },
      configuration: {
        provider_config: {
          'aws.eu_west_1': { name: 'aws', alias: 'eu_west_1', expressions: { region: { constant_value: 'eu-west-1' } } },
        },
        root_module: {
          resources: [
            {
              address: 'aws_vpc.v',
              provider_config_key: 'aws.eu_west_1',
              expressions: { cidr_block: { constant_value: '10.0.0.0/16' }, tags: { constant_value: { Name: 'main' } } },
            },
            {
              address: 'aws_security_group.g',
              provider_config_key: 'aws.eu_west_1',
              expressions: {
                name: { constant_value: 'g' },
                vpc_id: { references: ['aws_vpc.v.id', 'aws_vpc.v'] },
                ingress: [
                  {
                    from_port: { constant_value: 443 },
                    description: { constant_value: 'https from the vpc' },
                    cidr_blocks: { references: ['aws_vpc.v.cidr_block', 'aws_vpc.v'] },
                    security_groups: { references: ['aws_security_group.lb.id', 'aws_security_group.lb', 'var.extra'] },
                  },
                ],
              },
            },
            { address: 'aws_s3_bucket.b', provider_config_key: 'aws.missing', expressions: { bucket: { constant_value: 'b' } } },
          ],
        },
      },
    });
    expect(m.resources).toEqual([
      {
        address: 'aws_vpc.v',
        type: 'aws_vpc',
        name: 'v',
        provider: 'aws.eu_west_1',
        region: 'eu-west-1',
        values: { cidr_block: '10.0.0.0/16' },
        references: { cidr_block: [], tags: [] },
      },
      {
        address: 'aws_security_group.g',
        type: 'aws_security_group',
        name: 'g',
        provider: 'aws.eu_west_1',
        region: 'eu-west-1',
        values: { name: 'g', ingress: [{ from_port: 443, to_port: 443, protocol: 'tcp', cidr_blocks: ['10.0.0.0/16'] }] },
        references: { name: [], vpc_id: ['aws_vpc.v'], ingress: ['aws_vpc.v', 'aws_security_group.lb'] },
      },
      { address: 'aws_kms_key.k', type: 'aws_kms_key', name: 'k', values: {}, references: {} },
      {
        address: 'aws_s3_bucket.b',
        type: 'aws_s3_bucket',
        name: 'b',
        provider: 'aws.missing',
        values: { bucket: 'b' },
        references: { bucket: [] },
      },
    ]);
    expect(m.resources.map((r) => r.region)).toEqual(['eu-west-1', 'eu-west-1', undefined, undefined]);
  });

  test('instances of one for_each/count resource are one entry, with the last instance values', () => {
    const m = modelFromPlan({
      planned_values: {
        root_module: {
          resources: [
            {
              address: 'aws_subnet.s["a"]',
              index: 'a',
              mode: 'managed',
              type: 'aws_subnet',
              name: 's',
              values: { cidr_block: '10.0.0.0/24' },
            },
            { address: 'aws_vpc.v', mode: 'managed', type: 'aws_vpc', name: 'v', values: {} },
            {
              address: 'aws_subnet.s["b"]',
              index: 'b',
              mode: 'managed',
              type: 'aws_subnet',
              name: 's',
              values: { cidr_block: '10.0.1.0/24' },
            },
          ],
        },
      },
    });
    expect(m.resources).toEqual([
      { address: 'aws_subnet.s', type: 'aws_subnet', name: 's', values: { cidr_block: '10.0.1.0/24' }, references: {} },
      { address: 'aws_vpc.v', type: 'aws_vpc', name: 'v', values: {}, references: {} },
    ]);
  });

  test('outputs are pseudo-resources with the references of their expression and their description', () => {
    const m = modelFromPlan({
      configuration: {
        root_module: {
          outputs: {
            endpoint: {
              description: 'writer endpoint',
              expression: { references: ['aws_rds_cluster.c.endpoint', 'aws_rds_cluster.c'] },
            },
            literal: { expression: { constant_value: 'fixed' } },
            bare: {},
          },
        },
      },
    });
    expect(m.resources).toEqual([
      {
        address: 'terraform_output.endpoint',
        type: 'terraform_output',
        name: 'endpoint',
        values: { references: ['aws_rds_cluster.c.endpoint', 'aws_rds_cluster.c'], description: 'writer endpoint' },
        references: { value: ['aws_rds_cluster.c'] },
      },
      {
        address: 'terraform_output.literal',
        type: 'terraform_output',
        name: 'literal',
        values: { references: [] },
        references: { value: [] },
      },
      { address: 'terraform_output.bare', type: 'terraform_output', name: 'bare', values: { references: [] }, references: { value: [] } },
    ]);
  });
});

describe('attributeReferences', () => {
  test('reads address.attribute from a synthesized output value, nested in objects and lists', () => {
    const m = modelFromSynth({
      output: {
        db: {
          value: {
            writer: '${aws_rds_cluster.c.endpoint}',
            list: ['${aws_rds_cluster.c.reader_endpoint}', null, 3],
            nested: { port: '${aws_rds_cluster.c.port}', whole: '${aws_rds_cluster.c}' },
          },
        },
      },
    });
    expect(attributeReferences(m.resources[0]!)).toEqual([
      'aws_rds_cluster.c.endpoint',
      'aws_rds_cluster.c.reader_endpoint',
      'aws_rds_cluster.c.port',
    ]);
  });

  test('reads address.attribute from the references of a plan output', () => {
    const m = modelFromPlan({
      configuration: {
        root_module: { outputs: { db: { expression: { references: ['aws_rds_cluster.c.endpoint', 'aws_rds_cluster.c', 'var.x'] } } } },
      },
    });
    expect(attributeReferences(m.resources[0]!)).toEqual(['aws_rds_cluster.c.endpoint']);
  });
});

describe('block and blocks', () => {
  test('block reads a nested block written as an object (cdktf) or as a one-element list (plan)', () => {
    expect(block({ versioning: { enabled: true } }, 'versioning')).toEqual({ enabled: true });
    expect(block({ versioning: [{ enabled: true }, { enabled: false }] }, 'versioning')).toEqual({ enabled: true });
    expect(block({ versioning: [] }, 'versioning')).toBeUndefined();
    expect(block({ versioning: null }, 'versioning')).toBeUndefined();
    expect(block({}, 'versioning')).toBeUndefined();
  });

  test('blocks lists nested blocks whether absent, null, one object or a list', () => {
    expect(blocks({}, 'rule')).toEqual([]);
    expect(blocks({ rule: null }, 'rule')).toEqual([]);
    expect(blocks({ rule: { id: 'a' } }, 'rule')).toEqual([{ id: 'a' }]);
    expect(blocks({ rule: [{ id: 'a' }, { id: 'b' }] }, 'rule')).toEqual([{ id: 'a' }, { id: 'b' }]);
  });
});

describe('isSet', () => {
  const resource = (values: Json, references: Record<string, string[]> = {}): PolicyResource => ({
    address: 'aws_db_instance.d',
    type: 'aws_db_instance',
    name: 'd',
    values,
    references,
  });

  test.each([
    ['a value', { kms_key_id: 'arn:aws:kms:key' }, {}, true],
    ['false (a value)', { kms_key_id: false }, {}, true],
    ['0 (a value)', { kms_key_id: 0 }, {}, true],
    ['absent', {}, {}, false],
    ['null', { kms_key_id: null }, {}, false],
    ['empty string', { kms_key_id: '' }, {}, false],
    ['null with an empty reference list', { kms_key_id: null }, { kms_key_id: [] }, false],
    ['absent (known at apply) but referenced', {}, { kms_key_id: ['aws_kms_key.k'] }, true],
  ])('%s: %p', (_label, values, references, expected) => {
    expect(isSet(resource(values, references), 'kms_key_id')).toBe(expected);
  });
});

describe('policyDocument', () => {
  const withPolicy = (policy: unknown, key = 'policy') => synthResource('aws_iam_policy', { [key]: policy });

  test('parses the statements of a JSON policy, a single statement object becoming a list', () => {
    const statement = { Effect: 'Allow', Action: 's3:GetObject', Resource: '*' };
    expect(policyDocument(withPolicy(JSON.stringify({ Statement: [statement, statement] })))).toEqual({
      Statement: [statement, statement],
    });
    expect(policyDocument(withPolicy(JSON.stringify({ Statement: statement })))).toEqual({ Statement: [statement] });
  });

  test('reads another attribute when named', () => {
    const statement = { Effect: 'Allow', Action: 'sts:AssumeRole' };
    expect(policyDocument(withPolicy(JSON.stringify({ Statement: statement }), 'assume_role_policy'), 'assume_role_policy')).toEqual({
      Statement: [statement],
    });
  });

  test('a document without Statement has no statements', () => {
    expect(policyDocument(withPolicy(JSON.stringify({ Version: '2012-10-17' })))).toEqual({ Statement: [] });
  });

  test.each([
    ['absent', undefined],
    ['not JSON (a reference)', '${data.aws_iam_policy_document.d.json}'],
    ['a number', 1],
    ['a boolean', true],
    ['a list holding a JSON string', ['{"Statement":{"Effect":"Allow"}}']],
  ])('is undefined when the attribute is %s', (_label, policy) => {
    expect(policyDocument(withPolicy(policy))).toBeUndefined();
  });
});

describe('referencing', () => {
  const m = modelFromSynth({
    resource: {
      aws_kms_key: { k: { description: 'k' } },
      aws_s3_bucket: { b: { bucket: 'b' } },
      aws_s3_bucket_policy: {
        byBucket: { bucket: '${aws_s3_bucket.b.id}', policy: '{}' },
        byPolicyOnly: { bucket: 'other', policy: '${aws_s3_bucket.b.arn}' },
        unrelated: { bucket: 'x' },
      },
      aws_s3_bucket_versioning: { v: { bucket: '${aws_s3_bucket.b.id}' } },
    },
  });
  const bucket = m.resources.find((r) => r.address === 'aws_s3_bucket.b')!;
  const addresses = (rs: PolicyResource[]) => rs.map((r) => r.address);

  test('without an attribute: resources of the type referencing the target in any attribute', () => {
    expect(addresses(referencing(m, 'aws_s3_bucket_policy', bucket))).toEqual([
      'aws_s3_bucket_policy.byBucket',
      'aws_s3_bucket_policy.byPolicyOnly',
    ]);
  });

  test('with an attribute: only resources referencing the target in that attribute', () => {
    expect(addresses(referencing(m, 'aws_s3_bucket_policy', bucket, 'bucket'))).toEqual(['aws_s3_bucket_policy.byBucket']);
    expect(addresses(referencing(m, 'aws_s3_bucket_policy', bucket, 'acl'))).toEqual([]);
  });
});

describe('security group permissions', () => {
  const sg = (values: Json) => synthResource('aws_security_group', values);

  test('inline ingress and egress blocks of a security group, IPv4 and IPv6', () => {
    const g = sg({
      ingress: [
        {
          protocol: 'tcp',
          from_port: 443,
          to_port: 443,
          cidr_blocks: ['10.0.0.0/16', '10.1.0.0/16'],
          ipv6_cidr_blocks: ['2001:db8::/32'],
          description: 'https',
        },
        { protocol: 'udp', from_port: 53, to_port: 53, cidr_blocks: ['10.0.0.0/16'] },
      ],
      egress: [{ protocol: '-1', from_port: 0, to_port: 0, ipv6_cidr_blocks: ['::/0'], description: 'all out' }],
    });
    expect(ingressRules(g)).toEqual<SgPermission[]>([
      { protocol: 'tcp', from: 443, to: 443, cidrs: ['10.0.0.0/16', '10.1.0.0/16', '2001:db8::/32'], description: 'https' },
      { protocol: 'udp', from: 53, to: 53, cidrs: ['10.0.0.0/16'] },
    ]);
    expect(egressRules(g)).toEqual<SgPermission[]>([{ protocol: '-1', from: 0, to: 0, cidrs: ['::/0'], description: 'all out' }]);
  });

  test('a security group with one block written as an object, or with none, null or an empty list', () => {
    const g = sg({ egress: { protocol: 'tcp', from_port: 443, to_port: 443, cidr_blocks: ['0.0.0.0/0'] }, ingress: null });
    expect(egressRules(g)).toEqual([{ protocol: 'tcp', from: 443, to: 443, cidrs: ['0.0.0.0/0'] }]);
    expect(ingressRules(g)).toEqual([]);
    expect(egressRules(sg({ egress: [] }))).toEqual([]);
    expect(egressRules(sg({ name: 'g' }))).toEqual([]);
    expect(egressRules(sg({ egress: null }))).toEqual([]);
  });

  test('the cidrs list holds only strings: unknown (null) cidrs are dropped', () => {
    const g = sg({ ingress: [{ protocol: 'tcp', from_port: 22, to_port: 22, cidr_blocks: [null, '10.0.0.0/8'], ipv6_cidr_blocks: null }] });
    expect(ingressRules(g)).toEqual([{ protocol: 'tcp', from: 22, to: 22, cidrs: ['10.0.0.0/8'] }]);
  });

  test('aws_vpc_security_group_ingress_rule / egress_rule resources are one permission each, on their side only', () => {
    const ingress = synthResource('aws_vpc_security_group_ingress_rule', {
      security_group_id: '${aws_security_group.g.id}',
      ip_protocol: 'tcp',
      from_port: 5432,
      to_port: 5432,
      cidr_ipv4: '10.0.0.0/16',
      description: 'postgres',
    });
    const egress = synthResource('aws_vpc_security_group_egress_rule', {
      security_group_id: '${aws_security_group.g.id}',
      ip_protocol: '-1',
      cidr_ipv6: '::/0',
    });
    expect(ingressRules(ingress)).toEqual([{ protocol: 'tcp', from: 5432, to: 5432, cidrs: ['10.0.0.0/16'], description: 'postgres' }]);
    expect(egressRules(ingress)).toEqual([]);
    expect(egressRules(egress)).toEqual([{ protocol: '-1', cidrs: ['::/0'] }]);
    expect(ingressRules(egress)).toEqual([]);
  });

  test('aws_security_group_rule is a permission of the side its type names, and nothing on the other', () => {
    const values = { protocol: 'tcp', from_port: 3389, to_port: 3389, cidr_blocks: ['0.0.0.0/0'], ipv6_cidr_blocks: ['::/0'] };
    const permission: SgPermission = { protocol: 'tcp', from: 3389, to: 3389, cidrs: ['0.0.0.0/0', '::/0'] };
    const ingress = synthResource('aws_security_group_rule', { type: 'ingress', ...values });
    const egress = synthResource('aws_security_group_rule', { type: 'egress', ...values });
    expect(ingressRules(ingress)).toEqual([permission]);
    expect(egressRules(ingress)).toEqual([]);
    expect(egressRules(egress)).toEqual([permission]);
    expect(ingressRules(egress)).toEqual([]);
  });

  test.each([
    ['6', 'tcp'],
    [6, 'tcp'],
    ['TCP', 'tcp'],
    ['17', 'udp'],
    ['udp', 'udp'],
    ['all', '-1'],
    ['ALL', '-1'],
    ['-1', '-1'],
    [-1, '-1'],
    ['icmp', 'icmp'],
    ['58', '58'],
    [undefined, ''],
    [null, ''],
  ])('protocol %p reads as %p', (ipProtocol, expected) => {
    const r = synthResource('aws_vpc_security_group_ingress_rule', { ip_protocol: ipProtocol, cidr_ipv4: '10.0.0.0/8' });
    expect(ingressRules(r)).toEqual([{ protocol: expected, cidrs: ['10.0.0.0/8'] }]);
  });

  test('ip_protocol wins over protocol', () => {
    const r = synthResource('aws_vpc_security_group_ingress_rule', { ip_protocol: '17', protocol: 'tcp', cidr_ipv4: '10.0.0.0/8' });
    expect(ingressRules(r)).toEqual([{ protocol: 'udp', cidrs: ['10.0.0.0/8'] }]);
  });

  describe('portsOverlap', () => {
    const p = (protocol: string, from?: number, to?: number): SgPermission => ({ protocol, from, to, cidrs: ['0.0.0.0/0'] });

    test.each<[string, number, boolean, SgPermission]>([
      ['all protocols, ports 0-0', 22, true, p('-1', 0, 0)],
      ['all protocols, no ports', 3389, true, p('-1')],
      ['tcp 22-22', 22, true, p('tcp', 22, 22)],
      ['tcp 20-30 (inside)', 22, true, p('tcp', 20, 30)],
      ['tcp 22-30 (lower bound)', 22, true, p('tcp', 22, 30)],
      ['tcp 10-22 (upper bound)', 22, true, p('tcp', 10, 22)],
      ['tcp 23-30 (above)', 22, false, p('tcp', 23, 30)],
      ['tcp 10-21 (below)', 22, false, p('tcp', 10, 21)],
      ['tcp, no ports', 22, false, p('tcp')],
      ['tcp, from only', 22, false, p('tcp', 0)],
      ['tcp, to only', 22, false, p('tcp', undefined, 65535)],
    ])('%s, port %i: %p', (_label, port, expected, permission) => {
      expect(portsOverlap(permission, port)).toBe(expected);
    });
  });
});
