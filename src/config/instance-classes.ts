/**
 * Instance families the platform accepts, and what follows from them. Kept as data so that the
 * config schema and the launch template agree on the CPU architecture of each family.
 */

export type CpuArchitecture = 'x86_64' | 'arm64';

/** EC2 families for the application tier (general purpose, compute and memory optimized). */
export const EC2_FAMILIES: Readonly<Record<string, CpuArchitecture>> = {
  t3: 'x86_64',
  t3a: 'x86_64',
  m6i: 'x86_64',
  m6a: 'x86_64',
  m7i: 'x86_64',
  m7a: 'x86_64',
  c6i: 'x86_64',
  c7i: 'x86_64',
  r6i: 'x86_64',
  r7i: 'x86_64',
  t4g: 'arm64',
  m6g: 'arm64',
  m7g: 'arm64',
  m8g: 'arm64',
  c6g: 'arm64',
  c7g: 'arm64',
  c8g: 'arm64',
  r6g: 'arm64',
  r7g: 'arm64',
  r8g: 'arm64',
};

const EC2_SIZES = ['nano', 'micro', 'small', 'medium', 'large', 'xlarge', '2xlarge', '4xlarge', '8xlarge', '12xlarge', '16xlarge'];

/** Aurora PostgreSQL instance families: burstable (regional only) and memory optimized. */
const AURORA_BURSTABLE_FAMILIES = ['t3', 't4g'];
const AURORA_MEMORY_OPTIMIZED_FAMILIES = ['r6g', 'r6i', 'r7g', 'r7i', 'r8g', 'x2g'];
const AURORA_SIZES = ['medium', 'large', 'xlarge', '2xlarge', '4xlarge', '8xlarge', '12xlarge', '16xlarge'];

export function ec2Architecture(instanceType: string): CpuArchitecture | undefined {
  const parts = instanceType.split('.');
  const [family, size] = parts;
  // Exactly <family>.<size>: `m7g.large.extra` is no instance type (the launch template would fail).
  if (parts.length !== 2 || !family || !size || !EC2_SIZES.includes(size)) return undefined;
  return EC2_FAMILIES[family];
}

export function describeEc2Types(): string {
  return `<family>.<size> with family one of ${Object.keys(EC2_FAMILIES).join(', ')} and size one of ${EC2_SIZES.join(', ')}`;
}

export interface AuroraClassCheck {
  readonly valid: boolean;
  readonly memoryOptimized: boolean;
}

export function auroraClass(instanceClass: string): AuroraClassCheck {
  const match = /^db\.([a-z0-9]+)\.([a-z0-9]+)$/.exec(instanceClass);
  if (!match) return { valid: false, memoryOptimized: false };
  const [, family, size] = match;
  const memoryOptimized = AURORA_MEMORY_OPTIMIZED_FAMILIES.includes(family!);
  const burstable = AURORA_BURSTABLE_FAMILIES.includes(family!);
  // Aurora PostgreSQL offers the burstable families in medium and large only, and the memory
  // optimized ones from large up (no db.r6g.medium: "Supported DB engines for DB instance classes",
  // Aurora User Guide), so a medium memory-optimized class would fail at apply.
  const sizeOk = AURORA_SIZES.includes(size!) && (burstable ? ['medium', 'large'].includes(size!) : size !== 'medium');
  return { valid: (memoryOptimized || burstable) && sizeOk, memoryOptimized: memoryOptimized && sizeOk };
}

export function describeAuroraClasses(memoryOptimizedOnly: boolean): string {
  const memory = `db.<${AURORA_MEMORY_OPTIMIZED_FAMILIES.join('|')}>.<large|xlarge|2xlarge|...>`;
  return memoryOptimizedOnly ? memory : `${memory} or db.<${AURORA_BURSTABLE_FAMILIES.join('|')}>.<medium|large>`;
}

/** Nominal memory of an Aurora class, GiB (x2g has twice the r-families' memory per size). */
export function auroraMemoryGiB(instanceClass: string): number | undefined {
  const match = /^db\.([a-z0-9]+)\.([a-z0-9]+)$/.exec(instanceClass);
  if (!match || !auroraClass(instanceClass).valid) return undefined;
  const [, family, size] = match as unknown as [string, string, string];
  if (AURORA_BURSTABLE_FAMILIES.includes(family)) return size === 'medium' ? 4 : 8;
  const perSize: Record<string, number> = {
    large: 16,
    xlarge: 32,
    '2xlarge': 64,
    '4xlarge': 128,
    '8xlarge': 256,
    '12xlarge': 384,
    '16xlarge': 512,
  };
  const base = perSize[size];
  return base === undefined ? undefined : family === 'x2g' ? 2 * base : base;
}

/**
 * Aurora PostgreSQL's default max_connections, LEAST({DBInstanceClassMemory/9531392}, 5000),
 * with the values the Aurora User Guide lists ("Maximum connections to an Aurora PostgreSQL DB
 * instance"): DBInstanceClassMemory is below the nominal memory (Aurora reserves some), so the
 * listed values are used: 4 GiB 405, 8 GiB 823, 16 GiB 1722, 32 GiB 3479, 64 GiB and more the
 * 5000 cap.
 */
export function auroraMaxConnections(instanceClass: string): number | undefined {
  const memory = auroraMemoryGiB(instanceClass);
  if (memory === undefined) return undefined;
  const listed: Record<number, number> = { 4: 405, 8: 823, 16: 1722, 32: 3479 };
  return listed[memory] ?? 5000;
}

/**
 * Local (temporary) storage of an Aurora PostgreSQL instance, bytes: about twice its memory
 * (Aurora User Guide, "Temporary storage limits for Aurora PostgreSQL": db.r6g.large 32 GiB,
 * db.r6g.xlarge 63 GiB, db.t4g.medium 8.13 GiB).
 */
export function auroraLocalStorageBytes(instanceClass: string): number | undefined {
  const memory = auroraMemoryGiB(instanceClass);
  return memory === undefined ? undefined : 2 * memory * 1024 ** 3;
}

/** Burstable classes earn CPU credits (CPUCreditBalance). */
export function auroraBurstable(instanceClass: string): boolean {
  const family = /^db\.([a-z0-9]+)\./.exec(instanceClass)?.[1];
  return family !== undefined && AURORA_BURSTABLE_FAMILIES.includes(family);
}
