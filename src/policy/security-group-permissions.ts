import { Json, PolicyResource, blocks } from './model';

/** One ingress or egress permission, from a rule resource or an inline block. */
export interface SgPermission {
  readonly protocol: string;
  readonly from?: number;
  readonly to?: number;
  readonly cidrs: string[];
  readonly description?: string;
}

function normalizeProtocol(p: unknown): string {
  const s = String(p ?? '').toLowerCase();
  return s === '6' ? 'tcp' : s === '17' ? 'udp' : s === 'all' ? '-1' : s;
}

function permission(v: Json): SgPermission {
  const cidrs = [v.cidr_ipv4, v.cidr_ipv6, ...(v.cidr_blocks ?? []), ...(v.ipv6_cidr_blocks ?? [])].filter((c) => typeof c === 'string');
  return { protocol: normalizeProtocol(v.ip_protocol ?? v.protocol), from: v.from_port, to: v.to_port, cidrs, description: v.description };
}

/** Ingress permissions declared by a security group (inline) or an ingress rule resource. */
export function ingressRules(resource: PolicyResource): SgPermission[] {
  if (resource.type === 'aws_vpc_security_group_ingress_rule') return [permission(resource.values)];
  if (resource.type === 'aws_security_group_rule') return resource.values.type === 'ingress' ? [permission(resource.values)] : [];
  return blocks(resource.values, 'ingress').map(permission);
}

/** Egress permissions, likewise. */
export function egressRules(resource: PolicyResource): SgPermission[] {
  if (resource.type === 'aws_vpc_security_group_egress_rule') return [permission(resource.values)];
  if (resource.type === 'aws_security_group_rule') return resource.values.type === 'egress' ? [permission(resource.values)] : [];
  return blocks(resource.values, 'egress').map(permission);
}

/** Whether a permission covers `port` (all protocols cover every port). */
export function portsOverlap(p: SgPermission, port: number): boolean {
  if (p.protocol === '-1') return true;
  if (p.from === undefined || p.to === undefined) return false;
  return p.from <= port && port <= p.to;
}
