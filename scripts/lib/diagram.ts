/**
 * An architecture diagram (Graphviz DOT) drawn from a synthesized stack: regions as clusters with
 * their tiers, the path load balancer -> instances -> database, global replication, and keys.
 */
import { Json } from '../../src/policy/model';

interface RegionView {
  readonly region: string;
  readonly alias: string;
  readonly vpcCidr?: string;
  readonly subnets: Record<string, number>;
  readonly natGateways: number;
  readonly loadBalancer?: string;
  readonly waf: boolean;
  readonly instanceType?: string;
  readonly sizes?: string;
  readonly cluster?: string;
  readonly instances: number;
  readonly role: 'primary' | 'secondary' | 'regional';
  readonly keyAlias?: string;
  readonly listeners: string[];
}

const id = (s: string) => s.replace(/[^A-Za-z0-9]/g, '_');
const quote = (s: string) => JSON.stringify(s);

function regionViews(stack: Json): RegionView[] {
  const resources = (stack.resource ?? {}) as Record<string, Record<string, Json>>;
  const of = (type: string, provider: string) => Object.values(resources[type] ?? {}).filter((r) => r.provider === provider);
  return ((stack.provider?.aws ?? []) as Json[]).map((p) => {
    const ref = `aws.${p.alias}`;
    const subnets: Record<string, number> = {};
    for (const s of of('aws_subnet', ref)) subnets[s.tags?.Tier ?? 'other'] = (subnets[s.tags?.Tier ?? 'other'] ?? 0) + 1;
    const cluster = of('aws_rds_cluster', ref)[0];
    const asg = of('aws_autoscaling_group', ref)[0];
    const role = !cluster?.global_cluster_identifier
      ? 'regional'
      : cluster.master_password_wo || cluster.master_username
        ? 'primary'
        : 'secondary';
    return {
      region: p.region,
      alias: p.alias,
      vpcCidr: of('aws_vpc', ref)[0]?.cidr_block,
      subnets,
      natGateways: of('aws_nat_gateway', ref).length,
      loadBalancer: of('aws_lb', ref)[0]?.name,
      waf: of('aws_wafv2_web_acl', ref).length > 0,
      instanceType: of('aws_launch_template', ref)[0]?.instance_type,
      sizes: asg ? `${asg.min_size}-${asg.max_size}` : undefined,
      cluster: cluster?.cluster_identifier,
      instances: of('aws_rds_cluster_instance', ref).length,
      role,
      keyAlias: of('aws_kms_alias', ref)[0]?.name,
      listeners: of('aws_lb_listener', ref).map((l) => `${l.protocol}:${l.port}`),
    };
  });
}

export function diagramDot(stack: Json, title: string): string {
  const resources = (stack.resource ?? {}) as Record<string, Record<string, Json>>;
  const views = regionViews(stack);
  const lines: string[] = [
    'digraph platform {',
    `  label=${quote(title)}; labelloc=t; fontsize=20; fontname="Helvetica";`,
    '  rankdir=LR; compound=true; newrank=true; nodesep=0.3; ranksep=0.6;',
    '  node [shape=box, style="rounded,filled", fillcolor="#ffffff", fontname="Helvetica", fontsize=11];',
    '  edge [fontname="Helvetica", fontsize=9];',
    '  users [label="Users", shape=ellipse, fillcolor="#f0f0f0"];',
  ];
  const records = Object.values(resources.aws_route53_record ?? {}).filter((r) => r.set_identifier);
  if (records.length > 0) {
    lines.push(
      `  dns [label=${quote(`Route 53 latency records\n${records[0]!.name}\n+ health checks`)}, fillcolor="#fff4d6"];`,
      '  users -> dns;',
    );
  }
  for (const v of views) {
    const r = id(v.region);
    const tier = (name: string, label: string, color: string, body: string[]) => [
      `    subgraph cluster_${r}_${name} {`,
      `      label=${quote(`${label} subnets x${v.subnets[name] ?? 0}`)}; style="filled,rounded"; fillcolor=${quote(color)}; color="#999999";`,
      ...body.map((b) => `      ${b}`),
      '    }',
    ];
    lines.push(
      `  subgraph cluster_${r} {`,
      `    label=${quote(`${v.region}${v.role === 'primary' ? ' (primary)' : ''}  VPC ${v.vpcCidr ?? ''}`)}; style="rounded"; color="#232f3e"; penwidth=2;`,
      ...tier('public', 'public', '#e8f4ea', [
        `alb_${r} [label=${quote(`ALB ${v.loadBalancer ?? ''}\n${v.listeners.join(', ')}${v.waf ? '\n+ WAF web ACL' : ''}`)}, fillcolor="#d7ecff"];`,
        `nat_${r} [label=${quote(`NAT gateway x${v.natGateways}`)}];`,
      ]),
      ...tier('private', 'private (application)', '#eef3fb', [
        `asg_${r} [label=${quote(`Auto Scaling group\n${v.instanceType ?? ''} x ${v.sizes ?? ''}`)}, fillcolor="#ffe9cc"];`,
      ]),
      ...tier('database', 'database', '#f6ecf7', [
        `db_${r} [label=${quote(`Aurora PostgreSQL ${v.role}\n${v.cluster ?? ''}\n${v.instances} instance(s)`)}, shape=cylinder, fillcolor="#e5d4f0"];`,
      ]),
      `    key_${r} [label=${quote(`KMS ${v.keyAlias ?? 'key'}\n(rotation on)`)}, shape=note, fillcolor="#fff8c4"];`,
      '  }',
      `  ${records.length > 0 ? 'dns' : 'users'} -> alb_${r} [label="HTTP(S)"];`,
      `  alb_${r} -> asg_${r} [label="app port"];`,
      `  asg_${r} -> db_${r} [label="5432 TLS"];`,
      `  asg_${r} -> nat_${r} [style=dashed, label="HTTPS out"];`,
      `  key_${r} -> db_${r} [style=dotted, arrowhead=none, label="encrypts"];`,
    );
  }
  const globalCluster = Object.values(resources.aws_rds_global_cluster ?? {})[0];
  const primary = views.find((v) => v.role === 'primary');
  if (globalCluster && primary) {
    lines.push(
      `  global [label=${quote(`Aurora global database\n${globalCluster.global_cluster_identifier}`)}, shape=cylinder, fillcolor="#d9c2ea"];`,
      `  global -> db_${id(primary.region)} [style=dotted, arrowhead=none];`,
    );
    for (const v of views.filter((x) => x.role === 'secondary')) {
      lines.push(`  db_${id(primary.region)} -> db_${id(v.region)} [style=dashed, color="#7b3fa0", label="global replication"];`);
    }
  }
  const secret = Object.values(resources.aws_secretsmanager_secret ?? {})[0];
  if (secret && primary) {
    const replicas = [secret.replica ?? []].flat().map((x: Json) => x.region);
    lines.push(
      `  secret [label=${quote(`Secret ${secret.name}\nreplicas: ${replicas.join(', ')}`)}, shape=note, fillcolor="#fde2e2"];`,
      `  secret -> db_${id(primary.region)} [style=dotted, arrowhead=none, label="master credentials"];`,
    );
  }
  lines.push('}');
  return lines.join('\n') + '\n';
}

/** Renders DOT to SVG with Graphviz compiled to WebAssembly (no native install). */
export async function renderSvg(dot: string): Promise<string> {
  const { Graphviz } = await import('@hpcc-js/wasm-graphviz');
  const graphviz = await Graphviz.load();
  return graphviz.dot(dot);
}
