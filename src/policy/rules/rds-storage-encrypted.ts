import { PolicyModel, PolicyResource, isSet } from '../model';
import { Rule, RuleResult, check, nonCompliant } from '../rule';

export const rule: Rule = {
  id: 'rds-storage-encrypted',
  description:
    "Aurora storage is encrypted with a customer-managed key; a global cluster created from an existing cluster inherits that cluster's encryption, which must be managed here and encrypted.",
  resourceTypes: ['aws_rds_cluster', 'aws_rds_global_cluster'],
  evaluate(cluster, model) {
    if (cluster.type === 'aws_rds_global_cluster' && typeof cluster.values.source_db_cluster_identifier === 'string') {
      return sourceEncrypted(cluster.values.source_db_cluster_identifier, model);
    }
    if (cluster.values.storage_encrypted !== true) return check(false, 'storage_encrypted is not true: encrypt the cluster');
    if (cluster.type === 'aws_rds_global_cluster') return check(true, '');
    return clusterKey(cluster);
  },
};

function clusterKey(cluster: PolicyResource): RuleResult {
  return check(isSet(cluster, 'kms_key_id'), "no kms_key_id: encrypt with the region's CMK, not the AWS-managed key");
}

/**
 * CreateGlobalCluster with SourceDBClusterIdentifier takes the encryption of the source cluster
 * (RDS API reference): the source must be a cluster of this configuration, itself compliant.
 * One that cannot be found fails: nothing says it is encrypted.
 */
function sourceEncrypted(source: string, model: PolicyModel): RuleResult {
  const id = /:cluster:([^:]+)$/.exec(source)?.[1] ?? source;
  const cluster = model.resources.find((r) => r.type === 'aws_rds_cluster' && r.values.cluster_identifier === id);
  if (!cluster)
    return nonCompliant(`source_db_cluster_identifier ${source} is not a cluster of this configuration: its encryption cannot be checked`);
  if (cluster.values.storage_encrypted !== true)
    return nonCompliant(`source cluster ${cluster.address} is not encrypted (storage_encrypted): the global cluster inherits that`);
  const key = clusterKey(cluster);
  return key.status === 'COMPLIANT' ? key : nonCompliant(`source cluster ${cluster.address}: ${key.message}`);
}
