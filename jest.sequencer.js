/**
 * The order in which npm test starts its files (jest.config.js, testSequencer).
 *
 * jest runs the files that took longest last time first, so that no worker waits alone at the end.
 * Without that record (a fresh clone, as in CI, or an emptied jest cache) it goes by file size,
 * which puts the files that run terraform last: they are a few lines each (the suite lives in
 * offline-plan-suite.ts) but take 10 to 45 s. A fresh clone's `npm test` then ended with both
 * workers on three environment plans (141 s on 2026-12-06, against 121 s warm).
 *
 * So among the files without a recorded time, the terraform files go first, slowest first as
 * measured (PLAN_FILES); the others keep jest's order, and so does everything else (failed files
 * first, files without a record before those with one, then slowest first).
 */
'use strict';
const path = require('node:path');
const Sequencer = require('@jest/test-sequencer').default;

/** The test files that run terraform, slowest first (a fresh-clone CI run of 2026-12-06). */
const PLAN_FILES = [
  'plan-prod.test.ts',
  'plan-staging.test.ts',
  'operator-cli.test.ts',
  'plan-dev.test.ts',
  'bootstrap-plan.test.ts',
  'stateful-gate.test.ts',
  'matchers-plan.test.ts',
];

/**
 * `tests` in jest's order, with the files that have no recorded time (`timeOf` returns undefined)
 * reordered among the places they hold: PLAN_FILES first in their listed order, then the others as
 * they were. Files with a record keep their places.
 */
function plansFirst(tests, timeOf) {
  const rank = (test) => {
    const index = PLAN_FILES.indexOf(path.basename(test.path));
    return index === -1 ? PLAN_FILES.length : index;
  };
  const timed = tests.map((test) => timeOf(test) !== undefined);
  // Array.prototype.sort is stable: the other files keep jest's order.
  const reordered = tests.filter((_, i) => !timed[i]).sort((a, b) => rank(a) - rank(b));
  let next = 0;
  return tests.map((test, i) => (timed[i] ? test : reordered[next++]));
}

class PlansFirstSequencer extends Sequencer {
  sort(tests) {
    return plansFirst(super.sort(tests), (test) => this.time(test) ?? undefined);
  }
}

module.exports = PlansFirstSequencer;
module.exports.PLAN_FILES = PLAN_FILES;
module.exports.plansFirst = plansFirst;
