/**
 * npm run bench [-- --runs 5] [--test-runs 3] [--plan-runs 3] [--skip-synth] [--skip-tests] [--skip-plans]
 *
 * Medians on this machine: synth per environment via `npm run synth` and `npx cdktf synth`
 * (wall time and peak RSS), the same synth with the cdktf template's defaults (type-checking
 * ts-node and the package-root import of @cdktf/provider-aws) as a baseline, the test suite, and
 * the offline plan of each environment.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { ENVIRONMENTS } from './lib/environments';
import { QUIET_ENV, REPO_ROOT } from './lib/offline-plan';

const TIME = '/usr/bin/time';

interface Sample {
  readonly seconds: number;
  /** Peak resident set of the largest process, MB; undefined without GNU time. */
  readonly rssMb?: number;
}

function measure(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Sample {
  const withTime = existsSync(TIME);
  const start = process.hrtime.bigint();
  const r = withTime
    ? spawnSync(TIME, ['-f', '%M', command, ...args], { cwd, env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 })
    : spawnSync(command, args, { cwd, env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${r.stdout}\n${r.stderr}`);
  const kb = withTime ? Number(r.stderr.trim().split('\n').at(-1)) : NaN;
  return { seconds, rssMb: Number.isFinite(kb) ? kb / 1024 : undefined };
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

function repeat(runs: number, fn: () => Sample): { seconds: number; rssMb?: number } {
  const samples = Array.from({ length: runs }, fn);
  const rss = samples.map((s) => s.rssMb).filter((x): x is number => x !== undefined);
  return { seconds: median(samples.map((s) => s.seconds)), rssMb: rss.length ? median(rss) : undefined };
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
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '5' },
      'test-runs': { type: 'string', default: '3' },
      'plan-runs': { type: 'string', default: '3' },
      'skip-tests': { type: 'boolean', default: false },
      'skip-plans': { type: 'boolean', default: false },
      'skip-synth': { type: 'boolean', default: false },
    },
  });
  const runs = Number(values.runs);
  const outdir = mkdtempSync(path.join(tmpdir(), 'bench-out-'));
  const env = (extra: Record<string, string> = {}): NodeJS.ProcessEnv => ({ ...process.env, ...QUIET_ENV, CDKTF_OUTDIR: outdir, ...extra });
  const rows: string[][] = [];
  const fmt = (r: { seconds: number; rssMb?: number }) => [
    `${r.seconds.toFixed(2)} s`,
    r.rssMb === undefined ? 'n/a' : `${r.rssMb.toFixed(0)} MB`,
  ];

  console.log(
    `machine: ${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; node ${process.version}; ${runs} runs per synth`,
  );
  const baselineDir = baselineCopy();
  try {
    for (const e of values['skip-synth'] ? [] : ENVIRONMENTS) {
      const npmSynth = repeat(runs, () => measure('npm', ['run', '--silent', 'synth'], REPO_ROOT, env({ ENVIRONMENT: e })));
      const cdktfSynth = repeat(runs, () => measure('npx', ['cdktf', 'synth'], REPO_ROOT, env({ ENVIRONMENT: e })));
      const baseline = repeat(runs, () => measure('npx', ['ts-node', 'main.ts'], baselineDir, env({ ENVIRONMENT: e })));
      rows.push([`synth ${e}: npm run synth`, ...fmt(npmSynth)]);
      rows.push([`synth ${e}: npx cdktf synth`, ...fmt(cdktfSynth)]);
      rows.push([`synth ${e}: baseline (ts-node, package root)`, ...fmt(baseline)]);
      rows.push([`synth ${e}: baseline / npm run synth`, `${(baseline.seconds / npmSynth.seconds).toFixed(1)}x`, '']);
    }
  } finally {
    rmSync(baselineDir, { recursive: true, force: true });
  }
  if (!values['skip-plans']) {
    for (const e of ENVIRONMENTS) {
      const plan = repeat(Number(values['plan-runs']), () =>
        measure('node', ['--import', 'tsx', 'scripts/plan-offline.ts', '--env', e], REPO_ROOT, env()),
      );
      rows.push([`offline plan ${e} (synth, init, validate, plan, show, policy, gate)`, ...fmt(plan)]);
    }
    // Against HEAD, so a committed tree has no changes (exit 0): the cost of the machinery itself.
    const upgrade = repeat(Number(values['plan-runs']), () =>
      measure('node', ['--import', 'tsx', 'scripts/plan-upgrade.ts', '--env', 'prod', '--base', 'HEAD'], REPO_ROOT, env()),
    );
    rows.push(['upgrade plan prod against HEAD (two synths and inits, five plans, settle)', ...fmt(upgrade)]);
  }
  if (!values['skip-tests']) {
    const tests = repeat(Number(values['test-runs']), () =>
      measure('npx', ['jest', '--ci', '--silent'], REPO_ROOT, { ...process.env, ...QUIET_ENV }),
    );
    rows.push(['npm test (unit tests and all offline plans)', ...fmt(tests)]);
  }
  rmSync(outdir, { recursive: true, force: true });
  const width = Math.max(...rows.map((r) => r[0]!.length));
  console.log(`${'measure'.padEnd(width)}  median    peak RSS`);
  for (const [name, time, rss] of rows) console.log(`${name!.padEnd(width)}  ${time!.padEnd(8)}  ${rss}`);
  return 0;
}

process.exitCode = main();
