import { IPv4CidrRange } from 'ip-num';
import { z } from 'zod';
import { auroraClass, auroraMaxConnections, describeAuroraClasses, describeEc2Types, ec2Architecture } from './instance-classes';
import { availabilityZonesOf, isKnownRegion, REGION_NAMES } from './regions';

/** The master user of every cluster (the application never connects as it). */
export const MASTER_USER_NAME = 'dbadmin';

export const ENVIRONMENT_NAMES = ['dev', 'staging', 'prod'] as const;
export type EnvironmentName = (typeof ENVIRONMENT_NAMES)[number];

/** Retention values CloudWatch Logs accepts (`retention_in_days`). */
export const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

/** Aurora PostgreSQL major versions in AWS standard support on the project's pinned date. */
export const AURORA_POSTGRES_MAJORS = [14, 15, 16, 17] as const;

/** Load balancer and target group names: AWS allows 32 characters. */
export const LB_NAME_MAX = 32;

/** A 12-digit AWS account id. */
const ACCOUNT_ID = /^\d{12}$/;
/** `arn:aws:iam::<account>:role/<name>`: the role the S3 backend assumes in a central state account. */
export const STATE_ROLE_ARN = /^arn:aws:iam::(\d{12}):role\/([\w+=,.@-]{1,64})$/;

/**
 * S3 general purpose bucket naming rules: 3-63 of a-z 0-9 . -, letter or digit at both ends, no
 * "..", not an IP address, no reserved prefix (xn--, sthree-) or suffix (-s3alias, --ol-s3).
 */
export const S3_BUCKET_NAME =
  /^(?!xn--)(?!sthree-)(?!.*-s3alias$)(?!.*--ol-s3$)(?!.*\.\.)(?!\d+\.\d+\.\d+\.\d+$)[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/** The smallest and largest VPC prefixes: 9 subnets (3 tiers x 3 AZs) must fit with room to grow. */
export const VPC_PREFIX_MIN = 16;
export const VPC_PREFIX_MAX = 20;

/** Parses `a.b.c.d/n` strictly: a valid address, a prefix, and no host bits set. */
export function parseCidr(value: string): IPv4CidrRange | undefined {
  if (!/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/.test(value)) return undefined;
  try {
    const range = IPv4CidrRange.fromCidr(value);
    return `${range.getFirst().toString()}/${range.getPrefix().getValue()}` === value ? range : undefined;
  } catch {
    return undefined;
  }
}

const regionName = z.string().refine(isKnownRegion, {
  error: `must be a region known to src/config/regions.ts (${REGION_NAMES.join(', ')})`,
});

const vpcCidr = z.string().superRefine((value, ctx) => {
  const range = parseCidr(value);
  if (!range) {
    ctx.addIssue({ code: 'custom', message: 'must be an IPv4 CIDR block with no host bits set, e.g. 10.20.0.0/16' });
    return;
  }
  const prefix = Number(range.getPrefix().getValue());
  if (prefix < VPC_PREFIX_MIN || prefix > VPC_PREFIX_MAX) {
    ctx.addIssue({ code: 'custom', message: `prefix must be between /${VPC_PREFIX_MIN} and /${VPC_PREFIX_MAX}` });
  }
});

const regionSchema = z.strictObject({
  /** The VPC's IPv4 block; subnets are carved from it. */
  vpcCidr,
  /** Exactly three AZs of this region; subnets, NAT gateways and instances spread over them. */
  availabilityZones: z
    .array(z.string())
    .length(3, { error: 'must list exactly three availability zones' })
    .refine((azs) => new Set(azs).size === azs.length, { error: 'must not repeat an availability zone' }),
});

const tagKey = z
  .string()
  .min(1)
  .max(128)
  .regex(/^(?!aws:)[\p{L}\p{Z}\p{N}_.:/=+\-@]+$/u, { error: 'must be a valid AWS tag key (not starting with aws:)' });
const tagValue = z
  .string()
  .max(256)
  .regex(/^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u, { error: 'must be a valid AWS tag value' });

const REQUIRED_TAGS = ['Owner', 'CostCenter'] as const;
/** Set by the stack on every resource; config may not override them. */
const RESERVED_TAGS = ['Project', 'Environment', 'ManagedBy'] as const;

const computeSchema = z
  .strictObject({
    /** EC2 instance type of the application tier; the family picks the AMI architecture. */
    instanceType: z.string().refine((t) => ec2Architecture(t) !== undefined, { error: `must be ${describeEc2Types()}` }),
    minSize: z.int().min(0).max(100),
    desiredCapacity: z.int().min(0).max(100),
    maxSize: z.int().min(1).max(100),
    /** TCP port the application listens on; the load balancer forwards to it. */
    appPort: z.int().min(1024).max(65535),
    /** Target-tracking goal for the group's average CPU, percent. */
    cpuTargetPercent: z.int().min(10).max(90).default(50),
    /** Target-tracking goal for load-balancer requests per instance per minute. */
    requestsPerTarget: z.int().min(10).max(100000).default(1000),
  })
  .superRefine((c, ctx) => {
    if (c.minSize > c.desiredCapacity) {
      ctx.addIssue({ code: 'custom', path: ['desiredCapacity'], input: c.desiredCapacity, message: `must be >= minSize (${c.minSize})` });
    }
    if (c.desiredCapacity > c.maxSize) {
      ctx.addIssue({ code: 'custom', path: ['maxSize'], input: c.maxSize, message: `must be >= desiredCapacity (${c.desiredCapacity})` });
    }
  });

const databaseSchema = z
  .strictObject({
    /** `global`: one Aurora global database across all regions; `regional`: one cluster per region. */
    topology: z.enum(['regional', 'global']),
    /**
     * Aurora PostgreSQL version: the major alone (AWS picks the default minor and applies minor
     * upgrades, which Terraform then does not try to undo), or `<major>.<minor>` to pin a minor.
     */
    engineVersion: z
      .string()
      .regex(/^\d+(\.\d+)?$/, { error: 'must be <major> (e.g. 16) or <major>.<minor> (e.g. 16.6)' })
      .refine((v) => (AURORA_POSTGRES_MAJORS as readonly number[]).includes(Number(v.split('.')[0])), {
        error: `major version must be one of ${AURORA_POSTGRES_MAJORS.join(', ')}`,
      }),
    instanceClass: z.string(),
    /** Reader instances per cluster, in addition to the writer. */
    readerCount: z.int().min(0).max(15),
    backupRetentionDays: z.int().min(1).max(35),
    /**
     * Bump to reset the global database's master password deliberately (write-only attribute
     * version): a new generated password goes into the secret and the cluster in one apply.
     * Scheduled rotation (rotationDays) does not touch it.
     */
    passwordVersion: z.int().min(1),
    /**
     * Global topology: days between rotations of the master secret by the Secrets Manager
     * rotation function (PostgreSQL single user). Regional clusters' RDS-managed secrets rotate
     * on RDS's own schedule (7 days) and ignore it.
     */
    rotationDays: z.int().min(1).max(365).default(30),
    /**
     * The database user the application connects as, with IAM authentication (rds-db:connect);
     * created once per environment with the runbook's SQL. Not the master user.
     */
    applicationUser: z
      .string()
      .regex(/^[a-z_][a-z0-9_]{0,62}$/, { error: 'must be a PostgreSQL user name: 1-63 of a-z, 0-9 and _, not starting with a digit' })
      .refine((u) => u !== MASTER_USER_NAME && !/^(pg_|rds)/.test(u), {
        error: `must not be the master user (${MASTER_USER_NAME}) or start with pg_ or rds (reserved)`,
      })
      .default('app_user'),
    /**
     * Global topology: the operator (break-glass) role that may read the master secret, besides
     * the rotation function; it must exist in the environment's account before the deploy.
     */
    breakGlassRoleArn: z
      .string()
      .regex(/^arn:aws:iam::\d{12}:role\/[\w+=,.@/-]{1,64}$/, {
        error: 'must be an IAM role ARN, e.g. arn:aws:iam::333333333333:role/platform-break-glass',
      })
      .optional(),
    /**
     * The region whose cluster holds the writer now (global topology). Changes with every
     * switchover or failover, unlike `primaryRegion`, the home of the global resources and the
     * secret, which is fixed for the life of the environment. Default: `primaryRegion`.
     */
    writerRegion: regionName.optional(),
    /**
     * Global topology, after the last-resort detach (`remove-from-global-cluster`, runbook): the
     * global database is rebuilt around the detached cluster. `from` is its region; that cluster
     * becomes the source of a new global cluster (`<prefix>-2`), the clusters of the other regions
     * are new secondaries (`<prefix>-<region>-2`), and Terraform forgets the old global cluster and
     * the old members without deleting them. `phase`: `create` for the deploy that creates the new
     * global cluster (CreateGlobalCluster takes no engine version with a source cluster), then
     * `complete`, which pins `engineVersion` on it again so upgrades work as before.
     */
    rebuild: z
      .strictObject({
        from: regionName,
        phase: z.enum(['create', 'complete']),
      })
      .optional(),
  })
  .superRefine((d, ctx) => {
    // aws_rds_global_cluster stores the full version RDS reports (16.6 for a requested 16) and
    // has no major-only diff suppression, so "16" would plan an update on every run; AWS does not
    // apply minor upgrades to global databases automatically either (Aurora User Guide,
    // "Upgrading an Amazon Aurora global database"). Global databases therefore pin a minor.
    if (d.topology === 'global' && /^\d+$/.test(d.engineVersion)) {
      ctx.addIssue({
        code: 'custom',
        path: ['engineVersion'],
        input: d.engineVersion,
        message: `must be <major>.<minor> (e.g. ${d.engineVersion}.6) when topology is "global": the global cluster keeps the full version RDS reports, so a major alone never settles, and global databases get minor upgrades only when this value is raised`,
      });
    }
    const cls = auroraClass(d.instanceClass);
    const needMemory = d.topology === 'global';
    if (!cls.valid || (needMemory && !cls.memoryOptimized)) {
      ctx.addIssue({
        code: 'custom',
        path: ['instanceClass'],
        input: d.instanceClass,
        message: needMemory
          ? `must be a memory-optimized Aurora PostgreSQL class (global databases do not support burstable classes): ${describeAuroraClasses(true)}`
          : `must be an Aurora PostgreSQL instance class: ${describeAuroraClasses(false)}`,
      });
    }
  });

/** Alarm thresholds, each with a default that suits a small web tier. */
export const alarmThresholdsSchema = z.strictObject({
  /** 5xx responses generated by the load balancer itself, per minute. */
  loadBalancer5xxPerMinute: z.number().positive().default(10),
  /** 5xx responses returned by the instances, percent of requests (5-minute periods with >= 50 requests). */
  target5xxPercent: z.number().positive().max(100).default(5),
  /** p99 of TargetResponseTime, seconds. */
  p99LatencySeconds: z.number().positive().default(1.5),
  /** Average CPU of the Auto Scaling group, percent. */
  instanceCpuPercent: z.number().min(1).max(100).default(85),
  /** CPU of the database writer, percent. */
  databaseCpuPercent: z.number().min(1).max(100).default(80),
  /** FreeableMemory of the database writer below this, MiB. */
  databaseFreeMemoryMiB: z.number().positive().default(512),
  /**
   * DatabaseConnections of an instance above this. Default: 80% of the instance class's default
   * max_connections (src/config/instance-classes.ts); a value here may not exceed that maximum.
   */
  databaseConnections: z.int().positive().optional(),
  /** AuroraGlobalDBReplicationLag of a member above this, milliseconds. */
  replicationLagMs: z.int().positive().default(2000),
  /** AuroraGlobalDBRPOLag of a member above this, milliseconds. */
  rpoLagMs: z.int().positive().default(10000),
  /** Requests the web ACL blocks in 5 minutes (all rules) above this. */
  wafBlockedPer5Min: z.int().positive().default(1000),
  /** Error lines (ERROR, Traceback) in the application log in 5 minutes at or above this. */
  applicationErrorsPer5Min: z.int().positive().default(10),
});
export type AlarmThresholds = z.infer<typeof alarmThresholdsSchema>;

const dnsName = z
  .string()
  .max(253)
  .regex(/^(?!-)[a-z0-9-]{1,63}(?<!-)(\.(?!-)[a-z0-9-]{1,63}(?<!-))+$/, { error: 'must be a lower-case DNS name' });

export const environmentSchema = z
  .strictObject({
    /** Short project name: the first part of every physical name and the Project tag. */
    project: z.string().regex(/^[a-z][a-z0-9-]{1,14}[a-z0-9]$/, {
      error: 'must be 3-16 characters: lower-case letters, digits and hyphens, starting with a letter',
    }),
    /**
     * The AWS account the environment deploys to: the providers refuse any other
     * (`allowed_account_ids`), and key and trust policies name it (no data source reads it at plan).
     */
    accountId: z.string().regex(ACCOUNT_ID, { error: 'must be a 12-digit AWS account id' }),
    /** Region that holds the writer of the database and the global resources. */
    primaryRegion: regionName,
    /** Every region the platform runs in, keyed by region name. */
    regions: z.record(regionName, regionSchema).refine((r) => Object.keys(r).length >= 1, { error: 'must list at least one region' }),
    /** `destroyable` (deletion allowed, short key windows) or `protected` (deletion protection, snapshots). */
    protection: z.enum(['destroyable', 'protected']),
    /** Retention of every log group the stack creates. */
    logRetentionDays: z.union(
      LOG_RETENTION_DAYS.map((d) => z.literal(d)),
      {
        error: `must be one of the values CloudWatch Logs accepts: ${LOG_RETENTION_DAYS.join(', ')}`,
      },
    ),
    network: z.strictObject({
      /** `single`: one NAT gateway for the VPC; `perAz`: one per availability zone. */
      natGateways: z.enum(['single', 'perAz']),
      /** Interface endpoints for SSM, Secrets Manager, CloudWatch Logs and KMS. */
      interfaceEndpoints: z.boolean(),
    }),
    compute: computeSchema,
    database: databaseSchema,
    waf: z.strictObject({
      /** Requests per 5 minutes from one IP before the rate-based rule blocks it. */
      rateLimitPer5Min: z.int().min(10).max(2_000_000_000),
      /**
       * The AWS managed anonymous-IP rule group: blocks requests from VPNs, Tor and proxies
       * (AnonymousIPList) and counts those from hosting providers (HostingProviderIPList), which
       * also carry legitimate server-to-server traffic. Off by default: it also blocks users
       * behind commercial VPNs.
       */
      anonymousIpList: z.boolean().default(false),
    }),
    /** AWS Backup of every Aurora cluster: a vault per region, a daily plan, a copy to another region. */
    backup: z.strictObject({
      /** When backups run: an AWS Backup cron expression in UTC, six fields, e.g. cron(0 5 ? * * *). */
      schedule: z.string().regex(/^cron\([^()\s]+( [^()\s]+){5}\)$/, {
        error: 'must be an AWS cron expression with six fields, e.g. cron(0 5 ? * * *)',
      }),
      /** Days a recovery point, and its copy in the other region, is kept. */
      retentionDays: z.int().min(1).max(36500),
      /**
       * Region -> the region its recovery points are copied to. Default: the next region in the
       * order of regions (the last copies to the first).
       */
      copyTo: z.record(regionName, regionName).optional(),
      /**
       * Vault lock (required when protection is "protected"): recovery points cannot be deleted
       * before minRetentionDays, nor kept past maxRetentionDays. `governance`: principals with
       * backup:DeleteBackupVaultLockConfiguration can still remove the lock. `compliance`: after
       * changeableForDays (>= 3) nobody can, AWS included, and the vault cannot be deleted while
       * it holds recovery points (README, "Data protection").
       */
      lock: z
        .strictObject({
          mode: z.enum(['governance', 'compliance']),
          minRetentionDays: z.int().min(1).max(36500),
          maxRetentionDays: z.int().min(1).max(36500),
          changeableForDays: z.int().min(3).max(36500).optional(),
        })
        .optional(),
    }),
    alarms: z.strictObject({
      /** Addresses subscribed to every region's alarm topic. */
      emails: z.array(z.email({ error: 'must be an e-mail address' })).min(1),
      /** Alarm thresholds; each has a default. */
      thresholds: alarmThresholdsSchema.prefault({}),
    }),
    /** Optional public hosted zone: enables HTTPS, certificates and latency records. */
    dns: z
      .strictObject({
        zoneId: z.string().regex(/^Z[A-Z0-9]{1,31}$/, { error: 'must be a Route 53 hosted zone id, e.g. Z0123456789ABCDEFGHIJ' }),
        zoneName: dnsName,
        recordName: dnsName,
        /**
         * Regions taken out of DNS (fenced): their latency record is removed, nothing else, so
         * no traffic reaches them while they recover or hold a demoted database.
         */
        fencedRegions: z.array(regionName).optional(),
      })
      .superRefine((d, ctx) => {
        if (d.recordName !== d.zoneName && !d.recordName.endsWith(`.${d.zoneName}`)) {
          ctx.addIssue({ code: 'custom', path: ['recordName'], input: d.recordName, message: `must be ${d.zoneName} or a name inside it` });
        }
      })
      .optional(),
    backend: z.strictObject({
      bucket: z.string().regex(S3_BUCKET_NAME, {
        error:
          'must be a valid S3 bucket name: 3-63 of a-z, 0-9, "." and "-", starting and ending with a letter or digit, no "..", not an IP address, no xn--/sthree- prefix or -s3alias/--ol-s3 suffix',
      }),
      region: regionName,
      key: z.string().regex(/^[A-Za-z0-9_.\-/]+\.tfstate$/, { error: 'must be an object key ending in .tfstate' }),
      workspaceKeyPrefix: z.string().regex(/^[A-Za-z0-9_.-]+$/, { error: 'must be a plain path segment' }),
      /**
       * Central state account: the backend assumes this role (in the account that owns the
       * bucket). Unset: the bucket is in the environment's own account.
       */
      /**
       * A second region holding a replica of the state bucket (created by the bootstrap stack),
       * for running Terraform while the bucket's region is down (runbook). Must differ from region.
       */
      replicaRegion: regionName.optional(),
      roleArn: z
        .string()
        .regex(STATE_ROLE_ARN, {
          error: 'must be an IAM role ARN without a path, e.g. arn:aws:iam::999999999999:role/platform-terraform-state',
        })
        .optional(),
    }),
    /** Tags on every resource through each provider's default_tags. */
    tags: z.record(tagKey, tagValue).superRefine((tags, ctx) => {
      for (const required of REQUIRED_TAGS) {
        if (!(required in tags)) ctx.addIssue({ code: 'custom', message: `must include the tag ${required}`, input: tags });
      }
      for (const reserved of RESERVED_TAGS) {
        if (reserved in tags) {
          ctx.addIssue({
            code: 'custom',
            path: [reserved],
            input: tags[reserved],
            message: `is set by the stack on every resource; remove it`,
          });
        }
      }
    }),
  })
  .superRefine(crossFieldRules, { when: () => true });

/**
 * Rules spanning several fields. Zod runs this even when other fields failed (`when`), so every
 * problem is reported at once; each rule therefore looks only at values it can trust.
 */
function crossFieldRules(cfg: unknown, ctx: z.RefinementCtx): void {
  // A file that is not an object at all (null, a list) has nothing to cross-check; the object
  // check reports it.
  if (!isRecord(cfg)) return;
  const regions = isRecord(cfg.regions) ? cfg.regions : undefined;
  if (regions && typeof cfg.primaryRegion === 'string' && isKnownRegion(cfg.primaryRegion) && !(cfg.primaryRegion in regions)) {
    ctx.addIssue({
      code: 'custom',
      path: ['primaryRegion'],
      input: cfg.primaryRegion,
      message: `must be one of the regions listed under regions (${Object.keys(regions).join(', ')})`,
    });
  }
  for (const [region, entry] of Object.entries(regions ?? {})) {
    if (!isKnownRegion(region) || !isRecord(entry) || !Array.isArray(entry.availabilityZones)) continue;
    entry.availabilityZones.forEach((az: unknown, i: number) => {
      const allowed = availabilityZonesOf(region);
      if (typeof az !== 'string' || !allowed.includes(az)) {
        ctx.addIssue({
          code: 'custom',
          path: ['regions', region, 'availabilityZones', i],
          input: az,
          message: `must be an availability zone of ${region} (${allowed.join(', ')})`,
        });
      }
    });
  }
  const backend = isRecord(cfg.backend) ? cfg.backend : undefined;
  if (backend && typeof backend.bucket === 'string' && backend.roleArn === undefined && typeof cfg.accountId === 'string') {
    if (ACCOUNT_ID.test(cfg.accountId) && !backend.bucket.includes(cfg.accountId)) {
      ctx.addIssue({
        code: 'custom',
        path: ['backend', 'bucket'],
        input: backend.bucket,
        message: `must contain the account id ${cfg.accountId}: without backend.roleArn the state bucket lives in the environment's own account, and S3 bucket names are global across all accounts (e.g. ${backend.bucket.slice(0, 63 - 13)}-${cfg.accountId}); for one central state account set backend.roleArn instead`,
      });
    }
  }
  if (backend && typeof backend.replicaRegion === 'string' && backend.replicaRegion === backend.region) {
    ctx.addIssue({
      code: 'custom',
      path: ['backend', 'replicaRegion'],
      input: backend.replicaRegion,
      message: `must differ from backend.region (${String(backend.region)}): a replica in the same region survives nothing`,
    });
  }
  const compute = isRecord(cfg.compute) ? cfg.compute : undefined;
  const database = isRecord(cfg.database) ? cfg.database : undefined;
  const listed = regions ? Object.keys(regions) : [];
  if (regions && database && typeof database.writerRegion === 'string' && isKnownRegion(database.writerRegion)) {
    if (!listed.includes(database.writerRegion)) {
      ctx.addIssue({
        code: 'custom',
        path: ['database', 'writerRegion'],
        input: database.writerRegion,
        message: `must be one of the regions listed under regions (${listed.join(', ')})`,
      });
    } else if (database.topology === 'regional' && database.writerRegion !== cfg.primaryRegion) {
      ctx.addIssue({
        code: 'custom',
        path: ['database', 'writerRegion'],
        input: database.writerRegion,
        message: 'applies to the global topology only: regional clusters each write in their own region; remove it',
      });
    }
  }
  const rebuild = database && isRecord(database.rebuild) ? database.rebuild : undefined;
  if (regions && rebuild) {
    if (database!.topology !== 'global') {
      ctx.addIssue({
        code: 'custom',
        path: ['database', 'rebuild'],
        input: rebuild,
        message: 'applies to the global topology only (a rebuild after a detach from the global database); remove it',
      });
    } else if (typeof rebuild.from === 'string' && isKnownRegion(rebuild.from) && !listed.includes(rebuild.from)) {
      ctx.addIssue({
        code: 'custom',
        path: ['database', 'rebuild', 'from'],
        input: rebuild.from,
        message: `must be one of the regions listed under regions (${listed.join(', ')}): the region of the detached cluster`,
      });
    }
  }
  const dns = isRecord(cfg.dns) ? cfg.dns : undefined;
  if (regions && dns && Array.isArray(dns.fencedRegions)) {
    dns.fencedRegions.forEach((r: unknown, i: number) => {
      if (typeof r === 'string' && isKnownRegion(r) && !listed.includes(r)) {
        ctx.addIssue({
          code: 'custom',
          path: ['dns', 'fencedRegions', i],
          input: r,
          message: `must be one of the regions listed under regions (${listed.join(', ')})`,
        });
      }
    });
    if (listed.length > 0 && listed.every((r) => (dns.fencedRegions as unknown[]).includes(r))) {
      ctx.addIssue({
        code: 'custom',
        path: ['dns', 'fencedRegions'],
        input: dns.fencedRegions,
        message: 'must leave at least one region serving',
      });
    }
    const writer = database && typeof database.writerRegion === 'string' ? database.writerRegion : cfg.primaryRegion;
    if (database?.topology === 'global' && typeof writer === 'string' && (dns.fencedRegions as unknown[]).includes(writer)) {
      ctx.addIssue({
        code: 'custom',
        path: ['dns', 'fencedRegions'],
        input: dns.fencedRegions,
        message: `must not include the writer region ${writer}: fail over or switch over first, then fence`,
      });
    }
  }
  backupRules(cfg, ctx, listed);
  const alarms = isRecord(cfg.alarms) ? cfg.alarms : undefined;
  const thresholds = alarms && isRecord(alarms.thresholds) ? alarms.thresholds : undefined;
  if (typeof thresholds?.databaseConnections === 'number' && typeof database?.instanceClass === 'string') {
    const max = auroraMaxConnections(database.instanceClass);
    if (max !== undefined && thresholds.databaseConnections > max) {
      ctx.addIssue({
        code: 'custom',
        path: ['alarms', 'thresholds', 'databaseConnections'],
        input: thresholds.databaseConnections,
        message: `must not exceed ${database.instanceClass}'s default max_connections (${max}): the alarm would fire only after connections are refused`,
      });
    }
  }
  if (database?.topology === 'global' && database.breakGlassRoleArn === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['database', 'breakGlassRoleArn'],
      input: undefined,
      message:
        'is required when topology is "global": the operator role that may read the master secret (nothing else but its rotation function can)',
    });
  }
  // Compared only with a well-formed account id: a malformed one is reported once, on accountId.
  if (typeof database?.breakGlassRoleArn === 'string' && typeof cfg.accountId === 'string' && ACCOUNT_ID.test(cfg.accountId)) {
    const account = /^arn:aws:iam::(\d{12}):/.exec(database.breakGlassRoleArn)?.[1];
    if (account && account !== cfg.accountId) {
      ctx.addIssue({
        code: 'custom',
        path: ['database', 'breakGlassRoleArn'],
        input: database.breakGlassRoleArn,
        message: `must be a role of the environment's account ${cfg.accountId}`,
      });
    }
  }
  if (cfg.protection === 'protected') {
    if (compute && typeof compute.minSize === 'number' && compute.minSize < 2) {
      ctx.addIssue({
        code: 'custom',
        path: ['compute', 'minSize'],
        input: compute.minSize,
        message: 'must be >= 2 when protection is "protected" (an instance per AZ failure)',
      });
    }
    if (cfg.dns === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['dns'],
        input: undefined,
        message: 'is required when protection is "protected": without a hosted zone there is no HTTPS and no DNS failover between regions',
      });
    }
    if (database && typeof database.readerCount === 'number' && database.readerCount < 1) {
      ctx.addIssue({
        code: 'custom',
        path: ['database', 'readerCount'],
        input: database.readerCount,
        message: 'must be >= 1 when protection is "protected" (a reader in another AZ to fail over to)',
      });
    }
  }
}

/** The backup block against the regions and the protection profile. */
function backupRules(cfg: Record<string, unknown>, ctx: z.RefinementCtx, listed: readonly string[]): void {
  const backup = isRecord(cfg.backup) ? cfg.backup : undefined;
  if (!backup) return;
  if (listed.length === 1 && backup.copyTo === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['backup'],
      input: listed,
      message: 'needs a second region: every recovery point is copied to another region, and only one is listed under regions',
    });
  }
  if (isRecord(backup.copyTo)) {
    for (const [from, to] of Object.entries(backup.copyTo)) {
      for (const [value, at] of [
        [from, [from]],
        [to, [from]],
      ] as const) {
        if (typeof value === 'string' && isKnownRegion(value) && listed.length > 0 && !listed.includes(value)) {
          ctx.addIssue({
            code: 'custom',
            path: ['backup', 'copyTo', ...at],
            input: value,
            message: `must be one of the regions listed under regions (${listed.join(', ')})`,
          });
        }
      }
      if (from === to) {
        ctx.addIssue({
          code: 'custom',
          path: ['backup', 'copyTo', from],
          input: to,
          message: 'must be another region: a copy in the same region survives nothing the original does not',
        });
      }
    }
    const missing = listed.filter((r) => !(r in (backup.copyTo as Record<string, unknown>)));
    if (missing.length > 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['backup', 'copyTo'],
        input: backup.copyTo,
        message: `must name a copy region for every listed region; missing: ${missing.join(', ')}`,
      });
    }
  }
  const lock = isRecord(backup.lock) ? backup.lock : undefined;
  if (cfg.protection === 'protected' && backup.lock === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['backup', 'lock'],
      input: undefined,
      message: 'is required when protection is "protected": a vault lock keeps recovery points from deletion before their time',
    });
  }
  if (!lock) return;
  const { minRetentionDays: min, maxRetentionDays: max } = lock;
  if (typeof min === 'number' && typeof max === 'number' && min > max) {
    ctx.addIssue({
      code: 'custom',
      path: ['backup', 'lock', 'maxRetentionDays'],
      input: max,
      message: `must be >= minRetentionDays (${min})`,
    });
  }
  const retention = backup.retentionDays;
  if (typeof retention === 'number' && ((typeof min === 'number' && retention < min) || (typeof max === 'number' && retention > max))) {
    ctx.addIssue({
      code: 'custom',
      path: ['backup', 'retentionDays'],
      input: retention,
      message: `must lie within the vault lock's retention (${String(min)}-${String(max)} days): AWS Backup fails every job whose retention is outside it`,
    });
  }
  if (lock.mode === 'compliance' && lock.changeableForDays === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['backup', 'lock', 'changeableForDays'],
      input: undefined,
      message:
        'is required in compliance mode: the days (>= 3) during which the lock can still be changed or removed; afterwards nobody can',
    });
  }
  if (lock.mode === 'governance' && lock.changeableForDays !== undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['backup', 'lock', 'changeableForDays'],
      input: lock.changeableForDays,
      message: 'applies to compliance mode only (a governance lock stays removable); remove it',
    });
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export type EnvironmentConfig = z.infer<typeof environmentSchema>;
export type RegionConfig = z.infer<typeof regionSchema>;
