/**
 * npm run plan:upgrade -- --env <env> [--base <git ref>] [--allow-stateful-change <address>]... [--keep]
 * (--env, else ENVIRONMENT; one is required)
 *
 * What the working tree would do to the environment as the base revision left it, offline: the
 * base (default: the merge-base with main, else HEAD~1) is synthesized in a git worktree and its
 * plan turned into a synthetic prior state; the working tree is planned against it with refresh
 * off, summarized per address, and judged by the stateful-change gate.
 *
 * Exit codes, as `terraform plan -detailed-exitcode`: 0 no changes, 1 error, 2 changes; and 3
 * when the stateful-change gate refuses.
 */
import * as path from 'node:path';
import { reportingConfigErrors } from '../src/config/loader';
import { HarnessError, TerraformStepError, formatScratch } from './lib/offline-plan';
import { InputRefusal, requiredEnvironment } from './lib/plan-input';
import { allowList, formatGate } from './lib/stateful-gate';
import { UPGRADE_EXIT, formatUpgradeSummary, removeScratch, upgradePlan } from './lib/upgrade-plan';
import { parseCliArgs } from './lib/cli-args';

function main(): number {
  const { values } = parseCliArgs(
    'plan:upgrade',
    {
      env: { type: 'string' },
      base: { type: 'string' },
      'allow-stateful-change': { type: 'string', multiple: true },
      keep: { type: 'boolean', default: false },
    },
    // 2 means "changes" here: a command-line mistake is an error (1).
    { usageExitCode: UPGRADE_EXIT.error },
  );
  let environment;
  try {
    environment = requiredEnvironment(values.env, process.env.ENVIRONMENT);
  } catch (error) {
    if (!(error instanceof InputRefusal)) throw error;
    console.error(`Refusing: ${error.message}`);
    return UPGRADE_EXIT.error;
  }
  try {
    const result = upgradePlan(environment, { base: values.base, allowStatefulChanges: allowList(values['allow-stateful-change']) });
    for (const note of result.notes) console.log(`note: ${note}`);
    const { settled } = result.base;
    console.log(
      `Synthetic state of ${environment} at ${result.base.ref} (${result.base.commit.slice(0, 12)}): ${settled.state.resources.length} resources, settled in ${settled.rounds.length} plans (${settled.rounds.join(' -> ')} changes)`,
    );
    console.log(formatUpgradeSummary(`Upgrade plan of ${environment}: ${result.base.ref} -> working tree`, result.changes));
    console.log(formatGate(environment, result.gate));
    // Terraform ran in <root>/plan (base-out/ and head-out/ beside it hold the two synths).
    if (values.keep) console.log(formatScratch(path.join(result.scratchRoot, 'plan'), environment));
    else removeScratch(result.scratchRoot);
    return result.exitCode;
  } catch (error) {
    if (error instanceof HarnessError || error instanceof TerraformStepError) {
      console.error(`${environment}: ${error.message}`);
      return UPGRADE_EXIT.error;
    }
    throw error;
  }
}

reportingConfigErrors(main);
