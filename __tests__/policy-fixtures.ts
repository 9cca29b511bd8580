/**
 * Fixtures of the policy tests: policy models built from small hand-written JSON, no stacks.
 * `model({ 'aws_vpc.v': { cidr_block: '10.0.0.0/16' } })` is a synthesized stack's model;
 * `planModel({ 'aws_vpc.v': { values, expressions } })` a plan's (`terraform show -json`).
 */
import { Json, PolicyModel, modelFromPlan, modelFromSynth } from '../src/policy/model';
import { Rule, RuleResult } from '../src/policy/rule';
import { RULES } from '../src/policy/rules';

export type Resources = Record<string, Json>;

export const TAGS = { Project: 'platform', Environment: 'dev', Owner: 'team', CostCenter: 'cc', ManagedBy: 'cdktf' };

/**
 * A synthesized-stack model from `{ 'type.name': values }`; every resource gets the us-east-1
 * provider unless it sets one (`provider: undefined`: none). Three providers exist (`us_east_1`,
 * `eu_west_1`, `untagged`); `providers` adds more. Pseudo-types: `terraform_backend.<type>` is the
 * backend, `terraform_output.<name>` an output, `provider_pin.x` `{ accounts }` sets every
 * provider's allowed_account_ids.
 */
export function model(resources: Resources, providers: Json[] = []): PolicyModel {
  const stack: Json = {
    provider: {
      aws: [
        { alias: 'us_east_1', region: 'us-east-1', default_tags: [{ tags: TAGS }] },
        { alias: 'eu_west_1', region: 'eu-west-1', default_tags: [{ tags: TAGS }] },
        { alias: 'untagged', region: 'us-east-1' },
        ...providers,
      ],
    },
    resource: {},
  };
  for (const [address, values] of Object.entries(resources)) {
    const [type, name] = address.split('.') as [string, string];
    // The backend and outputs are written where cdktf writes them, and read as pseudo-resources.
    if (type === 'terraform_backend') {
      stack.terraform = { backend: { [name]: values } };
      continue;
    }
    if (type === 'terraform_output') {
      stack.output ??= {};
      stack.output[name] = values;
      continue;
    }
    if (type === 'provider_pin') {
      for (const p of stack.provider.aws) p.allowed_account_ids = values.accounts;
      continue;
    }
    stack.resource[type] ??= {};
    stack.resource[type][name] = { provider: 'aws.us_east_1', ...values };
  }
  // Frozen: a synth writes the very JSON the pack read in its validation (platform-stack.ts), so a
  // rule that changed a value in place (a sort, an assignment) would change what is deployed. Here
  // it throws instead, in every rule's compliant and non-compliant fixture.
  return modelFromSynth(deepFreeze(stack));
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** One rule on `subject` of a synthesized-stack fixture. */
export function evaluate(rule: Rule, subject: string, resources: Resources, providers: Json[] = []): RuleResult {
  return evaluateIn(model(resources, providers), rule, subject);
}

/** The rule's verdict on `subject` within the model `m` (a synth or a plan model). */
function evaluateIn(m: PolicyModel, rule: Rule, subject: string): RuleResult {
  const resource = m.resources.find((r) => r.address === subject);
  if (!resource) throw new Error(`fixture lacks ${subject}`);
  return rule.evaluate(resource, m);
}

export type PlanResources = Record<string, { values?: Json; expressions?: Json; provider?: string }>;

/** A plan model from `{ 'type.name': { values, expressions, provider } }`: providers `aws.us_east_1` (the default) and `aws.eu_west_1`. */
export function planModel(resources: PlanResources): PolicyModel {
  const entries = Object.entries(resources);
  return modelFromPlan({
    planned_values: {
      root_module: {
        resources: entries.map(([address, r]) => {
          const [type, name] = address.split('.');
          return { mode: 'managed', type, name, values: r.values ?? {} };
        }),
      },
    },
    configuration: {
      provider_config: {
        'aws.us_east_1': { name: 'aws', alias: 'us_east_1', expressions: { region: { constant_value: 'us-east-1' } } },
        'aws.eu_west_1': { name: 'aws', alias: 'eu_west_1', expressions: { region: { constant_value: 'eu-west-1' } } },
      },
      root_module: {
        resources: entries.map(([address, r]) => ({
          address,
          provider_config_key: r.provider ?? 'aws.us_east_1',
          expressions: r.expressions ?? {},
        })),
      },
    },
  });
}

/** One rule on `subject` of a plan fixture. */
export function evaluatePlan(rule: Rule, subject: string, resources: PlanResources): RuleResult {
  return evaluateIn(planModel(resources), rule, subject);
}

/** A plan expression referencing `address.attribute`, as Terraform writes it. */
export const ref = (address: string, attribute: string) => ({ references: [`${address}.${attribute}`, address] });

/** The pack's rule of this id. */
export const byId = (id: string): Rule => {
  const rule = RULES.find((r) => r.id === id);
  if (!rule) throw new Error(`no rule ${id}`);
  return rule;
};

export const ok: RuleResult = { status: 'COMPLIANT' };
export const fails = (message: string): RuleResult => ({ status: 'NON_COMPLIANT', message });
export const na = (message: string): RuleResult => ({ status: 'NOT_APPLICABLE', message });
