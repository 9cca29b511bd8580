import { isSet } from '../model';
import { Rule, check } from '../rule';

export const rule: Rule = {
  id: 'rds-storage-encrypted',
  description: 'Aurora storage is encrypted with a customer-managed key.',
  resourceTypes: ['aws_rds_cluster', 'aws_rds_global_cluster'],
  evaluate(cluster) {
    if (cluster.values.storage_encrypted !== true) return check(false, 'storage_encrypted is not true: encrypt the cluster');
    if (cluster.type === 'aws_rds_global_cluster') return check(true, '');
    return check(isSet(cluster, 'kms_key_id'), "no kms_key_id: encrypt with the region's CMK, not the AWS-managed key");
  },
};
