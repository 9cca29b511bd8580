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
  const [family, size] = instanceType.split('.');
  if (!family || !size || !EC2_SIZES.includes(size)) return undefined;
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
  const sizeOk = AURORA_SIZES.includes(size!) && !(burstable && !['medium', 'large'].includes(size!));
  return { valid: (memoryOptimized || burstable) && sizeOk, memoryOptimized: memoryOptimized && sizeOk && size !== 'medium' };
}

export function describeAuroraClasses(memoryOptimizedOnly: boolean): string {
  const memory = `db.<${AURORA_MEMORY_OPTIMIZED_FAMILIES.join('|')}>.<large|xlarge|2xlarge|...>`;
  return memoryOptimizedOnly ? memory : `${memory} or db.<${AURORA_BURSTABLE_FAMILIES.join('|')}>.<medium|large>`;
}
