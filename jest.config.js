/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/__tests__'],
  // Only *.test.ts are suites; helpers and fixtures under __tests__/ are not. The scenario tier
  // (__tests__/scenarios/, minutes of terraform plans) has its own command: npm run test:scenarios.
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/__tests__/scenarios/'],
  // Nothing under node_modules is transformed (the diagram renderer, an ES module, is tested as
  // a process: diagram.test.ts).
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  setupFilesAfterEnv: ['<rootDir>/__tests__/setup.ts'],
  // One temp folder per run, removed at its end, even for files whose tests a filter skipped.
  globalSetup: '<rootDir>/__tests__/global-setup.ts',
  globalTeardown: '<rootDir>/__tests__/global-teardown.ts',
  // Each worker loads cdktf; two match this machine's cores. Plan tests run terraform themselves.
  maxWorkers: 2,
  testTimeout: 30000,
};
