/**
 * The stateful-change gate's logic on plan JSON written here (stateful-gate.test.ts runs it on a
 * real terraform plan). Fast: this is what `npm run mutate` runs against scripts/lib/stateful-gate.ts.
 */
import { ALLOW_ENV, allowList, checkStatefulChanges, formatGate, statefulChanges } from '../scripts/lib/stateful-gate';
import { STATEFUL_TYPES } from '../src/policy/rules/stateful-prevent-destroy';

const change = (address: string, actions: string[], extra: Record<string, unknown> = {}) => ({
  address,
  type: address.split('.')[0],
  mode: 'managed',
  change: { actions, ...extra },
});

describe('which changes the gate sees', () => {
  const plan = {
    resource_changes: [
      change('aws_rds_cluster.db', ['delete', 'create'], { replace_paths: [['kms_key_id'], ['tags', 'Name']] }),
      { ...change('aws_s3_bucket.logs', ['create', 'delete']), action_reason: 'replace_because_cannot_update' },
      change('aws_cloudwatch_log_group.old', ['delete']),
      change('aws_kms_key.k', ['update']),
      change('aws_vpc.v', ['no-op']),
      change('aws_rds_cluster_instance.new', ['create']),
      change('aws_rds_cluster.gone', ['forget']),
      change('aws_lb.edge', ['delete', 'create']),
      { ...change('aws_kms_key.read', ['delete']), mode: 'data' },
    ],
  };

  test('deletes and replacements (either order) of stateful managed resources, with the forcing attributes and the reason', () => {
    expect(statefulChanges(plan)).toEqual([
      {
        address: 'aws_rds_cluster.db',
        type: 'aws_rds_cluster',
        action: 'replace',
        forcedBy: ['kms_key_id', 'tags.Name'],
        reason: undefined,
      },
      { address: 'aws_s3_bucket.logs', type: 'aws_s3_bucket', action: 'replace', forcedBy: [], reason: 'replace_because_cannot_update' },
      { address: 'aws_cloudwatch_log_group.old', type: 'aws_cloudwatch_log_group', action: 'delete', forcedBy: [], reason: undefined },
    ]);
  });

  test('a protected environment refuses them unless named; named ones are allowed', () => {
    expect(checkStatefulChanges(plan, { protectedEnvironment: true, allow: ['aws_s3_bucket.logs', 'aws_lb.edge'] })).toEqual({
      ok: false,
      refused: [
        expect.objectContaining({ address: 'aws_rds_cluster.db' }),
        expect.objectContaining({ address: 'aws_cloudwatch_log_group.old' }),
      ],
      allowed: [expect.objectContaining({ address: 'aws_s3_bucket.logs' })],
      ungated: [],
    });
    const all = ['aws_rds_cluster.db', 'aws_s3_bucket.logs', 'aws_cloudwatch_log_group.old'];
    expect(checkStatefulChanges(plan, { protectedEnvironment: true, allow: all }).ok).toBe(true);
  });

  test('a destroyable environment is not gated: its stateful deletes and replacements are reported, not refused', () => {
    expect(checkStatefulChanges(plan, { protectedEnvironment: false, allow: [] })).toEqual({
      ok: true,
      refused: [],
      allowed: [],
      ungated: statefulChanges(plan),
    });
    expect(formatGate('dev', checkStatefulChanges(plan, { protectedEnvironment: false, allow: [] }))).toBe(
      [
        'Stateful-change gate of dev: not gated (a destroyable environment); the plan deletes or replaces 3 stateful resource(s):',
        '  - aws_rds_cluster.db: replace (forced by a change to kms_key_id, tags.Name)',
        '  - aws_s3_bucket.logs: replace',
        '  - aws_cloudwatch_log_group.old: delete',
      ].join('\n'),
    );
  });

  test('a plan without resource changes, or a change without actions, passes', () => {
    expect(statefulChanges({})).toEqual([]);
    expect(statefulChanges({ resource_changes: [{ address: 'aws_vpc.v', type: 'aws_vpc', mode: 'managed' }] })).toEqual([]);
  });

  test('the report names each resource, its action and the forcing attributes, and how to proceed', () => {
    const result = checkStatefulChanges(plan, { protectedEnvironment: true, allow: ['aws_s3_bucket.logs'] });
    expect(formatGate('prod', result)).toBe(
      [
        'Refusing the plan of protected environment prod: it would delete or replace 2 stateful resource(s):',
        '  - aws_rds_cluster.db: replace (forced by a change to kms_key_id, tags.Name)',
        '  - aws_cloudwatch_log_group.old: delete',
        `To proceed on purpose, name each one: --allow-stateful-change <address> (or ${ALLOW_ENV}=<address>[,<address>]).`,
        'Allowed by the operator:',
        '  - aws_s3_bucket.logs: replace',
      ].join('\n'),
    );
    expect(formatGate('dev', { ok: true, refused: [], allowed: [], ungated: [] })).toBe(
      'Stateful-change gate of dev: no stateful resource is deleted or replaced.',
    );
  });

  test('the allow-list joins flags and the comma-separated variable, trimmed, empty entries dropped', () => {
    expect(ALLOW_ENV).toBe('ALLOW_STATEFUL_CHANGE');
    expect(allowList(['aws_vpc.a'], ' aws_vpc.b, ,aws_vpc.c ')).toEqual(['aws_vpc.a', 'aws_vpc.b', 'aws_vpc.c']);
    expect(allowList([], undefined)).toEqual([]);
    expect(allowList(undefined, '')).toEqual([]);
  });

  test('without a value given, the allow-list reads ALLOW_STATEFUL_CHANGE from the environment', () => {
    const before = process.env.ALLOW_STATEFUL_CHANGE;
    process.env.ALLOW_STATEFUL_CHANGE = 'aws_vpc.env';
    try {
      expect(allowList(['aws_vpc.flag'])).toEqual(['aws_vpc.flag', 'aws_vpc.env']);
    } finally {
      if (before === undefined) delete process.env.ALLOW_STATEFUL_CHANGE;
      else process.env.ALLOW_STATEFUL_CHANGE = before;
    }
  });
});

describe('what the gate counts as stateful', () => {
  test('every resource whose loss loses data or access: databases, keys, secrets, buckets, log groups, backup vaults and their locks, other data stores, the VPC', () => {
    expect([...STATEFUL_TYPES].sort()).toEqual([
      'aws_backup_vault',
      'aws_backup_vault_lock_configuration',
      'aws_cloudwatch_log_group',
      'aws_db_instance',
      'aws_dynamodb_table',
      'aws_ebs_volume',
      'aws_efs_file_system',
      'aws_kms_key',
      'aws_kms_replica_key',
      'aws_rds_cluster',
      'aws_rds_cluster_instance',
      'aws_rds_global_cluster',
      'aws_route53_zone',
      'aws_s3_bucket',
      'aws_secretsmanager_secret',
      'aws_vpc',
    ]);
  });

  test('a rotated password (a replaced secret version) passes in a protected environment: the old value stays in the secret', () => {
    const type = 'aws_secretsmanager_secret_version';
    const plan = { resource_changes: [{ address: `${type}.v`, type, mode: 'managed', change: { actions: ['delete', 'create'] } }] };
    expect(checkStatefulChanges(plan, { protectedEnvironment: true, allow: [] })).toEqual({
      ok: true,
      refused: [],
      allowed: [],
      ungated: [],
    });
  });

  test.each([
    'aws_rds_cluster_instance',
    'aws_kms_key',
    'aws_secretsmanager_secret',
    'aws_s3_bucket',
    'aws_rds_global_cluster',
    'aws_backup_vault',
    'aws_backup_vault_lock_configuration',
  ])('a replaced %s in a protected environment is refused', (type) => {
    const plan = { resource_changes: [{ address: `${type}.x`, type, mode: 'managed', change: { actions: ['delete', 'create'] } }] };
    expect(checkStatefulChanges(plan, { protectedEnvironment: true, allow: [] }).refused).toEqual([
      expect.objectContaining({ address: `${type}.x`, action: 'replace' }),
    ]);
  });
});
