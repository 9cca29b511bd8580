import { TerraformMetaArguments, TerraformResource, anyToHclTerraform, anyToTerraform, hashMapper, hashMapperHcl } from 'cdktf';
import { Construct } from 'constructs';

export interface TerraformDataConfig extends Pick<TerraformMetaArguments, 'dependsOn' | 'lifecycle'> {
  /** Stored in state and reflected in `output` after apply. */
  readonly input?: Record<string, unknown>;
}

/**
 * Terraform's built-in `terraform_data` resource
 * (https://developer.hashicorp.com/terraform/language/resources/terraform-data), synthesized as
 * cdktf's `DataResource` does it.
 *
 * Not `DataResource` itself: its constructor adds a validation that runs `terraform version` in a
 * child process whenever the stack is validated (cdktf 0.21, lib/terraform-data-resource.js and
 * lib/validations/validate-binary-version.js), that is on every `npm run synth`: about 0.3 s of
 * each (node --cpu-prof, 2026-12-06), and a synth that fails on a machine without terraform on
 * the PATH. The version it checks (>= 1.4) is below the stack's `required_version` (>= 1.11),
 * which Terraform enforces itself at init and plan.
 */
export class TerraformData extends TerraformResource {
  static readonly tfResourceType = 'terraform_data';

  private readonly input?: Record<string, unknown>;

  constructor(scope: Construct, id: string, config: TerraformDataConfig = {}) {
    super(scope, id, {
      terraformResourceType: TerraformData.tfResourceType,
      terraformGeneratorMetadata: { providerName: 'terraform' },
      dependsOn: config.dependsOn,
      lifecycle: config.lifecycle,
    });
    this.input = config.input;
  }

  protected override synthesizeAttributes(): Record<string, unknown> {
    return { input: hashMapper(anyToTerraform)(this.input) };
  }

  protected override synthesizeHclAttributes(): Record<string, unknown> {
    return { input: hashMapperHcl(anyToHclTerraform)(this.input) };
  }
}
