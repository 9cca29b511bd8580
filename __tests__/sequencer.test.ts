import * as path from 'node:path';
import { plansFirst } from '../jest.sequencer';

// jest.sequencer.js: the order in which npm test starts its files.
const file = (name: string) => ({ path: path.join('/repo', '__tests__', name) });
const names = (tests: { path: string }[]) => tests.map((t) => path.basename(t.path));

describe('plansFirst', () => {
  // jest's own order without recorded times: largest file first.
  const jestOrder = ['policy-rules.test.ts', 'plan-dev.test.ts', 'config.test.ts', 'plan-prod.test.ts', 'operator-cli.test.ts'].map(file);

  test('without a recorded time (a fresh clone): the terraform files first, slowest first, then the rest in jest order', () => {
    expect(names(plansFirst(jestOrder, () => undefined))).toEqual([
      'plan-prod.test.ts',
      'operator-cli.test.ts',
      'plan-dev.test.ts',
      'policy-rules.test.ts',
      'config.test.ts',
    ]);
  });

  test("with a recorded time for a file: jest's order (failed first, then slowest first) stays", () => {
    const timed = (t: { path: string }) => (t.path.endsWith('config.test.ts') ? 1.5 : undefined);
    expect(names(plansFirst(jestOrder, timed))).toEqual(names(jestOrder));
  });
});
