/** The unit tests of one mutation scope (MUTATE_SCOPE, see mutation-scopes.json and stryker.config.mjs). */
const { projects, ...base } = require('./jest.config.js');
const { displayName: _unit, testPathIgnorePatterns: _ignored, ...project } = projects[0];
const scopes = require('./mutation-scopes.json');

const scope = scopes[process.env.MUTATE_SCOPE];
if (!scope) throw new Error('MUTATE_SCOPE must name a scope of mutation-scopes.json');

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  ...project,
  testMatch: scope.tests.map((file) => `<rootDir>/__tests__/${file}`),
  // Stryker runs each mutant against the test files that import its file (findRelatedTests,
  // stryker.config.mjs). Jest follows imports only through files under its roots, so the roots
  // hold every folder the mutated code and its importers live in (src/policy/rules.ts imports
  // each rule; with only the rule's folder as a root no test would be related to a rule).
  roots: ['<rootDir>/__tests__', '<rootDir>/src', '<rootDir>/scripts'],
  // No cdktf matchers in these tests: a setup that loads neither cdktf nor the stacks.
  setupFilesAfterEnv: ['<rootDir>/__tests__/setup-mutate.ts'],
};
