import { Rule, check, referencing } from '../rule';

/**
 * A route table associated with a database-tier subnet (tag Tier = database) has no default
 * route: the database tier neither reaches nor is reached from the internet.
 */
export const rule: Rule = {
  id: 'database-subnets-isolated',
  description: 'Database subnets have no route to the internet (no 0.0.0.0/0 route).',
  resourceTypes: ['aws_subnet'],
  evaluate(subnet, model) {
    if (subnet.values.tags?.Tier !== 'database') return { status: 'NOT_APPLICABLE' };
    const tables = referencing(model, 'aws_route_table_association', subnet, 'subnet_id').flatMap((a) => a.references.route_table_id ?? []);
    const defaultRoutes = model.resources.filter(
      (r) =>
        r.type === 'aws_route' &&
        r.values.destination_cidr_block === '0.0.0.0/0' &&
        (r.references.route_table_id ?? []).some((t) => tables.includes(t)),
    );
    return check(
      defaultRoutes.length === 0,
      `route table of this database subnet has a default route (${defaultRoutes.map((r) => r.address).join(', ')}): remove it`,
    );
  },
};
