/**
 * What the policy rules look at: the resources of one Terraform configuration, read either from
 * the synthesized JSON (cdk.tf.json) or from a plan (`terraform show -json`), behind one API.
 */

/** Terraform JSON (synthesized or plan): untyped by nature; rules check what they read. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = Record<string, any>;

/** Where the model was read from; a few facts (lifecycle, suppressions) exist in only one. */
export type Source = 'synth' | 'plan';

export interface PolicyResource {
  /** `type.name`, as Terraform addresses it (without module or index). */
  readonly address: string;
  readonly type: string;
  readonly name: string;
  /** Region of the resource's provider; undefined when it has none. */
  readonly region?: string;
  /** The provider reference, e.g. `aws.us_east_1`; undefined when none is set. */
  readonly provider?: string;
  /**
   * Values. From synth, references stay as `${...}` strings; from a plan, values known only
   * after apply are absent.
   */
  readonly values: Json;
  /** Attribute -> addresses it references (`aws_vpc.x`), from `${...}` or plan expressions. */
  readonly references: Readonly<Record<string, readonly string[]>>;
  /** `lifecycle` block (synth only). */
  readonly lifecycle?: Json;
}

export interface PolicySuppression {
  readonly ruleId: string;
  readonly address: string;
  readonly reason: string;
}

export interface PolicyModel {
  readonly source: Source;
  readonly resources: readonly PolicyResource[];
  /** Provider reference (`aws.us_east_1`) -> its settings. */
  readonly providers: Readonly<Record<string, Json>>;
  readonly suppressions: readonly PolicySuppression[];
}

const REF = /\$\{([^}]*)\}/g;
// Managed resources only: `data.aws_vpc.main` names a data source, not the resource aws_vpc.main.
const ADDRESS = /(?<!data\.)\b((?:aws|random|terraform)_[a-z0-9_]+)\.([A-Za-z0-9_-]+)/g;
const ATTRIBUTE = /(?<!data\.)\b((?:aws|random|terraform)_[a-z0-9_]+)\.([A-Za-z0-9_-]+)\.([a-z0-9_]+)/g;

/** Addresses referenced anywhere inside a value (strings with `${...}` interpolations). */
function referencesIn(value: unknown): string[] {
  const found = new Set<string>();
  const visit = (v: unknown): void => {
    if (typeof v === 'string') {
      for (const m of v.matchAll(REF)) for (const a of m[1]!.matchAll(ADDRESS)) found.add(`${a[1]}.${a[2]}`);
    } else if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === 'object') Object.values(v).forEach(visit);
  };
  visit(value);
  return [...found];
}

/** The model of a synthesized stack (the object cdktf writes to cdk.tf.json). */
export function modelFromSynth(stack: Json): PolicyModel {
  const providers: Record<string, Json> = {};
  for (const [type, list] of Object.entries((stack.provider ?? {}) as Record<string, Json[]>)) {
    for (const p of list) providers[p.alias ? `${type}.${p.alias}` : type] = p;
  }
  const resources: PolicyResource[] = [];
  const suppressions: PolicySuppression[] = [];
  for (const [type, byName] of Object.entries((stack.resource ?? {}) as Record<string, Record<string, Json>>)) {
    for (const [name, body] of Object.entries(byName)) {
      const { provider, lifecycle, depends_on: _dependsOn, '//': meta, ...rest } = body;
      const address = `${type}.${name}`;
      for (const s of (meta?.policy_suppressions ?? []) as { rule: string; reason: string }[]) {
        suppressions.push({ ruleId: s.rule, address, reason: s.reason });
      }
      const references = Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, referencesIn(v)]));
      const region = provider ? providers[provider]?.region : undefined;
      resources.push({ address, type, name, provider, region, values: rest, references, lifecycle });
    }
  }
  resources.push(...configurationBlocks(stack));
  return { source: 'synth', resources, providers, suppressions };
}

/** Pseudo-resource type of the backend block (`terraform_backend.s3`), for rules on the backend. */
export const BACKEND_TYPE = 'terraform_backend';
/** Pseudo-resource type of outputs (`terraform_output.<name>`), for rules on what outputs expose. */
export const OUTPUT_TYPE = 'terraform_output';

/** The backend and the outputs of a synthesized stack, as pseudo-resources rules can look at. */
function configurationBlocks(stack: Json): PolicyResource[] {
  const blocks: PolicyResource[] = [];
  for (const [kind, body] of Object.entries((stack.terraform?.backend ?? {}) as Record<string, Json>)) {
    blocks.push({ address: `${BACKEND_TYPE}.${kind}`, type: BACKEND_TYPE, name: kind, values: body, references: {} });
  }
  for (const [name, body] of Object.entries((stack.output ?? {}) as Record<string, Json>)) {
    blocks.push({
      address: `${OUTPUT_TYPE}.${name}`,
      type: OUTPUT_TYPE,
      name,
      values: body,
      references: { value: referencesIn(body.value) },
    });
  }
  return blocks;
}

/** Addresses and attributes an output's value reads, e.g. `aws_rds_cluster.x.endpoint`, from synth or plan. */
export function attributeReferences(resource: PolicyResource): string[] {
  const found = new Set<string>();
  const visit = (v: unknown): void => {
    if (typeof v === 'string') {
      for (const m of v.matchAll(REF)) for (const a of m[1]!.matchAll(ATTRIBUTE)) found.add(`${a[1]}.${a[2]}.${a[3]}`);
    } else if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === 'object') Object.values(v).forEach(visit);
  };
  visit(resource.values.value);
  for (const ref of (resource.values.references ?? []) as string[])
    for (const a of ref.matchAll(ATTRIBUTE)) found.add(`${a[1]}.${a[2]}.${a[3]}`);
  return [...found];
}

/**
 * The model of a plan (`terraform show -json`): planned values, with references from the
 * configuration. Suppressions come from the synthesized JSON the plan was made from.
 */
export function modelFromPlan(plan: Json, suppressions: readonly PolicySuppression[] = []): PolicyModel {
  const config = plan.configuration ?? {};
  const providers: Record<string, Json> = {};
  for (const [key, p] of Object.entries((config.provider_config ?? {}) as Record<string, Json>)) {
    const settings: Json = {};
    for (const [k, e] of Object.entries((p.expressions ?? {}) as Record<string, Json>)) {
      settings[k] = Array.isArray(e) ? e.map(constantOf) : constantOf(e);
    }
    providers[key] = { ...settings, alias: p.alias };
  }
  const configured: Record<string, Json> = {};
  for (const r of (config.root_module?.resources ?? []) as Json[]) configured[r.address] = r;

  const resources: PolicyResource[] = [];
  for (const r of (plan.planned_values?.root_module?.resources ?? []) as Json[]) {
    if (r.mode !== 'managed') continue;
    const address = `${r.type}.${r.name}`;
    const c = configured[address] ?? {};
    const references: Record<string, string[]> = {};
    for (const [k, e] of Object.entries((c.expressions ?? {}) as Record<string, Json>)) references[k] = expressionRefs(e);
    const provider = c.provider_config_key as string | undefined;
    resources.push({
      address,
      type: r.type,
      name: r.name,
      provider,
      region: provider ? providers[provider]?.region : undefined,
      values: r.values ?? {},
      references,
    });
  }
  for (const [name, o] of Object.entries((config.root_module?.outputs ?? {}) as Record<string, Json>)) {
    const references = (o.expression?.references ?? []) as string[];
    resources.push({
      address: `${OUTPUT_TYPE}.${name}`,
      type: OUTPUT_TYPE,
      name,
      values: { references, description: o.description },
      references: { value: expressionRefs(o.expression) },
    });
  }
  // for_each instances share a configuration address: keep one entry per address.
  const unique = [...new Map(resources.map((r) => [r.address, r])).values()];
  return { source: 'plan', resources: unique, providers, suppressions };
}

function constantOf(expression: Json | undefined): unknown {
  if (!expression || typeof expression !== 'object') return undefined;
  if ('constant_value' in expression) return expression.constant_value;
  // A setting computed from variables or other objects has no constant value in the plan.
  if ('references' in expression) return undefined;
  return Object.fromEntries(Object.entries(expression).map(([k, v]) => [k, Array.isArray(v) ? v.map(constantOf) : constantOf(v as Json)]));
}

/** Addresses an expression (or nested block of expressions) references, without attributes. */
function expressionRefs(expression: unknown): string[] {
  const found = new Set<string>();
  const visit = (e: unknown): void => {
    if (Array.isArray(e)) e.forEach(visit);
    else if (e && typeof e === 'object') {
      const refs = (e as Json).references;
      if (Array.isArray(refs)) for (const ref of refs) for (const a of String(ref).matchAll(ADDRESS)) found.add(`${a[1]}.${a[2]}`);
      for (const [k, v] of Object.entries(e)) if (k !== 'references') visit(v);
    }
  };
  visit(expression);
  return [...found];
}

/** A nested block, whether written as an object (cdktf) or a one-element list (plans). */
export function block(values: Json, key: string): Json | undefined {
  const v = values[key];
  return Array.isArray(v) ? v[0] : (v ?? undefined);
}

/** Nested blocks as a list. */
export function blocks(values: Json, key: string): Json[] {
  const v = values[key];
  return v === undefined || v === null ? [] : Array.isArray(v) ? v : [v];
}

/** Whether the attribute has a value now or a reference that gives it one at apply. */
export function isSet(resource: PolicyResource, key: string): boolean {
  const v = resource.values[key];
  return (v !== undefined && v !== null && v !== '') || (resource.references[key]?.length ?? 0) > 0;
}

/** Parses a JSON policy document attribute; undefined when unknown or not JSON. */
export function policyDocument(resource: PolicyResource, key = 'policy'): { Statement: Json[] } | undefined {
  const v = resource.values[key];
  if (typeof v !== 'string') return undefined;
  try {
    const doc = JSON.parse(v);
    return { Statement: [doc.Statement].flat().filter(Boolean) };
  } catch {
    return undefined;
  }
}
