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
  jest: { projectType: 'custom', configFile: 'jest.mutate.config.js', enableFindRelatedTests: false },
  coverageAnalysis: 'perTest',
  mutate: scopes[scope].mutate,
  ignorePatterns: ['cdktf.out', 'cdktf.out.bootstrap', 'reports', 'docs'],
  reporters: ['html', 'json', 'clear-text', 'progress'],
  htmlReporter: { fileName: `reports/mutation/${scope}.html` },
  jsonReporter: { fileName: `reports/mutation/${scope}.json` },
  clearTextReporter: { allowColor: false, logTests: false, reportMutants: false, reportScoreTable: true },
  concurrency: 2,
  timeoutMS: 60000,
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
