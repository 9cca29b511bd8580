/**
 * Stateful addresses and identities are a contract. Renaming a construct id changes a Terraform
 * address (Terraform then deletes the old resource and creates a new one); renaming a physical
 * name or a CIDR forces a replacement. For every resource the stateful-change gate protects, in
 * every environment, this pins its address and the attributes that name it, so such a change
 * fails here, in the unit tests, before any plan. The snapshot is reviewed like code: update it
 * (`npx jest -u __tests__/stateful-addresses.test.ts`) only for a change made on purpose, together
 * with the state moves (`moved` blocks, `terraform state mv`) or the replacement it needs.
 */
import { STATEFUL_TYPES } from '../src/policy/rules/stateful-prevent-destroy';
import { ENVIRONMENTS, synthJson, testStack } from './helpers';

/** The attributes that give each stateful type its identity (what a rename changes). */
const IDENTITY: Record<string, readonly string[]> = {
  aws_rds_global_cluster: ['global_cluster_identifier', 'database_name'],
  aws_rds_cluster: ['cluster_identifier', 'database_name', 'master_username'],
  aws_rds_cluster_instance: ['identifier'],
  aws_kms_key: ['description'],
  aws_secretsmanager_secret: ['name'],
  aws_s3_bucket: ['bucket'],
  aws_cloudwatch_log_group: ['name'],
  aws_vpc: ['cidr_block'],
  aws_backup_vault: ['name', 'kms_key_arn'],
  aws_backup_vault_lock_configuration: ['backup_vault_name', 'min_retention_days', 'max_retention_days', 'changeable_for_days'],
};

describe.each(ENVIRONMENTS)('stateful resources of %s', (env) => {
  const synth = synthJson(testStack(env));

  test('every stateful type the stack creates has its identity attributes listed here', () => {
    const created = STATEFUL_TYPES.filter((type) => synth.resource[type]);
    expect(created.filter((type) => !IDENTITY[type])).toEqual([]);
  });

  test('addresses and identities are pinned', () => {
    const identities = Object.fromEntries(
      STATEFUL_TYPES.filter((type) => synth.resource[type]).map((type) => [
        type,
        Object.fromEntries(
          Object.entries(synth.resource[type] as Record<string, Record<string, unknown>>)
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([name, body]) => [name, Object.fromEntries(IDENTITY[type]!.map((k) => [k, body[k] ?? null]))]),
        ),
      ]),
    );
    expect(identities).toMatchSnapshot();
  });
});
