import { IPv4CidrRange, IPv4Prefix } from 'ip-num';

export type Tier = 'public' | 'private' | 'database';
export const TIERS: readonly Tier[] = ['public', 'private', 'database'];

/** Extra prefix bits per subnet: the VPC is cut into 16 equal blocks (a /16 gives /20 subnets). */
export const SUBNET_NEWBITS = 4;
/** Blocks reserved per tier: three AZs in use, one spare for a fourth AZ. */
const BLOCKS_PER_TIER = 4;

/**
 * The CIDR of the subnet of `tier` in the AZ at `azIndex`: block `4 * tier + azIndex` of the VPC,
 * like Terraform's `cidrsubnet(vpc, 4, 4 * tier + azIndex)`. Blocks 12-15 stay free for new tiers.
 */
export function subnetCidr(vpcCidr: string, tier: Tier, azIndex: number): string {
  if (!Number.isInteger(azIndex) || azIndex < 0 || azIndex >= BLOCKS_PER_TIER) {
    throw new Error(`subnetCidr: azIndex must be 0-${BLOCKS_PER_TIER - 1}, got ${azIndex}`);
  }
  return blocksOf(vpcCidr)[TIERS.indexOf(tier) * BLOCKS_PER_TIER + azIndex]!;
}

/** The VPC's 16 equal blocks, in address order. */
function blocksOf(vpcCidr: string): string[] {
  const vpc = IPv4CidrRange.fromCidr(vpcCidr);
  const prefix = vpc.getPrefix().getValue() + BigInt(SUBNET_NEWBITS);
  return vpc.splitInto(IPv4Prefix.fromNumber(prefix)).map((block) => block.toCidrString());
}

/** Every subnet of the VPC: tier -> AZ -> CIDR. */
export function subnetLayout(vpcCidr: string, availabilityZones: readonly string[]): Record<Tier, Record<string, string>> {
  if (availabilityZones.length > BLOCKS_PER_TIER) {
    throw new Error(`subnetLayout: at most ${BLOCKS_PER_TIER} availability zones, got ${availabilityZones.length}`);
  }
  // Split once per VPC (splitting is the slow part of ip-num), then take each tier's blocks.
  const blocks = blocksOf(vpcCidr);
  const layout = {} as Record<Tier, Record<string, string>>;
  for (const [t, tier] of TIERS.entries()) {
    layout[tier] = Object.fromEntries(availabilityZones.map((az, i) => [az, blocks[t * BLOCKS_PER_TIER + i]!]));
  }
  return layout;
}
