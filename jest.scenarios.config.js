/**
 * The scenario tier (`npm run test:scenarios`, run by CI after `npm test`): whole-environment
 * plans of what happens after the first apply, each environment against its own synthetic prior
 * state, prod's identity changes, the runbook's reconciliations, and the toPlanOffline matcher's
 * passing case. Minutes, not seconds: every file plans whole environments several times.
 */
const { projects, ...base } = require('./jest.config.js');
const { displayName: _unit, testPathIgnorePatterns: _ignored, ...project } = projects[0];

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  ...project,
  roots: ['<rootDir>/__tests__/scenarios'],
  testPathIgnorePatterns: ['/node_modules/'],
};
