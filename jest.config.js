/**
 * npm test: two jest projects in one run, sharing its two workers.
 * - unit: every test that runs no terraform plan (constructs, config, policy, the scripts' logic, the
 *   app and the operator scripts run as processes where no plan is involved). `npm run test:unit`
 *   runs it alone: the loop to run while editing.
 * - plans: the test files that run terraform for real against the provider mirror (offline plans
 *   of dev, staging and prod from empty state, the state-bucket stack, the gate and the operator
 *   CLIs on real plans, toPlanOffline's failure). They fail, never skip, without terraform or the
 *   mirror.
 * The scenario tier (__tests__/scenarios/, minutes of plans) has its own command:
 * npm run test:scenarios (jest.scenarios.config.js).
 */
// The files that run terraform (the plans project), slowest first: jest.sequencer.js starts them
// first in a run without recorded times (a fresh clone).
const { PLAN_FILES } = require('./jest.sequencer');

/** What every project (and the scenario and mutation configs) shares. */
const project = {
  testEnvironment: 'node',
  roots: ['<rootDir>/__tests__'],
  // Only *.test.ts are suites; helpers and fixtures under __tests__/ are not.
  testMatch: ['**/*.test.ts'],
  // Nothing under node_modules is transformed (the diagram renderer, an ES module, is tested as
  // a process: diagram.test.ts).
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  setupFilesAfterEnv: ['<rootDir>/__tests__/setup.ts'],
  // cdktf's zip library, never used in a test process: archiver-stand-in.js says why.
  moduleNameMapper: { '^archiver$': '<rootDir>/__tests__/archiver-stand-in.js' },
};

/** @type {import('jest').Config} */
module.exports = {
  // One temp folder per run, removed at its end, even for files whose tests a filter skipped.
  globalSetup: '<rootDir>/__tests__/global-setup.ts',
  globalTeardown: '<rootDir>/__tests__/global-teardown.ts',
  // Each worker loads cdktf; two match this machine's cores. Plan tests run terraform themselves.
  maxWorkers: 2,
  testSequencer: '<rootDir>/jest.sequencer.js',
  testTimeout: 30000,
  projects: [
    {
      ...project,
      displayName: 'unit',
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/__tests__/scenarios/', ...PLAN_FILES.map((f) => `<rootDir>/__tests__/${f}$`)],
    },
    { ...project, displayName: 'plans', testMatch: PLAN_FILES.map((f) => `<rootDir>/__tests__/${f}`) },
  ],
};
