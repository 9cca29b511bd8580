/**
 * npm run diagram [-- --env dev|staging|prod|all] [--out docs]   (--env, else ENVIRONMENT, else all)
 *
 * Renders docs/diagram-<env>.svg from each environment's synthesized configuration.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { stackJson } from './lib/build-stack';
import { diagramDot, renderSvg } from './lib/diagram';
import { environmentsOrRefuse } from './lib/environments';
import { REPO_ROOT } from './lib/offline-plan';
import { parseCliArgs } from './lib/cli-args';

async function main(): Promise<number> {
  const { values } = parseCliArgs('diagram', {
    env: { type: 'string', default: process.env.ENVIRONMENT ?? 'all' },
    out: { type: 'string', default: path.join(REPO_ROOT, 'docs') },
  });
  const envs = environmentsOrRefuse(values.env!);
  if (envs === undefined) return 1;
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
