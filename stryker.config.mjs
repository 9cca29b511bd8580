// Stryker's configuration for one scope of `npm run mutate` (scripts/mutate.ts sets MUTATE_SCOPE).
// Each scope is mutated against the unit tests that own it (mutation-scopes.json): the rest of
// the suite builds whole stacks outside test bodies, so every mutant would rerun all of it.
import { readFileSync } from 'node:fs';

const scopes = JSON.parse(readFileSync(new URL('./mutation-scopes.json', import.meta.url), 'utf8'));
const scope = process.env.MUTATE_SCOPE;
if (!scopes[scope]) throw new Error(`MUTATE_SCOPE must be one of ${Object.keys(scopes).join(', ')}; run npm run mutate`);

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  packageManager: 'npm',
  testRunner: 'jest',
  // Each mutant runs in the scope's test files that import its file (jest --findRelatedTests), not
  // in all of them: every file a run loads costs its imports again (the diagram tests load the
  // stacks), which was most of a mutant's time. Of those files only the tests that covered the
  // mutant run (perTest). jest.mutate.config.js gives jest the roots it needs to follow imports.
  jest: { projectType: 'custom', configFile: 'jest.mutate.config.js', enableFindRelatedTests: true },
  coverageAnalysis: 'perTest',
  // A jest runner reused for hundreds of mutants slows down: a fresh clone's full policy run
  // tested 339 mutants in its first 11 minutes and about 10 a minute after, against 991 in 11
  // minutes (about 90 a minute throughout) with each runner restarted after 25 runs (2026-12-06,
  // this 2-core machine; README, "Mutation testing").
  maxTestRunnerReuse: 25,
  // Static mutants (code run once at module load: rule and pack definitions, tables) cannot be
  // traced to the tests that cover them, so each reruns every test of the scope's files that
  // import its file (for a rule: nearly all of the policy tests); in the policy
  // scope they are a third of the mutants and most of the time (hours on two cores). They are
  // left out unless MUTATE_STATIC=1 (npm run mutate -- --with-static); the report counts them
  // as Ignored and the score is over the others (README, "Mutation testing").
  ignoreStatic: process.env.MUTATE_STATIC !== '1',
  mutate: scopes[scope].mutate,
  ignorePatterns: ['cdktf.out', 'cdktf.out.bootstrap', 'reports', 'docs'],
  reporters: ['html', 'json', 'clear-text', 'progress'],
  htmlReporter: { fileName: `reports/mutation/${scope}.html` },
  jsonReporter: { fileName: `reports/mutation/${scope}.json` },
  clearTextReporter: { allowColor: false, logTests: false, reportMutants: false, reportScoreTable: true },
  concurrency: 2,
  timeoutMS: 60000,
  // Incremental: a rerun tests only mutants whose code or covering tests changed since the last
  // report of the scope (reports/mutation/<scope>.incremental.json, ignored by git).
  incremental: true,
  incrementalFile: `reports/mutation/${scope}.incremental.json`,
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
