import * as path from 'node:path';
import { App } from 'cdktf';
import { loadEnvironment } from '../../src/config/loader';
import { Json } from '../../src/policy/model';
import { EnvironmentName } from '../../src/config/schema';
import { PlatformStack } from '../../src/stacks/platform-stack';
import { STACK_NAME } from '../../src/stacks/stack-name';
import { REPO_ROOT } from './offline-plan';

/** Builds an environment's stack in memory (nothing written) and returns its Terraform JSON. */
export function stackJson(env: EnvironmentName, configDir = path.join(REPO_ROOT, 'environments')): Json {
  const app = new App({ outdir: path.join(REPO_ROOT, 'cdktf.out'), skipValidation: true });
  const stack = new PlatformStack(app, STACK_NAME, { environment: env, config: loadEnvironment(configDir, env) });
  return stack.toTerraform();
}
