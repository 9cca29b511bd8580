import { OUTPUT_TYPE, PolicyResource, attributeReferences } from '../model';
import { Rule, check, notApplicable } from '../rule';

/** The global cluster a cluster is a member of (its reference or value), if any. */
function globalClusterOf(cluster: PolicyResource): string | undefined {
  const reference = cluster.references.global_cluster_identifier?.[0];
  if (reference) return reference;
  const value = cluster.values.global_cluster_identifier;
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * Source: Aurora User Guide, "Connecting to an Amazon Aurora global database" (only the writer's
 * cluster endpoint is active; secondary clusters serve through their reader endpoint) and "Using
 * write forwarding in an Amazon Aurora global database" (applications of a secondary region write
 * through it).
 */
export const rule: Rule = {
  id: 'apply-database-endpoint-per-region',
  description:
    "Outputs hand out the cluster (writer) endpoint of at most one member of a global database, the current writer's; the others' reader endpoints. Source: Aurora User Guide, connecting to a global database; write forwarding.",
  resourceTypes: [OUTPUT_TYPE],
  evaluate(output, model) {
    const byGlobal = new Map<string, string[]>();
    for (const ref of attributeReferences(output)) {
      if (!ref.startsWith('aws_rds_cluster.') || !ref.endsWith('.endpoint')) continue;
      const address = ref.slice(0, -'.endpoint'.length);
      const cluster = model.resources.find((c) => c.address === address);
      const global = cluster && globalClusterOf(cluster);
      if (global) byGlobal.set(global, [...(byGlobal.get(global) ?? []), address]);
    }
    if (byGlobal.size === 0) return notApplicable('exposes no cluster endpoint of a global database member');
    const several = [...byGlobal.values()].filter((members) => members.length > 1);
    return check(
      several.length === 0,
      `gives the cluster endpoints of ${several.flat().join(', ')}, members of one global database: only the writer's is active, so give every other region its cluster's reader_endpoint (writes are forwarded)`,
    );
  },
};
