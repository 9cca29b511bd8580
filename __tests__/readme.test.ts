/**
 * The README is the user's manual: what it shows as a command or as output is checked against
 * what the code does (no cdktf loaded: the environments and the loader only; one script run as a
 * process for its command-line message).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { formatProblems } from '../src/config/loader';
import { ENV_DIR, REPO_ROOT, editedEnvironments, problemsFor } from './environments';
import { scratchDir } from './scratch';

const README = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');

/** The fenced code blocks of the README, in order, with their info string. */
function codeBlocks(): { lang: string; body: string }[] {
  return [...README.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].map((m) => ({ lang: m[1]!, body: m[2]! }));
}

/** The message the loader prints for a directory of environment files. */
const loaderMessage = (dir: string): string => formatProblems(problemsFor(dir));

test('the quick start is two commands and nothing else, so it pastes into any shell', () => {
  expect(codeBlocks()[0]).toEqual({ lang: 'sh', body: 'npm ci && npm run synth\nnpm test\n' });
});

test('the configuration-error example is what the loader prints for the edit it describes', () => {
  const dir = editedEnvironments('dev', (j) => {
    j.regions['us-east-1'].vpcCidr = '10.10.0.1/16';
    j.network.natGateway = 'single';
  });
  const example = codeBlocks().find((b) => b.body.startsWith('Invalid environment configuration (2 problems)'));
  expect(example?.body).toBe(`${loaderMessage(dir)}\n`);
});

test('the JSON syntax-error example is what the loader prints: line and column, no value suffix', () => {
  const dir = scratchDir('envs');
  cpSync(ENV_DIR, dir, { recursive: true });
  const file = path.join(dir, 'dev.json');
  const text = readFileSync(file, 'utf8');
  expect(text.split('\n')[3]).toBe('  "primaryRegion": "us-east-1",');
  writeFileSync(file, text.replace('"primaryRegion": "us-east-1",', '"primaryRegion": "us-east-1",,'));
  const example = codeBlocks().find((b) => b.body.includes('not valid JSON'));
  expect(example?.body).toBe(`${loaderMessage(dir)}\n`);
});

test('the command-line example is what npm run plan:offline prints for it, exit 2 and nothing run', () => {
  const example = codeBlocks().find((b) => b.body.startsWith('$ npm run plan:offline -- --keep --env\n'));
  const [command, ...output] = example!.body.split('\n');
  const args = command!.replace('$ npm run plan:offline -- ', '').split(' ');
  const r = spawnSync(process.execPath, ['scripts/run-app.cjs', 'scripts/plan-offline.ts', ...args], { cwd: REPO_ROOT, encoding: 'utf8' });
  expect({ status: r.status, stdout: r.stdout, stderr: r.stderr }).toEqual({ status: 2, stdout: '', stderr: output.join('\n') });
});

test('npm run test:unit -- <pattern> runs the unit files matching the pattern (the pattern is not read as a project)', () => {
  const r = spawnSync('npm', ['run', '-s', 'test:unit', '--', 'cli-args', '--listTests'], { cwd: REPO_ROOT, encoding: 'utf8' });
  expect(r.status).toBe(0);
  expect(r.stdout.trim().split('\n')).toEqual(['Running one project: unit', path.join(REPO_ROOT, '__tests__', 'cli-args.test.ts')]);
});

test('the environment-variable table names exactly the variables the app and the scripts read', () => {
  const table = README.slice(README.indexOf('| variable '), README.indexOf('How each command picks its environment'));
  const documented = [...table.matchAll(/^\| `([A-Z_]+)`/gm)].map((m) => m[1]!).sort();
  const sources = ['main.ts', 'bootstrap.ts', ...readdirSync(path.join(REPO_ROOT, 'scripts')).map((f) => `scripts/${f}`)]
    .concat(readdirSync(path.join(REPO_ROOT, 'scripts', 'lib')).map((f) => `scripts/lib/${f}`))
    .filter((f) => /\.(ts|cjs)$/.test(f));
  const read = new Set<string>();
  for (const file of sources) {
    const code = readFileSync(path.join(REPO_ROOT, file), 'utf8');
    for (const m of code.matchAll(/process\.env\.([A-Z_]+)|\benv\.([A-Z_]+)\b(?!\s*=[^=])|ENV = '([A-Z_]+)'/g))
      read.add(m[1] ?? m[2] ?? m[3]!);
  }
  // Set by the scripts for the tools they run (not read from the user): documented as such.
  read.add('CHECKPOINT_DISABLE');
  expect(documented).toEqual([...read].sort());
});

test('the policy pack section counts the rule files, and every rule the README names is in RULES.md', () => {
  const files = readdirSync(path.join(REPO_ROOT, 'src', 'policy', 'rules')).filter((f) => f.endsWith('.ts'));
  expect(README).toContain(`**${files.length} rules**, one file each under \`src/policy/rules/\``);
  const ids = new Set([...readFileSync(path.join(REPO_ROOT, 'RULES.md'), 'utf8').matchAll(/^\| `([a-z0-9-]+)` \|/gm)].map((m) => m[1]!));
  expect(ids.size).toBe(files.length);
  const named = [...README.matchAll(/\brules?\s+`([a-z0-9]+(?:-[a-z0-9]+)+)`|\(`([a-z0-9]+(?:-[a-z0-9]+)+)`:/g)].map((m) => m[1] ?? m[2]!);
  expect(named.length).toBeGreaterThanOrEqual(4);
  expect(named.filter((id) => !ids.has(id))).toEqual([]);
});

test('the layout names paths that exist, and every folder of src/constructs/', () => {
  const layout = codeBlocks().find((b) => b.body.startsWith('main.ts '))!.body;
  const named = layout
    .trimEnd()
    .split('\n')
    .flatMap((line) => line.split(/ {2,}/)[0]!.split(' '));
  expect(named.filter((entry) => !existsSync(path.join(REPO_ROOT, entry)))).toEqual([]);
  const folders = readdirSync(path.join(REPO_ROOT, 'src', 'constructs'), { withFileTypes: true }).filter((e) => e.isDirectory());
  expect(folders.map((f) => `${f.name}/`).filter((f) => !layout.includes(f))).toEqual([]);
});

test('the mutation-scope table names each scope with exactly the tests of mutation-scopes.json', () => {
  const scopes = JSON.parse(readFileSync(path.join(REPO_ROOT, 'mutation-scopes.json'), 'utf8')) as Record<string, { tests: string[] }>;
  const table = README.slice(README.indexOf('| scope     | mutated'));
  const rows = [...table.slice(0, table.indexOf('\n\n')).matchAll(/^\| `(\w+)` +\|[^|]*\| (.*?) *\|$/gm)];
  const documented = Object.fromEntries(rows.map((m) => [m[1]!, [...m[2]!.matchAll(/`([^`]+)`/g)].map((t) => t[1]!)]));
  expect(documented).toEqual(Object.fromEntries(Object.entries(scopes).map(([scope, { tests }]) => [scope, tests])));
});

test("every dependency with an install script has a decision in package.json's allowScripts, and the README names it", () => {
  const lock = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package-lock.json'), 'utf8')) as {
    packages: Record<
      string,
      { name?: string; hasInstallScript?: boolean; inBundle?: boolean; optional?: boolean; os?: string[]; cpu?: string[] }
    >;
  };
  // What npm would run: not the project itself, not what a package bundles, not another platform's
  // optional package. The name is the entry's own where it has one (an alias), else its folder's.
  const withScripts = [
    ...new Set(
      Object.entries(lock.packages)
        .filter(
          ([location, entry]) =>
            location !== '' && entry.hasInstallScript && !entry.inBundle && !(entry.optional && (entry.os || entry.cpu)),
        )
        .map(([location, entry]) => entry.name ?? location.slice(location.lastIndexOf('node_modules/') + 'node_modules/'.length)),
    ),
  ].sort();
  const { allowScripts } = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
    allowScripts: Record<string, boolean>;
  };
  // A decision is `name` or `name@version` (npm pins approvals where it can), true or false.
  const decided = Object.entries(allowScripts)
    .filter(([, allowed]) => typeof allowed === 'boolean')
    .map(([key]) => key.replace(/(.)@.*$/, '$1'));
  expect([...new Set(decided)].sort()).toEqual(withScripts);
  const paragraph = README.slice(README.indexOf("No dependency's install script runs"));
  expect(withScripts.filter((name) => !paragraph.includes(`\`${name}\``))).toEqual([]);
  // Undecided scripts stop an install instead of running (npm 11.19 and later read it).
  expect(readFileSync(path.join(REPO_ROOT, '.npmrc'), 'utf8')).toMatch(/^strict-allow-scripts=true$/m);
});
