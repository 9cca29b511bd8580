import { Json } from '../model';
import { Rule, check, notApplicable } from '../rule';

export const rule: Rule = {
  id: 'rds-tls-enforced',
  description: 'Aurora PostgreSQL clusters use a parameter group with rds.force_ssl = 1.',
  resourceTypes: ['aws_rds_cluster'],
  evaluate(cluster, model) {
    const groups = (cluster.references.db_cluster_parameter_group_name ?? [])
      .map((a) => model.resources.find((r) => r.address === a))
      .filter((r) => r !== undefined);
    if (groups.length === 0 && typeof cluster.values.db_cluster_parameter_group_name !== 'string') {
      return check(false, 'no cluster parameter group: add one with rds.force_ssl = 1');
    }
    if (groups.length === 0) return notApplicable('parameter group managed outside this configuration');
    const forced = groups.some((g) =>
      [g.values.parameter].flat().some((p: Json) => p?.name === 'rds.force_ssl' && String(p.value) === '1'),
    );
    return check(forced, `${groups[0]!.address} does not set rds.force_ssl = 1: enforce TLS`);
  },
};
