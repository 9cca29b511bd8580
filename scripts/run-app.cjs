/**
 * node scripts/run-app.cjs <entry.ts> [args...]
 *
 * Runs a TypeScript entry point of the app (main.ts, bootstrap.ts): esbuild bundles it with the
 * project's sources in memory (node_modules stay external, loaded by Node as usual) and Node runs
 * the bundle as if it were the entry file itself (same __dirname, module resolution and argv). No
 * type-check: `npm run build` does that. The build runs on every call, so there is no output to
 * go stale; it takes about a tenth of a second and replaces tsx's loader, which costs about half
 * a second and 60 MB per synth on two cores (README, "Speed, measured").
 *
 * Without source maps: enabling them in Node costs more than the whole build. A crash's stack
 * names the entry file with the bundle's line numbers; `node --import tsx main.ts` gives source
 * lines when that matters.
 */
'use strict';
const { buildSync } = require('esbuild');
const Module = require('node:module');
const path = require('node:path');

const [, runner, entryArg] = process.argv;
if (!entryArg) {
  console.error(`usage: node ${path.relative(process.cwd(), runner)} <entry.ts> [args...]`);
  process.exit(2);
}
const entry = path.resolve(entryArg);

let code;
try {
  const result = buildSync({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    packages: 'external',
    write: false,
    logLevel: 'silent',
    absWorkingDir: path.dirname(entry),
  });
  code = result.outputFiles[0].text;
} catch (error) {
  // esbuild's BuildFailure: every error with its file, line and column.
  for (const e of error.errors ?? [{ text: String(error.message ?? error) }]) {
    const at = e.location
      ? `${path.relative(process.cwd(), path.resolve(path.dirname(entry), e.location.file))}:${e.location.line}:${e.location.column + 1}: `
      : '';
    console.error(`${at}${e.text}`);
  }
  process.exit(1);
}

// The bundle takes the entry's place: argv[1] is the entry; __dirname, __filename and module
// resolution are the entry file's.
process.argv.splice(1, 1);
const main = new Module(entry, null);
main.filename = entry;
main.paths = Module._nodeModulePaths(path.dirname(entry));
main._compile(code, entry);
