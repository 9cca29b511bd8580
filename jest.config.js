/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/__tests__'],
  // Only *.test.ts are suites; helpers and fixtures under __tests__/ are not.
  testMatch: ['**/*.test.ts'],
  // @hpcc-js/wasm-graphviz (diagram rendering) ships only as an ES module: compile it to CommonJS too.
  transformIgnorePatterns: ['/node_modules/(?!@hpcc-js/)'],
  transform: {
    '^.+\\.(ts|js)$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  setupFilesAfterEnv: ['<rootDir>/__tests__/setup.ts'],
  // Each worker loads cdktf; two match this machine's cores. Plan tests run terraform themselves.
  maxWorkers: 2,
  testTimeout: 30000,
};
