import { TerraformResource, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';

/**
 * The Terraform addresses of the resources a construct would synthesize, learned by building it
 * under `scope` as `id` and removing it again. Used for resources that left the configuration on
 * purpose and must be forgotten (`removed` blocks), not destroyed: their addresses are those of
 * the construct paths they were created at.
 */
export function addressesOf(scope: Construct, id: string, build: () => Construct): string[] {
  const built = build();
  if (built.node.scope !== scope || built.node.id !== id)
    throw new Error(`addressesOf: the construct must be built as ${scope.node.path}/${id}`);
  const addresses = built.node
    .findAll()
    .filter((c): c is TerraformResource => c instanceof TerraformResource)
    .map((r) => `${r.terraformResourceType}.${r.friendlyUniqueId}`);
  scope.node.tryRemoveChild(id);
  return addresses.sort();
}

/**
 * `removed` blocks with `destroy = false` (Terraform >= 1.7): Terraform drops these addresses
 * from state and leaves the objects in AWS (plan action `forget`). A block whose address is not
 * in state does nothing, so the blocks can stay after the apply that used them.
 */
export function forgetAddresses(stack: TerraformStack, addresses: readonly string[]): void {
  if (addresses.length === 0) return;
  stack.addOverride(
    'removed',
    [...addresses].sort().map((from) => ({ from, lifecycle: { destroy: false } })),
  );
}
