import { OUTPUT_TYPE, PolicyResource, attributeReferences } from '../model';
import { Rule, check, notApplicable } from '../rule';

/** A member of a global database that is not its primary: it has no master username of its own. */
function isGlobalSecondary(cluster: PolicyResource): boolean {
  const joined = cluster.values.global_cluster_identifier !== undefined || (cluster.references.global_cluster_identifier?.length ?? 0) > 0;
  return joined && cluster.values.master_username === undefined && cluster.values.database_name === undefined;
}

/**
 * Source: Aurora User Guide, "Connecting to an Amazon Aurora global database" (secondary clusters
 * serve reads through their reader endpoint; their cluster endpoint is inactive) and "Using write
 * forwarding in an Amazon Aurora global database" (applications of a secondary region write
 * through it).
 */
export const rule: Rule = {
  id: 'apply-database-endpoint-per-region',
  description:
    "Outputs never hand out a global secondary's cluster (writer) endpoint: secondaries serve through their reader endpoint. Source: Aurora User Guide, connecting to a global database; write forwarding.",
  resourceTypes: [OUTPUT_TYPE],
  evaluate(output, model) {
    const endpoints = attributeReferences(output).filter((r) => r.startsWith('aws_rds_cluster.') && r.endsWith('.endpoint'));
    if (endpoints.length === 0) return notApplicable('exposes no cluster endpoint');
    const inactive = endpoints
      .map((r) => r.slice(0, -'.endpoint'.length))
      .filter((address) => {
        const cluster = model.resources.find((c) => c.address === address);
        return cluster !== undefined && isGlobalSecondary(cluster);
      });
    return check(
      inactive.length === 0,
      `gives the cluster endpoint of the global secondary ${inactive.join(', ')}, which accepts no connections there: give that region its reader_endpoint (writes are forwarded)`,
    );
  },
};
