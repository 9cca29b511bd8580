/**
 * The policy runner and suppressions, on small hand-written synthesized-JSON and plan-JSON
 * fixtures (no stack is built): which rules run on which resources, how suppressions are
 * matched and validated, what blocks, how findings read, and the per-rule summary table.
 */
import { modelFromPlan, modelFromSynth } from '../src/policy/model';
import { PackEntry } from '../src/policy/pack';
import { Rule, check, compliant, nonCompliant } from '../src/policy/rule';
import { RULES } from '../src/policy/rules';
import {
  Finding,
  PolicyReport,
  RuleSummary,
  blockingFindings,
  evaluate,
  formatFinding,
  formatSummaryTable,
  policyProblems,
  summarize,
} from '../src/policy/runner';
import { suppressRule } from '../src/policy/suppressions';

/** Two stub rules and their own pack, so every finding below is known in advance. */
const publicIp: Rule = {
  id: 'public-ip',
  description: 'No subnet gives instances a public IP on launch.',
  resourceTypes: ['aws_subnet'],
  evaluate: (r) => check(r.values.map_public_ip_on_launch !== true, 'map_public_ip_on_launch is true: set it to false'),
};
const tagged: Rule = {
  id: 'tagged',
  description: 'Every AWS resource carries tags.',
  resourceTypes: 'all-aws',
  evaluate: (r) => (r.values.tags ? compliant : nonCompliant('no tags: add them')),
};
const PACK: Record<string, PackEntry> = {
  'public-ip': { level: 'error', explanation: 'reachable around the load balancer' },
  tagged: { level: 'warning', explanation: 'owners find what they pay for' },
};

const REASON = 'lab subnet for a one-off migration test';
const PUBLIC_MESSAGE = 'map_public_ip_on_launch is true: set it to false';
/** What the platform's own subnet-no-public-ip-on-launch rule says. */
const PLATFORM_SUBNET_MESSAGE =
  'map_public_ip_on_launch is true: set it to false (load balancers and NAT gateways bring their own addresses)';

/** A synthesized stack with AWS resources, a non-AWS resource, a backend and an output. */
const mixedStack = {
  terraform: { backend: { s3: { bucket: 'state' } } },
  resource: {
    aws_vpc: { main: { cidr_block: '10.0.0.0/16', tags: { Name: 'main' } } },
    random_password: { db: { length: 32 } },
    aws_subnet: { a: { vpc_id: '${aws_vpc.main.id}', map_public_ip_on_launch: true } },
  },
  output: { vpc_id: { value: '${aws_vpc.main.id}' } },
};

describe('evaluate: which rules run on which resources', () => {
  test("an 'all-aws' rule runs on every aws_* resource and on nothing else (random_*, backend, outputs)", () => {
    expect(evaluate(modelFromSynth(mixedStack), [tagged], PACK)).toEqual({
      findings: [
        { ruleId: 'tagged', level: 'warning', address: 'aws_vpc.main', status: 'COMPLIANT' },
        { ruleId: 'tagged', level: 'warning', address: 'aws_subnet.a', status: 'NON_COMPLIANT', message: 'no tags: add them' },
      ],
      invalidSuppressions: [],
    });
  });

  test('a rule listing resource types runs only on resources of those types, with the level from the pack', () => {
    expect(evaluate(modelFromSynth(mixedStack), [publicIp], PACK)).toEqual({
      findings: [{ ruleId: 'public-ip', level: 'error', address: 'aws_subnet.a', status: 'NON_COMPLIANT', message: PUBLIC_MESSAGE }],
      invalidSuppressions: [],
    });
  });

  test('findings come rule by rule, in the order the rules are given', () => {
    const { findings } = evaluate(modelFromSynth(mixedStack), [publicIp, tagged], PACK);
    expect(findings.map((f) => `${f.ruleId} ${f.address} ${f.status}`)).toEqual([
      'public-ip aws_subnet.a NON_COMPLIANT',
      'tagged aws_vpc.main COMPLIANT',
      'tagged aws_subnet.a NON_COMPLIANT',
    ]);
  });

  test('no rules give no findings and no invalid suppressions', () => {
    expect(evaluate(modelFromSynth(mixedStack), [], PACK)).toEqual({ findings: [], invalidSuppressions: [] });
  });

  test('a rule without an entry in the pack stops the run, naming the rule', () => {
    const orphan: Rule = { ...publicIp, id: 'orphan' };
    expect(() => evaluate(modelFromSynth(mixedStack), [publicIp, orphan], PACK)).toThrow(new Error('rule orphan has no entry in the pack'));
  });

  test('by default the platform rules run with the levels of the platform pack', () => {
    const { findings, invalidSuppressions } = evaluate(modelFromSynth(mixedStack));
    expect(findings.filter((f) => f.ruleId === 'subnet-no-public-ip-on-launch')).toEqual([
      {
        ruleId: 'subnet-no-public-ip-on-launch',
        level: 'error',
        address: 'aws_subnet.a',
        status: 'NON_COMPLIANT',
        message: PLATFORM_SUBNET_MESSAGE,
      },
    ]);
    expect(invalidSuppressions).toEqual([]);
  });
});

describe('evaluate: suppressions', () => {
  /** Subnets: one public and suppressed, one public and not, one private with a (stale) suppression. */
  const suppressedStack = {
    resource: {
      aws_subnet: {
        lab: { map_public_ip_on_launch: true, '//': { policy_suppressions: [{ rule: 'public-ip', reason: REASON }] } },
        web: { map_public_ip_on_launch: true },
        private: {
          map_public_ip_on_launch: false,
          '//': { policy_suppressions: [{ rule: 'public-ip', reason: 'kept from when it was a public subnet' }] },
        },
      },
    },
  };

  /** The public-ip findings both fixtures share: lab suppressed with its reason, web not. */
  const suppressedLabAndOpenWeb = [
    {
      ruleId: 'public-ip',
      level: 'error',
      address: 'aws_subnet.lab',
      status: 'NON_COMPLIANT',
      message: PUBLIC_MESSAGE,
      suppressedBecause: REASON,
    },
    { ruleId: 'public-ip', level: 'error', address: 'aws_subnet.web', status: 'NON_COMPLIANT', message: PUBLIC_MESSAGE },
  ];

  test('a suppression covers only its own rule on its own resource, and only a non-compliant finding carries its reason', () => {
    expect(evaluate(modelFromSynth(suppressedStack), [publicIp, tagged], PACK)).toEqual({
      findings: [
        ...suppressedLabAndOpenWeb,
        // The suppression on the private subnet names a real rule and resource: valid, but nothing to suppress.
        { ruleId: 'public-ip', level: 'error', address: 'aws_subnet.private', status: 'COMPLIANT', suppressedBecause: undefined },
        { ruleId: 'tagged', level: 'warning', address: 'aws_subnet.lab', status: 'NON_COMPLIANT', message: 'no tags: add them' },
        { ruleId: 'tagged', level: 'warning', address: 'aws_subnet.web', status: 'NON_COMPLIANT', message: 'no tags: add them' },
        { ruleId: 'tagged', level: 'warning', address: 'aws_subnet.private', status: 'NON_COMPLIANT', message: 'no tags: add them' },
      ],
      invalidSuppressions: [],
    });
  });

  const plan = {
    planned_values: {
      root_module: {
        resources: [
          { mode: 'managed', type: 'aws_subnet', name: 'lab', values: { map_public_ip_on_launch: true, tags: { Name: 'lab' } } },
          { mode: 'managed', type: 'aws_subnet', name: 'web', values: { map_public_ip_on_launch: true, tags: { Name: 'web' } } },
          { mode: 'managed', type: 'aws_subnet', name: 'spare', values: { map_public_ip_on_launch: false, tags: { Name: 'spare' } } },
        ],
      },
    },
  };

  test('a suppression read from the synthesized JSON exempts the same resource in the plan made from it', () => {
    const suppressions = modelFromSynth(suppressedStack).suppressions.filter((s) => s.address !== 'aws_subnet.private');
    expect(evaluate(modelFromPlan(plan, suppressions), [publicIp], PACK)).toEqual({
      findings: [...suppressedLabAndOpenWeb, { ruleId: 'public-ip', level: 'error', address: 'aws_subnet.spare', status: 'COMPLIANT' }],
      invalidSuppressions: [],
    });
  });

  test('suppressions naming an unknown rule, no resource of the model, or no reason are listed as mistakes, each saying which', () => {
    const model = modelFromPlan(plan, [
      { ruleId: 'public-ip', address: 'aws_subnet.lab', reason: REASON },
      { ruleId: 'public-ip-v2', address: 'aws_subnet.lab', reason: REASON },
      { ruleId: 'public-ip', address: 'aws_subnet.removed', reason: REASON },
      { ruleId: 'public-ip', address: 'aws_subnet.web', reason: '   ' },
      { ruleId: 'tagged', address: 'aws_subnet.spare', reason: '' },
      { ruleId: 'retired', address: 'aws_subnet.removed', reason: '' },
    ]);
    expect(evaluate(model, [publicIp, tagged], PACK).invalidSuppressions).toEqual([
      'suppression of public-ip-v2 on aws_subnet.lab: unknown rule',
      'suppression of public-ip on aws_subnet.removed: no such resource',
      'suppression of public-ip on aws_subnet.web: no reason given',
      'suppression of tagged on aws_subnet.spare: no reason given',
      // An unknown rule is named first, even when the resource is gone and the reason empty too.
      'suppression of retired on aws_subnet.removed: unknown rule',
    ]);
  });

  test('a suppression without a reason suppresses nothing: the finding still blocks (deploy gates on blocking findings alone)', () => {
    const model = modelFromPlan(plan, [
      { ruleId: 'public-ip', address: 'aws_subnet.web', reason: '   ' },
      { ruleId: 'public-ip', address: 'aws_subnet.lab', reason: '' },
    ]);
    expect(blockingFindings(evaluate(model, [publicIp], PACK)).map(formatFinding)).toEqual([
      `[public-ip] aws_subnet.lab: ${PUBLIC_MESSAGE}`,
      `[public-ip] aws_subnet.web: ${PUBLIC_MESSAGE}`,
    ]);
  });

  test('a suppression is valid only against the rules being run: the same one is an unknown rule when its rule is not among them', () => {
    const model = modelFromPlan(plan, [{ ruleId: 'public-ip', address: 'aws_subnet.lab', reason: REASON }]);
    expect(evaluate(model, [publicIp], PACK).invalidSuppressions).toEqual([]);
    expect(evaluate(model, [tagged], PACK).invalidSuppressions).toEqual(['suppression of public-ip on aws_subnet.lab: unknown rule']);
  });
});

/** One finding of each kind, all on the same rule. */
const blocking: Finding = {
  ruleId: 'public-ip',
  level: 'error',
  address: 'aws_subnet.web',
  status: 'NON_COMPLIANT',
  message: PUBLIC_MESSAGE,
};
const blockingWithoutMessage: Finding = { ruleId: 'public-ip', level: 'error', address: 'aws_subnet.edge', status: 'NON_COMPLIANT' };
const warning: Finding = { ruleId: 'tagged', level: 'warning', address: 'aws_subnet.web', status: 'NON_COMPLIANT', message: 'no tags' };
const suppressed: Finding = { ...blocking, address: 'aws_subnet.lab', suppressedBecause: REASON };
const passing: Finding = { ruleId: 'public-ip', level: 'error', address: 'aws_subnet.private', status: 'COMPLIANT' };
const skipped: Finding = {
  ruleId: 'public-ip',
  level: 'error',
  address: 'aws_subnet.default',
  status: 'NOT_APPLICABLE',
  message: 'default subnet',
};
const mixedReport: PolicyReport = {
  findings: [blocking, warning, suppressed, passing, skipped, blockingWithoutMessage],
  invalidSuppressions: ['suppression of retired on aws_subnet.lab: unknown rule'],
};

describe('what blocks a synth or a plan', () => {
  test('only error-level, non-compliant, unsuppressed findings block (not warnings, suppressed, compliant or not-applicable ones)', () => {
    expect(blockingFindings(mixedReport)).toEqual([blocking, blockingWithoutMessage]);
  });

  test('a report with nothing blocking gives an empty list', () => {
    expect(blockingFindings({ findings: [warning, suppressed, passing, skipped], invalidSuppressions: [] })).toEqual([]);
  });

  test('a finding reads "[rule] address: message", and "non-compliant" when the rule gave no message', () => {
    expect(formatFinding(blocking)).toBe('[public-ip] aws_subnet.web: map_public_ip_on_launch is true: set it to false');
    expect(formatFinding(blockingWithoutMessage)).toBe('[public-ip] aws_subnet.edge: non-compliant');
  });

  test('the problems of a report are its blocking findings, formatted, then its invalid suppressions', () => {
    expect(policyProblems(mixedReport)).toEqual([
      '[public-ip] aws_subnet.web: map_public_ip_on_launch is true: set it to false',
      '[public-ip] aws_subnet.edge: non-compliant',
      'suppression of retired on aws_subnet.lab: unknown rule',
    ]);
  });

  test('a report with warnings and suppressed findings only has no problems', () => {
    expect(policyProblems({ findings: [warning, suppressed, passing, skipped], invalidSuppressions: [] })).toEqual([]);
  });
});

describe('summarize', () => {
  const rule = (id: string): Rule => RULES.find((r) => r.id === id)!;
  const on = (ruleId: string, status: Finding['status'], suppressedBecause?: string): Finding => ({
    ruleId,
    level: 'error',
    address: 'aws_subnet.x',
    status,
    suppressedBecause,
  });
  const SUBNET = 'subnet-no-public-ip-on-launch';
  const DESCRIBED = 'sg-rules-described';
  const report: PolicyReport = {
    findings: [
      on(SUBNET, 'COMPLIANT'),
      on(SUBNET, 'NON_COMPLIANT'),
      on(SUBNET, 'NON_COMPLIANT'),
      on(SUBNET, 'NON_COMPLIANT', REASON),
      on(SUBNET, 'NOT_APPLICABLE'),
      on(SUBNET, 'NOT_APPLICABLE'),
      on(SUBNET, 'NOT_APPLICABLE'),
      on(DESCRIBED, 'COMPLIANT'),
      on(DESCRIBED, 'COMPLIANT'),
    ],
    invalidSuppressions: [],
  };

  test('counts each rule\'s own findings by status, a suppressed non-compliance as "suppressed" only, in the order of the rules', () => {
    expect(summarize(report, [rule(SUBNET), rule(DESCRIBED), rule('kms-key-aliased')])).toEqual([
      { ruleId: SUBNET, level: 'error', compliant: 1, nonCompliant: 2, suppressed: 1, notApplicable: 3 },
      { ruleId: DESCRIBED, level: 'warning', compliant: 2, nonCompliant: 0, suppressed: 0, notApplicable: 0 },
      { ruleId: 'kms-key-aliased', level: 'warning', compliant: 0, nonCompliant: 0, suppressed: 0, notApplicable: 0 },
    ]);
  });

  test('by default every platform rule gets a line, in pack order', () => {
    expect(summarize(report).map((s) => s.ruleId)).toEqual(RULES.map((r) => r.id));
  });
});

describe('formatSummaryTable', () => {
  const line = (ruleId: string, level: RuleSummary['level'], counts: [number, number, number, number]): RuleSummary => ({
    ruleId,
    level,
    compliant: counts[0],
    nonCompliant: counts[1],
    suppressed: counts[2],
    notApplicable: counts[3],
  });

  test('one header and one row per rule, padded to the longest rule id; the status is the worst of the counts', () => {
    const table = formatSummaryTable([
      line('subnet-no-public-ip-on-launch', 'error', [1, 2, 1, 3]),
      line('sg-rules-described', 'warning', [0, 0, 1, 0]),
      line('kms-key-aliased', 'warning', [0, 0, 0, 12]),
      line('alb-access-logs', 'error', [3, 0, 0, 0]),
      line('vpc-flow-logs-enabled', 'error', [0, 1, 0, 0]),
    ]);
    // Each count ends under the last letter of its heading, NOT_APPLICABLE rows too.
    expect(table.split('\n')).toEqual([
      'rule                           level    status           ok  fail  supp   n/a',
      'subnet-no-public-ip-on-launch  error    NON_COMPLIANT     1     2     1     3',
      'sg-rules-described             warning  COMPLIANT         0     0     1     0',
      // NOT_APPLICABLE is 14 characters, one more than the status column (reported, not fixed here).
      'kms-key-aliased                warning  NOT_APPLICABLE    0     0     0    12',
      'alb-access-logs                error    COMPLIANT         3     0     0     0',
      'vpc-flow-logs-enabled          error    NON_COMPLIANT     0     1     0     0',
    ]);
  });

  test('the rule column is at least as wide as its heading', () => {
    expect(formatSummaryTable([line('ab', 'error', [1, 0, 0, 0])])).toBe(
      'rule  level    status           ok  fail  supp   n/a\nab    error    COMPLIANT         1     0     0     0',
    );
  });

  test('no rules give the header alone', () => {
    expect(formatSummaryTable([])).toBe('rule  level    status           ok  fail  supp   n/a');
  });
});

describe('suppressRule', () => {
  type Suppressible = Parameters<typeof suppressRule>[0];
  /** What suppressRule uses of a resource: its construct path and addOverride. */
  const resource = (path: string) => {
    const addOverride = jest.fn();
    return { subnet: { node: { path }, addOverride } as unknown as Suppressible, addOverride };
  };
  const RULE = 'subnet-no-public-ip-on-launch';

  test('records the rule and reason as a // comment in the resource, keeping earlier suppressions of the same resource', () => {
    const { subnet, addOverride } = resource('platform/network/lab');
    suppressRule(subnet, RULE, REASON);
    suppressRule(subnet, 'sg-rules-described', 'rules come from an upstream module');
    expect(addOverride.mock.calls).toEqual([
      ['//.policy_suppressions', [{ rule: RULE, reason: REASON }]],
      [
        '//.policy_suppressions',
        [
          { rule: RULE, reason: REASON },
          { rule: 'sg-rules-described', reason: 'rules come from an upstream module' },
        ],
      ],
    ]);
  });

  test('suppressions of different resources are kept apart', () => {
    const lab = resource('platform/network/lab');
    const web = resource('platform/network/web');
    suppressRule(lab.subnet, RULE, REASON);
    suppressRule(web.subnet, RULE, 'public web tier behind no balancer');
    expect(lab.addOverride.mock.calls).toEqual([['//.policy_suppressions', [{ rule: RULE, reason: REASON }]]]);
    expect(web.addOverride.mock.calls).toEqual([
      ['//.policy_suppressions', [{ rule: RULE, reason: 'public web tier behind no balancer' }]],
    ]);
  });

  test('what it records is what the synthesized model reads back as a suppression, which the runner honours', () => {
    const { subnet, addOverride } = resource('platform/network/lab');
    suppressRule(subnet, RULE, REASON);
    const [, recorded] = addOverride.mock.calls[0]!;
    const model = modelFromSynth({
      resource: { aws_subnet: { lab: { map_public_ip_on_launch: true, '//': { policy_suppressions: recorded } } } },
    });
    expect(model.suppressions).toEqual([{ ruleId: RULE, address: 'aws_subnet.lab', reason: REASON }]);
    expect(evaluate(model, [RULES.find((r) => r.id === RULE)!]).findings).toEqual([
      {
        ruleId: RULE,
        level: 'error',
        address: 'aws_subnet.lab',
        status: 'NON_COMPLIANT',
        message: PLATFORM_SUBNET_MESSAGE,
        suppressedBecause: REASON,
      },
    ]);
  });

  test('a suppression of an unknown rule is refused, naming the rule and the resource, and records nothing', () => {
    const { subnet, addOverride } = resource('platform/network/lab');
    expect(() => suppressRule(subnet, 'no-such-rule', REASON)).toThrow(
      new Error('suppressRule: unknown rule no-such-rule on platform/network/lab'),
    );
    expect(addOverride).not.toHaveBeenCalled();
  });

  test('a reason of 20 characters is enough', () => {
    const { subnet, addOverride } = resource('platform/network/lab');
    suppressRule(subnet, RULE, 'twenty characters ok');
    expect(addOverride.mock.calls).toEqual([['//.policy_suppressions', [{ rule: RULE, reason: 'twenty characters ok' }]]]);
  });

  test('a reason under 20 characters once trimmed is refused, naming rule, resource and the reason given, and records nothing', () => {
    const { subnet, addOverride } = resource('platform/network/lab');
    expect(() => suppressRule(subnet, RULE, '  nineteen characters  ')).toThrow(
      new Error(
        'suppressRule: subnet-no-public-ip-on-launch on platform/network/lab needs a written reason (20+ characters), got "  nineteen characters  "',
      ),
    );
    expect(() => suppressRule(subnet, RULE, '')).toThrow(
      new Error('suppressRule: subnet-no-public-ip-on-launch on platform/network/lab needs a written reason (20+ characters), got ""'),
    );
    expect(addOverride).not.toHaveBeenCalled();
  });
});
