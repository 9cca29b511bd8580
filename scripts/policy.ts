/**
 * npm run policy [-- --env dev|staging|prod|all] [--plan <terraform show -json file> --env <env>]
 *                [--rules-md]
 * (--env, else ENVIRONMENT, else all; a plan needs --env or ENVIRONMENT, and a file that is a plan)
 *
 * Runs the policy pack on each environment's synthesized configuration (or on a plan's JSON),
 * prints a table of rules with their status and counts, the suppressions with their reasons,
 * and every blocking finding. Exit 1 when an error-level finding is not suppressed.
 */
import { reportingConfigErrors } from '../src/config/loader';
import { PolicyModel, modelFromPlan, modelFromSynth } from '../src/policy/model';
import { rulesMarkdown } from '../src/policy/rules-doc';
import { blockingFindings, evaluate, formatFinding, formatSummaryTable, summarize } from '../src/policy/runner';
import { environmentsOrRefuse } from './lib/environments';
import { stackJson } from './lib/build-stack';
import { InputRefusal, readTerraformPlan, requiredEnvironment } from './lib/plan-input';
import { parseCliArgs } from './lib/cli-args';

function report(title: string, model: PolicyModel): boolean {
  const result = evaluate(model);
  console.log(`\n== ${title} (${model.source}) ==`);
  console.log(formatSummaryTable(summarize(result)));
  const suppressed = result.findings.filter((f) => f.suppressedBecause);
  if (suppressed.length > 0) {
    console.log(`\nSuppressed (${suppressed.length}):`);
    for (const f of suppressed) console.log(`  [${f.ruleId}] ${f.address}: ${f.suppressedBecause}`);
  }
  const blocking = blockingFindings(result);
  for (const problem of result.invalidSuppressions) console.log(`  invalid: ${problem}`);
  if (blocking.length > 0) {
    console.log(`\nBlocking findings (${blocking.length}):`);
    for (const f of blocking) console.log(`  ${formatFinding(f)}`);
  }
  const warnings = result.findings.filter((f) => f.status === 'NON_COMPLIANT' && f.level === 'warning' && !f.suppressedBecause);
  for (const f of warnings) console.log(`  warning ${formatFinding(f)}`);
  return blocking.length === 0 && result.invalidSuppressions.length === 0;
}

function main(): number {
  const { values } = parseCliArgs('policy', { env: { type: 'string' }, plan: { type: 'string' }, 'rules-md': { type: 'boolean' } });
  if (values['rules-md']) {
    process.stdout.write(rulesMarkdown());
    return 0;
  }
  if (values.plan !== undefined) {
    // A plan is judged for one environment, named explicitly (--env, else ENVIRONMENT).
    try {
      const env = requiredEnvironment(values.env, process.env.ENVIRONMENT);
      const plan = readTerraformPlan(values.plan);
      const synth = modelFromSynth(stackJson(env));
      return report(`${env} plan ${values.plan}`, modelFromPlan(plan, synth.suppressions)) ? 0 : 1;
    } catch (error) {
      if (!(error instanceof InputRefusal)) throw error;
      console.error(`Refusing: ${error.message}`);
      return 2;
    }
  }
  const envs = environmentsOrRefuse(values.env ?? process.env.ENVIRONMENT ?? 'all');
  if (envs === undefined) return 1;
  let ok = true;
  for (const env of envs) ok = report(env, modelFromSynth(stackJson(env))) && ok;
  return ok ? 0 : 1;
}

reportingConfigErrors(main);
