import { Rule, check, notApplicable } from '../rule';

/** Identifier attribute and its limit for each RDS resource type. */
const IDENTIFIERS: Record<string, { attribute: string; max: number; subnetGroup?: boolean }> = {
  aws_rds_global_cluster: { attribute: 'global_cluster_identifier', max: 63 },
  aws_rds_cluster: { attribute: 'cluster_identifier', max: 63 },
  aws_rds_cluster_instance: { attribute: 'identifier', max: 63 },
  aws_rds_cluster_parameter_group: { attribute: 'name', max: 255 },
  aws_db_subnet_group: { attribute: 'name', max: 255, subnetGroup: true },
};

/**
 * Source: Amazon RDS API Reference, CreateDBCluster `DBClusterIdentifier`, CreateDBInstance
 * `DBInstanceIdentifier`, CreateGlobalCluster, CreateDBClusterParameterGroup (1-63 or 1-255
 * lowercase letters, digits and hyphens, first a letter, no two hyphens in a row, no hyphen at
 * the end) and CreateDBSubnetGroup (letters, digits, periods, underscores, spaces, hyphens; not
 * "default").
 */
export const rule: Rule = {
  id: 'apply-rds-identifiers',
  description:
    'RDS identifiers follow the RDS rules: lower-case letters, digits and single hyphens, starting with a letter, not ending in a hyphen, within their length. Source: RDS API Reference, CreateDBCluster and related.',
  resourceTypes: Object.keys(IDENTIFIERS),
  evaluate(resource) {
    const { attribute, max, subnetGroup } = IDENTIFIERS[resource.type]!;
    const id = resource.values[attribute];
    if (typeof id !== 'string') return notApplicable(`${attribute} not known`);
    const valid = subnetGroup
      ? /^[a-z0-9._ -]+$/.test(id) && id !== 'default' && id.length <= max
      : /^[a-z](?:-?[a-z0-9.]+)*$/.test(id) &&
        id.length <= max &&
        (resource.type === 'aws_rds_cluster_parameter_group' || !id.includes('.'));
    return check(
      valid,
      `${attribute} "${id}" breaks the RDS naming rules: ${subnetGroup ? 'lower-case letters, digits, ".", "_", "-" and spaces, not "default"' : 'lower-case letters, digits and single hyphens, starting with a letter, not ending in a hyphen'}, at most ${max} characters`,
    );
  },
};
