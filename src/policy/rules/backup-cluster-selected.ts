import { Rule, check, referencing } from '../rule';

/**
 * Source: AWS Backup Developer Guide, "Assigning resources to a backup plan" (a backup plan backs
 * up only the resources its backup selections assign to it). A cluster's automated backups cannot
 * be locked against deletion; a recovery point in a locked vault, copied to another region, can.
 * The selection must name the cluster by reference (its `arn`): a selection by tag or by ARN
 * pattern may match nothing, and no configuration shows which clusters it matches.
 */
export const rule: Rule = {
  id: 'backup-cluster-selected',
  description:
    'Every Aurora cluster is assigned to a backup plan: an aws_backup_selection names it, by reference, in resources. Source: AWS Backup Developer Guide, Assigning resources to a backup plan.',
  resourceTypes: ['aws_rds_cluster'],
  evaluate(cluster, model) {
    return check(
      referencing(model, 'aws_backup_selection', cluster, 'resources').length > 0,
      "no aws_backup_selection names it in resources: assign it to its region's backup plan by reference to its arn",
    );
  },
};
