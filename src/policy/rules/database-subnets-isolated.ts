import { Rule, check, referencing } from '../rule';

/**
 * A route table associated with a database-tier subnet (tag Tier = database) has no default
 * route: the database tier neither reaches nor is reached from the internet.
 */
export const rule: Rule = {
  id: 'database-subnets-isolated',
  description: 'Database subnets have no route to the internet (no 0.0.0.0/0 or ::/0 route).',
  resourceTypes: ['aws_subnet'],
  evaluate(subnet, model) {
    if (subnet.values.tags?.Tier !== 'database') return { status: 'NOT_APPLICABLE' };
    const tables = referencing(model, 'aws_route_table_association', subnet, 'subnet_id').flatMap((a) => a.references.route_table_id ?? []);
    // Default routes of both address families, as aws_route resources or inline in the table.
    const isDefault = (route: {
      destination_cidr_block?: string;
      destination_ipv6_cidr_block?: string;
      cidr_block?: string;
      ipv6_cidr_block?: string;
    }) =>
      route.destination_cidr_block === '0.0.0.0/0' ||
      route.destination_ipv6_cidr_block === '::/0' ||
      route.cidr_block === '0.0.0.0/0' ||
      route.ipv6_cidr_block === '::/0';
    const defaultRoutes = model.resources.filter(
      (r) =>
        (r.type === 'aws_route' && isDefault(r.values) && (r.references.route_table_id ?? []).some((t) => tables.includes(t))) ||
        (r.type === 'aws_route_table' && tables.includes(r.address) && [r.values.route ?? []].flat().some(isDefault)),
    );
    return check(
      defaultRoutes.length === 0,
      `route table of this database subnet has a default route (${defaultRoutes.map((r) => r.address).join(', ')}): remove it`,
    );
  },
};
