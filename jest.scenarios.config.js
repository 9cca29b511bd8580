/**
 * The scenario tier (`npm run test:scenarios`, run by CI after `npm test`): whole-environment
 * plans of what happens after the first apply, each environment against its own synthetic prior
 * state, prod's identity changes, the runbook's reconciliations, and the toPlanOffline matcher's
 * passing case. Minutes, not seconds: every file plans whole environments several times.
 */
const base = require('./jest.config.js');

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  roots: ['<rootDir>/__tests__/scenarios'],
  testPathIgnorePatterns: ['/node_modules/'],
};
