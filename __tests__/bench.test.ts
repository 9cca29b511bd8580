import { markdownTable, median, parseStepTimes, slowestFiles, verdict } from '../scripts/bench';

describe('npm run bench: its arithmetic and its table', () => {
  test('median of an odd and an even count', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  test("reads the offline plan's step times from its output", () => {
    expect(parseStepTimes('Offline plan of prod\ntime: synth 1.0 s, init 0.9 s, policy and gate 0.4 s\nscratch directory: /tmp/x')).toEqual(
      {
        synth: 1.0,
        init: 0.9,
        'policy and gate': 0.4,
      },
    );
    expect(parseStepTimes('no timings here')).toEqual({});
  });

  test('a target is met only when time and memory both are within it', () => {
    expect(verdict({ loop: 'synth', seconds: 0.9, rssMb: 150, runs: 5, targetSeconds: 1, targetMb: 160 })).toBe('<= 1 s, <= 160 MB: met');
    expect(verdict({ loop: 'synth', seconds: 0.9, rssMb: 161, runs: 5, targetSeconds: 1, targetMb: 160 })).toBe(
      '<= 1 s, <= 160 MB: not met',
    );
    expect(verdict({ loop: 'synth', seconds: 1.01, rssMb: 150, runs: 5, targetSeconds: 1, targetMb: 160 })).toBe(
      '<= 1 s, <= 160 MB: not met',
    );
    expect(verdict({ loop: 'synth', seconds: 0.9, runs: 5, targetMb: 160 })).toBe('<= 160 MB: not met');
    expect(verdict({ loop: 'scenarios', seconds: 900, runs: 1 })).toBe('');
  });

  test('prints one Markdown row per loop, columns padded', () => {
    expect(
      markdownTable([
        { loop: 'synth', seconds: 0.912, rssMb: 150.4, runs: 5, targetSeconds: 1, note: 'build 0.1 s' },
        { loop: 'npm test', seconds: 58.27, runs: 3 },
      ]),
    ).toBe(
      [
        '| loop     | median | peak RSS | runs | target      | where the time goes |',
        '| -------- | ------ | -------- | ---- | ----------- | ------------------- |',
        '| synth    | 0.91 s | 150 MB   | 5    | <= 1 s: met | build 0.1 s         |',
        '| npm test | 58.3 s | n/a      | 3    |             |                     |',
      ].join('\n'),
    );
  });

  test("names the slowest test files of jest's report, longest first, with their total", () => {
    const file = (name: string, start: number, end: number) => ({
      name: `/repo/__tests__/${name}.test.ts`,
      startTime: start,
      endTime: end,
    });
    const report = {
      testResults: [file('kms', 0, 1500), file('operator-cli', 0, 20250), file('main', 100, 9100), file('cidr-splits', 0, 400)],
    };
    expect(slowestFiles(report, 2)).toBe('4 files, 31.1 s in the files; slowest: operator-cli 20.3 s, main 9.0 s');
    expect(slowestFiles(report, 9)).toBe(
      '4 files, 31.1 s in the files; slowest: operator-cli 20.3 s, main 9.0 s, kms 1.5 s, cidr-splits 0.4 s',
    );
    expect(() => slowestFiles({ testResults: [] }, 3)).toThrow('jest reported no test files: nothing was measured');
  });
});
