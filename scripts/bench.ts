/**
 * npm run bench [-- --quick] [--runs 5] [--test-runs 3] [--plan-runs 3] [--skip-synth] [--skip-tests]
 *               [--skip-plans] [--with-scenarios] [--baseline]
 *
 * Medians (and the median of the peak RSS of the largest process, GNU time) on this machine for
 * every loop a user waits on: `npm run synth` and `npx cdktf synth` per environment, the unit
 * tests, the offline plan of each environment with its steps, `npm test` cold (empty jest and tsx
 * caches, as a fresh clone in CI) and warm, and on request the scenario tier and the template
 * baseline. Prints a Markdown table (also written to reports/bench.md) headed by the date, the
 * machine and the commit: the README's "Speed, measured" table is that output.
 *
 * --quick: prod only, three runs of each synth, one of the unit tests and of the plan, no whole
 *   `npm test` (about 1.5 minutes here).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import * as path from 'node:path';
import { ENVIRONMENTS } from './lib/environments';
import { QUIET_ENV, REPO_ROOT } from './lib/offline-plan';
import { parseCliArgs } from './lib/cli-args';

const TIME = '/usr/bin/time';

interface Sample {
  readonly seconds: number;
  /** Peak resident set of the largest process, MB; undefined without GNU time. */
  readonly rssMb?: number;
  readonly stdout: string;
}

function measure(command: string, args: string[], env: NodeJS.ProcessEnv, cwd: string = REPO_ROOT): Sample {
  const withTime = existsSync(TIME);
  const start = process.hrtime.bigint();
  const r = withTime
    ? spawnSync(TIME, ['-f', '%M', command, ...args], { cwd, env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 })
    : spawnSync(command, args, { cwd, env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${r.stdout}\n${r.stderr}`);
  const kb = withTime ? Number(r.stderr.trim().split('\n').at(-1)) : NaN;
  return { seconds, rssMb: Number.isFinite(kb) ? kb / 1024 : undefined, stdout: r.stdout };
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

interface Measured {
  readonly seconds: number;
  readonly rssMb?: number;
  readonly runs: number;
  readonly samples: Sample[];
}

function repeat(runs: number, fn: () => Sample): Measured {
  const samples = Array.from({ length: runs }, fn);
  const rss = samples.map((s) => s.rssMb).filter((x): x is number => x !== undefined);
  return { seconds: median(samples.map((s) => s.seconds)), rssMb: rss.length ? median(rss) : undefined, runs, samples };
}

/** The offline plan's `time: synth 1.0 s, init 0.9 s, ...` line, as step -> seconds. */
export function parseStepTimes(stdout: string): Record<string, number> {
  const line = stdout.split('\n').find((l) => l.startsWith('time: '));
  if (!line) return {};
  return Object.fromEntries(
    line
      .slice('time: '.length)
      .split(', ')
      .map((part) => {
        const m = /^(.+) (\d+(?:\.\d+)?) s$/.exec(part);
        return m ? [m[1]!, Number(m[2])] : undefined;
      })
      .filter((e): e is [string, number] => e !== undefined),
  );
}

/** The part of jest's `--json` report the bench reads: each test file's name and wall time. */
export interface JestReport {
  readonly testResults: readonly { readonly name: string; readonly startTime: number; readonly endTime: number }[];
}

/**
 * "where the time goes" for a jest run: the sum of the files' own times as jest reports them
 * (module loading included; a worker's start and each file's environment set-up are not) and
 * the slowest `count` files, longest first, by file name without `.test.ts`. Throws on a report
 * without files: a run that tested nothing is not a measurement.
 */
export function slowestFiles(report: JestReport, count: number): string {
  if (report.testResults.length === 0) throw new Error('jest reported no test files: nothing was measured');
  const files = report.testResults
    .map((r) => ({ file: path.basename(r.name).replace(/\.test\.ts$/, ''), seconds: (r.endTime - r.startTime) / 1000 }))
    .sort((a, b) => b.seconds - a.seconds || a.file.localeCompare(b.file));
  const total = files.reduce((sum, f) => sum + f.seconds, 0);
  const top = files.slice(0, count).map((f) => `${f.file} ${f.seconds.toFixed(1)} s`);
  return `${files.length} files, ${total.toFixed(1)} s in the files; slowest: ${top.join(', ')}`;
}

/** A row of the table: the loop, its median and peak, the target and whether it is met. */
export interface Row {
  readonly loop: string;
  readonly seconds: number;
  readonly rssMb?: number;
  readonly runs: number;
  readonly targetSeconds?: number;
  readonly targetMb?: number;
  readonly note?: string;
}

export function verdict(row: Row): string {
  if (row.targetSeconds === undefined && row.targetMb === undefined) return '';
  const parts = [];
  if (row.targetSeconds !== undefined) parts.push(`<= ${row.targetSeconds} s`);
  if (row.targetMb !== undefined) parts.push(`<= ${row.targetMb} MB`);
  const met =
    (row.targetSeconds === undefined || row.seconds <= row.targetSeconds) &&
    (row.targetMb === undefined || (row.rssMb !== undefined && row.rssMb <= row.targetMb));
  return `${parts.join(', ')}: ${met ? 'met' : 'not met'}`;
}

export function markdownTable(rows: readonly Row[]): string {
  const cells = rows.map((r) => [
    r.loop,
    `${r.seconds.toFixed(r.seconds < 10 ? 2 : 1)} s`,
    r.rssMb === undefined ? 'n/a' : `${r.rssMb.toFixed(0)} MB`,
    String(r.runs),
    verdict(r),
    r.note ?? '',
  ]);
  const header = ['loop', 'median', 'peak RSS', 'runs', 'target', 'where the time goes'];
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => `| ${c.map((x, i) => x.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(header), `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`, ...cells.map(line)].join('\n');
}

/** A copy of the app as the cdktf template would run it: ts-node with type-checking, provider package root imported. */
function baselineCopy(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-baseline-'));
  for (const entry of ['src', 'environments', 'tsconfig.json', 'package.json', 'cdktf.json'])
    cpSync(path.join(REPO_ROOT, entry), path.join(dir, entry), { recursive: true });
  symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(dir, 'node_modules'));
  const main = readFileSync(path.join(REPO_ROOT, 'main.ts'), 'utf8');
  writeFileSync(path.join(dir, 'main.ts'), `import '@cdktf/provider-aws'; // the template's package-root import\n${main}`);
  writeFileSync(
    path.join(dir, 'tsconfig.json'),
    readFileSync(path.join(REPO_ROOT, 'tsconfig.json'), 'utf8').replace('"include": [', '"include": ["main.ts", '),
  );
  return dir;
}

function main(): number {
  const { values } = parseCliArgs('bench', {
    quick: { type: 'boolean', default: false },
    runs: { type: 'string' },
    'test-runs': { type: 'string' },
    'plan-runs': { type: 'string' },
    'skip-tests': { type: 'boolean', default: false },
    'skip-plans': { type: 'boolean', default: false },
    'skip-synth': { type: 'boolean', default: false },
    'with-scenarios': { type: 'boolean', default: false },
    baseline: { type: 'boolean', default: false },
  });
  const quick = values.quick!;
  const runs = Number(values.runs ?? (quick ? 3 : 5));
  const testRuns = Number(values['test-runs'] ?? (quick ? 1 : 3));
  const planRuns = Number(values['plan-runs'] ?? (quick ? 1 : 3));
  const envs = quick ? (['prod'] as const) : ENVIRONMENTS;
  const outdir = mkdtempSync(path.join(tmpdir(), 'bench-out-'));
  const env = (extra: Record<string, string> = {}): NodeJS.ProcessEnv => ({ ...process.env, ...QUIET_ENV, CDKTF_OUTDIR: outdir, ...extra });
  const rows: Row[] = [];
  const progress = (row: Row) => {
    rows.push(row);
    console.error(`  ${row.loop}: ${row.seconds.toFixed(2)} s${row.rssMb === undefined ? '' : `, ${row.rssMb.toFixed(0)} MB`}`);
  };
  const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO_ROOT, encoding: 'utf8' }).trim();
  const dirty = execFileSync('git', ['status', '--porcelain'], { cwd: REPO_ROOT, encoding: 'utf8' }).trim() !== '';
  const heading = `Measured ${new Date().toISOString().slice(0, 10)} with \`npm run bench${quick ? ' -- --quick' : ''}\`: ${cpus().length} x ${cpus()[0]?.model.trim() ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, commit ${commit}${dirty ? ' with uncommitted changes' : ''}.`;
  console.error(heading);

  try {
    for (const e of values['skip-synth'] ? [] : envs) {
      const npmSynth = repeat(runs, () => measure('npm', ['run', '--silent', 'synth'], env({ ENVIRONMENT: e })));
      progress({ loop: `\`npm run synth\`, ${e}`, ...npmSynth, targetSeconds: 1.0, targetMb: 160 });
      const cdktfSynth = repeat(runs, () => measure('npx', ['cdktf', 'synth'], env({ ENVIRONMENT: e })));
      progress({
        loop: `\`npx cdktf synth\`, ${e}`,
        ...cdktfSynth,
        targetSeconds: 2.5,
        // Measured, not assumed: what npx and the CLI add to the same app run.
        note: `${(cdktfSynth.seconds - npmSynth.seconds).toFixed(1)} s more than \`npm run synth\`: npx, the CLI's start and its terraform version checks`,
      });
    }
    if (values.baseline && !values['skip-synth']) {
      const dir = baselineCopy();
      try {
        const baseline = repeat(runs, () => measure('npx', ['ts-node', 'main.ts'], env({ ENVIRONMENT: 'prod' }), dir));
        progress({ loop: 'baseline: template defaults (type-checking ts-node, provider package root), prod', ...baseline });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
    if (!values['skip-tests']) {
      const reportFile = path.join(outdir, 'jest-unit.json');
      const unit = repeat(testRuns, () =>
        measure('npx', ['jest', '--ci', '--silent', '--selectProjects', 'unit', '--json', '--outputFile', reportFile], {
          ...process.env,
          ...QUIET_ENV,
        }),
      );
      // The per-file split of the last run (jest's own figures; files overlap on the two workers).
      const note = slowestFiles(JSON.parse(readFileSync(reportFile, 'utf8')) as JestReport, 6);
      progress({
        loop: 'unit tests (`npm run test:unit`: every test that runs no terraform plan), warm',
        ...unit,
        targetSeconds: 15,
        note,
      });
    }
    if (!values['skip-plans']) {
      for (const e of envs) {
        const plan = repeat(planRuns, () => {
          const sample = measure('npm', ['run', '--silent', 'plan:offline', '--', '--env', e], env());
          // plan:offline keeps its scratch directory for inspection; the bench does not.
          const scratch = /^scratch directory: (.+)$/m.exec(sample.stdout)?.[1];
          if (scratch) rmSync(path.dirname(scratch), { recursive: true, force: true });
          return sample;
        });
        const steps = plan.samples.map((s) => parseStepTimes(s.stdout));
        const names = Object.keys(steps[0] ?? {});
        const note = names.map((n) => `${n} ${median(steps.map((s) => s[n] ?? 0)).toFixed(1)} s`).join(', ');
        progress({ loop: `\`npm run plan:offline -- --env ${e}\``, ...plan, targetSeconds: e === 'prod' ? 10 : undefined, note });
      }
    }
    if (!values['skip-tests'] && !quick) {
      const cache = mkdtempSync(path.join(tmpdir(), 'bench-jest-cache-'));
      try {
        const jest = () =>
          measure('npx', ['jest', '--ci', '--silent', '--cacheDirectory', cache], { ...process.env, ...QUIET_ENV, TSX_DISABLE_CACHE: '1' });
        const cold = jest();
        progress({ loop: '`npm test`, cold (empty jest cache, tsx cache off)', ...repeat(1, () => cold), targetSeconds: 75 });
        const warm = repeat(testRuns, () =>
          measure('npx', ['jest', '--ci', '--silent', '--cacheDirectory', cache], { ...process.env, ...QUIET_ENV }),
        );
        progress({ loop: '`npm test`, warm', ...warm, targetSeconds: 60 });
      } finally {
        rmSync(cache, { recursive: true, force: true });
      }
    }
    if (values['with-scenarios']) {
      const scenarios = repeat(1, () =>
        measure('npx', ['jest', '--ci', '--silent', '--config', 'jest.scenarios.config.js'], { ...process.env, ...QUIET_ENV }),
      );
      progress({ loop: '`npm run test:scenarios` (CI, after `npm test`)', ...scenarios });
    }
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
  const table = `${heading}\n\n${markdownTable(rows)}\n`;
  mkdirSync(path.join(REPO_ROOT, 'reports'), { recursive: true });
  writeFileSync(path.join(REPO_ROOT, 'reports', 'bench.md'), table);
  console.log(table);
  return 0;
}

if (require.main === module) process.exitCode = main();
