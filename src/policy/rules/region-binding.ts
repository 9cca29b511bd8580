import { isKnownRegion } from '../../config/regions';
import { Rule, check } from '../rule';

/**
 * Every AWS resource names an aliased provider, and a resource of a regional construct (its
 * address starts with the region, e.g. `aws_vpc.us-east-1_network_vpc_...`) uses that region's.
 */
export const rule: Rule = {
  id: 'region-binding',
  description: "Every AWS resource has an explicit aliased provider; regional resources use their region's.",
  resourceTypes: 'all-aws',
  evaluate(resource, model) {
    if (!resource.provider || !resource.provider.includes('.')) {
      return check(false, 'no aliased provider: pass the regional AwsProvider explicitly');
    }
    if (!(resource.provider in model.providers)) return check(false, `provider ${resource.provider} is not declared`);
    const prefix = resource.name.split('_')[0]!;
    if (isKnownRegion(prefix) && resource.region !== prefix) {
      return check(false, `a ${prefix} resource uses the provider of ${resource.region ?? '(no region)'}`);
    }
    return check(true, '');
  },
};
