/**
 * A synthetic prior state: what an environment's Terraform state would hold had a revision been
 * applied, built offline from that revision's plan (`terraform show -json`). Every planned
 * resource exists with its planned values; every value unknown at plan time (ids, ARNs,
 * endpoints) gets a deterministic placeholder of the type the provider's schema gives it and a
 * shape the provider accepts (an id with its service's prefix, an ARN of the right service,
 * region and account). Write-only values are never written. The state is for `terraform plan
 * -refresh=false` in a scratch directory only.
 *
 * One pass is not enough: a value unknown at plan time (a role's ARN) is referenced by other
 * resources (a policy embedding it), whose planned value was unknown too and got a placeholder of
 * its own. `settleState` therefore plans against the state, copies each planned value back into
 * it (keeping placeholders for values still unknown, so ids stay stable) and plans again, until
 * the plan is empty or stops shrinking.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { Json } from '../../src/policy/model';

/** A cty type as `terraform providers schema -json` writes it: "string", ["list","string"], ["object",{...}]. */
type CtyType = string | [string, unknown];

interface SchemaAttribute {
  type?: CtyType;
  write_only?: boolean;
  /** Plugin-framework nested attributes: their type is implied by the nesting and the attributes. */
  nested_type?: { nesting_mode: string; attributes: Record<string, SchemaAttribute> };
}

interface SchemaBlock {
  attributes?: Record<string, SchemaAttribute>;
  block_types?: Record<string, { nesting_mode: string; block: SchemaBlock }>;
}

/** The cty type of an attribute, nested attributes included. */
function attributeType(a: SchemaAttribute): CtyType | undefined {
  if (a.type) return a.type;
  if (!a.nested_type) return undefined;
  const object: CtyType = [
    'object',
    Object.fromEntries(Object.entries(a.nested_type.attributes).map(([k, v]) => [k, attributeType(v) ?? 'string'])),
  ];
  return a.nested_type.nesting_mode === 'single' ? object : [a.nested_type.nesting_mode, object];
}

/** The provider schemas of a scratch directory, by provider source address. */
export interface ProviderSchemas {
  readonly provider_schemas: Record<string, { resource_schemas: Record<string, { version: number; block: SchemaBlock }> }>;
}

export interface SyntheticStateOptions {
  /** The account placeholders ARNs name. */
  readonly accountId: string;
  /** Region per provider configuration key (`aws.us_east_1` -> `us-east-1`). */
  readonly regions: Readonly<Record<string, string>>;
  /**
   * The synthesized configuration (cdk.tf.json) the plan was made from: an unknown attribute
   * that is a plain reference to another resource's attribute (`${aws_vpc.x.id}`, or a list of
   * them) takes that attribute's placeholder, so fewer rounds are needed to settle.
   */
  readonly configuration?: Json;
}

/** Terraform state, format version 4. */
export interface TerraformState {
  version: 4;
  terraform_version: string;
  serial: number;
  lineage: string;
  outputs: Record<string, { value: unknown; type: unknown; sensitive?: boolean }>;
  resources: StateResource[];
}

interface StateInstance {
  index_key?: string | number;
  schema_version: number;
  attributes: Json;
  sensitive_attributes: unknown[];
}

interface StateResource {
  mode: 'managed';
  type: string;
  name: string;
  provider: string;
  instances: StateInstance[];
}

const hash = (text: string, length = 17): string => createHash('sha256').update(text).digest('hex').slice(0, length);
const uuid = (text: string): string => {
  const h = hash(text, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
};

/** Id prefixes AWS gives resources of these types (EC2 and VPC ids are validated by the provider). */
const ID_PREFIX: Record<string, string> = {
  aws_vpc: 'vpc-',
  aws_subnet: 'subnet-',
  aws_security_group: 'sg-',
  aws_default_security_group: 'sg-',
  aws_route_table: 'rtb-',
  aws_route: 'r-rtb-',
  aws_route_table_association: 'rtbassoc-',
  aws_internet_gateway: 'igw-',
  aws_nat_gateway: 'nat-',
  aws_eip: 'eipalloc-',
  aws_launch_template: 'lt-',
  aws_vpc_endpoint: 'vpce-',
  aws_flow_log: 'fl-',
  aws_vpc_security_group_ingress_rule: 'sgr-',
  aws_vpc_security_group_egress_rule: 'sgr-',
};

/** Types whose id is one of their (configured) names. */
const ID_IS: Record<string, string> = {
  aws_rds_global_cluster: 'global_cluster_identifier',
  aws_rds_cluster: 'cluster_identifier',
  aws_rds_cluster_instance: 'identifier',
  aws_rds_cluster_parameter_group: 'name',
  aws_db_subnet_group: 'name',
  aws_s3_bucket: 'bucket',
  aws_iam_role: 'name',
  aws_iam_instance_profile: 'name',
  aws_cloudwatch_log_group: 'name',
  aws_cloudwatch_metric_alarm: 'alarm_name',
  aws_cloudwatch_dashboard: 'dashboard_name',
  aws_autoscaling_group: 'name',
  aws_kms_alias: 'name',
};

/** Types whose id is their ARN. */
const ID_IS_ARN = new Set([
  'aws_lb',
  'aws_lb_target_group',
  'aws_lb_listener',
  'aws_secretsmanager_secret',
  'aws_acm_certificate',
  'aws_sns_topic',
  'aws_sns_topic_subscription',
]);

/** The service part of ARNs of a resource type. */
function serviceOf(type: string): string {
  const table: [RegExp, string][] = [
    [/^aws_(lb|alb)/, 'elasticloadbalancing'],
    [/^aws_(rds|db)_/, 'rds'],
    [/^aws_cloudwatch_log/, 'logs'],
    [/^aws_cloudwatch_/, 'cloudwatch'],
    // Whole words: aws_route53_record is Route 53, not an EC2 route.
    [/^aws_(vpc|subnet|security_group|default_security_group|route|internet_gateway|nat_gateway|eip|launch_template|flow_log)(_|$)/, 'ec2'],
    [/^aws_secretsmanager/, 'secretsmanager'],
  ];
  return table.find(([re]) => re.test(type))?.[1] ?? type.replace(/^aws_/, '').split('_')[0]!;
}

/** Everything a placeholder depends on: the resource, where in it, and its known values. */
interface Site {
  readonly type: string;
  readonly address: string;
  readonly region: string;
  readonly account: string;
  readonly values: Json;
  readonly path: readonly (string | number)[];
}

function resourceArn(site: Site): string {
  const { type, region, account, address, values } = site;
  const name = String(values.name ?? values.bucket ?? values.identifier ?? values.cluster_identifier ?? hash(address, 8));
  switch (type) {
    case 'aws_iam_role':
      return `arn:aws:iam::${account}:role/${name}`;
    case 'aws_iam_instance_profile':
      return `arn:aws:iam::${account}:instance-profile/${name}`;
    case 'aws_s3_bucket':
      return `arn:aws:s3:::${name}`;
    case 'aws_kms_key':
      return `arn:aws:kms:${region}:${account}:key/${uuid(address)}`;
    case 'aws_kms_alias':
      return `arn:aws:kms:${region}:${account}:${name}`;
    case 'aws_cloudwatch_log_group':
      return `arn:aws:logs:${region}:${account}:log-group:${name}`;
    case 'aws_rds_global_cluster':
      return `arn:aws:rds::${account}:global-cluster:${values.global_cluster_identifier ?? name}`;
    case 'aws_rds_cluster':
      return `arn:aws:rds:${region}:${account}:cluster:${name}`;
    case 'aws_rds_cluster_instance':
      return `arn:aws:rds:${region}:${account}:db:${name}`;
    case 'aws_rds_cluster_parameter_group':
      return `arn:aws:rds:${region}:${account}:cluster-pg:${name}`;
    case 'aws_db_subnet_group':
      return `arn:aws:rds:${region}:${account}:subgrp:${name}`;
    case 'aws_sns_topic':
      return `arn:aws:sns:${region}:${account}:${name}`;
    case 'aws_sns_topic_subscription':
      return `arn:aws:sns:${region}:${account}:topic-${hash(address, 8)}:${uuid(address)}`;
    case 'aws_lb':
      return `arn:aws:elasticloadbalancing:${region}:${account}:loadbalancer/app/${name}/${hash(address, 16)}`;
    case 'aws_lb_target_group':
      return `arn:aws:elasticloadbalancing:${region}:${account}:targetgroup/${name}/${hash(address, 16)}`;
    case 'aws_lb_listener':
      return `arn:aws:elasticloadbalancing:${region}:${account}:listener/app/lb/${hash(address, 16)}/${hash(`${address}/l`, 16)}`;
    case 'aws_secretsmanager_secret':
      return `arn:aws:secretsmanager:${region}:${account}:secret:${name}-${hash(address, 6)}`;
    case 'aws_acm_certificate':
      return `arn:aws:acm:${region}:${account}:certificate/${uuid(address)}`;
    case 'aws_wafv2_web_acl':
      return `arn:aws:wafv2:${region}:${account}:regional/webacl/${name}/${uuid(address)}`;
    case 'aws_autoscaling_group':
      return `arn:aws:autoscaling:${region}:${account}:autoScalingGroup:${uuid(address)}:autoScalingGroupName/${name}`;
    case 'aws_cloudwatch_metric_alarm':
      return `arn:aws:cloudwatch:${region}:${account}:alarm:${values.alarm_name ?? name}`;
    case 'aws_route53_health_check':
      return `arn:aws:route53:::healthcheck/${uuid(address)}`;
    default:
      if (ID_PREFIX[type]) return `arn:aws:ec2:${region}:${account}:${type.replace(/^aws_/, '').replace(/_/g, '-')}/${idOf(site)}`;
      return `arn:aws:${serviceOf(type)}:${region}:${account}:${type.replace(/^aws_/, '')}/${hash(address, 12)}`;
  }
}

function idOf(site: Site): string {
  const { type, address, values } = site;
  if (ID_PREFIX[type]) return `${ID_PREFIX[type]}${hash(address)}`;
  const named = ID_IS[type] ? values[ID_IS[type]] : undefined;
  if (typeof named === 'string') return named;
  if (ID_IS_ARN.has(type)) return resourceArn(site);
  if (type === 'aws_kms_key') return uuid(address);
  if (type.startsWith('aws_s3_bucket_') && typeof values.bucket === 'string') return values.bucket;
  return hash(address);
}

/** A placeholder string for an attribute, shaped after its name (the provider validates some). */
function stringPlaceholder(site: Site): string {
  const attr = String([...site.path].reverse().find((p) => typeof p === 'string') ?? '');
  const h = hash(`${site.address}|${site.path.join('.')}`, 12);
  if (site.path.length === 1 && attr === 'id') return idOf(site);
  if (site.path.length === 1 && attr === 'arn') return resourceArn(site);
  if (attr === 'key_id' && site.type === 'aws_kms_key') return uuid(site.address);
  if (attr === 'resource_record_type') return 'CNAME';
  if (attr === 'resource_record_name') return `_${h}.${site.values.domain_name ?? 'example.com'}.`;
  if (attr === 'resource_record_value') return `_${h}.acm-validations.aws.`;
  if (attr.endsWith('arn')) return `arn:aws:${serviceOf(site.type)}:${site.region}:${site.account}:placeholder/${h}`;
  if (attr === 'arn_suffix') return `app/${site.values.name ?? 'placeholder'}/${h}`;
  if (attr === 'zone_id' || attr === 'hosted_zone_id') return `Z${h.toUpperCase()}`;
  if (attr.endsWith('endpoint') || attr === 'dns_name' || attr === 'address') return `${h}.${site.region}.placeholder.amazonaws.com`;
  if (attr === 'owner_id' || attr.endsWith('account_id')) return site.account;
  if (attr.endsWith('_id') || attr === 'name' || attr.endsWith('_name')) return `placeholder-${h}`;
  // Other computed strings are often enums checked in the provider's plan-time diff (an SNS
  // topic's fifo_throughput_scope): empty is what AWS returns for "not set".
  return '';
}

/** A placeholder of `type` (from the provider schema) for the value at `site`. */
function placeholder(type: CtyType | undefined, site: Site): unknown {
  if (type === 'string' || type === undefined) return stringPlaceholder(site);
  if (type === 'number') return 1;
  if (type === 'bool') return false;
  if (type === 'dynamic') return { value: stringPlaceholder(site), type: 'string' };
  const [kind, inner] = type as [string, unknown];
  // A computed list of objects gets one element: configurations index it (`secret[0].arn`).
  if ((kind === 'list' || kind === 'set') && Array.isArray(inner) && inner[0] === 'object') {
    return [placeholder(inner as CtyType, { ...site, path: [...site.path, 0] })];
  }
  if (kind === 'list' || kind === 'set') return [];
  if (kind === 'map') return {};
  if (kind === 'object') {
    return Object.fromEntries(
      Object.entries(inner as Record<string, CtyType>).map(([k, t]) => [k, placeholder(t, { ...site, path: [...site.path, k] })]),
    );
  }
  return null;
}

/** The cty type of a JSON value, for dynamic attributes and outputs. */
export function impliedType(value: unknown): unknown {
  if (value === null || value === undefined) return 'dynamic';
  if (typeof value === 'string') return 'string';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'boolean') return 'bool';
  if (Array.isArray(value)) return ['tuple', value.map(impliedType)];
  return ['object', Object.fromEntries(Object.entries(value as Json).map(([k, v]) => [k, impliedType(v)]))];
}

/** Type of a nested attribute or block member in the schema, following `path` from `block`. */
function typeAt(block: SchemaBlock | undefined, key: string): { type?: CtyType; block?: SchemaBlock; nesting?: string } {
  const attribute = block?.attributes?.[key];
  if (attribute) return { type: attributeType(attribute) };
  const nested = block?.block_types?.[key];
  return nested ? { block: nested.block, nesting: nested.nesting_mode } : {};
}

/**
 * Fills `unknown` (a plan's after_unknown: true, or a structure of them) into `known`, with
 * placeholders typed by `type` or `block`. Arrays align by index.
 */
function fill(
  known: unknown,
  unknown: unknown,
  type: CtyType | undefined,
  block: SchemaBlock | undefined,
  site: Site,
  nesting?: string,
): unknown {
  if (unknown === true) {
    // A whole unknown nested block: none (list, set, map) or null (single); a later round
    // copies what the provider plans for it.
    if (block) return nesting === 'single' || nesting === 'group' ? null : nesting === 'map' ? {} : [];
    return placeholder(type, site);
  }
  if (Array.isArray(unknown)) {
    const list = Array.isArray(known) ? [...known] : [];
    const elementType = Array.isArray(type) ? (type[1] as CtyType) : undefined;
    unknown.forEach((u, i) => {
      // Elements of a nested block list are single blocks of that schema.
      if (u !== false && u !== undefined)
        list[i] = fill(list[i], u, elementType, block, { ...site, path: [...site.path, i] }, block ? 'element' : undefined);
    });
    return list;
  }
  if (unknown && typeof unknown === 'object') {
    const object: Json = known && typeof known === 'object' && !Array.isArray(known) ? { ...(known as Json) } : {};
    for (const [k, u] of Object.entries(unknown as Json)) {
      if (u === false) continue;
      const sub = block
        ? typeAt(block, k)
        : { type: Array.isArray(type) && type[0] === 'object' ? (type[1] as Record<string, CtyType>)[k] : undefined };
      object[k] = fill(object[k], u, sub.type, sub.block, { ...site, path: [...site.path, k] }, sub.nesting);
    }
    return object;
  }
  return known;
}

/** Top-level attributes of an instance: planned values, unknowns filled, write-only nulled, dynamic wrapped. */
function instanceAttributes(values: Json, afterUnknown: Json, schema: SchemaBlock, site: Site): Json {
  const attributes: Json = { ...values };
  for (const [key, unknown] of Object.entries(afterUnknown ?? {})) {
    if (unknown === false) continue;
    const { type, block, nesting } = typeAt(schema, key);
    attributes[key] = fill(attributes[key], unknown, type, block, { ...site, values, path: [key] }, nesting);
  }
  for (const [key, a] of Object.entries(schema.attributes ?? {})) {
    if (a.write_only) attributes[key] = null;
    else if (attributeType(a) === 'dynamic' && attributes[key] !== undefined && !isWrappedDynamic(attributes[key])) {
      attributes[key] = attributes[key] === null ? null : { value: attributes[key], type: impliedType(attributes[key]) };
    }
  }
  return attributes;
}

function isWrappedDynamic(v: unknown): boolean {
  return (
    !!v &&
    typeof v === 'object' &&
    !Array.isArray(v) &&
    'value' in (v as Json) &&
    'type' in (v as Json) &&
    Object.keys(v as Json).length === 2
  );
}

/** `aws.us_east_1` + `registry.terraform.io/hashicorp/aws` -> `provider["registry.terraform.io/hashicorp/aws"].us_east_1` */
function providerAddress(configKey: string | undefined, providerName: string): string {
  const alias = configKey && configKey.includes('.') ? configKey.split('.').slice(1).join('.') : undefined;
  return `provider["${providerName}"]${alias ? `.${alias}` : ''}`;
}

/** Schema of a resource type from the provider schemas, or a refusal naming what is missing. */
function resourceSchema(schemas: ProviderSchemas, providerName: string, type: string): { version: number; block: SchemaBlock } {
  const schema = schemas.provider_schemas[providerName]?.resource_schemas?.[type];
  if (!schema) throw new Error(`the provider schema of ${providerName} has no resource type ${type}`);
  return schema;
}

/**
 * The state a plan's revision would leave: one instance per planned resource instance. `previous`
 * supplies placeholders already chosen (so ids stay stable over the rounds of `settleState`).
 */
export function stateFromPlan(
  plan: Json,
  schemas: ProviderSchemas,
  options: SyntheticStateOptions,
  previous?: TerraformState,
): TerraformState {
  const configKeys: Record<string, string> = {};
  for (const r of (plan.configuration?.root_module?.resources ?? []) as Json[]) configKeys[r.address] = r.provider_config_key;
  const previousAttributes = new Map<string, Json>();
  for (const r of previous?.resources ?? []) {
    for (const i of r.instances) previousAttributes.set(instanceAddress(r.type, r.name, i.index_key), i.attributes);
  }
  const byResource = new Map<string, StateResource>();
  for (const rc of (plan.resource_changes ?? []) as Json[]) {
    if (rc.mode !== 'managed') continue;
    const actions: string[] = rc.change.actions;
    if (actions.length === 1 && actions[0] === 'delete') continue;
    const configAddress = `${rc.type}.${rc.name}`;
    const configKey = configKeys[configAddress];
    const region = options.regions[configKey ?? ''] ?? 'us-east-1';
    const { version, block } = resourceSchema(schemas, rc.provider_name, rc.type);
    const address = rc.address as string;
    const site: Site = { type: rc.type, address, region, account: options.accountId, values: rc.change.after ?? {}, path: [] };
    let attributes = instanceAttributes(rc.change.after ?? {}, rc.change.after_unknown ?? {}, block, site);
    const earlier = previousAttributes.get(address);
    if (earlier) attributes = keepEarlierPlaceholders(attributes, earlier, rc.change.after_unknown ?? {});
    const resource: StateResource = byResource.get(configAddress) ?? {
      mode: 'managed',
      type: rc.type,
      name: rc.name,
      provider: providerAddress(configKey, rc.provider_name),
      instances: [],
    };
    const instance: StateInstance = {
      schema_version: version,
      attributes,
      sensitive_attributes: sensitivePaths(rc.change.after_sensitive),
    };
    if (rc.index !== undefined && rc.index !== null) instance.index_key = rc.index;
    resource.instances.push(instance);
    byResource.set(configAddress, resource);
  }
  if (!previous && options.configuration) resolvePlainReferences([...byResource.values()], plan, options.configuration);
  const outputs: TerraformState['outputs'] = {};
  for (const [name, oc] of Object.entries((plan.output_changes ?? {}) as Record<string, Json>)) {
    if (oc.actions?.includes('delete') && !oc.actions.includes('create')) continue;
    const site: Site = {
      type: 'output',
      address: `output.${name}`,
      region: 'us-east-1',
      account: options.accountId,
      values: {},
      path: [name],
    };
    const value = fill(oc.after, oc.after_unknown, undefined, undefined, site);
    const earlier = previous?.outputs[name];
    const settled = earlier && oc.after_unknown ? keepEarlierPlaceholders(value as Json, earlier.value as Json, oc.after_unknown) : value;
    outputs[name] = { value: settled, type: impliedType(settled), ...(oc.after_sensitive === true ? { sensitive: true } : {}) };
  }
  return {
    version: 4,
    terraform_version: String(plan.terraform_version ?? '1.11.4'),
    serial: (previous?.serial ?? 0) + 1,
    lineage: previous?.lineage ?? uuid(`lineage|${JSON.stringify(Object.keys(configKeys).sort())}`),
    outputs,
    resources: [...byResource.values()],
  };
}

const PLAIN_REFERENCE = /^\$\{((?:aws|terraform)_[a-z0-9_]+)\.([A-Za-z0-9_-]+)\.([a-z0-9_]+)\}$/;

/**
 * Unknown top-level attributes whose configuration is a plain reference (or a list of them)
 * take the referenced attribute's value, resolved depth first. Instances of for_each resources
 * are left to the rounds.
 */
function resolvePlainReferences(resources: StateResource[], plan: Json, configuration: Json): void {
  const single = new Map<string, StateInstance>();
  for (const r of resources)
    if (r.instances.length === 1 && r.instances[0]!.index_key === undefined) single.set(`${r.type}.${r.name}`, r.instances[0]!);
  const unknownOf = new Map<string, Json>();
  // A copy: resolved attributes are marked here, never in the plan.
  for (const rc of (plan.resource_changes ?? []) as Json[]) unknownOf.set(rc.address, { ...(rc.change?.after_unknown ?? {}) });
  const resolving = new Set<string>();
  const resolveAttr = (address: string, attr: string): unknown => {
    const instance = single.get(address);
    if (!instance) return undefined;
    const key = `${address}.${attr}`;
    if (unknownOf.get(address)?.[attr] === true && !resolving.has(key)) {
      resolving.add(key);
      const [type, name] = address.split('.') as [string, string];
      const source = configuration.resource?.[type]?.[name]?.[attr];
      const value = resolveValue(source);
      if (value !== undefined) instance.attributes[attr] = value;
      unknownOf.get(address)![attr] = false;
    }
    return instance.attributes[attr];
  };
  const resolveValue = (source: unknown): unknown => {
    if (typeof source === 'string') {
      const m = PLAIN_REFERENCE.exec(source);
      if (m) return resolveAttr(`${m[1]}.${m[2]}`, m[3]!);
      // A template whose every interpolation is a plain reference (a policy document with ARNs).
      const parts = [...source.matchAll(/\$\{([^}]*)\}/g)];
      if (parts.length === 0 || source.includes('%{')) return undefined;
      let out = source;
      for (const [whole] of parts) {
        const ref = PLAIN_REFERENCE.exec(whole);
        const value = ref ? resolveAttr(`${ref[1]}.${ref[2]}`, ref[3]!) : undefined;
        if (typeof value !== 'string') return undefined;
        out = out.split(whole).join(value);
      }
      return out;
    }
    if (Array.isArray(source) && source.length > 0 && source.every((v) => typeof v === 'string' && PLAIN_REFERENCE.test(v))) {
      const values = source.map(resolveValue);
      return values.every((v) => typeof v === 'string') ? values : undefined;
    }
    return undefined;
  };
  for (const [address, unknown] of unknownOf) {
    for (const [attr, u] of Object.entries(unknown)) if (u === true) resolveAttr(address, attr);
  }
}

/**
 * A plan's after_sensitive (true, or a structure of them) as the state's sensitive_attributes
 * paths. A state without them makes Terraform plan an update that only changes sensitivity.
 */
function sensitivePaths(sensitive: unknown, at: unknown[] = []): unknown[] {
  if (sensitive === true) return at.length > 0 ? [at] : [];
  if (Array.isArray(sensitive)) {
    return sensitive.flatMap((v, i) => sensitivePaths(v, [...at, { type: 'index', value: { value: i, type: 'number' } }]));
  }
  if (sensitive && typeof sensitive === 'object') {
    return Object.entries(sensitive as Json).flatMap(([k, v]) => sensitivePaths(v, [...at, { type: 'get_attr', value: k }]));
  }
  return [];
}

function instanceAddress(type: string, name: string, index?: string | number): string {
  return `${type}.${name}${index === undefined ? '' : `[${JSON.stringify(index)}]`}`;
}

/** Where a value is still unknown, the placeholder of an earlier round wins: ids stay stable. */
function keepEarlierPlaceholders(now: Json, earlier: Json, unknown: unknown): Json {
  if (unknown === true) return earlier;
  if (Array.isArray(unknown) && Array.isArray(now) && Array.isArray(earlier)) {
    return now.map((v, i) => (unknown[i] ? keepEarlierPlaceholders(v, earlier[i], unknown[i]) : v)) as unknown as Json;
  }
  if (unknown && typeof unknown === 'object' && now && typeof now === 'object' && earlier && typeof earlier === 'object') {
    const out: Json = { ...now };
    for (const [k, u] of Object.entries(unknown as Json)) {
      if (u && k in earlier) out[k] = keepEarlierPlaceholders(now[k], earlier[k], u);
    }
    return out;
  }
  return now;
}

/** Writes the state where a local backend keeps workspace `workspace`, in the scratch directory. */
export function writeWorkspaceState(scratchDir: string, workspace: string, state: TerraformState): string {
  const dir = workspace === 'default' ? scratchDir : path.join(scratchDir, 'terraform.tfstate.d', workspace);
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'terraform.tfstate');
  writeFileSync(file, JSON.stringify(state, null, 1));
  return file;
}

/** Addresses of a plan whose actions are not a no-op (read excluded). */
export function changedAddresses(plan: Json): string[] {
  return ((plan.resource_changes ?? []) as Json[])
    .filter((rc) => rc.mode === 'managed' && !(rc.change.actions.length === 1 && rc.change.actions[0] === 'no-op'))
    .map((rc) => rc.address as string);
}

export interface SettleResult {
  readonly state: TerraformState;
  /** Resource changes left after the last round (empty when the state settled). */
  readonly remaining: string[];
  /** Changes per round, for the log. */
  readonly rounds: number[];
  /** The last plan made against the state. */
  readonly plan: Json;
}

/**
 * The fixed point: plan against the state, copy the planned values back, plan again, until the
 * plan is empty or stops shrinking (at most `maxRounds` plans).
 */
export function settleState(
  initial: TerraformState,
  replan: (state: TerraformState) => Json,
  buildFrom: (plan: Json, previous: TerraformState) => TerraformState,
  maxRounds = 6,
): SettleResult {
  let state = initial;
  const rounds: number[] = [];
  let plan = replan(state);
  for (;;) {
    const changed = changedAddresses(plan);
    rounds.push(changed.length);
    const shrinking = rounds.length < 2 || changed.length < rounds[rounds.length - 2]!;
    if (changed.length === 0 || !shrinking || rounds.length >= maxRounds) return { state, remaining: changed, rounds, plan };
    // stateFromPlan keeps the earlier round's lineage and placeholders and raises the serial.
    state = buildFrom(plan, state);
    plan = replan(state);
  }
}
