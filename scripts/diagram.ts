/**
 * npm run diagram [-- --env dev|staging|prod|all] [--out docs]   (--env, else ENVIRONMENT, else all)
 *
 * Renders docs/diagram-<env>.svg from each environment's synthesized configuration.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { EnvironmentName } from '../src/config/schema';
import { stackJson } from './lib/build-stack';
import { diagramDot, renderSvg } from './lib/diagram';
import { ENVIRONMENTS } from './lib/environments';
import { REPO_ROOT } from './lib/offline-plan';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      env: { type: 'string', default: process.env.ENVIRONMENT ?? 'all' },
      out: { type: 'string', default: path.join(REPO_ROOT, 'docs') },
    },
  });
  const envs = values.env === 'all' ? [...ENVIRONMENTS] : [values.env as EnvironmentName];
  mkdirSync(values.out!, { recursive: true });
  for (const env of envs) {
    const svg = await renderSvg(diagramDot(stackJson(env), `Platform: ${env}`));
    const file = path.join(values.out!, `diagram-${env}.svg`);
    writeFileSync(file, svg);
    console.log(`wrote ${path.relative(REPO_ROOT, file)}`);
  }
  return 0;
}

main().then((code) => (process.exitCode = code));
