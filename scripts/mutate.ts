/**
 * npm run mutate [-- --scope config|policy|scripts]... [--with-static]
 *
 * Mutation testing with Stryker, one scope at a time (mutation-scopes.json: the code mutated and
 * the unit tests that own it). Reports: reports/mutation/<scope>.html and .json, and a summary
 * line per scope here and in reports/mutation/summary.txt. Static mutants (module-load code) are
 * ignored unless --with-static (stryker.config.mjs says why). Exit 1 when a scope scores below the
 * bar (MUTATION_BAR), 2 on bad arguments.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseCliArgs } from './lib/cli-args';

const ROOT = path.resolve(__dirname, '..');
const REPORTS = path.join(ROOT, 'reports', 'mutation');
/** The score each scope keeps (README, "Mutation testing"). */
export const MUTATION_BAR = 85;

interface MutantResult {
  readonly status: string;
}

/** Stryker's mutation score: killed and timed-out over all valid mutants (no coverage counts against). */
export function mutationScore(report: { files: Record<string, { mutants: MutantResult[] }> }): {
  score: number;
  counts: Record<string, number>;
} {
  const counts: Record<string, number> = {};
  for (const file of Object.values(report.files)) for (const m of file.mutants) counts[m.status] = (counts[m.status] ?? 0) + 1;
  const detected = (counts.Killed ?? 0) + (counts.Timeout ?? 0);
  const valid = detected + (counts.Survived ?? 0) + (counts.NoCoverage ?? 0);
  return { score: valid === 0 ? 100 : (100 * detected) / valid, counts };
}

function main(): number {
  const scopes = Object.keys(JSON.parse(readFileSync(path.join(ROOT, 'mutation-scopes.json'), 'utf8')) as Record<string, unknown>);
  const { values } = parseCliArgs('mutate', {
    scope: { type: 'string', multiple: true },
    'with-static': { type: 'boolean', default: false },
  });
  const chosen = values.scope ?? scopes;
  const unknown = chosen.filter((s) => !scopes.includes(s));
  if (unknown.length > 0) {
    console.error(`Refusing: unknown scope ${unknown.join(', ')}; scopes: ${scopes.join(', ')}`);
    return 2;
  }
  mkdirSync(REPORTS, { recursive: true });
  const lines: string[] = [];
  let below = false;
  for (const scope of chosen) {
    const started = Date.now();
    const run = spawnSync('npx', ['stryker', 'run'], {
      cwd: ROOT,
      stdio: 'inherit',
      env: { ...process.env, MUTATE_SCOPE: scope, MUTATE_STATIC: values['with-static'] ? '1' : '0' },
    });
    if (run.status !== 0) {
      console.error(`stryker failed for scope ${scope} (exit ${run.status})`);
      return 1;
    }
    const { score, counts } = mutationScore(JSON.parse(readFileSync(path.join(REPORTS, `${scope}.json`), 'utf8')));
    const minutes = ((Date.now() - started) / 60_000).toFixed(1);
    below ||= score < MUTATION_BAR;
    lines.push(
      `${scope}: ${score.toFixed(1)}% (${counts.Killed ?? 0} killed, ${counts.Timeout ?? 0} timed out, ${counts.Survived ?? 0} survived, ${counts.NoCoverage ?? 0} without coverage, ${counts.Ignored ?? 0} static ignored; ${minutes} min)`,
    );
  }
  const summary = [`Mutation score, bar ${MUTATION_BAR}% (${new Date().toISOString().slice(0, 10)}):`, ...lines.map((l) => `  ${l}`)].join(
    '\n',
  );
  writeFileSync(path.join(REPORTS, 'summary.txt'), `${summary}\n`);
  console.log(summary);
  return below ? 1 : 0;
}

if (require.main === module) process.exitCode = main();
