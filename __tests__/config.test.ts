import { EnvironmentName } from '../src/config/schema';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { ConfigError, ConfigProblem, loadAllEnvironments, selectEnvironment } from '../src/config/loader';
import { ENV_DIR, ENVIRONMENTS, editedEnvironments, problemsFor } from './environments';

describe('committed environments', () => {
  test('all three load and validate', () => {
    const configs = loadAllEnvironments(ENV_DIR);
    expect(Object.keys(configs)).toEqual(ENVIRONMENTS);
  });

  test.each(ENVIRONMENTS)('%s lists us-east-1 as primary and the three regions', (env) => {
    const config = loadAllEnvironments(ENV_DIR)[env];
    expect(config.primaryRegion).toBe('us-east-1');
    expect(Object.keys(config.regions)).toEqual(['us-east-1', 'us-west-2', 'eu-west-1']);
    for (const region of Object.values(config.regions)) expect(region.vpcCidr).toMatch(/\/16$/);
  });

  test('prod is protected and the others destroyable', () => {
    const configs = loadAllEnvironments(ENV_DIR);
    expect(configs.prod.protection).toBe('protected');
    expect(configs.dev.protection).toBe('destroyable');
    expect(configs.staging.protection).toBe('destroyable');
  });
});

describe('bad input: one problem names the file, the JSON path and the value', () => {
  const cases: [string, (j: any) => void, Partial<Omit<ConfigProblem, 'message'>> & { message: RegExp }][] = [
    [
      'an invalid CIDR',
      (j) => (j.regions['us-east-1'].vpcCidr = '10.10.0.300/16'),
      { path: '$.regions["us-east-1"].vpcCidr', value: '10.10.0.300/16', message: /IPv4 CIDR block/ },
    ],
    [
      'a CIDR with host bits set',
      (j) => (j.regions['us-west-2'].vpcCidr = '10.11.0.1/16'),
      { path: '$.regions["us-west-2"].vpcCidr', value: '10.11.0.1/16', message: /no host bits/ },
    ],
    [
      'a VPC prefix too small for the subnets',
      (j) => (j.regions['eu-west-1'].vpcCidr = '10.12.0.0/24'),
      { path: '$.regions["eu-west-1"].vpcCidr', value: '10.12.0.0/24', message: /between \/16 and \/20/ },
    ],
    [
      'an unknown top-level key',
      (j) => (j.colour = 'blue'),
      { path: '$.colour', value: 'blue', message: /unknown key; allowed keys here: project, accountId, primaryRegion/ },
    ],
    [
      'an account id that is not 12 digits',
      (j) => (j.accountId = '1234'),
      { path: '$.accountId', value: '1234', message: /12-digit AWS account id/ },
    ],
    [
      'an unknown nested key',
      (j) => (j.regions['us-east-1'].vpcCidrs = ['10.10.0.0/16']),
      { path: '$.regions["us-east-1"].vpcCidrs', value: ['10.10.0.0/16'], message: /allowed keys here: vpcCidr, availabilityZones/ },
    ],
    [
      'an unknown region',
      (j) => (j.regions['mars-north-1'] = j.regions['eu-west-1']),
      { path: '$.regions["mars-north-1"]', value: 'mars-north-1', message: /region known to src\/config\/regions.ts/ },
    ],
    [
      'an AZ of another region',
      (j) => (j.regions['eu-west-1'].availabilityZones[2] = 'us-east-1c'),
      {
        path: '$.regions["eu-west-1"].availabilityZones[2]',
        value: 'us-east-1c',
        message: /availability zone of eu-west-1 \(eu-west-1a, eu-west-1b, eu-west-1c\)/,
      },
    ],
    [
      'an AZ that does not exist',
      (j) => (j.regions['us-west-2'].availabilityZones[0] = 'us-west-2e'),
      { path: '$.regions["us-west-2"].availabilityZones[0]', value: 'us-west-2e', message: /availability zone of us-west-2/ },
    ],
    [
      'two AZs only',
      (j) => j.regions['us-east-1'].availabilityZones.pop(),
      { path: '$.regions["us-east-1"].availabilityZones', message: /exactly three/ },
    ],
    [
      'a primary region that is not listed',
      (j) => (j.primaryRegion = 'eu-central-1'),
      { path: '$.primaryRegion', value: 'eu-central-1', message: /regions listed under regions \(us-east-1, us-west-2, eu-west-1\)/ },
    ],
    [
      'minSize above desiredCapacity',
      (j) => Object.assign(j.compute, { minSize: 2, desiredCapacity: 1, maxSize: 2 }),
      { path: '$.compute.desiredCapacity', value: 1, message: /must be >= minSize \(2\)/ },
    ],
    [
      'desiredCapacity above maxSize',
      (j) => Object.assign(j.compute, { minSize: 1, desiredCapacity: 3, maxSize: 2 }),
      { path: '$.compute.maxSize', value: 2, message: /must be >= desiredCapacity \(3\)/ },
    ],
    [
      'an unknown EC2 instance type',
      (j) => (j.compute.instanceType = 't2.banana'),
      { path: '$.compute.instanceType', value: 't2.banana', message: /<family>.<size>/ },
    ],
    [
      'a burstable database class with the global topology',
      (j) => Object.assign(j.database, { topology: 'global', instanceClass: 'db.t4g.medium' }),
      { path: '$.database.instanceClass', value: 'db.t4g.medium', message: /memory-optimized/ },
    ],
    [
      'a database class that is no Aurora class',
      (j) => (j.database.instanceClass = 'm5.large'),
      { path: '$.database.instanceClass', value: 'm5.large', message: /Aurora PostgreSQL instance class/ },
    ],
    [
      'an unsupported engine major',
      (j) => (j.database.engineVersion = '11.9'),
      { path: '$.database.engineVersion', value: '11.9', message: /major version must be one of 14, 15, 16, 17/ },
    ],
    [
      'a retention CloudWatch does not accept',
      (j) => (j.logRetentionDays = 10),
      { path: '$.logRetentionDays', value: 10, message: /1, 3, 5, 7, 14/ },
    ],
    [
      'an unknown protection profile',
      (j) => (j.protection = 'maybe'),
      { path: '$.protection', value: 'maybe', message: /destroyable|protected/ },
    ],
    ['a reserved tag', (j) => (j.tags.Environment = 'qa'), { path: '$.tags.Environment', value: 'qa', message: /set by the stack/ }],
    ['a missing required tag', (j) => delete j.tags.CostCenter, { path: '$.tags', message: /must include the tag CostCenter/ }],
    ['a missing field', (j) => delete j.backend, { path: '$.backend', value: undefined, message: /expected object/ }],
    [
      'a recipient that is no e-mail address',
      (j) => (j.alarms.emails = ['oncall']),
      { path: '$.alarms.emails[0]', value: 'oncall', message: /e-mail/ },
    ],
    [
      'a state bucket whose name lacks the account id (a bucket per account, no role)',
      (j) => (j.backend.bucket = 'acme-platform-terraform-state'),
      { path: '$.backend.bucket', value: 'acme-platform-terraform-state', message: /must contain the account id 111111111111/ },
    ],
    [
      'a state bucket name S3 reserves',
      (j) => (j.backend.bucket = 'sthree-111111111111'),
      { path: '$.backend.bucket', value: 'sthree-111111111111', message: /valid S3 bucket name/ },
    ],
    [
      'a state replica in the state bucket region',
      (j) => (j.backend.replicaRegion = 'us-east-1'),
      { path: '$.backend.replicaRegion', value: 'us-east-1', message: /must differ from backend.region/ },
    ],
    [
      'a state role ARN with a path',
      (j) => (j.backend.roleArn = 'arn:aws:iam::999999999999:role/ops/state'),
      { path: '$.backend.roleArn', value: 'arn:aws:iam::999999999999:role/ops/state', message: /IAM role ARN without a path/ },
    ],
    [
      'a DNS record outside its zone',
      (j) => (j.dns = { zoneId: 'Z0123456789ABC', zoneName: 'example.com', recordName: 'app.example.org' }),
      { path: '$.dns.recordName', value: 'app.example.org', message: /example.com or a name inside it/ },
    ],
  ];

  test.each(cases)('fails when dev.json has %s', (_name, edit, expected) => {
    const problems = problemsFor(editedEnvironments('dev', edit));
    const { message, ...fields } = expected;
    expect(problems).toContainEqual(expect.objectContaining({ file: 'dev.json', ...fields, message: expect.stringMatching(message) }));
  });

  test('fails when a dev VPC overlaps a VPC of another environment, naming both files', () => {
    const problems = problemsFor(editedEnvironments('dev', (j) => (j.regions['us-west-2'].vpcCidr = '10.30.0.0/16')));
    expect(problems).toEqual([
      expect.objectContaining({
        file: 'dev.json',
        path: '$.regions["us-west-2"].vpcCidr',
        value: '10.30.0.0/16',
        message: expect.stringContaining('overlaps 10.30.0.0/16 of prod.json $.regions["us-east-1"].vpcCidr'),
      }),
      expect.objectContaining({ file: 'prod.json', path: '$.regions["us-east-1"].vpcCidr', value: '10.30.0.0/16' }),
    ]);
  });

  test('fails when the project name makes a target group name longer than 32 characters', () => {
    const problems = problemsFor(editedEnvironments('staging', (j) => (j.project = 'platform-payment')));
    expect(problems).toContainEqual({
      file: 'staging.json',
      path: '$.project',
      value: 'platform-payment',
      message: 'too long: the target group name platform-payment-staging-use1-8080 would have 34 characters, AWS allows 32',
    });
  });

  test('fails when two regions of one environment overlap', () => {
    const problems = problemsFor(editedEnvironments('staging', (j) => (j.regions['eu-west-1'].vpcCidr = '10.21.128.0/17')));
    expect(problems).toContainEqual(
      expect.objectContaining({
        file: 'staging.json',
        path: '$.regions["eu-west-1"].vpcCidr',
        message: expect.stringContaining('of staging.json $.regions["us-west-2"]'),
      }),
    );
  });

  test('fails when a global database gives only a major version: the global cluster would never settle', () => {
    const problems = problemsFor(editedEnvironments('staging', (j) => (j.database.engineVersion = '16')));
    expect(problems).toEqual([
      {
        file: 'staging.json',
        path: '$.database.engineVersion',
        value: '16',
        message: expect.stringContaining('must be <major>.<minor> (e.g. 16.6) when topology is "global"'),
      },
    ]);
  });

  test('accepts a major alone for regional clusters', () => {
    expect(() => loadAllEnvironments(editedEnvironments('dev', (j) => (j.database.engineVersion = '15')))).not.toThrow();
  });

  test('fails when two accounts share a state bucket without a role, naming both files', () => {
    const dir = editedEnvironments('staging', (j) => (j.backend.bucket = 'acme-platform-terraform-state-111111111111'));
    expect(problemsFor(dir)).toEqual([
      expect.objectContaining({
        file: 'staging.json',
        path: '$.backend.bucket',
        message: expect.stringContaining('must contain the account id 222222222222'),
      }),
      {
        file: 'dev.json',
        path: '$.backend.bucket',
        value: 'acme-platform-terraform-state-111111111111',
        message: expect.stringContaining('is also the state bucket of staging.json, whose account 222222222222 differs from 111111111111'),
      },
      expect.objectContaining({
        file: 'staging.json',
        path: '$.backend.bucket',
        message: expect.stringContaining('is also the state bucket of dev.json'),
      }),
    ]);
  });

  /** Every environment keeps state in one central bucket through a role of `roleAccount(env)`. */
  const central = (roleAccount: (env: string) => string) => {
    const dir = editedEnvironments('dev', () => undefined);
    for (const env of ENVIRONMENTS) {
      const file = path.join(dir, `${env}.json`);
      const json = JSON.parse(readFileSync(file, 'utf8'));
      json.backend.bucket = 'acme-central-terraform-state';
      json.backend.roleArn = `arn:aws:iam::${roleAccount(env)}:role/platform-${env}-state`;
      writeFileSync(file, JSON.stringify(json));
    }
    return dir;
  };

  test('accepts one central state bucket shared through roles of its account', () => {
    expect(() => loadAllEnvironments(central(() => '999999999999'))).not.toThrow();
  });

  test('fails when environments sharing a state bucket name roles of different accounts', () => {
    const problems = problemsFor(central((env) => (env === 'prod' ? '888888888888' : '999999999999')));
    expect(problems.map((p) => `${p.file} ${p.path}`)).toEqual([
      'dev.json $.backend.roleArn',
      'prod.json $.backend.roleArn',
      'staging.json $.backend.roleArn',
      'prod.json $.backend.roleArn',
    ]);
    expect(problems[0]!.message).toBe(
      'must be a role of account 888888888888, which owns the state bucket acme-central-terraform-state that prod.json uses too',
    );
  });

  test.each([
    [
      'a writer region that is not listed',
      (j: any) => (j.database.writerRegion = 'eu-central-1'),
      '$.database.writerRegion',
      /must be one of the regions listed/,
    ],
    [
      'every region fenced',
      (j: any) => (j.dns.fencedRegions = ['us-east-1', 'us-west-2', 'eu-west-1']),
      '$.dns.fencedRegions',
      /at least one region serving/,
    ],
    [
      'the writer region fenced',
      (j: any) => (j.dns.fencedRegions = ['us-east-1']),
      '$.dns.fencedRegions',
      /must not include the writer region us-east-1/,
    ],
    [
      'an unlisted region fenced',
      (j: any) => (j.dns.fencedRegions = ['eu-central-1']),
      '$.dns.fencedRegions[0]',
      /must be one of the regions listed/,
    ],
  ])('fails when prod.json has %s', (_name, edit, at, message) => {
    const problems = problemsFor(editedEnvironments('prod', edit));
    expect(problems).toContainEqual(expect.objectContaining({ file: 'prod.json', path: at, message: expect.stringMatching(message) }));
    // Only problems of the fencing and writer fields: nothing else is disturbed.
    expect(problems.every((p) => /^\$\.(dns\.fencedRegions|database\.writerRegion)/.test(p.path))).toBe(true);
  });

  test('fails when a regional topology names another writer region', () => {
    const problems = problemsFor(editedEnvironments('dev', (j) => (j.database.writerRegion = 'us-west-2')));
    expect(problems).toEqual([
      expect.objectContaining({
        file: 'dev.json',
        path: '$.database.writerRegion',
        message: expect.stringContaining('global topology only'),
      }),
    ]);
  });

  test.each([
    [
      'dev.json',
      'a rebuild of a regional topology',
      (j: any) => (j.database.rebuild = { from: 'us-west-2', phase: 'create' }),
      [['$.database.rebuild', 'applies to the global topology only (a rebuild after a detach from the global database); remove it']],
    ],
    [
      'prod.json',
      'a rebuild from an unlisted region',
      (j: any) => (j.database.rebuild = { from: 'eu-central-1', phase: 'create' }),
      [
        [
          '$.database.rebuild.from',
          'must be one of the regions listed under regions (us-east-1, us-west-2, eu-west-1): the region of the detached cluster',
        ],
      ],
    ],
    [
      'prod.json',
      'a rebuild without its phase and with an unknown key',
      (j: any) => (j.database.rebuild = { from: 'us-west-2', generation: 2 }),
      [
        ['$.database.rebuild.generation', 'unknown key; allowed keys here: from, phase'],
        ['$.database.rebuild.phase', expect.stringContaining('create')],
      ],
    ],
  ])('fails when %s has %s', (file, _name, edit, expected) => {
    const problems = problemsFor(editedEnvironments(file.replace('.json', '') as EnvironmentName, edit));
    expect(problems.map((p) => [p.path, p.message]).sort()).toEqual(expected);
    expect(problems.every((p) => p.file === file)).toBe(true);
  });

  test('accepts a rebuild from us-west-2 in the global topology', () => {
    const dir = editedEnvironments('prod', (j) => (j.database.rebuild = { from: 'us-west-2', phase: 'complete' }));
    expect(loadAllEnvironments(dir).prod.database.rebuild).toEqual({ from: 'us-west-2', phase: 'complete' });
  });

  test('accepts a failover to us-west-2 with us-east-1 fenced', () => {
    const dir = editedEnvironments('prod', (j) => {
      j.database.writerRegion = 'us-west-2';
      j.dns.fencedRegions = ['us-east-1'];
    });
    expect(loadAllEnvironments(dir).prod.database.writerRegion).toBe('us-west-2');
  });

  test('fails when the protected profile has no hosted zone (no HTTPS, no DNS failover)', () => {
    const problems = problemsFor(editedEnvironments('prod', (j) => delete j.dns));
    expect(problems).toEqual([
      expect.objectContaining({
        file: 'prod.json',
        path: '$.dns',
        message: expect.stringContaining('is required when protection is "protected"'),
      }),
    ]);
  });

  test('fails when the protected profile runs a single instance or no reader', () => {
    const problems = problemsFor(
      editedEnvironments('prod', (j) => {
        Object.assign(j.compute, { minSize: 1, desiredCapacity: 1 });
        j.database.readerCount = 0;
      }),
    );
    expect(problems.map((p) => [p.file, p.path])).toEqual([
      ['prod.json', '$.compute.minSize'],
      ['prod.json', '$.database.readerCount'],
    ]);
  });

  test('reports every problem at once, across fields and files', () => {
    const dir = editedEnvironments('dev', (j) => {
      j.regions['us-east-1'].vpcCidr = 'nonsense';
      j.colour = 'blue';
      j.compute.maxSize = 0;
      j.primaryRegion = 'eu-central-1';
    });
    writeFileSync(path.join(dir, 'prod.json'), '{ "project": ');
    const problems = problemsFor(dir);
    // maxSize 0 breaks two rules (a minimum, and min <= desired <= max): two problems.
    expect(problems.map((p) => `${p.file} ${p.path}`)).toEqual([
      'dev.json $.regions["us-east-1"].vpcCidr',
      'dev.json $.compute.maxSize',
      'dev.json $.compute.maxSize',
      'dev.json $.colour',
      'dev.json $.primaryRegion',
      'prod.json line 1, column 14',
    ]);
    // A syntax error is located by line and column and has no value to show.
    expect(problems.find((p) => p.file === 'prod.json')).toEqual({
      file: 'prod.json',
      path: 'line 1, column 14',
      message: 'not valid JSON: the file ends before the JSON does',
    });
  });

  test('fails when prod has a malformed account id: one problem on accountId, none derived from it', () => {
    const dir = editedEnvironments('prod', (j) => (j.accountId = 'x'));
    expect(problemsFor(dir).map((p) => `${p.file} ${p.path}`)).toEqual(['prod.json $.accountId']);
  });

  test('the error message lists each problem on its own line with file, path and value', () => {
    const dir = editedEnvironments('dev', (j) => (j.regions['us-east-1'].vpcCidr = '10.10.0.1/16'));
    expect(() => loadAllEnvironments(dir)).toThrow(
      'Invalid environment configuration (1 problem):\n  - dev.json $.regions["us-east-1"].vpcCidr: must be an IPv4 CIDR block with no host bits set, e.g. 10.20.0.0/16 (got "10.10.0.1/16")',
    );
  });
});

describe('data protection settings', () => {
  test.each([
    [
      'prod.json',
      'no vault lock in the protected profile',
      (j: any) => delete j.backup.lock,
      [['$.backup.lock', 'is required when protection is "protected": a vault lock keeps recovery points from deletion before their time']],
    ],
    [
      'prod.json',
      'a retention outside the lock and a minimum above the maximum',
      (j: any) => Object.assign(j.backup, { retentionDays: 500, lock: { ...j.backup.lock, minRetentionDays: 30, maxRetentionDays: 20 } }),
      [
        ['$.backup.lock.maxRetentionDays', 'must be >= minRetentionDays (30)'],
        [
          '$.backup.retentionDays',
          "must lie within the vault lock's retention (30-20 days): AWS Backup fails every job whose retention is outside it",
        ],
      ],
    ],
    [
      'prod.json',
      'a compliance lock without its grace time',
      (j: any) => delete j.backup.lock.changeableForDays,
      [
        [
          '$.backup.lock.changeableForDays',
          'is required in compliance mode: the days (>= 3) during which the lock can still be changed or removed; afterwards nobody can',
        ],
      ],
    ],
    [
      'prod.json',
      'a governance lock with a grace time',
      (j: any) => (j.backup.lock.mode = 'governance'),
      [['$.backup.lock.changeableForDays', 'applies to compliance mode only (a governance lock stays removable); remove it']],
    ],
    [
      'prod.json',
      'copies into the same region, to an unlisted one, and a region without a copy',
      (j: any) => (j.backup.copyTo = { 'us-east-1': 'us-east-1', 'us-west-2': 'eu-central-1' }),
      [
        ['$.backup.copyTo', 'must name a copy region for every listed region; missing: eu-west-1'],
        ['$.backup.copyTo["us-east-1"]', 'must be another region: a copy in the same region survives nothing the original does not'],
        ['$.backup.copyTo["us-west-2"]', 'must be one of the regions listed under regions (us-east-1, us-west-2, eu-west-1)'],
      ],
    ],
    [
      'prod.json',
      'a schedule that is not a six-field cron expression',
      (j: any) => (j.backup.schedule = 'daily'),
      [['$.backup.schedule', 'must be an AWS cron expression with six fields, e.g. cron(0 5 ? * * *)']],
    ],
    [
      'staging.json',
      'no break-glass role in the global topology',
      (j: any) => delete j.database.breakGlassRoleArn,
      [
        [
          '$.database.breakGlassRoleArn',
          'is required when topology is "global": the operator role that may read the master secret (nothing else but its rotation function can)',
        ],
      ],
    ],
    [
      'prod.json',
      'a break-glass role of another account',
      (j: any) => (j.database.breakGlassRoleArn = 'arn:aws:iam::999999999999:role/ops'),
      [['$.database.breakGlassRoleArn', "must be a role of the environment's account 333333333333"]],
    ],
    [
      'dev.json',
      "a connections threshold above the class's max_connections",
      (j: any) => (j.alarms.thresholds = { databaseConnections: 500 }),
      [
        [
          '$.alarms.thresholds.databaseConnections',
          "must not exceed db.t4g.medium's default max_connections (405): the alarm would fire only after connections are refused",
        ],
      ],
    ],
    [
      'dev.json',
      'the master user as the application user',
      (j: any) => (j.database.applicationUser = 'dbadmin'),
      [['$.database.applicationUser', 'must not be the master user (dbadmin) or start with pg_ or rds (reserved)']],
    ],
  ])('fails when %s has %s', (file, _name, edit, expected) => {
    const problems = problemsFor(editedEnvironments(file.replace('.json', '') as EnvironmentName, edit));
    expect(problems.map((p) => [p.path, p.message]).sort()).toEqual(expected);
    expect(problems.every((p) => p.file === file)).toBe(true);
  });

  test('a single-region environment cannot copy its backups anywhere', () => {
    const problems = problemsFor(
      editedEnvironments('dev', (j) => {
        j.regions = { 'us-east-1': j.regions['us-east-1'] };
      }),
    );
    expect(problems.map((p) => [p.path, p.message])).toEqual([
      ['$.backup', 'needs a second region: every recovery point is copied to another region, and only one is listed under regions'],
    ]);
  });

  test('defaults: application user app_user, rotation every 30 days, anonymous-IP rules off (on in prod)', () => {
    const all = loadAllEnvironments(ENV_DIR);
    expect(all.dev.database.applicationUser).toBe('app_user');
    expect(all.staging.database.rotationDays).toBe(30);
    expect(all.dev.waf.anonymousIpList).toBe(false);
    expect(all.prod.waf.anonymousIpList).toBe(true);
  });
});

describe('every configuration object is strict', () => {
  // Each object of the schema, as a path into prod.json (which has every optional object).
  const objects: [string, (json: any) => any][] = [
    ['$', (j) => j],
    ['$.regions["us-east-1"]', (j) => j.regions['us-east-1']],
    ['$.network', (j) => j.network],
    ['$.compute', (j) => j.compute],
    ['$.database', (j) => j.database],
    ['$.waf', (j) => j.waf],
    ['$.alarms', (j) => j.alarms],
    ['$.alarms.thresholds', (j) => (j.alarms.thresholds = {})],
    ['$.dns', (j) => j.dns],
    ['$.backend', (j) => j.backend],
    ['$.backup', (j) => j.backup],
    ['$.backup.lock', (j) => j.backup.lock],
  ];

  test.each(objects)('fails when %s has an unknown key, listing the allowed ones', (at, objectOf) => {
    const problems = problemsFor(
      editedEnvironments('prod', (json) => {
        const target = objectOf(json) ?? {};
        target.zzUnknown = 1;
      }),
    );
    expect(problems).toEqual([
      expect.objectContaining({
        file: 'prod.json',
        path: `${at === '$' ? '$' : at}.zzUnknown`,
        value: 1,
        message: expect.stringMatching(/^unknown key; allowed keys here: \w/),
      }),
    ]);
  });
});

describe('environment selection', () => {
  test.each([
    [undefined, undefined, 'dev'],
    ['prod', undefined, 'prod'],
    [undefined, 'staging', 'staging'],
    ['staging', 'prod', 'staging'],
    ['', 'prod', 'prod'],
  ])('ENVIRONMENT=%s TF_WORKSPACE=%s selects %s', (explicit, workspace, expected) => {
    expect(selectEnvironment(explicit, workspace)).toBe(expected);
  });

  test.each([
    ['nope', undefined, 'ENVIRONMENT'],
    [undefined, 'default', 'TF_WORKSPACE'],
  ])('fails when ENVIRONMENT=%s TF_WORKSPACE=%s names no environment', (explicit, workspace, source) => {
    expect(() => selectEnvironment(explicit, workspace)).toThrow(ConfigError);
    expect(() => selectEnvironment(explicit, workspace)).toThrow(
      new RegExp(`${source}: unknown environment; expected one of dev, staging, prod \\(got "${explicit ?? workspace}"\\)`),
    );
  });
});
