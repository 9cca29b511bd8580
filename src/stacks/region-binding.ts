import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformDataSource, TerraformProvider, TerraformResource, TerraformStack } from 'cdktf';
import { Construct, IConstruct } from 'constructs';

const REGION_SCOPE = Symbol.for('platform.regionScope');

/**
 * Marks a construct as regional: every AWS resource under it must use a provider of `region`.
 * The region-binding check below enforces it at synth.
 */
export function bindRegion(scope: Construct, region: string): void {
  Object.defineProperty(scope, REGION_SCOPE, { value: region, enumerable: false });
}

/** The region of the nearest enclosing regional construct, if any. */
export function regionOf(construct: IConstruct): string | undefined {
  for (const scope of [...construct.node.scopes].reverse()) {
    const region = (scope as unknown as Record<symbol, unknown>)[REGION_SCOPE];
    if (typeof region === 'string') return region;
  }
  return undefined;
}

/**
 * Every AWS resource and data source needs an explicit, aliased AwsProvider (the stack has no
 * default provider, so an unbound resource would not plan), and inside a regional construct
 * that provider must be of the construct's region. Returns one message per violation.
 */
export function regionBindingProblems(stack: TerraformStack): string[] {
  const problems: string[] = [];
  for (const c of stack.node.findAll()) {
    if (c instanceof AwsProvider && !c.alias) {
      problems.push(`[${c.node.path}] AWS provider has no alias; every provider must be aliased per region`);
    }
    if (!(c instanceof TerraformResource || c instanceof TerraformDataSource)) continue;
    if (!c.terraformResourceType.startsWith('aws_')) continue;
    const provider: TerraformProvider | undefined = c.provider;
    const where = `[${c.node.path}] ${c.terraformResourceType}`;
    if (!provider) {
      problems.push(`${where} has no provider; pass the regional AwsProvider explicitly`);
      continue;
    }
    if (!(provider instanceof AwsProvider)) {
      problems.push(`${where} uses provider ${provider.node.path}, which is not an AwsProvider`);
      continue;
    }
    const expected = regionOf(c);
    if (expected !== undefined && provider.region !== expected) {
      problems.push(`${where} is in the ${expected} construct but uses the provider of ${provider.region ?? '(no region)'}`);
    }
  }
  return problems;
}
