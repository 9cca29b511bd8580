import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { S3Backend, TerraformStack, dependable } from 'cdktf';
import { Construct } from 'constructs';
import { EnvironmentConfig, EnvironmentName } from '../config/schema';
import { providerAlias } from '../config/regions';
import { stateKeyArn } from '../config/backend';
import { RegionalPlatform } from '../constructs/regional-platform';
import { regionBindingProblems } from './region-binding';
import { DatabaseMembership, databaseSecretName, namePrefix, regionalPlatformProps, resourceTags } from './regional-props';
import { LatencyDns } from '../constructs/edge/latency-dns';
import { PlatformOutputs } from './outputs';
import { ProtectionSettings } from '../config/profiles';
import { modelFromSynth } from '../policy/model';
import { evaluate, policyProblems } from '../policy/runner';
import { suppressRule } from '../policy/suppressions';
import { TerraformResource } from 'cdktf';
import { PROTECTION_PROFILES } from '../config/profiles';
import { DatabaseSecret, PASSWORD_FROM_SECRET } from '../constructs/data/database-secret';
import { forgetAddresses } from '../constructs/forget';
import { TerraformData } from '../constructs/terraform-data';
import { GlobalDatabase } from '../constructs/global/global-database';
import { BackupPlan, BackupRole } from '../constructs/data/backup';
import { SecretRotation } from '../constructs/data/secret-rotation';
import { HEALTH_CHECK_METRICS_REGION, HealthCheckAlarms } from '../constructs/observability/health-check-alarms';

export { STACK_NAME } from './stack-name';

/** Terraform version floor: write-only arguments and S3 native locking arrived in 1.11. */
export const REQUIRED_TERRAFORM_VERSION = '>= 1.11';

export interface PlatformStackProps {
  /** The environment this JSON is for; it must match the Terraform workspace at plan time. */
  readonly environment: EnvironmentName;
  readonly config: EnvironmentConfig;
}

/**
 * The whole platform of one environment: a provider and a regional construct per configured
 * region, in one Terraform configuration whose state lives in the S3 backend under the
 * environment's workspace.
 */
export class PlatformStack extends TerraformStack {
  /** Aliased provider per region name. */
  readonly providers: Readonly<Record<string, AwsProvider>>;
  /** Regional construct per region name. */
  readonly regions: Readonly<Record<string, RegionalPlatform>>;
  /** The global database (topology `global`), else undefined. */
  readonly globalDatabase?: GlobalDatabase;
  /** The global database's master secret with its replicas (topology `global`), else undefined. */
  readonly databaseSecret?: DatabaseSecret;
  /** Rotation of the global database's master secret (topology `global`), else undefined. */
  readonly secretRotation?: SecretRotation;
  /** AWS Backup: the service role and each region's plan. */
  readonly backup: { readonly role: BackupRole; readonly plans: Readonly<Record<string, BackupPlan>> };
  /** Alarms on the Route 53 health checks, in us-east-1 (when a zone is configured). */
  readonly healthCheckAlarms?: HealthCheckAlarms;
  /** Latency records and health checks (when a zone is configured). */
  readonly dns?: LatencyDns;
  /** The environment this stack is for (its Terraform workspace). */
  readonly environment: EnvironmentName;

  constructor(scope: Construct, id: string, props: PlatformStackProps) {
    super(scope, id);
    const { config, environment } = props;
    this.environment = environment;

    new S3Backend(this, {
      bucket: config.backend.bucket,
      key: config.backend.key,
      region: config.backend.region,
      workspaceKeyPrefix: config.backend.workspaceKeyPrefix,
      // `encrypt` alone asks S3 for SSE-S3 whatever the bucket's default is; naming the key makes
      // every state object SSE-KMS under the key the bootstrap stack creates with the bucket.
      encrypt: true,
      kmsKeyId: stateKeyArn(config),
      // Central state account: the backend (only) assumes the role there; the providers keep
      // the environment's own credentials.
      assumeRole: config.backend.roleArn
        ? { roleArn: config.backend.roleArn, sessionName: `${config.project}-${environment}-terraform-state` }
        : undefined,
    });
    // S3-native state locking (Terraform >= 1.10); cdktf 0.21's S3Backend has no typed option.
    this.addOverride('terraform.backend.s3.use_lockfile', true);
    this.addOverride('terraform.required_version', REQUIRED_TERRAFORM_VERSION);

    const defaultTags = resourceTags(config, environment);
    const providers: Record<string, AwsProvider> = {};
    for (const region of Object.keys(config.regions)) {
      providers[region] = new AwsProvider(this, `aws-${region}`, {
        region,
        alias: providerAlias(region),
        allowedAccountIds: [config.accountId],
        defaultTags: [{ tags: defaultTags }],
      });
    }
    this.providers = providers;

    new WorkspaceGuard(this, 'workspace-guard', { environment });

    const protection = PROTECTION_PROFILES[config.protection];
    const prefix = namePrefix(config, environment);
    const primary = config.primaryRegion;
    const rebuild = config.database.topology === 'global' ? config.database.rebuild : undefined;
    // The member created with the credentials: the home cluster, or after a rebuild the detached
    // cluster the new global cluster was created from. The other members are created after it.
    const founder = rebuild?.from ?? primary;
    this.globalDatabase =
      config.database.topology === 'global'
        ? new GlobalDatabase(this, 'global-database', {
            provider: providers[founder]!,
            identifier: rebuild ? `${prefix}-2` : prefix,
            engineVersion: config.database.engineVersion,
            deletionProtection: protection.deletionProtection,
            preventDestroy: protection.preventDestroy,
            rebuild: rebuild && {
              // By ARN, not by reference: the cluster exists, and it must not wait on its own global cluster.
              sourceClusterArn: `arn:aws:rds:${founder}:${config.accountId}:cluster:${prefix}-${founder}`,
              formerIdentifier: prefix,
              formerProvider: providers[primary]!,
              pinEngineVersion: rebuild.phase === 'complete',
            },
          })
        : undefined;

    // The primary region first: it manages the certificate validation records of all regions.
    const regions: Record<string, RegionalPlatform> = {};
    for (const region of [primary, ...Object.keys(config.regions).filter((r) => r !== primary)]) {
      const membership = this.databaseMembership(region, founder, config.database.passwordVersion, !!rebuild);
      regions[region] = new RegionalPlatform(this, region, {
        provider: providers[region]!,
        ...regionalPlatformProps(config, environment, region, membership),
        // One set of certificate validation records for all regions, managed with the primary's.
        sharedValidationRecords: region === primary ? undefined : regions[primary]!.loadBalancer.validationRecords,
      });
    }
    if (this.globalDatabase) {
      // Secondaries are created after the founder's cluster and instances.
      const founderDb = regions[founder]!.database;
      const after = [founderDb.cluster, ...founderDb.instances].map((r) => dependable(r));
      for (const [region, platform] of Object.entries(regions)) {
        if (region !== founder) platform.database.cluster.dependsOn = [...(platform.database.cluster.dependsOn ?? []), ...after];
      }
    }
    this.regions = regions;
    if (this.globalDatabase && rebuild) {
      // No depends_on between the new global cluster and the detached cluster: the detached
      // cluster's password comes from the secret, whose host is the new global cluster's endpoint,
      // so its update already follows the global cluster's creation (a depends_on the other way
      // would close a cycle through the ephemeral secret read).
      forgetAddresses(this, [...this.globalDatabase.formerAddresses, ...Object.values(regions).flatMap((p) => p.formerDatabaseAddresses)]);
    }

    if (this.globalDatabase) {
      this.databaseSecret = new DatabaseSecret(this.globalDatabase, 'secret', {
        provider: providers[primary]!,
        name: databaseSecretName(config, environment),
        accountId: config.accountId,
        kmsKeyArn: regions[primary]!.key.arn,
        replicas: Object.fromEntries(
          Object.entries(regions)
            .filter(([r]) => r !== primary)
            .map(([r, p]) => [r, p.key.arn]),
        ),
        password: this.globalDatabase.masterPassword,
        version: config.database.passwordVersion,
        host: this.globalDatabase.globalCluster.endpoint,
        recoveryWindowDays: protection.secretRecoveryWindowDays,
        preventDestroy: protection.preventDestroy,
      });
    }

    if (this.globalDatabase && this.databaseSecret) {
      const home = regions[primary]!;
      this.secretRotation = new SecretRotation(this.globalDatabase, 'rotation', {
        provider: providers[primary]!,
        region: primary,
        accountId: config.accountId,
        functionName: `${prefix}-master-secret-rotation`,
        secretId: this.databaseSecret.secret.id,
        kmsKeyArn: home.key.arn,
        vpcId: home.network.vpc.id,
        subnetIds: home.network.subnetIds('private'),
        databaseSecurityGroupId: home.network.securityGroups.database.id,
        endpointSecurityGroupId: home.network.endpoints.securityGroup?.id,
        rotationDays: config.database.rotationDays,
        logRetentionDays: config.logRetentionDays,
        after: [this.databaseSecret.version, regions[founder]!.database.writer, ...home.network.privateEgress],
      });
      this.databaseSecret.grantBreakGlassRead(
        config.database.breakGlassRoleArn!,
        Object.values(regions).map((p) => p.key.arn),
      );
    }

    this.backup = this.backupPlans(config, environment, regions);

    if (config.dns) {
      this.dns = new LatencyDns(this, 'dns', {
        provider: providers[primary]!,
        dns: { zoneId: config.dns.zoneId, recordName: config.dns.recordName },
        namePrefix: prefix,
        fencedRegions: config.dns.fencedRegions,
        endpoints: Object.fromEntries(
          Object.entries(regions).map(([r, p]) => [r, { dnsName: p.loadBalancer.lb.dnsName, zoneId: p.loadBalancer.lb.zoneId }]),
        ),
      });
    }

    if (this.dns) {
      const home = regions[HEALTH_CHECK_METRICS_REGION];
      if (!home)
        throw new Error(
          `the health-check alarms need ${HEALTH_CHECK_METRICS_REGION} among the regions (Route 53 publishes its metrics there only)`,
        );
      this.healthCheckAlarms = new HealthCheckAlarms(home, 'health-check-alarms', {
        provider: providers[HEALTH_CHECK_METRICS_REGION]!,
        namePrefix: prefix,
        topicArn: home.alarmTopic.topic.arn,
        healthChecks: this.dns.healthChecks,
      });
    }

    new PlatformOutputs(this, 'outputs', {
      regions,
      primaryRegion: primary,
      globalDatabase: this.globalDatabase,
      databaseSecret: this.databaseSecret,
    });

    relaxRulesForProfile(this, protection);

    this.node.addValidation({ validate: () => regionBindingProblems(this) });
    // The policy pack: an error-level finding that is not suppressed fails the synth.
    this.node.addValidation({
      validate: () => {
        const json = super.toTerraform();
        if (this.synthesizing) this.validatedJson = json;
        return policyProblems(evaluate(modelFromSynth(json)));
      },
    });
    // During app.synth(), cdktf's synthesizer runs the validations above, then (custom synthesis of
    // assets and annotations in between, which change no construct) resolves the stack once more to
    // write it. The second resolution is the first one again, about 0.06 s of a prod synth (README,
    // "Speed, measured"): within one synthesize call, the JSON the policy pack read is written.
    // Outside it (a test calling runAllValidations or toTerraform itself) nothing is kept.
    const synthesizer = this.synthesizer;
    this.synthesizer = {
      synthesize: (session) => {
        this.synthesizing = true;
        try {
          synthesizer.synthesize(session);
        } finally {
          this.synthesizing = false;
          this.validatedJson = undefined;
        }
      },
    };
  }

  /** True while cdktf's synthesizer runs for this stack (validations, then the write). */
  private synthesizing = false;
  /** The JSON the policy pack read during this synthesize call, taken by the write's toTerraform. */
  private validatedJson?: Record<string, unknown>;

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- cdktf's own signature
  override toTerraform(): any {
    const kept = this.validatedJson;
    this.validatedJson = undefined;
    return kept ?? super.toTerraform();
  }

  /**
   * Every region's cluster in a plan of its region, copied to another region's vault: the one
   * `backup.copyTo` names, else the next region in the config's order (the last to the first).
   */
  private backupPlans(config: EnvironmentConfig, environment: EnvironmentName, regions: Record<string, RegionalPlatform>) {
    const prefix = namePrefix(config, environment);
    const role = new BackupRole(this, 'backup-role', {
      provider: this.providers[config.primaryRegion]!,
      name: `${prefix}-backup`,
      accountId: config.accountId,
    });
    const order = Object.keys(config.regions);
    const plans: Record<string, BackupPlan> = {};
    order.forEach((region, i) => {
      const platform = regions[region]!;
      const copyTo = config.backup.copyTo as Readonly<Record<string, string>> | undefined;
      const copyRegion = copyTo?.[region] ?? order[(i + 1) % order.length]!;
      plans[region] = new BackupPlan(platform, 'backup-plan', {
        provider: this.providers[region]!,
        name: `${prefix}-${region}`,
        vaultName: platform.backupVault.name,
        schedule: config.backup.schedule,
        retentionDays: config.backup.retentionDays,
        copyVaultArn: regions[copyRegion]!.backupVault.arn,
        roleArn: role.role.arn,
        resourceArns: [platform.database.cluster.arn],
        roleAttachments: role.attachments,
      });
    });
    return { role, plans };
  }

  /**
   * Regional clusters manage their own password; global members join the global cluster. The
   * founder (home cluster, or the detached cluster a rebuild starts from) takes the write-only
   * password; the others are secondaries, created after it (after a rebuild, new ones).
   */
  private databaseMembership(region: string, founder: string, passwordVersion: number, rebuilt: boolean): DatabaseMembership {
    const global = this.globalDatabase;
    if (!global) return { credentials: { kind: 'rds-managed' } };
    if (region === founder) {
      // The password comes back out of the secret, which is written first with the generated one.
      // After a rebuild the founder names the new global cluster as a literal: it is the source of
      // that cluster, so a reference would be a cycle, and RDS owns the membership anyway (ignored).
      return {
        credentials: { kind: 'write-only', password: PASSWORD_FROM_SECRET, version: passwordVersion },
        globalClusterIdentifier: rebuilt ? global.identifier : global.globalCluster.id,
      };
    }
    return { credentials: { kind: 'global-secondary' }, globalClusterIdentifier: global.globalCluster.id, rebuilt };
  }
}

export interface WorkspaceGuardProps {
  readonly environment: EnvironmentName;
}

/**
 * Fails `terraform plan` when the selected workspace is not the environment the JSON was
 * synthesized for: prod's configuration must never be applied to dev's state, or the reverse.
 */
export class WorkspaceGuard extends Construct {
  readonly resource: TerraformData;

  constructor(scope: Construct, id: string, props: WorkspaceGuardProps) {
    super(scope, id);
    const env = props.environment;
    this.resource = new TerraformData(this, 'guard', {
      input: { environment: env },
      lifecycle: {
        precondition: [
          {
            condition: `\${terraform.workspace == "${env}"}`,
            errorMessage: `This configuration was synthesized for environment "${env}" but the selected Terraform workspace is "\${terraform.workspace}". Synthesize with ENVIRONMENT=\${terraform.workspace}, or run: terraform workspace select ${env}`,
          },
        ],
      },
    });
    this.resource.overrideLogicalId('workspace_guard');
  }
}

/** Suppresses the rules a protection profile relaxes on purpose, on every resource of their types. */
function relaxRulesForProfile(stack: TerraformStack, protection: ProtectionSettings): void {
  for (const c of stack.node.findAll()) {
    if (!(c instanceof TerraformResource)) continue;
    for (const relaxed of protection.relaxedRules) {
      if (relaxed.types.includes(c.terraformResourceType)) suppressRule(c, relaxed.ruleId, relaxed.reason);
    }
  }
}
