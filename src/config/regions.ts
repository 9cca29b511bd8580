/**
 * The one table in the code base that names AWS regions. Everything else derives regions from
 * the environment config, so adding a region is a config change plus (when the region is new
 * to the project) one row here.
 *
 * Sources:
 * - AZ letters: `aws ec2 describe-availability-zones --region <r>` (letters of zones that are
 *   opted in by default).
 * - elbLogDeliveryAccount: "Enable access logs for your Application Load Balancer", the table of
 *   Elastic Load Balancing account IDs for regions available before August 2022.
 */
export interface RegionFacts {
  /** Letters of the region's default availability zones, e.g. `abc` for `eu-west-1a..c`. */
  readonly azLetters: string;
  /** AWS account that delivers ALB access logs in this region. */
  readonly elbLogDeliveryAccount: string;
  /** Short code for names with tight limits (load balancers, target groups: 32 characters). */
  readonly shortCode: string;
}

export const REGIONS = {
  'us-east-1': { azLetters: 'abcdef', elbLogDeliveryAccount: '127311923021', shortCode: 'use1' },
  'us-east-2': { azLetters: 'abc', elbLogDeliveryAccount: '033677994240', shortCode: 'use2' },
  'us-west-1': { azLetters: 'ab', elbLogDeliveryAccount: '027434742980', shortCode: 'usw1' },
  'us-west-2': { azLetters: 'abcd', elbLogDeliveryAccount: '797873946194', shortCode: 'usw2' },
  'ca-central-1': { azLetters: 'abd', elbLogDeliveryAccount: '985666609251', shortCode: 'cac1' },
  'eu-west-1': { azLetters: 'abc', elbLogDeliveryAccount: '156460612806', shortCode: 'euw1' },
  'eu-west-2': { azLetters: 'abc', elbLogDeliveryAccount: '652711504416', shortCode: 'euw2' },
  'eu-west-3': { azLetters: 'abc', elbLogDeliveryAccount: '009996457667', shortCode: 'euw3' },
  'eu-central-1': { azLetters: 'abc', elbLogDeliveryAccount: '054676820928', shortCode: 'euc1' },
  'eu-north-1': { azLetters: 'abc', elbLogDeliveryAccount: '897822967062', shortCode: 'eun1' },
  'ap-northeast-1': { azLetters: 'acd', elbLogDeliveryAccount: '582318560864', shortCode: 'apne1' },
  'ap-southeast-1': { azLetters: 'abc', elbLogDeliveryAccount: '114774131450', shortCode: 'apse1' },
  'ap-southeast-2': { azLetters: 'abc', elbLogDeliveryAccount: '783225319266', shortCode: 'apse2' },
} as const satisfies Record<string, RegionFacts>;

export type RegionName = keyof typeof REGIONS;

export const REGION_NAMES = Object.keys(REGIONS) as RegionName[];

export function isKnownRegion(name: string): name is RegionName {
  return Object.prototype.hasOwnProperty.call(REGIONS, name);
}

/** Availability zone names of a region, e.g. `['eu-west-1a', 'eu-west-1b', 'eu-west-1c']`. */
export function availabilityZonesOf(region: RegionName): string[] {
  return [...REGIONS[region].azLetters].map((letter) => `${region}${letter}`);
}

/** Terraform provider alias for a region: `us-east-1` -> `us_east_1`. */
export function providerAlias(region: string): string {
  return region.replace(/-/g, '_');
}
