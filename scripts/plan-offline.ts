/**
 * npm run plan:offline [-- --env dev|staging|prod|all] [--workspace <ws>] [--stack-dir <dir>]
 *                      [--config-dir <dir>] [--json <file>] [--allow-stateful-change <address>]...
 *
 * Synthesizes each environment into a scratch directory, adds offline overrides and runs the
 * real terraform init/plan/show against the provider mirror, then the policy pack on
 * the plan's JSON and the stateful-change gate. Exit 1 on any failure, blocking finding or
 * refused change.
 */
import { writeFileSync } from 'node:fs';
import { environmentsOrRefuse } from './lib/environments';
import { blockingFindings, formatFinding, summarize } from '../src/policy/runner';
import { HarnessError, TerraformStepError, formatScratch, formatSummary, formatTimings, planEnvironment } from './lib/offline-plan';
import { allowList, formatGate } from './lib/stateful-gate';
import { parseCliArgs } from './lib/cli-args';

function main(): number {
  const { values } = parseCliArgs('plan:offline', {
    env: { type: 'string', default: process.env.ENVIRONMENT ?? 'all' },
    workspace: { type: 'string' },
    'stack-dir': { type: 'string' },
    'config-dir': { type: 'string' },
    json: { type: 'string' },
    'allow-stateful-change': { type: 'string', multiple: true },
  });
  const envs = environmentsOrRefuse(values.env!);
  if (envs === undefined) return 1;
  if (values['stack-dir'] && envs.length !== 1) {
    console.error('--stack-dir plans one synthesized stack: give --env too.');
    return 1;
  }
  let failed = 0;
  const plans: Record<string, unknown> = {};
  for (const env of envs) {
    try {
      const p = planEnvironment(env, {
        workspace: values.workspace,
        stackDir: values['stack-dir'],
        configDir: values['config-dir'],
        allowStatefulChanges: allowList(values['allow-stateful-change']),
      });
      for (const note of p.notes) console.log(`note: ${note}`);
      console.log(formatSummary(`${env} (workspace ${p.workspace})`, p.summary));
      const blocking = blockingFindings(p.policy);
      const counts = summarize(p.policy);
      const total = (k: 'compliant' | 'nonCompliant' | 'suppressed') => counts.reduce((n, c) => n + c[k], 0);
      console.log(
        `policy on the plan: ${total('compliant')} compliant, ${total('nonCompliant')} non-compliant, ${total('suppressed')} suppressed`,
      );
      for (const f of blocking) console.log(`  ${formatFinding(f)}`);
      console.log(formatGate(env, p.gate));
      console.log(`time: ${formatTimings(p.timings)}`);
      console.log(`${formatScratch(p.scratch.dir, p.workspace)}\n`);
      if (blocking.length > 0 || !p.gate.ok) failed += 1;
      plans[env] = p.result.plan;
    } catch (error) {
      failed += 1;
      if (error instanceof HarnessError || error instanceof TerraformStepError) console.error(`${env}: ${error.message}`);
      else throw error;
    }
  }
  if (values.json) writeFileSync(values.json, JSON.stringify(plans));
  return failed === 0 ? 0 : 1;
}

process.exitCode = main();
