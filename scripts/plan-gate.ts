/**
 * npm run plan:gate -- --plan <terraform show -json file> --env <env> [--allow-stateful-change <address>]...
 *
 * Refuses (exit 1) a plan of a protected environment that deletes or replaces a stateful
 * resource, naming each and the attributes forcing replacement, unless the operator names it.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { loadEnvironment, reportingConfigErrors, selectEnvironment } from '../src/config/loader';
import { REPO_ROOT } from './lib/offline-plan';
import { allowList, checkStatefulChanges, formatGate } from './lib/stateful-gate';

function main(): number {
  const { values } = parseArgs({
    options: { plan: { type: 'string' }, env: { type: 'string' }, 'allow-stateful-change': { type: 'string', multiple: true } },
  });
  if (!values.plan) {
    console.error('--plan <file> is required: the output of terraform show -json <planfile>');
    return 1;
  }
  const env = selectEnvironment(values.env ?? process.env.ENVIRONMENT, process.env.TF_WORKSPACE);
  const config = loadEnvironment(path.join(REPO_ROOT, 'environments'), env);
  const plan = JSON.parse(readFileSync(values.plan, 'utf8'));
  const result = checkStatefulChanges(plan, {
    protectedEnvironment: config.protection === 'protected',
    allow: allowList(values['allow-stateful-change']),
  });
  console.log(formatGate(env, result));
  return result.ok ? 0 : 1;
}

reportingConfigErrors(main);
