import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Testing } from 'cdktf';
import { modelFromSynth } from '../src/policy/model';
import { blockingFindings, evaluate, summarize } from '../src/policy/runner';
import { suppressRule } from '../src/policy/suppressions';
import { ENVIRONMENTS, testStack, committedStack } from './helpers';

describe.each(ENVIRONMENTS)('policy pack on %s', (env) => {
  const stack = committedStack(env);
  const report = evaluate(modelFromSynth(stack.toTerraform()));

  test('no error-level finding and no invalid suppression', () => {
    expect(blockingFindings(report)).toEqual([]);
    expect(report.invalidSuppressions).toEqual([]);
  });

  test('no unsuppressed non-compliance, not even a warning, and every suppression carries its reason', () => {
    const open = report.findings.filter((f) => f.status === 'NON_COMPLIANT' && !f.suppressedBecause);
    expect(open.map((f) => `${f.level} ${f.ruleId} ${f.address}`)).toEqual([]);
    const unexplained = report.findings.filter((f) => f.suppressedBecause !== undefined && f.suppressedBecause.length <= 20);
    expect(unexplained.map((f) => `${f.ruleId} ${f.address}: ${f.suppressedBecause}`)).toEqual([]);
  });

  test('the synth runs the pack and passes', () => {
    expect(() => Testing.synth(stack, true)).not.toThrow();
  });
});

test('the destroyable profile suppresses deletion protection with its reason; the protected one (with a zone) suppresses nothing', () => {
  const dev = evaluate(modelFromSynth(committedStack('dev').toTerraform()));
  const prod = evaluate(modelFromSynth(committedStack('prod').toTerraform()));
  const suppressedRules = (r: typeof dev) => [...new Set(r.findings.filter((f) => f.suppressedBecause).map((f) => f.ruleId))].sort();
  expect(suppressedRules(dev)).toEqual([
    'alb-deletion-protection',
    'backup-vault-locked',
    'listener-https-or-redirect',
    'rds-deletion-protection',
    'stateful-prevent-destroy',
  ]);
  expect(suppressedRules(prod)).toEqual([]);
  expect(dev.findings.find((f) => f.ruleId === 'rds-deletion-protection' && f.suppressedBecause)!.suppressedBecause).toMatch(
    /^destroyable profile: /,
  );
});

test('fails the synth on an error-level finding, naming rule, resource and the change to make', () => {
  const stack = testStack('dev');
  new Subnet(stack.regions['us-east-1']!.network, 'public-by-mistake', {
    provider: stack.providers['us-east-1'],
    vpcId: stack.regions['us-east-1']!.network.vpc.id,
    cidrBlock: '10.10.240.0/24',
    mapPublicIpOnLaunch: true,
  });
  expect(() => Testing.synth(stack, true)).toThrow(
    /\[subnet-no-public-ip-on-launch\] aws_subnet\.us-east-1_network_public-by-mistake_[0-9A-F]{8}: map_public_ip_on_launch is true: set it to false/,
  );
});

test('a suppression with a reason lets the synth pass and appears in the report', () => {
  const stack = testStack('dev');
  const subnet = new Subnet(stack.regions['us-east-1']!.network, 'public-on-purpose', {
    provider: stack.providers['us-east-1'],
    vpcId: stack.regions['us-east-1']!.network.vpc.id,
    cidrBlock: '10.10.240.0/24',
    mapPublicIpOnLaunch: true,
  });
  suppressRule(subnet, 'subnet-no-public-ip-on-launch', 'bastion-free lab subnet for a one-off migration test');
  expect(() => Testing.synth(stack, true)).not.toThrow();
  const report = evaluate(modelFromSynth(stack.toTerraform()));
  expect(report.findings).toContainEqual(
    expect.objectContaining({
      ruleId: 'subnet-no-public-ip-on-launch',
      status: 'NON_COMPLIANT',
      suppressedBecause: 'bastion-free lab subnet for a one-off migration test',
    }),
  );
});

test.each([
  ['no-such-rule', 'a perfectly good reason for this', /unknown rule no-such-rule/],
  ['subnet-no-public-ip-on-launch', 'because', /needs a written reason/],
])('fails when a suppression names %s with reason "%s"', (rule, reason, message) => {
  const stack = testStack('dev');
  const subnet = stack.regions['us-east-1']!.network.subnets.public['us-east-1a']!;
  expect(() => suppressRule(subnet, rule, reason)).toThrow(message);
});

test('the summary counts every rule, and every rule applies to something in prod', () => {
  const summary = summarize(evaluate(modelFromSynth(committedStack('prod').toTerraform())));
  const idle = summary.filter((s) => s.compliant + s.nonCompliant + s.suppressed === 0).map((s) => s.ruleId);
  expect(idle).toEqual([]);
});
