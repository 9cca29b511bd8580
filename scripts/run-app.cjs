/**
 * node scripts/run-app.cjs <entry.ts> [args...]
 *
 * Runs a TypeScript entry point (main.ts, bootstrap.ts, and the operator scripts: plan:gate,
 * policy, deploy, plan:offline, plan:upgrade, diagram): esbuild bundles it with the
 * project's sources in memory (node_modules stay external, loaded by Node as usual) and Node runs
 * the bundle as if it were the entry file itself (same __dirname, module resolution and argv). No
 * type-check: `npm run build` does that. It replaces tsx's loader, which costs about half a
 * second and 60 MB per synth on two cores (README, "Speed, measured").
 *
 * The bundle is kept in node_modules/.cache/run-app/ (RUN_APP_CACHE_DIR overrides) with a
 * fingerprint of what it was built from: the SHA-256 of every source file esbuild read, the
 * listing of every directory they sit in (a new file there could change how an import resolves),
 * the nearest tsconfig.json and package.json, and esbuild's version. A run whose fingerprint
 * matches runs the kept bundle; any difference rebuilds, so the bundle is never stale. Hashing
 * costs about 20 ms; a build about 0.1 s plus 0.2 s to start esbuild's service.
 *
 * Without source maps: enabling them in Node costs more than the whole build. A crash's stack
 * names the entry file with the bundle's line numbers; `node --import tsx main.ts` gives source
 * lines when that matters.
 */
'use strict';
const { createHash } = require('node:crypto');
const { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } = require('node:fs');
const Module = require('node:module');
const path = require('node:path');

const [, runner, entryArg] = process.argv;
if (!entryArg) {
  console.error(`usage: node ${path.relative(process.cwd(), runner)} <entry.ts> [args...]`);
  process.exit(2);
}
const entry = path.resolve(entryArg);

const CACHE_DIR = process.env.RUN_APP_CACHE_DIR ?? path.join(__dirname, '..', 'node_modules', '.cache', 'run-app');
const cacheFile = path.join(CACHE_DIR, `${sha256(entry).slice(0, 16)}.json`);

function sha256(data) {
  return createHash('sha256').update(data).digest('hex');
}

/** What a bundle was built from: file and directory-listing hashes (null when absent, so JSON keeps the key). */
function fingerprint(files, dirs) {
  const read = (f) => {
    try {
      return sha256(readFileSync(f));
    } catch {
      return null;
    }
  };
  const list = (d) => {
    try {
      return sha256(readdirSync(d).sort().join('\n'));
    } catch {
      return null;
    }
  };
  return {
    esbuild: require('esbuild/package.json').version,
    files: Object.fromEntries(files.map((f) => [f, read(f)])),
    dirs: Object.fromEntries(dirs.map((d) => [d, list(d)])),
  };
}

/** The nearest tsconfig.json and package.json above the entry (esbuild reads both). */
function configFiles() {
  const found = [];
  for (const name of ['tsconfig.json', 'package.json']) {
    for (let dir = path.dirname(entry); ; dir = path.dirname(dir)) {
      const candidate = path.join(dir, name);
      found.push(candidate);
      if (existsSync(candidate) || path.dirname(dir) === dir) break;
    }
  }
  return found;
}

function cached() {
  try {
    const kept = JSON.parse(readFileSync(cacheFile, 'utf8'));
    const now = fingerprint(Object.keys(kept.fingerprint.files), Object.keys(kept.fingerprint.dirs));
    return JSON.stringify(now) === JSON.stringify(kept.fingerprint) ? kept.code : undefined;
  } catch {
    return undefined;
  }
}

function build() {
  const { buildSync } = require('esbuild');
  const workingDir = path.dirname(entry);
  let result;
  try {
    result = buildSync({
      entryPoints: [entry],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      packages: 'external',
      write: false,
      metafile: true,
      logLevel: 'silent',
      absWorkingDir: workingDir,
    });
  } catch (error) {
    // esbuild's BuildFailure: every error with its file, line and column.
    for (const e of error.errors ?? [{ text: String(error.message ?? error) }]) {
      const at = e.location
        ? `${path.relative(process.cwd(), path.resolve(workingDir, e.location.file))}:${e.location.line}:${e.location.column + 1}: `
        : '';
      console.error(`${at}${e.text}`);
    }
    process.exit(1);
  }
  const code = result.outputFiles[0].text;
  const inputs = Object.keys(result.metafile.inputs).map((f) => path.resolve(workingDir, f));
  const dirs = [...new Set(inputs.map((f) => path.dirname(f)))];
  try {
    mkdirSync(CACHE_DIR, { recursive: true });
    // Written aside and renamed: a concurrent run reads the old record or the new one, never half.
    const partial = `${cacheFile}.${process.pid}`;
    writeFileSync(partial, JSON.stringify({ fingerprint: fingerprint([...inputs, ...configFiles()], dirs), code }));
    renameSync(partial, cacheFile);
  } catch {
    // A cache that cannot be written costs the next run a build, nothing else.
  }
  return code;
}

const code = cached() ?? build();

// cdktf's token creation stacks: left out unless RUN_APP_TOKEN_STACKS=1 (lib/token-stacks.cjs says
// why). The module changed is the one the entry's own `require('cdktf')` loads; `node --import tsx
// main.ts` always has them.
require('./lib/token-stacks.cjs').leaveOutTokenStacks(Module.createRequire(entry), 'scripts/run-app.cjs');

/**
 * cdktf requires `archiver` (a zip library, 0.05 to 0.1 s of every start here) when it loads, for
 * archive assets; the app and the scripts make none, and cdktf zips an archive asset in a child
 * process of its own (`node cdktf/lib/private/fs.js src dest`), which loads the real archiver.
 * Runs through this file load it on first use instead: the module cdktf's require('archiver')
 * resolves to is a stand-in that loads it when called or read. Where cdktf or archiver cannot be
 * found, nothing is changed.
 */
function deferArchiver() {
  let resolved;
  try {
    resolved = Module.createRequire(Module.createRequire(entry).resolve('cdktf/lib/private/fs.js')).resolve('archiver');
  } catch {
    return;
  }
  if (require.cache[resolved]) return;
  let real;
  const load = () => {
    if (real === undefined) {
      delete require.cache[resolved];
      real = require(resolved);
    }
    return real;
  };
  const standIn = new Module(resolved, null);
  standIn.filename = resolved;
  standIn.loaded = true;
  standIn.exports = new Proxy(function archiver() {}, {
    apply: (_target, self, args) => Reflect.apply(load(), self, args),
    get: (_target, key) => Reflect.get(load(), key),
    has: (_target, key) => Reflect.has(load(), key),
  });
  require.cache[resolved] = standIn;
}
deferArchiver();

// The bundle takes the entry's place: argv[1] is the entry; __dirname, __filename and module
// resolution are the entry file's.
process.argv.splice(1, 1);
const main = new Module(entry, null);
main.filename = entry;
main.paths = Module._nodeModulePaths(path.dirname(entry));
main._compile(code, entry);
