import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { EXPECTED_PLAN, InputRefusal, asTerraformPlan, readTerraformPlan, requiredEnvironment } from '../scripts/lib/plan-input';
import { scratchDir } from './scratch';

// What `plan:gate`, `policy --plan` and deploy's plan check accept (operator-cli.test.ts runs
// them as processes; these tests pin each message).
const PLAN = { format_version: '1.2', planned_values: {}, resource_changes: [] };
const change = (actions: unknown, extra: object = {}) => ({ address: 'aws_vpc.v', type: 'aws_vpc', change: { actions }, ...extra });

/** The refusal `fn` throws (the test fails if it throws nothing or something else). */
function refusal(fn: () => unknown): InputRefusal {
  let caught: unknown;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(InputRefusal);
  return caught as InputRefusal;
}

describe('asTerraformPlan', () => {
  test('a plan as terraform show -json writes it is returned as it is', () => {
    const plan = { ...PLAN, resource_changes: [change(['no-op']), change(['delete', 'create']), change(['forget'])] };
    expect(asTerraformPlan(plan, 'plan.json')).toBe(plan);
  });

  test('format_version 1.x only', () => {
    const older = { ...PLAN, format_version: '1.0' };
    expect(asTerraformPlan(older, 'p')).toBe(older);
    expect(refusal(() => asTerraformPlan({ ...PLAN, format_version: '2.0' }, 'p')).message).toBe(
      `p is not a Terraform plan this tool can judge (expected ${EXPECTED_PLAN}):\n  - $.format_version is "2.0"; this tool reads 1.x`,
    );
    expect(refusal(() => asTerraformPlan({ ...PLAN, format_version: '0.1.0' }, 'p')).message).toContain(
      '$.format_version is "0.1.0"; this tool reads 1.x',
    );
  });

  test.each([
    ['an array', []],
    ['string', 'plan'],
    ['number', 1],
    ['object', null],
  ])('a value that is not an object (%s) is refused in one line', (got, value) => {
    expect(refusal(() => asTerraformPlan(value, 'plan.json')).message).toBe(
      `plan.json is not a Terraform plan: expected ${EXPECTED_PLAN}, got ${got}`,
    );
  });

  test('state JSON: every problem at once, each with its JSON path', () => {
    const state = { format_version: 1, values: {} };
    expect(refusal(() => asTerraformPlan(state, 'state.json')).message).toBe(
      [
        `state.json is not a Terraform plan this tool can judge (expected ${EXPECTED_PLAN}):`,
        '  - $.format_version is missing',
        '  - $.planned_values is missing (a state file has values instead: plan first)',
        '  - $.resource_changes is missing or not a list',
      ].join('\n'),
    );
    expect(refusal(() => asTerraformPlan({ ...PLAN, planned_values: null }, 's')).message).toContain('$.planned_values is missing');
    expect(refusal(() => asTerraformPlan({ ...PLAN, resource_changes: {} }, 's')).message).toContain(
      '$.resource_changes is missing or not a list',
    );
  });

  test('an errored plan is refused; errored false is fine', () => {
    expect(refusal(() => asTerraformPlan({ ...PLAN, errored: true }, 'p')).message).toContain(
      '  - $.errored is true: Terraform could not finish this plan',
    );
    const complete = { ...PLAN, errored: false };
    expect(asTerraformPlan(complete, 'p')).toBe(complete);
  });

  test('resource changes without address or type, or with actions it cannot read, each named by index', () => {
    const plan = {
      ...PLAN,
      resource_changes: [
        change(['create']),
        { type: 'aws_vpc', change: { actions: ['create'] } },
        { address: 'aws_vpc.x', change: { actions: ['create'] } },
        null,
        change(['explode']),
        change([]),
        change('create'),
        { address: 'aws_vpc.y', type: 'aws_vpc' },
        change(['delete', 'explode']),
      ],
    };
    expect(
      refusal(() => asTerraformPlan(plan, 'p'))
        .message.split('\n')
        .slice(1),
    ).toEqual([
      '  - $.resource_changes[1] has no address or type',
      '  - $.resource_changes[2] has no address or type',
      '  - $.resource_changes[3] has no address or type',
      '  - $.resource_changes[4] (aws_vpc.v) has actions ["explode"]; known: no-op, create, read, update, delete, forget',
      '  - $.resource_changes[5] (aws_vpc.v) has actions []; known: no-op, create, read, update, delete, forget',
      '  - $.resource_changes[6] (aws_vpc.v) has actions "create"; known: no-op, create, read, update, delete, forget',
      '  - $.resource_changes[7] (aws_vpc.y) has actions undefined; known: no-op, create, read, update, delete, forget',
      '  - $.resource_changes[8] (aws_vpc.v) has actions ["delete","explode"]; known: no-op, create, read, update, delete, forget',
    ]);
  });
});

describe('readTerraformPlan', () => {
  const dir = scratchDir('plan-input');

  test('reads and checks a plan file', () => {
    const file = path.join(dir, 'plan.json');
    writeFileSync(file, JSON.stringify(PLAN));
    expect(readTerraformPlan(file)).toEqual(PLAN);
  });

  test('a missing file or a directory: one line saying which and what is expected', () => {
    const missing = path.join(dir, 'missing.json');
    expect(refusal(() => readTerraformPlan(missing)).message).toBe(
      `cannot read the plan ${missing}: no such file; expected ${EXPECTED_PLAN}`,
    );
    const folder = path.join(dir, 'folder');
    mkdirSync(folder);
    expect(refusal(() => readTerraformPlan(folder)).message).toBe(
      `cannot read the plan ${folder}: it is a directory; expected ${EXPECTED_PLAN}`,
    );
  });

  test('text that is not JSON: the parser says where', () => {
    const file = path.join(dir, 'text.json');
    writeFileSync(file, '{ "format_version": ');
    expect(refusal(() => readTerraformPlan(file)).message).toMatch(
      new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} is not JSON \\(.+\\): expected the output of`),
    );
  });

  test('JSON that is not a plan goes through the same checks', () => {
    const file = path.join(dir, 'state.json');
    writeFileSync(file, JSON.stringify({ format_version: '1.0', values: {} }));
    expect(refusal(() => readTerraformPlan(file)).message).toContain(`${file} is not a Terraform plan this tool can judge`);
  });
});

describe('requiredEnvironment', () => {
  test('--env wins over ENVIRONMENT', () => {
    expect(requiredEnvironment('prod', 'dev')).toBe('prod');
    expect(requiredEnvironment(undefined, 'staging')).toBe('staging');
  });

  test.each([
    [undefined, undefined],
    ['', undefined],
    [undefined, ''],
  ])('none given (--env %p, ENVIRONMENT %p): refused, never a default', (flag, variable) => {
    expect(refusal(() => requiredEnvironment(flag, variable)).message).toBe(
      'no environment given: pass --env <dev|staging|prod> or set ENVIRONMENT',
    );
  });

  test('an unknown name is refused naming where it came from', () => {
    expect(refusal(() => requiredEnvironment('qa', 'dev')).message).toBe('--env is "qa"; expected one of dev, staging, prod');
    expect(refusal(() => requiredEnvironment(undefined, 'Prod')).message).toBe('ENVIRONMENT is "Prod"; expected one of dev, staging, prod');
  });
});
