import * as path from 'node:path';
import { plansFirst } from '../jest.sequencer';

// jest.sequencer.js: the order in which npm test starts its files.
const file = (name: string) => ({ path: path.join('/repo', '__tests__', name) });
const names = (tests: { path: string }[]) => tests.map((t) => path.basename(t.path));

describe('plansFirst', () => {
  test('without a recorded time (a fresh clone): the terraform files first, slowest first, then the rest in jest order', () => {
    // jest's own order without recorded times: largest file first.
    const jestOrder = ['policy-rules.test.ts', 'plan-dev.test.ts', 'config.test.ts', 'plan-prod.test.ts', 'operator-cli.test.ts'].map(file);
    expect(names(plansFirst(jestOrder, () => undefined))).toEqual([
      'plan-prod.test.ts',
      'operator-cli.test.ts',
      'plan-dev.test.ts',
      'policy-rules.test.ts',
      'config.test.ts',
    ]);
  });

  test('files with a recorded time keep their places; the terraform files lead the ones without', () => {
    // jest's order: a file that failed last time first, then files without a record, then the
    // recorded ones, slowest first.
    const recorded: Record<string, number> = { 'config.test.ts': 1.5, 'network.test.ts': 2.5 };
    const jestOrder = ['config.test.ts', 'policy-rules.test.ts', 'plan-dev.test.ts', 'plan-prod.test.ts', 'network.test.ts'].map(file);
    expect(names(plansFirst(jestOrder, (t) => recorded[path.basename(t.path)]))).toEqual([
      'config.test.ts',
      'plan-prod.test.ts',
      'plan-dev.test.ts',
      'policy-rules.test.ts',
      'network.test.ts',
    ]);
  });

  test("every file with a recorded time: jest's order (failed first, then slowest first) stays", () => {
    const jestOrder = ['config.test.ts', 'plan-prod.test.ts', 'policy-rules.test.ts'].map(file);
    expect(names(plansFirst(jestOrder, () => 1))).toEqual(names(jestOrder));
  });
});
