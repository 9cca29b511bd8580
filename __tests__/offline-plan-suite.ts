import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import {
  EnvironmentPlan,
  TerraformStepError,
  planEnvironment,
  prepareScratch,
  replanInWorkspace,
  synthesize,
} from '../scripts/lib/offline-plan';
import { checkStatefulChanges, formatGate } from '../scripts/lib/stateful-gate';
import { AddressChange, SettledScratch, addressChanges, formatUpgradeSummary, settlePlanState } from '../scripts/lib/upgrade-plan';
import { STATEFUL_TYPES } from '../src/policy/rules/stateful-prevent-destroy';
import { STACK_NAME } from '../src/stacks/stack-name';
import { EnvironmentName } from '../src/config/schema';
import { blockingFindings, formatFinding } from '../src/policy/runner';
import { Synth, configOf, editedEnvironments, regionalResources } from './environments';

// Real terraform (>= 1.11) and the hashicorp/aws mirror are required: without them the harness
// throws a HarnessError that says what is missing, and these tests fail with it.
const PLAN_TIMEOUT = 240_000;

/** A switchover of the writer from us-east-1 to us-west-2, as `npm run plan:upgrade` shows it. */
const SWITCHOVER_UPDATES = [
  'aws_autoscaling_group us-east-1 (launch_template)',
  'aws_autoscaling_group us-west-2 (launch_template)',
  'aws_launch_template us-east-1 (default_version, latest_version, user_data)',
  'aws_launch_template us-west-2 (default_version, latest_version, user_data)',
];

const perRegion = (n: number) => ({ 'us-east-1': n, 'us-west-2': n, 'eu-west-1': n });

/** Plans `env` from empty state before the describe block's tests (hands it to `use`), and removes its scratch after. */
function planFromEmptyState(env: EnvironmentName, use: (planned: EnvironmentPlan) => void): void {
  let planned: EnvironmentPlan | undefined;
  beforeAll(() => {
    // Ephemeral passwords become input variables whether or not this machine's mirror holds
    // hashicorp/random, so that the plan and its notes are the same on every machine.
    planned = planEnvironment(env, { randomAvailable: false });
    use(planned);
  }, PLAN_TIMEOUT);
  afterAll(() => {
    if (planned) rmSync(path.dirname(planned.scratch.dir), { recursive: true, force: true });
  });
}

/**
 * The offline plan of one environment, with the assertions every environment shares. One test
 * file per environment, so jest's workers plan them in parallel.
 */
export function describeOfflinePlan(
  env: EnvironmentName,
  options: {
    guardedFrom?: EnvironmentName;
  } = {},
): void {
  describe(`offline plan of ${env}`, () => {
    let planned: EnvironmentPlan;
    planFromEmptyState(env, (p) => (planned = p));

    test('plans only creations in a fresh workspace named after the environment', () => {
      expect(planned.workspace).toBe(env);
      expect(Object.keys(planned.summary.actions)).toEqual(['create']);
      expect(planned.summary.total).toBeGreaterThan(0);
    });

    test('plans a VPC in each region and the workspace guard', () => {
      expect(planned.summary.byTypeAndRegion.aws_vpc).toEqual({ 'us-east-1': 1, 'us-west-2': 1, 'eu-west-1': 1 });
      expect(planned.summary.byTypeAndRegion.terraform_data).toEqual({ global: 1 });
    });

    test('plans per region the load balancer, its web ACL and the Auto Scaling group', () => {
      const { byTypeAndRegion } = planned.summary;
      expect(byTypeAndRegion.aws_lb).toEqual(perRegion(1));
      expect(byTypeAndRegion.aws_wafv2_web_acl_association).toEqual(perRegion(1));
      expect(byTypeAndRegion.aws_autoscaling_group).toEqual(perRegion(1));
      expect(byTypeAndRegion.aws_s3_bucket_policy).toEqual(perRegion(1));
    });

    test('plans per region the alarm topic, the alarms and a dashboard, and the outputs', () => {
      const { byTypeAndRegion } = planned.summary;
      const config = configOf(env);
      expect(byTypeAndRegion.aws_sns_topic).toEqual(perRegion(1));
      expect(byTypeAndRegion.aws_cloudwatch_dashboard).toEqual(perRegion(1));
      const alarms = byTypeAndRegion.aws_cloudwatch_metric_alarm!;
      // Every alarm of the JSON that was planned is planned, per region (observability.test.ts pins
      // which alarms the stack has; run-app.test.ts that the app's process writes what the source
      // builds), and at least the floor below.
      const synthesized = planned.scratch.stack as Synth;
      const perProvider = (region: string) => regionalResources(synthesized, 'aws_cloudwatch_metric_alarm', region).length;
      expect(alarms).toEqual({
        'us-east-1': perProvider('us-east-1'),
        'us-west-2': perProvider('us-west-2'),
        'eu-west-1': perProvider('eu-west-1'),
      });
      expect(alarms['us-west-2']).toBeGreaterThanOrEqual(config.database.topology === 'global' ? 27 : 25);
      const outputs = Object.keys((planned.result.plan.output_changes as object) ?? {}).sort();
      expect(outputs).toEqual([
        'alarm_topic_arn',
        'dashboard_url',
        'database_endpoint',
        'database_secret_arn',
        'database_writer_endpoint',
        'load_balancer_dns_name',
      ]);
    });

    test('plans per region a key, a flow log and the NAT gateways the profile asks for', () => {
      const { byTypeAndRegion } = planned.summary;
      expect(byTypeAndRegion.aws_kms_key).toEqual(perRegion(1));
      expect(byTypeAndRegion.aws_flow_log).toEqual(perRegion(1));
      expect(byTypeAndRegion.aws_subnet).toEqual(perRegion(9));
      expect(byTypeAndRegion.aws_nat_gateway).toEqual(perRegion(configOf(env).network.natGateways === 'perAz' ? 3 : 1));
    });

    test('plans a database cluster per region, and the global pieces in the primary region for a global topology', () => {
      const { byTypeAndRegion } = planned.summary;
      const config = configOf(env);
      expect(byTypeAndRegion.aws_rds_cluster).toEqual(perRegion(1));
      expect(byTypeAndRegion.aws_rds_cluster_instance).toEqual(perRegion(1 + config.database.readerCount));
      const global = config.database.topology === 'global';
      expect(byTypeAndRegion.aws_rds_global_cluster).toEqual(global ? { 'us-east-1': 1 } : undefined);
      // A global database's master password is a secret of the primary region; a regional
      // cluster's is managed by RDS (no secret resource).
      expect(byTypeAndRegion.aws_secretsmanager_secret).toEqual(global ? { 'us-east-1': 1 } : undefined);
      expect(planned.notes.filter((note) => note.includes('ephemeral.random_password.db_master_password is replaced'))).toHaveLength(
        global ? 1 : 0,
      );
    });

    test('plans per region a backup vault, plan and selection, and in a global topology the master secret rotation', () => {
      const { byTypeAndRegion } = planned.summary;
      const config = configOf(env);
      const global = config.database.topology === 'global';
      expect(byTypeAndRegion.aws_backup_vault).toEqual(perRegion(1));
      expect(byTypeAndRegion.aws_backup_plan).toEqual(perRegion(1));
      expect(byTypeAndRegion.aws_backup_selection).toEqual(perRegion(1));
      expect(byTypeAndRegion.aws_backup_vault_lock_configuration).toEqual(config.backup.lock ? perRegion(1) : undefined);
      expect(byTypeAndRegion.aws_secretsmanager_secret_rotation).toEqual(global ? { 'us-east-1': 1 } : undefined);
      expect(byTypeAndRegion.aws_serverlessapplicationrepository_cloudformation_stack).toEqual(global ? { 'us-east-1': 1 } : undefined);
    });

    test('keeps every password out of the plan', () => {
      const text = JSON.stringify(planned.result.plan);
      // The stand-in password of a global database (none for a regional one: RDS manages it).
      const values = Object.values(planned.scratch.variableValues);
      expect(values).toHaveLength(configOf(env).database.topology === 'global' ? 1 : 0);
      expect(values.filter((value) => text.includes(value))).toEqual([]);
      expect(text).not.toMatch(/"master_password":"[^"]/);
    });

    test('with a zone: a certificate per region validated through one record set keyed by domain, HTTPS and redirect listeners, latency records', () => {
      const dns = configOf(env).dns;
      const { byTypeAndRegion } = planned.summary;
      expect(byTypeAndRegion.aws_acm_certificate).toEqual(dns ? perRegion(1) : undefined);
      expect(byTypeAndRegion.aws_acm_certificate_validation).toEqual(dns ? perRegion(1) : undefined);
      expect(byTypeAndRegion.aws_lb_listener).toEqual(perRegion(dns ? 2 : 1));
      expect(byTypeAndRegion.aws_route53_health_check).toEqual(dns ? { 'us-east-1': 3 } : undefined);
      const records = (planned.result.plan.resource_changes as { address: string; type: string }[])
        .filter((c) => c.type === 'aws_route53_record')
        .map((c) => c.address);
      // One validation record for the name, managed with the primary region's certificate.
      const validation = records.filter((a) => a.includes('_validation-record_')).map((a) => a.replace(/_[0-9A-F]{8}\[/, '_<hash>['));
      expect(validation).toEqual(dns ? [`aws_route53_record.us-east-1_load-balancer_validation-record_<hash>["${dns.recordName}"]`] : []);
      expect(records.filter((a) => a.startsWith('aws_route53_record.dns_latency-'))).toHaveLength(dns ? 3 : 0);
    });

    test('passes the policy pack on the plan JSON and the stateful-change gate', () => {
      expect(blockingFindings(planned.policy).map(formatFinding)).toEqual([]);
      expect(planned.policy.findings.filter((f) => f.status === 'COMPLIANT').length).toBeGreaterThan(500);
      expect(planned.gate).toEqual({ ok: true, refused: [], allowed: [], ungated: [] });
    });

    test('ran init, then plan and show in the workspace (TF_WORKSPACE): no separate validate or workspace select', () => {
      const commands = planned.result.log.split('\n').filter((line) => line.startsWith('$ '));
      expect(commands.map((line) => line.split(' -')[0])).toEqual([
        '$ terraform init',
        `$ TF_WORKSPACE=${env} terraform plan`,
        `$ TF_WORKSPACE=${env} terraform show`,
      ]);
      // Each step is timed (plan:offline prints them; npm run bench reports them).
      expect(planned.timings.map((t) => t.step)).toEqual(['synth', 'init', 'plan', 'show', 'policy and gate']);
      expect(planned.timings.every((t) => t.seconds > 0)).toBe(true);
    });

    if (options.guardedFrom) {
      const other = options.guardedFrom;
      test(
        `the guard of the planned JSON, planned in workspace ${other}, fails naming both`,
        () => {
          // The guard resource exactly as synthesized (terraform_data, Terraform's built-in provider),
          // alone in a directory of its own: a failed precondition fails any plan that holds it, and
          // planned alone it needs no init and no AWS provider (a second plan of the whole stack,
          // even targeted at the guard, validated every resource again: 16 s of the suite).
          const synthesized = planned.scratch.stack as { terraform: Record<string, unknown>; resource: Record<string, any> };
          const guard = synthesized.resource.terraform_data.workspace_guard;
          expect(guard.input).toEqual({ environment: env });
          const dir = path.join(path.dirname(planned.scratch.dir), 'guard');
          mkdirSync(dir);
          writeFileSync(path.join(dir, 'terraform.rc'), '');
          writeFileSync(
            path.join(dir, 'cdk.tf.json'),
            JSON.stringify({
              terraform: { required_version: synthesized.terraform.required_version },
              resource: { terraform_data: { workspace_guard: guard } },
            }),
          );
          let error: unknown;
          try {
            replanInWorkspace(dir, other);
          } catch (e) {
            error = e;
          }
          expect(error).toBeInstanceOf(TerraformStepError);
          expect((error as TerraformStepError).step).toBe('plan');
          expect((error as TerraformStepError).output.replace(/\s+/g, ' ')).toContain(
            `This configuration was synthesized for environment "${env}" but the selected Terraform workspace is "${other}".`,
          );
          // In its own workspace the same directory plans: the guard alone is what refused.
          expect(replanInWorkspace(dir, env).plan.resource_changes).toEqual([
            expect.objectContaining({
              address: 'terraform_data.workspace_guard',
              change: expect.objectContaining({ actions: ['create'] }),
            }),
          ]);
        },
        PLAN_TIMEOUT,
      );
    }
  });
}

/**
 * The environment against its own synthetic prior state (what an apply of this revision would
 * leave): the committed configuration settles, and, where asked, the runbook's reconciliations and
 * changes to stateful identities plan as they must. One scenario file per environment
 * (`npm run test:scenarios`); each plans the environment from empty state first.
 */
export function describePriorStatePlans(
  env: EnvironmentName,
  options: {
    /** Also plan changes to stateful identities against the synthetic state (protected environments). */
    identityChanges?: boolean;
    /** Also plan the runbook's reconciliations (global topology) against the synthetic state. */
    reconciliations?: boolean;
  } = {},
): void {
  describe(`${env} against its own synthetic prior state (what an apply of this revision would leave)`, () => {
    let planned: EnvironmentPlan;
    planFromEmptyState(env, (p) => (planned = p));

    let settled: SettledScratch;
    let scratchOptions: { randomAvailable: boolean; substituteSecretReads: true; dropPreventDestroy: true };

    test(
      'the committed configuration settles: planned again against that state, it shows no changes',
      () => {
        // The same scratch directory, re-prepared for planning against a state: Secrets
        // Manager reads become variables, prevent_destroy is lifted so replacements can be shown.
        const root = path.dirname(planned.scratch.dir);
        scratchOptions = {
          randomAvailable: Object.keys(planned.scratch.substituted).length === 0,
          substituteSecretReads: true,
          dropPreventDestroy: true,
        };
        const stackDir = path.join(root, 'cdktf.out', 'stacks', STACK_NAME);
        const scratch = prepareScratch(stackDir, planned.scratch.dir, scratchOptions);
        settled = settlePlanState(scratch.dir, env, planned.result.plan, {
          accountId: configOf(env).accountId,
          variableValues: scratch.variableValues,
          configuration: scratch.stack,
        });
        expect(settled.settled.remaining).toEqual([]);
        expect(settled.settled.rounds.at(-1)).toBe(0);
        // Every planned instance exists in the state, and nothing else.
        const instances = settled.settled.state.resources.flatMap((r) =>
          r.instances.map((i) => `${r.type}.${r.name}${i.index_key === undefined ? '' : `[${JSON.stringify(i.index_key)}]`}`),
        );
        expect(instances.sort()).toEqual(
          (planned.result.plan.resource_changes as { address: string; mode: string }[])
            .filter((rc) => rc.mode === 'managed')
            .map((rc) => rc.address)
            .sort(),
        );
        // Write-only values are never in the state.
        const text = JSON.stringify(settled.settled.state);
        expect(Object.values(scratch.variableValues).filter((value) => text.includes(value))).toEqual([]);
        expect(text).not.toMatch(/"(master_password_wo|secret_string_wo)":"[^"]/);
      },
      PLAN_TIMEOUT,
    );

    if (options.reconciliations) {
      /** Plans the environment with `edit` applied to its file against the settled state of the committed one. */
      const planEdited = (edit: (json: any) => void, name: string) => {
        const root = path.dirname(planned.scratch.dir);
        const headDir = synthesize(env, path.join(root, `${name}-out`), editedEnvironments(env, edit));
        const scratch = prepareScratch(headDir, settled.dir, scratchOptions);
        return replanInWorkspace(settled.dir, env, scratch.variableValues).plan;
      };
      /** Updates as `type region (attributes)`, sorted; resources without a region prefix as they are. */
      const updatesByTypeAndRegion = (changes: AddressChange[]) =>
        changes
          .filter((c) => c.action === 'update')
          .map((c) => `${c.address.replace(/^(\w+)\.([a-z]{2}-[a-z]+-\d)_.*$/, '$1 $2')} (${c.attributes.join(', ')})`)
          .sort();
      const stateful = (changes: AddressChange[]) =>
        changes.filter((c) => (c.action === 'replace' || c.action === 'delete') && STATEFUL_TYPES.includes(c.address.split('.')[0]!));

      test(
        'switchover to us-west-2 reconciles (database.writerRegion): nothing replaced or deleted, the gate passes without an allow-list',
        () => {
          expect(settled).toBeDefined();
          const plan = planEdited((json) => (json.database.writerRegion = 'us-west-2'), 'switchover');
          const changes = addressChanges(plan);
          expect(changes.filter((c) => c.action === 'replace' || c.action === 'delete')).toEqual([]);
          // Monitoring does not move: every member's lag alarms query every source region. Nothing
          // is created, and nothing of the database changes.
          expect(changes.filter((c) => c.action === 'create').map((c) => c.address)).toEqual([]);
          expect(changes.filter((c) => /^aws_cloudwatch_(metric_alarm|dashboard)\./.test(c.address))).toEqual([]);
          expect(changes.filter((c) => /^aws_(rds|secretsmanager)_/.test(c.address))).toEqual([]);
          // What does change (README, runbook): the endpoint in the user data of the old and the
          // new writer's region, so their launch templates, and their groups roll the new version.
          expect(updatesByTypeAndRegion(changes)).toEqual(SWITCHOVER_UPDATES);
          expect(stateful(changes)).toEqual([]);
          expect(checkStatefulChanges(plan, { protectedEnvironment: true, allow: [] })).toEqual({
            ok: true,
            refused: [],
            allowed: [],
            ungated: [],
          });
        },
        PLAN_TIMEOUT,
      );

      if (configOf(env).dns) {
        test(
          'failover to us-west-2 with us-east-1 fenced reconciles: only the fenced latency record goes, the gate passes without an allow-list',
          () => {
            const plan = planEdited((json) => {
              json.database.writerRegion = 'us-west-2';
              json.dns.fencedRegions = ['us-east-1'];
            }, 'failover');
            const changes = addressChanges(plan);
            expect(changes.filter((c) => c.action === 'replace' || c.action === 'delete').map((c) => c.address)).toEqual([
              expect.stringMatching(/^aws_route53_record\.dns_latency-us-east-1_/),
            ]);
            expect(changes.filter((c) => /^aws_(rds|secretsmanager)_/.test(c.address))).toEqual([]);
            expect(updatesByTypeAndRegion(changes)).toEqual(SWITCHOVER_UPDATES);
            expect(checkStatefulChanges(plan, { protectedEnvironment: true, allow: [] }).ok).toBe(true);
          },
          PLAN_TIMEOUT,
        );
      }

      test(
        'detach of us-west-2 and rebuild (database.rebuild) reconciles: the old members are forgotten, not deleted; nothing stateful is replaced; the gate passes without an allow-list',
        () => {
          expect(settled).toBeDefined();
          const plan = planEdited((json) => {
            json.database.writerRegion = 'us-west-2';
            json.database.rebuild = { from: 'us-west-2', phase: 'create' };
            json.database.passwordVersion += 1;
          }, 'rebuild');
          const changes = addressChanges(plan);
          const of = (action: AddressChange['action'], pattern: RegExp) =>
            changes
              .filter((c) => c.action === action && pattern.test(c.address))
              .map((c) => c.address.replace(/_[0-9A-F]{8}$/, ''))
              .sort();
          const database = /^aws_(rds_|cloudwatch_log_group\.[a-z0-9-]+_database|iam_role(_policy_attachment)?\.[a-z0-9-]+_database)/;
          const member = (region: string, construct: string) => [
            `aws_cloudwatch_log_group.${region}_${construct}_postgresql-logs`,
            `aws_iam_role.${region}_${construct}_monitoring-role`,
            `aws_iam_role_policy_attachment.${region}_${construct}_monitoring-policy`,
            `aws_rds_cluster.${region}_${construct}_cluster`,
            ...Array.from(
              { length: 1 + configOf(env).database.readerCount },
              (_, i) => `aws_rds_cluster_instance.${region}_${construct}_instance-${i + 1}`,
            ),
            `aws_rds_cluster_parameter_group.${region}_${construct}_parameters`,
          ];
          // THEN the original global cluster and the members outside us-west-2 are forgotten ...
          expect(of('forget', /./)).toEqual(
            [
              'aws_rds_global_cluster.global-database_global-cluster',
              ...member('us-east-1', 'database'),
              ...member('eu-west-1', 'database'),
            ].sort(),
          );
          // ... the new global cluster and new members are created there ...
          expect(of('create', database)).toEqual(
            [
              'aws_rds_global_cluster.global-database_global-cluster-2',
              ...member('us-east-1', 'database-2'),
              ...member('eu-west-1', 'database-2'),
            ].sort(),
          );
          // ... the secret gets a new version (new password, the new global writer endpoint as host),
          // which the detached cluster takes as its master password; no other database change.
          expect(
            changes.filter((c) => c.action !== 'create' && c.action !== 'forget' && /^aws_(rds|secretsmanager)_/.test(c.address)),
          ).toEqual([
            {
              address: expect.stringMatching(/^aws_secretsmanager_secret_version\./),
              action: 'replace',
              attributes: ['secret_string_wo_version'],
            },
            {
              address: expect.stringMatching(/^aws_rds_cluster\.us-west-2_database_cluster_/),
              action: 'update',
              attributes: ['master_password_wo_version'],
            },
          ]);
          // Monitoring stays: no alarm is deleted (the lag alarms follow the new members' identifiers).
          expect(changes.filter((c) => c.action === 'delete').map((c) => c.address)).toEqual([]);
          expect(stateful(changes)).toEqual([]);
          expect(checkStatefulChanges(plan, { protectedEnvironment: true, allow: [] })).toEqual({
            ok: true,
            refused: [],
            allowed: [],
            ungated: [],
          });
          const forgotten = 1 + 2 * member('us-east-1', 'database').length;
          expect(formatUpgradeSummary('Upgrade plan', changes).split('\n')[0]).toMatch(
            new RegExp(`, ${forgotten} to forget \\(left in AWS\\)$`),
          );
        },
        PLAN_TIMEOUT,
      );
    }

    if (options.identityChanges) {
      test(
        'swapped VPC CIDRs, a renamed Aurora instance and a renamed log bucket are replacements, and the gate refuses them',
        () => {
          expect(settled).toBeDefined();
          const root = path.dirname(planned.scratch.dir);
          // GIVEN the working tree swaps two VPC blocks and renames an instance and a bucket.
          const configDir = editedEnvironments(env, (json) => {
            const [a, b] = ['us-east-1', 'us-west-2'];
            [json.regions[a].vpcCidr, json.regions[b].vpcCidr] = [json.regions[b].vpcCidr, json.regions[a].vpcCidr];
          });
          const headDir = synthesize(env, path.join(root, 'head-out'), configDir);
          const head = JSON.parse(readFileSync(path.join(headDir, 'cdk.tf.json'), 'utf8'));
          const instance = Object.keys(head.resource.aws_rds_cluster_instance).find((n) => n.startsWith('us-east-1_database_instance-2_'))!;
          head.resource.aws_rds_cluster_instance[instance].identifier += '-renamed';
          const bucket = Object.keys(head.resource.aws_s3_bucket).find((n) => n.startsWith('us-east-1_'))!;
          head.resource.aws_s3_bucket[bucket].bucket = head.resource.aws_s3_bucket[bucket].bucket.replace('alb-logs', 'lb-logs');
          writeFileSync(path.join(headDir, 'cdk.tf.json'), JSON.stringify(head));

          // WHEN it is planned against the synthetic state of the committed configuration.
          const scratch = prepareScratch(headDir, settled.dir, scratchOptions);
          const plan = replanInWorkspace(settled.dir, env, scratch.variableValues).plan;

          // THEN each is a replacement, forced by the attribute that changed ...
          const changes = addressChanges(plan);
          const replaced = (address: string) => changes.find((c) => c.address === address);
          const vpcs = Object.keys(head.resource.aws_vpc).filter((n) => /^us-(east-1|west-2)_/.test(n));
          for (const vpc of vpcs)
            expect(replaced(`aws_vpc.${vpc}`)).toEqual({ address: `aws_vpc.${vpc}`, action: 'replace', attributes: ['cidr_block'] });
          expect(replaced(`aws_rds_cluster_instance.${instance}`)).toEqual({
            address: `aws_rds_cluster_instance.${instance}`,
            action: 'replace',
            attributes: ['identifier'],
          });
          expect(replaced(`aws_s3_bucket.${bucket}`)).toEqual({
            address: `aws_s3_bucket.${bucket}`,
            action: 'replace',
            attributes: ['bucket'],
          });
          expect(formatUpgradeSummary('Upgrade plan', changes)).toContain(
            `  replace  aws_rds_cluster_instance.${instance} (forced by identifier)`,
          );

          // ... and the gate refuses each in the protected environment, naming it and the attribute.
          const gate = checkStatefulChanges(plan, { protectedEnvironment: true, allow: [] });
          expect(gate.ok).toBe(false);
          const refused = gate.refused.map((c) => `${c.address} ${c.action} ${c.forcedBy.join(',')}`);
          // Exactly these: the rest of what the swap rebuilds (subnets, routes, groups) holds no data.
          expect(refused.sort()).toEqual(
            [
              ...vpcs.map((vpc) => `aws_vpc.${vpc} replace cidr_block`),
              `aws_rds_cluster_instance.${instance} replace identifier`,
              `aws_s3_bucket.${bucket} replace bucket`,
            ].sort(),
          );
          expect(formatGate(env, gate)).toContain(`- aws_s3_bucket.${bucket}: replace (forced by a change to bucket)`);

          // An --allow-stateful-change for one address lets exactly that change through.
          const one = checkStatefulChanges(plan, { protectedEnvironment: true, allow: [`aws_s3_bucket.${bucket}`] });
          expect(one.allowed.map((c) => c.address)).toEqual([`aws_s3_bucket.${bucket}`]);
          expect(one.refused.map((c) => c.address).sort()).toEqual(
            gate.refused
              .map((c) => c.address)
              .filter((a) => a !== `aws_s3_bucket.${bucket}`)
              .sort(),
          );
          expect(one.ok).toBe(false);
        },
        PLAN_TIMEOUT,
      );
    }
  });
}
