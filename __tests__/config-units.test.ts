/**
 * Unit tests of src/config, function by function: the instance-class and region tables, the
 * protection profiles, the state backend names, every field and cross-field rule of the schema
 * (checked with environmentSchema directly, on the committed files with one edit), and the loader's
 * reporting (problems, their formatting, JSON syntax errors, rules that span files).
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { stateAccountOf, stateKeyAlias, stateKeyArn, stateRoleName } from '../src/config/backend';
import {
  auroraBurstable,
  auroraClass,
  auroraLocalStorageBytes,
  auroraMaxConnections,
  auroraMemoryGiB,
  describeAuroraClasses,
  describeEc2Types,
  EC2_FAMILIES,
  ec2Architecture,
} from '../src/config/instance-classes';
import {
  ConfigError,
  ConfigProblem,
  formatProblems,
  jsonPath,
  loadAllEnvironments,
  loadEnvironment,
  reportingConfigErrors,
  selectEnvironment,
  syntaxProblem,
} from '../src/config/loader';
import { PROTECTION_PROFILES } from '../src/config/profiles';
import { providerAlias } from '../src/config/regions';
import { EnvironmentName, environmentSchema, S3_BUCKET_NAME, STATE_ROLE_ARN } from '../src/config/schema';
import { ENV_DIR, ENVIRONMENTS, editedEnvironments, problemsFor } from './environments';

const RAW: Record<EnvironmentName, unknown> = {
  dev: JSON.parse(readFileSync(path.join(ENV_DIR, 'dev.json'), 'utf8')),
  staging: JSON.parse(readFileSync(path.join(ENV_DIR, 'staging.json'), 'utf8')),
  prod: JSON.parse(readFileSync(path.join(ENV_DIR, 'prod.json'), 'utf8')),
};

interface Issue {
  readonly code: string;
  readonly path: string;
  readonly message: string;
}

/** The schema's issues for a committed environment file with `edit` applied (none: it validates). */
function issuesOf(env: EnvironmentName, edit: (json: any) => void): Issue[] {
  const json = structuredClone(RAW[env]) as any;
  edit(json);
  const result = environmentSchema.safeParse(json);
  return result.success ? [] : result.error.issues.map((i) => ({ code: i.code, path: jsonPath(i.path), message: i.message }));
}

/** An issue of one of the schema's own rules (refinements report code `custom`). */
const custom = (at: string, message: string): Issue => ({ code: 'custom', path: at, message });

const wrongType = (at: string, expected: string, received: string): Issue => ({
  code: 'invalid_type',
  path: at,
  message: `Invalid input: expected ${expected}, received ${received}`,
});

const LISTED = 'must be one of the regions listed under regions (us-east-1, us-west-2, eu-west-1)';
const KNOWN_REGION =
  'must be a region known to src/config/regions.ts (us-east-1, us-east-2, us-west-1, us-west-2, ca-central-1, eu-west-1, eu-west-2, eu-west-3, eu-central-1, eu-north-1, ap-northeast-1, ap-southeast-1, ap-southeast-2)';

/** A copy of the committed environments with an edit applied to each named file. */
function environmentsWith(edits: Partial<Record<EnvironmentName, (json: any) => void>>): string {
  const dir = editedEnvironments('dev', () => undefined);
  for (const [env, edit] of Object.entries(edits)) {
    const file = path.join(dir, `${env}.json`);
    const json = JSON.parse(readFileSync(file, 'utf8'));
    edit(json);
    writeFileSync(file, JSON.stringify(json, null, 2));
  }
  return dir;
}

describe('EC2 instance types', () => {
  test('the families and their CPU architectures (Graviton families end in g)', () => {
    expect(EC2_FAMILIES).toEqual({
      t3: 'x86_64',
      t3a: 'x86_64',
      m6i: 'x86_64',
      m6a: 'x86_64',
      m7i: 'x86_64',
      m7a: 'x86_64',
      c6i: 'x86_64',
      c7i: 'x86_64',
      r6i: 'x86_64',
      r7i: 'x86_64',
      t4g: 'arm64',
      m6g: 'arm64',
      m7g: 'arm64',
      m8g: 'arm64',
      c6g: 'arm64',
      c7g: 'arm64',
      c8g: 'arm64',
      r6g: 'arm64',
      r7g: 'arm64',
      r8g: 'arm64',
    });
  });

  test.each([
    ['t3.micro', 'x86_64'],
    ['t3a.small', 'x86_64'],
    ['m6i.large', 'x86_64'],
    ['m6a.xlarge', 'x86_64'],
    ['m7i.2xlarge', 'x86_64'],
    ['m7a.4xlarge', 'x86_64'],
    ['c6i.8xlarge', 'x86_64'],
    ['c7i.12xlarge', 'x86_64'],
    ['r6i.16xlarge', 'x86_64'],
    ['r7i.large', 'x86_64'],
    ['t4g.nano', 'arm64'],
    ['m6g.medium', 'arm64'],
    ['m7g.large', 'arm64'],
    ['m8g.xlarge', 'arm64'],
    ['c6g.2xlarge', 'arm64'],
    ['c7g.4xlarge', 'arm64'],
    ['c8g.8xlarge', 'arm64'],
    ['r6g.12xlarge', 'arm64'],
    ['r7g.16xlarge', 'arm64'],
    ['r8g.large', 'arm64'],
  ])('%s runs on %s', (instanceType, architecture) => {
    expect(ec2Architecture(instanceType)).toBe(architecture);
  });

  test.each(['nano', 'micro', 'small', 'medium', 'large', 'xlarge', '2xlarge', '4xlarge', '8xlarge', '12xlarge', '16xlarge'])(
    'size %s is accepted',
    (size) => {
      expect(ec2Architecture(`m7i.${size}`)).toBe('x86_64');
    },
  );

  test.each(['m7g.huge', 'm7g.24xlarge', 'm7g', '.large', 't2.micro', 'm5.large', '', 'm7g.large.extra'])(
    'fails when the type is %j',
    (instanceType) => {
      expect(ec2Architecture(instanceType)).toBeUndefined();
    },
  );

  test('the description lists every family and size', () => {
    expect(describeEc2Types()).toBe(
      '<family>.<size> with family one of t3, t3a, m6i, m6a, m7i, m7a, c6i, c7i, r6i, r7i, t4g, m6g, m7g, m8g, c6g, c7g, c8g, r6g, r7g, r8g and size one of nano, micro, small, medium, large, xlarge, 2xlarge, 4xlarge, 8xlarge, 12xlarge, 16xlarge',
    );
  });
});

describe('Aurora PostgreSQL instance classes', () => {
  const MEMORY_FAMILIES = ['r6g', 'r6i', 'r7g', 'r7i', 'r8g', 'x2g'];
  const SIZES = ['large', 'xlarge', '2xlarge', '4xlarge', '8xlarge', '12xlarge', '16xlarge'];

  test.each(MEMORY_FAMILIES.flatMap((family) => SIZES.map((size) => `db.${family}.${size}`)))(
    '%s is a memory-optimized class',
    (instanceClass) => {
      expect(auroraClass(instanceClass)).toEqual({ valid: true, memoryOptimized: true });
    },
  );

  test.each(['db.t3.medium', 'db.t3.large', 'db.t4g.medium', 'db.t4g.large'])('%s is a burstable class', (instanceClass) => {
    expect(auroraClass(instanceClass)).toEqual({ valid: true, memoryOptimized: false });
  });

  test.each([
    ['a burstable class above large', 'db.t4g.xlarge'],
    ['a burstable class of the t3 family above large', 'db.t3.2xlarge'],
    ['an unknown size', 'db.r6g.huge'],
    ['a family Aurora PostgreSQL does not offer', 'db.m5.large'],
    ['an EC2 type', 'm5.large'],
    ['no db. prefix', 'xdb.r6g.large'],
    ['trailing text', 'db.r6g.large-x'],
    ['upper case', 'db.R6G.large'],
    ['nothing', ''],
  ])('fails when the class is %s (%s)', (_name, instanceClass) => {
    expect(auroraClass(instanceClass)).toEqual({ valid: false, memoryOptimized: false });
  });

  test.each(['db.r6g.medium', 'db.r7g.medium', 'db.x2g.medium'])(
    'fails when a memory-optimized family is asked for in medium (%s): Aurora offers them from large up',
    (instanceClass) => {
      expect(auroraClass(instanceClass)).toEqual({ valid: false, memoryOptimized: false });
    },
  );

  test('the descriptions name the families and sizes each topology accepts', () => {
    expect(describeAuroraClasses(true)).toBe('db.<r6g|r6i|r7g|r7i|r8g|x2g>.<large|xlarge|2xlarge|...>');
    expect(describeAuroraClasses(false)).toBe('db.<r6g|r6i|r7g|r7i|r8g|x2g>.<large|xlarge|2xlarge|...> or db.<t3|t4g>.<medium|large>');
  });

  // Nominal memory (Aurora User Guide, "DB instance classes"): r families 8 GiB per vCPU, x2g twice that.
  const GIB: Record<string, number> = {
    large: 16,
    xlarge: 32,
    '2xlarge': 64,
    '4xlarge': 128,
    '8xlarge': 256,
    '12xlarge': 384,
    '16xlarge': 512,
  };
  const memory: [string, number][] = [
    ...MEMORY_FAMILIES.filter((f) => f !== 'x2g').flatMap((family) =>
      SIZES.map((size): [string, number] => [`db.${family}.${size}`, GIB[size]!]),
    ),
    ...SIZES.map((size): [string, number] => [`db.x2g.${size}`, 2 * GIB[size]!]),
    ['db.t3.medium', 4],
    ['db.t3.large', 8],
    ['db.t4g.medium', 4],
    ['db.t4g.large', 8],
  ];
  test.each(memory)('%s has %d GiB of memory', (instanceClass, gib) => {
    expect(auroraMemoryGiB(instanceClass)).toBe(gib);
  });

  test.each(['db.r6g.medium', 'db.x2g.medium', 'db.m5.large', 'db.t4g.xlarge', 'xdb.r6g.large', 'r6g.large'])(
    'fails when asked for the memory of %s (no such class)',
    (instanceClass) => {
      expect(auroraMemoryGiB(instanceClass)).toBeUndefined();
    },
  );

  // Aurora User Guide, "Maximum connections to an Aurora PostgreSQL DB instance".
  test.each([
    ['db.t3.medium', 405],
    ['db.t4g.medium', 405],
    ['db.t3.large', 823],
    ['db.t4g.large', 823],
    ['db.r6g.large', 1722],
    ['db.r7g.xlarge', 3479],
    ['db.x2g.large', 3479],
    ['db.r6i.2xlarge', 5000],
    ['db.x2g.xlarge', 5000],
    ['db.r8g.16xlarge', 5000],
  ])('%s allows %d connections by default', (instanceClass, connections) => {
    expect(auroraMaxConnections(instanceClass)).toBe(connections);
  });

  test.each(['db.m5.large', 'db.r6g.medium', 'db.t4g.xlarge'])('fails when asked for the connections of %s', (instanceClass) => {
    expect(auroraMaxConnections(instanceClass)).toBeUndefined();
  });

  // Aurora User Guide, "Temporary storage limits for Aurora PostgreSQL": about twice the memory.
  test.each([
    ['db.t4g.medium', 8],
    ['db.t3.large', 16],
    ['db.r6g.large', 32],
    ['db.r6g.xlarge', 64],
    ['db.x2g.large', 64],
  ])('%s has %d GiB of local storage', (instanceClass, gib) => {
    expect(auroraLocalStorageBytes(instanceClass)).toBe(gib * 1024 * 1024 * 1024);
  });

  test.each(['db.m5.large', 'db.r6g.medium'])('fails when asked for the local storage of %s', (instanceClass) => {
    expect(auroraLocalStorageBytes(instanceClass)).toBeUndefined();
  });

  test.each([
    ['db.t3.medium', true],
    ['db.t3.large', true],
    ['db.t4g.medium', true],
    ['db.t4g.large', true],
    ['db.r6g.large', false],
    ['db.x2g.xlarge', false],
    ['db.m5.large', false],
    ['xdb.t4g.medium', false],
    ['t4g.medium', false],
    ['db.t4g', false],
    ['', false],
  ])('%s earns CPU credits: %s', (instanceClass, burstable) => {
    expect(auroraBurstable(instanceClass)).toBe(burstable);
  });
});

describe('protection profiles', () => {
  const DISPOSABLE =
    'destroyable profile: the environment is rebuilt from code and holds no data worth keeping, and the protection would block terraform destroy';
  const DISPOSABLE_VAULT =
    'destroyable profile: the environment is rebuilt from code and holds no data worth keeping, and a vault lock would keep terraform destroy from deleting the vault (its recovery points could not be deleted before their minimum retention)';

  test('destroyable: short key window, no protection, every deletion guard relaxed with its reason', () => {
    expect(PROTECTION_PROFILES.destroyable).toEqual({
      keyDeletionWindowDays: 7,
      preventDestroy: false,
      deletionProtection: false,
      skipFinalSnapshot: true,
      forceDestroyBuckets: true,
      secretRecoveryWindowDays: 0,
      relaxedRules: [
        { ruleId: 'rds-deletion-protection', types: ['aws_rds_cluster', 'aws_rds_global_cluster'], reason: DISPOSABLE },
        { ruleId: 'alb-deletion-protection', types: ['aws_lb'], reason: DISPOSABLE },
        {
          ruleId: 'stateful-prevent-destroy',
          types: [
            'aws_rds_global_cluster',
            'aws_rds_cluster',
            'aws_rds_cluster_instance',
            'aws_kms_key',
            'aws_secretsmanager_secret',
            'aws_backup_vault',
            'aws_backup_vault_lock_configuration',
          ],
          reason: DISPOSABLE,
        },
        { ruleId: 'backup-vault-locked', types: ['aws_backup_vault'], reason: DISPOSABLE_VAULT },
      ],
    });
  });

  test('protected: prevent_destroy, deletion protection, final snapshots, 30-day windows, nothing relaxed', () => {
    expect(PROTECTION_PROFILES.protected).toEqual({
      keyDeletionWindowDays: 30,
      preventDestroy: true,
      deletionProtection: true,
      skipFinalSnapshot: false,
      forceDestroyBuckets: false,
      secretRecoveryWindowDays: 30,
      relaxedRules: [],
    });
  });

  test('there are exactly two profiles', () => {
    expect(Object.keys(PROTECTION_PROFILES)).toEqual(['destroyable', 'protected']);
  });
});

describe('regions', () => {
  test.each([
    ['us-east-1', 'us_east_1'],
    ['ap-southeast-2', 'ap_southeast_2'],
    ['eu-central-1', 'eu_central_1'],
  ])('the provider alias of %s is %s', (region, alias) => {
    expect(providerAlias(region)).toBe(alias);
  });
});

describe('state backend', () => {
  const own = {
    accountId: '111111111111',
    project: 'platform',
    backend: { bucket: 'b', region: 'eu-west-1' as const, key: 'k', workspaceKeyPrefix: 'env' },
  };
  const central = { ...own, backend: { ...own.backend, roleArn: 'arn:aws:iam::999999999999:role/platform-terraform-state' } };

  test('without a role the state lives in the environment account', () => {
    expect(stateAccountOf(own)).toBe('111111111111');
    expect(stateKeyArn(own)).toBe('arn:aws:kms:eu-west-1:111111111111:alias/platform-terraform-state');
  });

  test('with a role the state lives in the role account', () => {
    expect(stateAccountOf(central)).toBe('999999999999');
    expect(stateKeyArn(central)).toBe('arn:aws:kms:eu-west-1:999999999999:alias/platform-terraform-state');
  });

  test('the key alias names the project', () => {
    expect(stateKeyAlias('shop')).toBe('alias/shop-terraform-state');
  });

  test('the role name is the part after role/', () => {
    expect(stateRoleName('arn:aws:iam::999999999999:role/platform-terraform-state')).toBe('platform-terraform-state');
  });

  test.each([
    'arn:aws:iam::999999999999:role/ops/state',
    'prefix-arn:aws:iam::999999999999:role/state',
    'arn:aws:iam::99999999999:role/state',
  ])('fails when the role ARN is %s', (roleArn) => {
    expect(() => stateRoleName(roleArn)).toThrow(new Error(`not a role ARN without a path: ${roleArn}`));
    expect(STATE_ROLE_ARN.test(roleArn)).toBe(false);
  });

  // S3 general purpose bucket naming rules (Amazon S3 User Guide, "Bucket naming rules").
  test.each([
    ['acme-platform-terraform-state-111111111111', true],
    ['abc', true],
    ['a'.repeat(63), true],
    ['my-s3alias-logs', true],
    ['logs--ol-s3-copy', true],
    ['state.1.2.3', true],
    ['1.state.2.3', true],
    ['1.2.state.3', true],
    ['1.2.3.state', true],
    ['10.0.0.1a', true],
    ['10.0.0.1.backup', true],
    ['ab', false],
    ['a'.repeat(64), false],
    ['bucket-', false],
    ['-bucket', false],
    ['Bucket', false],
    ['my..bucket', false],
    ['xn--bucket', false],
    ['sthree-bucket', false],
    ['mybucket-s3alias', false],
    ['mybucket--ol-s3', false],
    ['192.168.5.4', false],
    ['192.168.55.44', false],
  ])('the bucket name %s is valid: %s', (name, valid) => {
    expect(S3_BUCKET_NAME.test(name)).toBe(valid);
  });
});

describe('schema: the committed files', () => {
  test.each(ENVIRONMENTS)('%s validates', (env) => {
    expect(issuesOf(env, () => undefined)).toEqual([]);
  });
});

describe('schema: field rules', () => {
  const rejected: [string, EnvironmentName, (j: any) => void, Issue[]][] = [
    [
      'a VPC prefix of /15',
      'prod',
      (j) => (j.regions['us-east-1'].vpcCidr = '10.30.0.0/15'),
      [custom('$.regions["us-east-1"].vpcCidr', 'prefix must be between /16 and /20')],
    ],
    [
      'a VPC prefix of /21',
      'prod',
      (j) => (j.regions['us-east-1'].vpcCidr = '10.30.0.0/21'),
      [custom('$.regions["us-east-1"].vpcCidr', 'prefix must be between /16 and /20')],
    ],
    [
      'a VPC block that is no CIDR',
      'prod',
      (j) => (j.regions['us-west-2'].vpcCidr = 'nonsense'),
      [custom('$.regions["us-west-2"].vpcCidr', 'must be an IPv4 CIDR block with no host bits set, e.g. 10.20.0.0/16')],
    ],
    [
      'an availability zone twice',
      'prod',
      (j) => (j.regions['us-east-1'].availabilityZones = ['us-east-1a', 'us-east-1a', 'us-east-1b']),
      [custom('$.regions["us-east-1"].availabilityZones', 'must not repeat an availability zone')],
    ],
    [
      'minSize above desiredCapacity',
      'prod',
      (j) => Object.assign(j.compute, { minSize: 3, desiredCapacity: 2, maxSize: 4 }),
      [custom('$.compute.desiredCapacity', 'must be >= minSize (3)')],
    ],
    [
      'desiredCapacity above maxSize',
      'prod',
      (j) => Object.assign(j.compute, { minSize: 3, desiredCapacity: 5, maxSize: 4 }),
      [custom('$.compute.maxSize', 'must be >= desiredCapacity (5)')],
    ],
    [
      'a CPU target of 9%',
      'prod',
      (j) => (j.compute.cpuTargetPercent = 9),
      [{ code: 'too_small', path: '$.compute.cpuTargetPercent', message: 'Too small: expected number to be >=10' }],
    ],
    [
      'a CPU target of 91%',
      'prod',
      (j) => (j.compute.cpuTargetPercent = 91),
      [{ code: 'too_big', path: '$.compute.cpuTargetPercent', message: 'Too big: expected number to be <=90' }],
    ],
    [
      '9 requests per target',
      'prod',
      (j) => (j.compute.requestsPerTarget = 9),
      [{ code: 'too_small', path: '$.compute.requestsPerTarget', message: 'Too small: expected number to be >=10' }],
    ],
    [
      '100001 requests per target',
      'prod',
      (j) => (j.compute.requestsPerTarget = 100001),
      [{ code: 'too_big', path: '$.compute.requestsPerTarget', message: 'Too big: expected number to be <=100000' }],
    ],
    [
      'an engine version with a prefix',
      'prod',
      (j) => (j.database.engineVersion = 'v16.6'),
      [
        { code: 'invalid_format', path: '$.database.engineVersion', message: 'must be <major> (e.g. 16) or <major>.<minor> (e.g. 16.6)' },
        custom('$.database.engineVersion', 'major version must be one of 14, 15, 16, 17'),
      ],
    ],
    [
      'an engine version with a patch level',
      'prod',
      (j) => (j.database.engineVersion = '16.6.1'),
      [{ code: 'invalid_format', path: '$.database.engineVersion', message: 'must be <major> (e.g. 16) or <major>.<minor> (e.g. 16.6)' }],
    ],
    [
      'a global database on a major version alone',
      'staging',
      (j) => (j.database.engineVersion = '15'),
      [
        custom(
          '$.database.engineVersion',
          'must be <major>.<minor> (e.g. 15.6) when topology is "global": the global cluster keeps the full version RDS reports, so a major alone never settles, and global databases get minor upgrades only when this value is raised',
        ),
      ],
    ],
    [
      'a burstable class in the global topology',
      'staging',
      (j) => (j.database.instanceClass = 'db.t4g.large'),
      [
        custom(
          '$.database.instanceClass',
          'must be a memory-optimized Aurora PostgreSQL class (global databases do not support burstable classes): db.<r6g|r6i|r7g|r7i|r8g|x2g>.<large|xlarge|2xlarge|...>',
        ),
      ],
    ],
    [
      'a class Aurora does not offer in the regional topology',
      'dev',
      (j) => (j.database.instanceClass = 'db.m5.large'),
      [
        custom(
          '$.database.instanceClass',
          'must be an Aurora PostgreSQL instance class: db.<r6g|r6i|r7g|r7i|r8g|x2g>.<large|xlarge|2xlarge|...> or db.<t3|t4g>.<medium|large>',
        ),
      ],
    ],
    ...(['1app', 'app-user', 'App'] as const).map(
      (user) =>
        [
          `the application user ${user}`,
          'dev',
          (j: any) => (j.database.applicationUser = user),
          [
            {
              code: 'invalid_format',
              path: '$.database.applicationUser',
              message: 'must be a PostgreSQL user name: 1-63 of a-z, 0-9 and _, not starting with a digit',
            },
          ],
        ] as [string, EnvironmentName, (j: any) => void, Issue[]],
    ),
    ...(['dbadmin', 'pg_monitor', 'rdsadmin', 'rds_superuser'] as const).map(
      (user) =>
        [
          `the reserved application user ${user}`,
          'dev',
          (j: any) => (j.database.applicationUser = user),
          [custom('$.database.applicationUser', 'must not be the master user (dbadmin) or start with pg_ or rds (reserved)')],
        ] as [string, EnvironmentName, (j: any) => void, Issue[]],
    ),
    [
      'password version 0',
      'dev',
      (j) => (j.database.passwordVersion = 0),
      [{ code: 'too_small', path: '$.database.passwordVersion', message: 'Too small: expected number to be >=1' }],
    ],
    [
      'a rotation every 0 days',
      'prod',
      (j) => (j.database.rotationDays = 0),
      [{ code: 'too_small', path: '$.database.rotationDays', message: 'Too small: expected number to be >=1' }],
    ],
    [
      'a rotation every 366 days',
      'prod',
      (j) => (j.database.rotationDays = 366),
      [{ code: 'too_big', path: '$.database.rotationDays', message: 'Too big: expected number to be <=365' }],
    ],
    ...(
      [
        'not-an-arn',
        'xarn:aws:iam::999999999999:role/ops',
        'arn:aws:iam::333333333333:role/ops team',
        'arn:aws:iam::333333333333:user/ops',
      ] as const
    ).map(
      (arn) =>
        [
          `the break-glass role ${arn}`,
          'prod',
          (j: any) => (j.database.breakGlassRoleArn = arn),
          [
            {
              code: 'invalid_format',
              path: '$.database.breakGlassRoleArn',
              message: 'must be an IAM role ARN, e.g. arn:aws:iam::333333333333:role/platform-break-glass',
            },
          ],
        ] as [string, EnvironmentName, (j: any) => void, Issue[]],
    ),
    [
      'a 5xx threshold above 100%',
      'prod',
      (j) => (j.alarms.thresholds = { target5xxPercent: 101 }),
      [{ code: 'too_big', path: '$.alarms.thresholds.target5xxPercent', message: 'Too big: expected number to be <=100' }],
    ],
    [
      'an instance CPU threshold above 100%',
      'prod',
      (j) => (j.alarms.thresholds = { instanceCpuPercent: 101 }),
      [{ code: 'too_big', path: '$.alarms.thresholds.instanceCpuPercent', message: 'Too big: expected number to be <=100' }],
    ],
    [
      'an instance CPU threshold below 1%',
      'prod',
      (j) => (j.alarms.thresholds = { instanceCpuPercent: 0.5 }),
      [{ code: 'too_small', path: '$.alarms.thresholds.instanceCpuPercent', message: 'Too small: expected number to be >=1' }],
    ],
    [
      'a database CPU threshold above 100%',
      'prod',
      (j) => (j.alarms.thresholds = { databaseCpuPercent: 101 }),
      [{ code: 'too_big', path: '$.alarms.thresholds.databaseCpuPercent', message: 'Too big: expected number to be <=100' }],
    ],
    [
      'a database CPU threshold below 1%',
      'prod',
      (j) => (j.alarms.thresholds = { databaseCpuPercent: 0.5 }),
      [{ code: 'too_small', path: '$.alarms.thresholds.databaseCpuPercent', message: 'Too small: expected number to be >=1' }],
    ],
    ...(['Example.com', 'example.com.', 'example', '-example.com'] as const).map(
      (zoneName) =>
        [
          `the zone name ${zoneName}`,
          'prod',
          (j: any) => Object.assign(j.dns, { zoneName, recordName: zoneName }),
          [
            { code: 'invalid_format', path: '$.dns.zoneName', message: 'must be a lower-case DNS name' },
            { code: 'invalid_format', path: '$.dns.recordName', message: 'must be a lower-case DNS name' },
          ],
        ] as [string, EnvironmentName, (j: any) => void, Issue[]],
    ),
    ...(['XZ0123456789', 'Z0123456789-x', 'z0123456789'] as const).map(
      (zoneId) =>
        [
          `the zone id ${zoneId}`,
          'prod',
          (j: any) => (j.dns.zoneId = zoneId),
          [{ code: 'invalid_format', path: '$.dns.zoneId', message: 'must be a Route 53 hosted zone id, e.g. Z0123456789ABCDEFGHIJ' }],
        ] as [string, EnvironmentName, (j: any) => void, Issue[]],
    ),
    [
      'a record name outside the zone',
      'prod',
      (j) => (j.dns.recordName = 'appexample.com'),
      [custom('$.dns.recordName', 'must be example.com or a name inside it')],
    ],
    ...(['Platform', 'platform_x', 'pl', 'platform-payments', 'platform-'] as const).map(
      (project) =>
        [
          `the project name ${project}`,
          'dev',
          (j: any) => (j.project = project),
          [
            {
              code: 'invalid_format',
              path: '$.project',
              message: 'must be 3-16 characters: lower-case letters, digits and hyphens, starting with a letter',
            },
          ],
        ] as [string, EnvironmentName, (j: any) => void, Issue[]],
    ),
    ...(['1111111111112', 'x11111111111', '11111111111'] as const).map(
      (accountId) =>
        [
          `the account id ${accountId}`,
          'dev',
          (j: any) => (j.accountId = accountId),
          [{ code: 'invalid_format', path: '$.accountId', message: 'must be a 12-digit AWS account id' }],
        ] as [string, EnvironmentName, (j: any) => void, Issue[]],
    ),
    ['an unknown primary region', 'dev', (j) => (j.primaryRegion = 'mars-north-1'), [custom('$.primaryRegion', KNOWN_REGION)]],
    [
      'no region',
      'prod',
      (j) => (j.regions = {}),
      [
        custom('$.regions', 'must list at least one region'),
        custom('$.primaryRegion', 'must be one of the regions listed under regions ()'),
      ],
    ],
    ...(['xcron(0 5 ? * * *)', 'cron(0 5 ? * * *) x', 'cron(0 5 ? * *)', 'cron(0 5 ? * * * *)'] as const).map(
      (schedule) =>
        [
          `the schedule ${schedule}`,
          'prod',
          (j: any) => (j.backup.schedule = schedule),
          [
            {
              code: 'invalid_format',
              path: '$.backup.schedule',
              message: 'must be an AWS cron expression with six fields, e.g. cron(0 5 ? * * *)',
            },
          ],
        ] as [string, EnvironmentName, (j: any) => void, Issue[]],
    ),
    [
      'a vault lock changeable for 2 days',
      'prod',
      (j) => (j.backup.lock.changeableForDays = 2),
      [{ code: 'too_small', path: '$.backup.lock.changeableForDays', message: 'Too small: expected number to be >=3' }],
    ],
    ...(['~/terraform.tfstate', 'platform/terraform.tfstate.bak', 'platform/terraform.json'] as const).map(
      (key) =>
        [
          `the state key ${key}`,
          'prod',
          (j: any) => (j.backend.key = key),
          [{ code: 'invalid_format', path: '$.backend.key', message: 'must be an object key ending in .tfstate' }],
        ] as [string, EnvironmentName, (j: any) => void, Issue[]],
    ),
    ...(['env/x', 'env x', '~env'] as const).map(
      (prefix) =>
        [
          `the workspace key prefix ${prefix}`,
          'prod',
          (j: any) => (j.backend.workspaceKeyPrefix = prefix),
          [{ code: 'invalid_format', path: '$.backend.workspaceKeyPrefix', message: 'must be a plain path segment' }],
        ] as [string, EnvironmentName, (j: any) => void, Issue[]],
    ),
    [
      'a state role ARN with a prefix',
      'prod',
      (j) => (j.backend.roleArn = 'xarn:aws:iam::999999999999:role/state'),
      [
        {
          code: 'invalid_format',
          path: '$.backend.roleArn',
          message: 'must be an IAM role ARN without a path, e.g. arn:aws:iam::999999999999:role/platform-terraform-state',
        },
      ],
    ],
    ...(['aws:createdBy', '#team', 'team#', 'a'.repeat(129)] as const).map(
      (key) =>
        [
          `the tag key ${key}`,
          'prod',
          (j: any) => (j.tags[key] = 'x'),
          [{ code: 'invalid_key', path: jsonPath(['tags', key]), message: 'Invalid key in record' }],
        ] as [string, EnvironmentName, (j: any) => void, Issue[]],
    ),
    ...(['a#b', '#b', 'b#'] as const).map(
      (value) =>
        [
          `the tag value ${value}`,
          'prod',
          (j: any) => (j.tags.Team = value),
          [{ code: 'invalid_format', path: '$.tags.Team', message: 'must be a valid AWS tag value' }],
        ] as [string, EnvironmentName, (j: any) => void, Issue[]],
    ),
    ['a missing Owner tag', 'prod', (j) => delete j.tags.Owner, [custom('$.tags', 'must include the tag Owner')]],
    [
      'a reserved tag',
      'prod',
      (j) => (j.tags.ManagedBy = 'me'),
      [custom('$.tags.ManagedBy', 'is set by the stack on every resource; remove it')],
    ],
  ];

  test.each(rejected)('fails when %s (%s.json)', (_name, env, edit, expected) => {
    expect(issuesOf(env, edit)).toEqual(expected);
  });

  const accepted: [string, EnvironmentName, (j: any) => void][] = [
    ['a VPC prefix of /20', 'prod', (j) => (j.regions['us-east-1'].vpcCidr = '10.30.0.0/20')],
    ['desiredCapacity equal to maxSize', 'dev', (j) => Object.assign(j.compute, { minSize: 1, desiredCapacity: 2, maxSize: 2 })],
    ...[10, 50, 90].map(
      (v) => [`a CPU target of ${v}%`, 'prod', (j: any) => (j.compute.cpuTargetPercent = v)] as [string, EnvironmentName, (j: any) => void],
    ),
    ...[10, 5000, 100000].map(
      (v) =>
        [`${v} requests per target`, 'prod', (j: any) => (j.compute.requestsPerTarget = v)] as [string, EnvironmentName, (j: any) => void],
    ),
    ['the engine version 16.10', 'prod', (j) => (j.database.engineVersion = '16.10')],
    ...['reporting', 'app_rds', '_app', 'a'.repeat(63)].map(
      (u) =>
        [`the application user ${u}`, 'dev', (j: any) => (j.database.applicationUser = u)] as [string, EnvironmentName, (j: any) => void],
    ),
    ['password version 2', 'dev', (j) => (j.database.passwordVersion = 2)],
    ...[1, 90, 365].map(
      (v) =>
        [`a rotation every ${v} days`, 'prod', (j: any) => (j.database.rotationDays = v)] as [string, EnvironmentName, (j: any) => void],
    ),
    [
      'a break-glass role with a path',
      'prod',
      (j) => (j.database.breakGlassRoleArn = 'arn:aws:iam::333333333333:role/ops/platform-break-glass'),
    ],
    ['a 5xx threshold of 50%', 'prod', (j) => (j.alarms.thresholds = { target5xxPercent: 50 })],
    ['CPU thresholds of 50%', 'prod', (j) => (j.alarms.thresholds = { instanceCpuPercent: 50, databaseCpuPercent: 50 })],
    ['CPU thresholds of 100%', 'prod', (j) => (j.alarms.thresholds = { instanceCpuPercent: 100, databaseCpuPercent: 100 })],
    ['the zone apex as record name', 'prod', (j) => (j.dns.recordName = 'example.com')],
    ['a record name two levels inside the zone', 'prod', (j) => (j.dns.recordName = 'app.eu.example.com')],
    ['a 16-character project name with digits and hyphens', 'dev', (j) => (j.project = 'platform-2-pay-x')],
    ['a schedule with multi-character fields', 'prod', (j) => (j.backup.schedule = 'cron(15 5 ? * MON-FRI *)')],
    ['a vault lock changeable for 30 days', 'prod', (j) => (j.backup.lock.changeableForDays = 30)],
    ['a nested state key', 'prod', (j) => (j.backend.key = 'platform/eu_1/terraform.tfstate')],
    ['a workspace key prefix with dots', 'prod', (j) => (j.backend.workspaceKeyPrefix = 'env.v2')],
    ['a tag key with a space and digits', 'prod', (j) => (j.tags['Cost Center 2'] = 'x')],
    ['a tag value with spaces and digits', 'prod', (j) => (j.tags.Team = 'platform team 2')],
    ['an empty tag value', 'prod', (j) => (j.tags.Team = '')],
  ];

  test.each(accepted)('accepts %s (%s.json)', (_name, env, edit) => {
    expect(issuesOf(env, edit)).toEqual([]);
  });
});

describe('schema: cross-field rules', () => {
  const rejected: [string, EnvironmentName, (j: any) => void, Issue[]][] = [
    // Cross-field rules run even when a field has the wrong type, so every problem shows at once.
    [
      'an account id of the wrong type and an unlisted primary region',
      'dev',
      (j) => {
        j.accountId = 111111111111;
        j.primaryRegion = 'eu-central-1';
      },
      [wrongType('$.accountId', 'string', 'number'), custom('$.primaryRegion', LISTED)],
    ],
    // Values of the wrong type are reported once, by their field, and the rules that read them stay silent.
    ['no regions', 'prod', (j) => delete j.regions, [wrongType('$.regions', 'record', 'undefined')]],
    [
      'no regions and a writer region',
      'prod',
      (j) => {
        delete j.regions;
        j.database.writerRegion = 'us-west-2';
      },
      [wrongType('$.regions', 'record', 'undefined')],
    ],
    ['regions null', 'prod', (j) => (j.regions = null), [wrongType('$.regions', 'record', 'null')]],
    ['a region null', 'prod', (j) => (j.regions['us-west-2'] = null), [wrongType('$.regions["us-west-2"]', 'object', 'null')]],
    [
      'availability zones as an object',
      'prod',
      (j) => (j.regions['us-west-2'].availabilityZones = {}),
      [wrongType('$.regions["us-west-2"].availabilityZones', 'array', 'object')],
    ],
    [
      'an unknown region with availability zones',
      'prod',
      (j) =>
        (j.regions['mars-north-1'] = { vpcCidr: '10.33.0.0/16', availabilityZones: ['mars-north-1a', 'mars-north-1b', 'mars-north-1c'] }),
      [{ code: 'invalid_key', path: '$.regions["mars-north-1"]', message: 'Invalid key in record' }],
    ],
    ['a primary region in a list', 'prod', (j) => (j.primaryRegion = ['eu-central-1']), [wrongType('$.primaryRegion', 'string', 'array')]],
    ['a primary region not listed', 'prod', (j) => (j.primaryRegion = 'eu-central-1'), [custom('$.primaryRegion', LISTED)]],
    [
      'an availability zone of another region',
      'prod',
      (j) => (j.regions['us-west-2'].availabilityZones[1] = 'us-east-1b'),
      [
        custom(
          '$.regions["us-west-2"].availabilityZones[1]',
          'must be an availability zone of us-west-2 (us-west-2a, us-west-2b, us-west-2c, us-west-2d)',
        ),
      ],
    ],
    ['a state bucket of the wrong type', 'prod', (j) => (j.backend.bucket = 12345), [wrongType('$.backend.bucket', 'string', 'number')]],
    [
      'an account id of the wrong type (its break-glass role and bucket are not compared with it)',
      'prod',
      (j) => (j.accountId = 111111111111),
      [wrongType('$.accountId', 'string', 'number')],
    ],
    [
      'a 13-digit account id (its bucket is not compared with it)',
      'dev',
      (j) => (j.accountId = '1111111111112'),
      [{ code: 'invalid_format', path: '$.accountId', message: 'must be a 12-digit AWS account id' }],
    ],
    [
      'a long state bucket name without the account id',
      'prod',
      (j) => (j.backend.bucket = 'acme-platform-terraform-state-bucket-of-all-environments'),
      [
        custom(
          '$.backend.bucket',
          "must contain the account id 333333333333: without backend.roleArn the state bucket lives in the environment's own account, and S3 bucket names are global across all accounts (e.g. acme-platform-terraform-state-bucket-of-all-enviro-333333333333); for one central state account set backend.roleArn instead",
        ),
      ],
    ],
    [
      'no state region and no replica region',
      'prod',
      (j) => {
        delete j.backend.region;
        delete j.backend.replicaRegion;
      },
      [wrongType('$.backend.region', 'string', 'undefined')],
    ],
    [
      'a state replica in the state region',
      'prod',
      (j) => (j.backend.replicaRegion = 'us-east-1'),
      [custom('$.backend.replicaRegion', 'must differ from backend.region (us-east-1): a replica in the same region survives nothing')],
    ],
    [
      'a writer region in a list',
      'prod',
      (j) => (j.database.writerRegion = ['eu-central-1']),
      [wrongType('$.database.writerRegion', 'string', 'array')],
    ],
    ['a writer region not listed', 'prod', (j) => (j.database.writerRegion = 'eu-central-1'), [custom('$.database.writerRegion', LISTED)]],
    [
      'a regional topology with another writer region',
      'dev',
      (j) => (j.database.writerRegion = 'us-west-2'),
      [
        custom(
          '$.database.writerRegion',
          'applies to the global topology only: regional clusters each write in their own region; remove it',
        ),
      ],
    ],
    ['a rebuild that is not an object', 'dev', (j) => (j.database.rebuild = 'yes'), [wrongType('$.database.rebuild', 'object', 'string')]],
    [
      'a rebuild of a regional topology',
      'dev',
      (j) => (j.database.rebuild = { from: 'us-west-2', phase: 'create' }),
      [custom('$.database.rebuild', 'applies to the global topology only (a rebuild after a detach from the global database); remove it')],
    ],
    [
      'a rebuild from an unlisted region',
      'prod',
      (j) => (j.database.rebuild = { from: 'eu-central-1', phase: 'create' }),
      [custom('$.database.rebuild.from', `${LISTED}: the region of the detached cluster`)],
    ],
    [
      'a rebuild from a region in a list',
      'prod',
      (j) => (j.database.rebuild = { from: ['eu-central-1'], phase: 'create' }),
      [wrongType('$.database.rebuild.from', 'string', 'array')],
    ],
    [
      'a rebuild from an unknown region',
      'prod',
      (j) => (j.database.rebuild = { from: 'mars-north-1', phase: 'create' }),
      [custom('$.database.rebuild.from', KNOWN_REGION)],
    ],
    [
      'no database (the rules on it stay silent)',
      'prod',
      (j) => {
        delete j.database;
        j.alarms.thresholds = { databaseConnections: 100 };
        j.dns.fencedRegions = ['us-west-2'];
      },
      [wrongType('$.database', 'object', 'undefined')],
    ],
    ['an unknown fenced region', 'prod', (j) => (j.dns.fencedRegions = ['mars-north-1']), [custom('$.dns.fencedRegions[0]', KNOWN_REGION)]],
    ['an unlisted fenced region', 'prod', (j) => (j.dns.fencedRegions = ['eu-central-1']), [custom('$.dns.fencedRegions[0]', LISTED)]],
    [
      'a fenced region in a list',
      'prod',
      (j) => (j.dns.fencedRegions = [['us-west-2']]),
      [wrongType('$.dns.fencedRegions[0]', 'string', 'array')],
    ],
    [
      'every region fenced',
      'prod',
      (j) => {
        j.database.writerRegion = 'us-west-2';
        j.dns.fencedRegions = ['eu-west-1', 'us-east-1', 'us-west-2'];
      },
      [
        custom('$.dns.fencedRegions', 'must leave at least one region serving'),
        custom('$.dns.fencedRegions', 'must not include the writer region us-west-2: fail over or switch over first, then fence'),
      ],
    ],
    [
      'the primary region fenced while it holds the writer',
      'prod',
      (j) => (j.dns.fencedRegions = ['us-east-1']),
      [custom('$.dns.fencedRegions', 'must not include the writer region us-east-1: fail over or switch over first, then fence')],
    ],
    [
      'no region and none fenced',
      'prod',
      (j) => {
        j.regions = {};
        j.dns.fencedRegions = [];
      },
      [
        custom('$.regions', 'must list at least one region'),
        custom('$.primaryRegion', 'must be one of the regions listed under regions ()'),
      ],
    ],
    [
      'a primary region and a fenced region of the wrong type',
      'prod',
      (j) => {
        j.primaryRegion = 5;
        j.dns.fencedRegions = [5];
      },
      [wrongType('$.primaryRegion', 'string', 'number'), wrongType('$.dns.fencedRegions[0]', 'string', 'number')],
    ],
    ['no alarms', 'prod', (j) => delete j.alarms, [wrongType('$.alarms', 'object', 'undefined')]],
    [
      'a connections threshold of the wrong type',
      'dev',
      (j) => (j.alarms.thresholds = { databaseConnections: '9999' }),
      [wrongType('$.alarms.thresholds.databaseConnections', 'number', 'string')],
    ],
    [
      'a connections threshold with a class of the wrong type',
      'dev',
      (j) => {
        j.database.instanceClass = ['db.t4g.medium'];
        j.alarms.thresholds = { databaseConnections: 500 };
      },
      [wrongType('$.database.instanceClass', 'string', 'array')],
    ],
    [
      "a connections threshold one above the class's max_connections",
      'dev',
      (j) => (j.alarms.thresholds = { databaseConnections: 406 }),
      [
        custom(
          '$.alarms.thresholds.databaseConnections',
          "must not exceed db.t4g.medium's default max_connections (405): the alarm would fire only after connections are refused",
        ),
      ],
    ],
    [
      'a global topology without a break-glass role',
      'prod',
      (j) => delete j.database.breakGlassRoleArn,
      [
        custom(
          '$.database.breakGlassRoleArn',
          'is required when topology is "global": the operator role that may read the master secret (nothing else but its rotation function can)',
        ),
      ],
    ],
    [
      'a break-glass role of another account',
      'prod',
      (j) => (j.database.breakGlassRoleArn = 'arn:aws:iam::999999999999:role/platform-break-glass'),
      [custom('$.database.breakGlassRoleArn', "must be a role of the environment's account 333333333333")],
    ],
    ['no compute', 'prod', (j) => delete j.compute, [wrongType('$.compute', 'object', 'undefined')]],
    ['a minimum size of the wrong type', 'prod', (j) => (j.compute.minSize = '1'), [wrongType('$.compute.minSize', 'number', 'string')]],
    [
      'a single instance in the protected profile',
      'prod',
      (j) => Object.assign(j.compute, { minSize: 1, desiredCapacity: 1 }),
      [custom('$.compute.minSize', 'must be >= 2 when protection is "protected" (an instance per AZ failure)')],
    ],
    [
      'a reader count of the wrong type',
      'prod',
      (j) => (j.database.readerCount = '0'),
      [wrongType('$.database.readerCount', 'number', 'string')],
    ],
    [
      'no reader in the protected profile',
      'prod',
      (j) => (j.database.readerCount = 0),
      [custom('$.database.readerCount', 'must be >= 1 when protection is "protected" (a reader in another AZ to fail over to)')],
    ],
    [
      'no hosted zone in the protected profile',
      'prod',
      (j) => delete j.dns,
      [
        custom(
          '$.dns',
          'is required when protection is "protected": without a hosted zone there is no HTTPS and no DNS failover between regions',
        ),
      ],
    ],
    ['no backup block', 'prod', (j) => delete j.backup, [wrongType('$.backup', 'object', 'undefined')]],
    [
      'one region only',
      'dev',
      (j) => (j.regions = { 'us-east-1': j.regions['us-east-1'] }),
      [custom('$.backup', 'needs a second region: every recovery point is copied to another region, and only one is listed under regions')],
    ],
    [
      'one region only, copied to a region not listed',
      'dev',
      (j) => {
        j.regions = { 'us-east-1': j.regions['us-east-1'] };
        j.backup.copyTo = { 'us-east-1': 'us-west-2' };
      },
      [custom('$.backup.copyTo["us-east-1"]', 'must be one of the regions listed under regions (us-east-1)')],
    ],
    [
      'a copy region in a list',
      'prod',
      (j) => (j.backup.copyTo = { 'us-east-1': 'us-west-2', 'us-west-2': 'eu-west-1', 'eu-west-1': ['us-east-1'] }),
      [wrongType('$.backup.copyTo["eu-west-1"]', 'string', 'array')],
    ],
    [
      'an unknown copy region',
      'prod',
      (j) => (j.backup.copyTo = { 'us-east-1': 'us-west-2', 'us-west-2': 'eu-west-1', 'eu-west-1': 'mars-north-1' }),
      [custom('$.backup.copyTo["eu-west-1"]', KNOWN_REGION)],
    ],
    [
      'a copy from an unlisted region',
      'prod',
      (j) =>
        (j.backup.copyTo = { 'us-east-1': 'us-west-2', 'us-west-2': 'eu-west-1', 'eu-west-1': 'us-east-1', 'eu-central-1': 'us-east-1' }),
      [custom('$.backup.copyTo["eu-central-1"]', LISTED)],
    ],
    [
      'copies but no region',
      'prod',
      (j) => {
        j.regions = {};
        j.backup.copyTo = { 'us-east-1': 'us-west-2' };
      },
      [
        custom('$.regions', 'must list at least one region'),
        custom('$.primaryRegion', 'must be one of the regions listed under regions ()'),
      ],
    ],
    [
      'a copy into the same region',
      'prod',
      (j) => (j.backup.copyTo = { 'us-east-1': 'us-west-2', 'us-west-2': 'us-west-2', 'eu-west-1': 'us-east-1' }),
      [custom('$.backup.copyTo["us-west-2"]', 'must be another region: a copy in the same region survives nothing the original does not')],
    ],
    [
      'a region without a copy',
      'prod',
      (j) => (j.backup.copyTo = { 'us-east-1': 'us-west-2', 'us-west-2': 'eu-west-1' }),
      [custom('$.backup.copyTo', 'must name a copy region for every listed region; missing: eu-west-1')],
    ],
    [
      'two regions without a copy',
      'prod',
      (j) => (j.backup.copyTo = { 'us-east-1': 'us-west-2' }),
      [custom('$.backup.copyTo', 'must name a copy region for every listed region; missing: us-west-2, eu-west-1')],
    ],
    [
      'no vault lock in the protected profile',
      'prod',
      (j) => delete j.backup.lock,
      [
        custom(
          '$.backup.lock',
          'is required when protection is "protected": a vault lock keeps recovery points from deletion before their time',
        ),
      ],
    ],
    [
      'a lock minimum of the wrong type',
      'prod',
      (j) => Object.assign(j.backup, { retentionDays: 20, lock: { ...j.backup.lock, minRetentionDays: '30', maxRetentionDays: 20 } }),
      [wrongType('$.backup.lock.minRetentionDays', 'number', 'string')],
    ],
    [
      'a lock maximum of the wrong type',
      'prod',
      (j) => Object.assign(j.backup.lock, { minRetentionDays: 7, maxRetentionDays: '5' }),
      [wrongType('$.backup.lock.maxRetentionDays', 'number', 'string')],
    ],
    [
      'a lock minimum one above its maximum',
      'prod',
      (j) => Object.assign(j.backup, { retentionDays: 30, lock: { ...j.backup.lock, minRetentionDays: 30, maxRetentionDays: 29 } }),
      [
        custom('$.backup.lock.maxRetentionDays', 'must be >= minRetentionDays (30)'),
        custom(
          '$.backup.retentionDays',
          "must lie within the vault lock's retention (30-29 days): AWS Backup fails every job whose retention is outside it",
        ),
      ],
    ],
    [
      'a retention of the wrong type',
      'prod',
      (j) => (j.backup.retentionDays = '5'),
      [wrongType('$.backup.retentionDays', 'number', 'string')],
    ],
    [
      'a retention one below the lock minimum',
      'prod',
      (j) => (j.backup.retentionDays = 6),
      [
        custom(
          '$.backup.retentionDays',
          "must lie within the vault lock's retention (7-400 days): AWS Backup fails every job whose retention is outside it",
        ),
      ],
    ],
    [
      'a retention one above the lock maximum',
      'prod',
      (j) => (j.backup.retentionDays = 401),
      [
        custom(
          '$.backup.retentionDays',
          "must lie within the vault lock's retention (7-400 days): AWS Backup fails every job whose retention is outside it",
        ),
      ],
    ],
    [
      'a retention under a lock minimum of the wrong type',
      'prod',
      (j) => Object.assign(j.backup, { retentionDays: 5, lock: { ...j.backup.lock, minRetentionDays: '10' } }),
      [wrongType('$.backup.lock.minRetentionDays', 'number', 'string')],
    ],
    [
      'a retention over a lock maximum of the wrong type',
      'prod',
      (j) => Object.assign(j.backup, { retentionDays: 30, lock: { ...j.backup.lock, maxRetentionDays: '20' } }),
      [wrongType('$.backup.lock.maxRetentionDays', 'number', 'string')],
    ],
    [
      'a compliance lock without its grace time',
      'prod',
      (j) => delete j.backup.lock.changeableForDays,
      [
        custom(
          '$.backup.lock.changeableForDays',
          'is required in compliance mode: the days (>= 3) during which the lock can still be changed or removed; afterwards nobody can',
        ),
      ],
    ],
    [
      'a governance lock with a grace time',
      'prod',
      (j) => (j.backup.lock.mode = 'governance'),
      [custom('$.backup.lock.changeableForDays', 'applies to compliance mode only (a governance lock stays removable); remove it')],
    ],
  ];

  test.each(rejected)('fails when %s (%s.json)', (_name, env, edit, expected) => {
    expect(issuesOf(env, edit)).toEqual(expected);
  });

  const accepted: [string, EnvironmentName, (j: any) => void][] = [
    ['a regional topology naming the primary region as writer', 'dev', (j) => (j.database.writerRegion = 'us-east-1')],
    ['a rebuild from a listed region', 'prod', (j) => (j.database.rebuild = { from: 'us-west-2', phase: 'create' })],
    [
      'a regional topology with its primary region fenced',
      'dev',
      (j) => (j.dns = { zoneId: 'Z0123456789ABC', zoneName: 'example.com', recordName: 'dev.example.com', fencedRegions: ['us-east-1'] }),
    ],
    [
      'a failover to us-west-2 with us-east-1 fenced',
      'prod',
      (j) => {
        j.database.writerRegion = 'us-west-2';
        j.dns.fencedRegions = ['us-east-1', 'eu-west-1'];
      },
    ],
    ["a connections threshold at the class's max_connections", 'dev', (j) => (j.alarms.thresholds = { databaseConnections: 405 })],
    ['a connections threshold below it', 'dev', (j) => (j.alarms.thresholds = { databaseConnections: 300 })],
    ['two instances in the protected profile', 'prod', (j) => Object.assign(j.compute, { minSize: 2, desiredCapacity: 2 })],
    ['one reader in the protected profile', 'prod', (j) => (j.database.readerCount = 1)],
    [
      'a copy region for every region',
      'prod',
      (j) => (j.backup.copyTo = { 'us-east-1': 'us-west-2', 'us-west-2': 'eu-west-1', 'eu-west-1': 'us-east-1' }),
    ],
    [
      'a lock minimum equal to its maximum',
      'prod',
      (j) => Object.assign(j.backup, { retentionDays: 30, lock: { ...j.backup.lock, minRetentionDays: 30, maxRetentionDays: 30 } }),
    ],
    ['a retention at the lock minimum', 'prod', (j) => (j.backup.retentionDays = 7)],
    ['a retention at the lock maximum', 'prod', (j) => (j.backup.retentionDays = 400)],
    [
      'a governance lock without a grace time',
      'prod',
      (j) => {
        j.backup.lock.mode = 'governance';
        delete j.backup.lock.changeableForDays;
      },
    ],
    [
      'a central state account (no account id in the bucket name)',
      'prod',
      (j) => Object.assign(j.backend, { bucket: 'acme-central-state', roleArn: 'arn:aws:iam::999999999999:role/state' }),
    ],
  ];

  test.each(accepted)('accepts %s (%s.json)', (_name, env, edit) => {
    expect(issuesOf(env, edit)).toEqual([]);
  });
});

describe('loader: problems and their formatting', () => {
  test('a ConfigError is named ConfigError and carries its problems', () => {
    const problems: ConfigProblem[] = [{ file: 'dev.json', path: '$.project', message: 'bad', value: 'x' }];
    const error = new ConfigError(problems);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('ConfigError');
    expect(String(error)).toBe('ConfigError: Invalid environment configuration (1 problem):\n  - dev.json $.project: bad (got "x")');
    expect(error.problems).toBe(problems);
  });

  test('the message counts the problems and shows each value, missing values and none', () => {
    expect(
      formatProblems([
        { file: 'dev.json', path: '$.compute.minSize', message: 'too small', value: 0 },
        { file: 'dev.json', path: '$.backend', message: 'required', value: undefined },
        { file: 'prod.json', path: 'line 3, column 5', message: 'not valid JSON: Unexpected number' },
        { file: 'staging.json', path: '$.tags', message: 'bad tags', value: { a: 'b' } },
      ]),
    ).toBe(
      [
        'Invalid environment configuration (4 problems):',
        '  - dev.json $.compute.minSize: too small (got 0)',
        '  - dev.json $.backend: required (missing)',
        '  - prod.json line 3, column 5: not valid JSON: Unexpected number',
        '  - staging.json $.tags: bad tags (got {"a":"b"})',
      ].join('\n'),
    );
  });

  test('no problems are counted in the plural', () => {
    expect(formatProblems([])).toBe('Invalid environment configuration (0 problems):\n');
  });

  test.each([
    [[], '$'],
    [['regions', 'us-east-1', 'availabilityZones', 0], '$.regions["us-east-1"].availabilityZones[0]'],
    [['tags', '1abc'], '$.tags["1abc"]'],
    [['tags', 'Cost Center'], '$.tags["Cost Center"]'],
    [['tags', '_x$1'], '$.tags._x$1'],
    [['alarms', 'thresholds', 'databaseConnections'], '$.alarms.thresholds.databaseConnections'],
  ])('the JSON path of %j is %s', (at, expected) => {
    expect(jsonPath(at)).toBe(expected);
  });

  test('fails when the environment name is unknown, naming the variable and the value', () => {
    let error: unknown;
    try {
      selectEnvironment('qa', 'prod');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      {
        file: '(environment selection)',
        path: 'ENVIRONMENT',
        message: 'unknown environment; expected one of dev, staging, prod',
        value: 'qa',
      },
    ]);
  });
});

describe('loader: reportingConfigErrors', () => {
  let savedExitCode: typeof process.exitCode;
  let errorSpy: jest.SpyInstance;
  beforeEach(() => {
    savedExitCode = process.exitCode;
    process.exitCode = undefined;
    errorSpy = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => {
    process.exitCode = savedExitCode;
    errorSpy.mockRestore();
  });

  test('the exit code main returns becomes the process exit code', () => {
    reportingConfigErrors(() => 3);
    expect(process.exitCode).toBe(3);
    expect(errorSpy).not.toHaveBeenCalled();
  });

  test('an exit code main sets itself is kept when it returns nothing', () => {
    reportingConfigErrors(() => {
      process.exitCode = 2;
    });
    expect(process.exitCode).toBe(2);
  });

  test('a ConfigError prints its message, without a stack, and exits with 1', () => {
    const error = new ConfigError([{ file: 'dev.json', path: '$.project', message: 'bad', value: 'x' }]);
    reportingConfigErrors(() => {
      throw error;
    });
    expect(process.exitCode).toBe(1);
    expect(errorSpy.mock.calls).toEqual([[error.message]]);
  });

  test('fails when main throws anything else: a bug propagates', () => {
    const bug = new TypeError('bug');
    expect(() =>
      reportingConfigErrors(() => {
        throw bug;
      }),
    ).toThrow(bug);
    expect(process.exitCode).toBeUndefined();
    expect(errorSpy).not.toHaveBeenCalled();
  });
});

describe('loader: JSON syntax errors', () => {
  /** The error JSON.parse throws for `text`, as the loader receives it. */
  function jsonParseError(text: string): Error {
    try {
      JSON.parse(text);
    } catch (e) {
      return e as Error;
    }
    throw new Error(`expected ${JSON.stringify(text)} to be invalid JSON`);
  }

  test.each([
    [
      'a bad value on line 3',
      '{\n  "project": "platform",\n  "accountId": 1234x\n}\n',
      'line 3, column 20',
      "Expected ',' or '}' after property value",
    ],
    ['a trailing comma', '{\n  "a": 1,\n}\n', 'line 3, column 1', 'Expected double-quoted property name'],
    ['text after the JSON', '{"a": "b"}\n\n  x', 'line 3, column 3', 'Unexpected non-whitespace character after JSON'],
    ['a cut-off file', '{ "project": ', 'line 1, column 14', 'the file ends before the JSON does'],
    ['an empty file', '', 'line 1, column 1', 'the file ends before the JSON does'],
    ['a comment', '{\n//c\n}', 'line 2, column 1', "Expected property name or '}'"],
    ['a trailing comma in an array on line 2', '[1,\n2,]', 'line 2, column 3', "Unexpected token ']'"],
    ['an unexpected token', '[1,]', 'line 1, column 4', "Unexpected token ']'"],
    ['an unexpected token on line 2', '{\n"a": NaN}', 'line 2, column 6', "Unexpected token 'N'"],
    [
      'an unquoted value in a file of real size (V8 quotes only an excerpt)',
      `{\n  "project": "platform",\n  "network": {\n    "natGateways": perAz,\n    "interfaceEndpoints": true\n  }${' '.repeat(200)}\n}\n`,
      'line 4, column 20',
      "Unexpected token 'p'",
    ],
  ])('fails when a file has %s, naming line and column', (_name, text, at, reason) => {
    expect(syntaxProblem('dev.json', text, jsonParseError(text))).toEqual({
      file: 'dev.json',
      path: at,
      message: `not valid JSON: ${reason}`,
    });
  });

  test.each([
    ['Unexpected token } in JSON at position 12', 'Unexpected token }'],
    ["Expected ',' or '}' after property value in JSON at position 46 (line 3 column 20)", "Expected ',' or '}' after property value"],
    ['Unexpected token \'N\', "{\n\t"a": NaN\n}" is not valid JSON', "Unexpected token 'N'"],
    ['Unexpected number at position 1', 'Unexpected number'],
    ['Unexpected end of JSON input', 'the file ends before the JSON does'],
  ])("V8's message %j becomes %j", (v8Message, reason) => {
    expect(syntaxProblem('prod.json', '{', new Error(v8Message)).message).toBe(`not valid JSON: ${reason}`);
  });

  test('fails when a file on disk is no JSON: one problem without a value, shown without (missing)', () => {
    const dir = editedEnvironments('dev', () => undefined);
    writeFileSync(path.join(dir, 'staging.json'), '{\n  "project": "platform",\n  "accountId": 1234x\n}\n');
    let error: unknown;
    try {
      loadAllEnvironments(dir);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      { file: 'staging.json', path: 'line 3, column 20', message: "not valid JSON: Expected ',' or '}' after property value" },
    ]);
    expect((error as ConfigError).message).toBe(
      "Invalid environment configuration (1 problem):\n  - staging.json line 3, column 20: not valid JSON: Expected ',' or '}' after property value",
    );
  });
});

describe('loader: files', () => {
  test.each([
    ['null', 'null', 'Invalid input: expected object, received null'],
    ['a list', '[]', 'Invalid input: expected object, received array'],
  ])('fails when a file holds %s: one problem, no crash', (_name, text, message) => {
    const dir = editedEnvironments('dev', () => undefined);
    writeFileSync(path.join(dir, 'dev.json'), text);
    expect(problemsFor(dir)).toEqual([{ file: 'dev.json', path: '$', message, value: JSON.parse(text) }]);
  });

  test('loadEnvironment returns the one environment, with defaults applied', () => {
    const prod = loadEnvironment(ENV_DIR, 'prod');
    expect(prod).toEqual(loadAllEnvironments(ENV_DIR).prod);
    expect(prod.accountId).toBe('333333333333');
    expect(prod.compute.cpuTargetPercent).toBe(50);
    expect(prod.alarms.thresholds.databaseCpuPercent).toBe(80);
  });

  test('fails when a file is missing, naming the directory', () => {
    const dir = editedEnvironments('dev', () => undefined);
    rmSync(path.join(dir, 'staging.json'));
    expect(problemsFor(dir)).toEqual([{ file: 'staging.json', path: '$', message: `file not found in ${dir}` }]);
  });

  test('fails when a region is unknown, reporting the key and what is known', () => {
    const dir = editedEnvironments('dev', (j) => (j.regions['mars-north-1'] = { ...j.regions['eu-west-1'], vpcCidr: '10.13.0.0/16' }));
    expect(problemsFor(dir)).toEqual([
      { file: 'dev.json', path: '$.regions["mars-north-1"]', message: `key ${KNOWN_REGION}`, value: 'mars-north-1' },
    ]);
  });

  test('fails when a tag key breaks two rules, listing both', () => {
    const key = `aws:${'x'.repeat(125)}`;
    const dir = editedEnvironments('dev', (j) => (j.tags[key] = 'x'));
    expect(problemsFor(dir)).toEqual([
      {
        file: 'dev.json',
        path: `$.tags["${key}"]`,
        message: 'key Too big: expected string to have <=128 characters; must be a valid AWS tag key (not starting with aws:)',
        value: key,
      },
    ]);
  });

  test('accepts a project name that makes the target group name exactly 32 characters', () => {
    const dir = editedEnvironments('staging', (j) => (j.project = 'platform-paysv'));
    expect(loadAllEnvironments(dir).staging.project).toBe('platform-paysv');
  });

  test.each([
    [
      'no regions',
      (j: any) => delete j.regions,
      [{ file: 'dev.json', path: '$.regions', message: 'Invalid input: expected record, received undefined', value: undefined }],
    ],
    [
      'regions null',
      (j: any) => (j.regions = null),
      [{ file: 'dev.json', path: '$.regions', message: 'Invalid input: expected record, received null', value: null }],
    ],
    [
      'a region null',
      (j: any) => (j.regions['us-west-2'] = null),
      [{ file: 'dev.json', path: '$.regions["us-west-2"]', message: 'Invalid input: expected object, received null', value: null }],
    ],
    [
      'no backend',
      (j: any) => delete j.backend,
      [{ file: 'dev.json', path: '$.backend', message: 'Invalid input: expected object, received undefined', value: undefined }],
    ],
  ])('fails when dev.json has %s, and the rules across files skip it', (_name, edit, expected) => {
    expect(problemsFor(editedEnvironments('dev', edit))).toEqual(expected);
  });
});

describe('loader: state buckets shared across files', () => {
  const BUCKET = 'acme-central-terraform-state';
  const viaRole = (account: string, env: string) => (j: any) =>
    Object.assign(j.backend, { bucket: BUCKET, roleArn: `arn:aws:iam::${account}:role/platform-${env}-state` });

  test('fails when environments sharing a bucket give it different regions, in both files of each pair', () => {
    const dir = environmentsWith({
      dev: viaRole('999999999999', 'dev'),
      staging: (j) => {
        viaRole('999999999999', 'staging')(j);
        Object.assign(j.backend, { region: 'us-west-2', replicaRegion: 'us-east-1' });
      },
      prod: viaRole('999999999999', 'prod'),
    });
    const mustBe = (region: string, other: string) => `must be ${region}, the region ${other}.json gives the same state bucket ${BUCKET}`;
    expect(problemsFor(dir)).toEqual([
      { file: 'dev.json', path: '$.backend.region', message: mustBe('us-west-2', 'staging'), value: 'us-east-1' },
      { file: 'staging.json', path: '$.backend.region', message: mustBe('us-east-1', 'dev'), value: 'us-west-2' },
      { file: 'staging.json', path: '$.backend.region', message: mustBe('us-east-1', 'prod'), value: 'us-west-2' },
      { file: 'prod.json', path: '$.backend.region', message: mustBe('us-west-2', 'staging'), value: 'us-east-1' },
    ]);
  });

  const alsoTheBucketOf = (other: string, otherAccount: string, self: string) =>
    `is also the state bucket of ${other}.json, whose account ${otherAccount} differs from ${self}; a bucket belongs to one account, so give each account its own state bucket (its name containing the account id), or keep one bucket in a central state account and set backend.roleArn in both files`;

  test("fails when a role shares another account's bucket and that environment has no role", () => {
    const dir = environmentsWith({
      staging: (j) =>
        Object.assign(j.backend, {
          bucket: 'acme-platform-terraform-state-111111111111',
          roleArn: 'arn:aws:iam::111111111111:role/platform-state',
        }),
    });
    expect(problemsFor(dir)).toEqual([
      {
        file: 'dev.json',
        path: '$.backend.bucket',
        message: alsoTheBucketOf('staging', '222222222222', '111111111111'),
        value: 'acme-platform-terraform-state-111111111111',
      },
      {
        file: 'staging.json',
        path: '$.backend.bucket',
        message: alsoTheBucketOf('dev', '111111111111', '222222222222'),
        value: 'acme-platform-terraform-state-111111111111',
      },
    ]);
  });

  test.each([
    [
      'a role ARN with a path',
      'arn:aws:iam::111111111111:role/ops/state',
      'must be an IAM role ARN without a path, e.g. arn:aws:iam::999999999999:role/platform-terraform-state',
    ],
    ['a role ARN in a list', ['arn:aws:iam::111111111111:role/state'], 'Invalid input: expected string, received array'],
  ])('fails when the other environment has %s: it counts as no role', (_name, roleArn, roleProblem) => {
    const dir = environmentsWith({
      dev: (j) => (j.backend.roleArn = roleArn),
      staging: (j) =>
        Object.assign(j.backend, {
          bucket: 'acme-platform-terraform-state-111111111111',
          roleArn: 'arn:aws:iam::111111111111:role/platform-state',
        }),
    });
    expect(problemsFor(dir)).toEqual([
      { file: 'dev.json', path: '$.backend.roleArn', message: roleProblem, value: roleArn },
      {
        file: 'dev.json',
        path: '$.backend.bucket',
        message: alsoTheBucketOf('staging', '222222222222', '111111111111'),
        value: 'acme-platform-terraform-state-111111111111',
      },
      {
        file: 'staging.json',
        path: '$.backend.bucket',
        message: alsoTheBucketOf('dev', '111111111111', '222222222222'),
        value: 'acme-platform-terraform-state-111111111111',
      },
    ]);
  });

  test('accepts two environments of one account sharing its bucket without roles', () => {
    const dir = environmentsWith({
      staging: (j) => {
        j.accountId = '111111111111';
        j.backend.bucket = 'acme-platform-terraform-state-111111111111';
        j.database.breakGlassRoleArn = 'arn:aws:iam::111111111111:role/platform-break-glass';
      },
    });
    expect(loadAllEnvironments(dir).staging.backend.bucket).toBe('acme-platform-terraform-state-111111111111');
  });

  test('fails by the schema alone when an environment lacks its account id or bucket region: no shared-bucket comparison', () => {
    const dir = environmentsWith({
      dev: viaRole('999999999999', 'dev'),
      staging: (j) => {
        viaRole('999999999999', 'staging')(j);
        delete j.backend.region;
        delete j.backend.replicaRegion;
      },
      prod: (j) => {
        viaRole('999999999999', 'prod')(j);
        delete j.accountId;
        j.backend.region = 'eu-west-1';
      },
    });
    expect(problemsFor(dir)).toEqual([
      { file: 'staging.json', path: '$.backend.region', message: 'Invalid input: expected string, received undefined', value: undefined },
      { file: 'prod.json', path: '$.accountId', message: 'Invalid input: expected string, received undefined', value: undefined },
    ]);
  });
});
