import { cliArgProblems, describeOptions, parseCliArgs } from '../scripts/lib/cli-args';
import { UnknownEnvironment, chooseEnvironments, environmentsOrRefuse } from '../scripts/lib/environments';

/** The options of npm run plan:upgrade, as an example of strings, a list and a flag. */
const OPTIONS = {
  env: { type: 'string' },
  base: { type: 'string' },
  'allow-stateful-change': { type: 'string', multiple: true },
  keep: { type: 'boolean', default: false },
} as const;

describe('command-line options of the npm scripts', () => {
  test('accepts what parseArgs accepts: values after a space or an equals sign, repeated lists, flags', () => {
    expect(
      cliArgProblems(['--env', 'prod', '--base=HEAD~1', '--allow-stateful-change', 'a', '--allow-stateful-change=b', '--keep'], OPTIONS),
    ).toEqual([]);
    expect(cliArgProblems([], OPTIONS)).toEqual([]);
    // `--` ends the options; nothing may follow it (the scripts take no positional arguments).
    expect(cliArgProblems(['--env', 'prod', '--'], OPTIONS)).toEqual([]);
    expect(cliArgProblems(['--', 'prod'], OPTIONS)).toEqual(['unexpected argument "prod" (options start with --)']);
    expect(cliArgProblems(['prod'], OPTIONS)).toEqual(['unexpected argument "prod" (options start with --)']);
  });

  test('names every problem, in argument order, instead of stopping at the first', () => {
    expect(cliArgProblems(['--bogus', '--keep=yes', 'x', '--env'], OPTIONS)).toEqual([
      'unknown option --bogus',
      '--keep takes no value (got "yes")',
      'unexpected argument "x" (options start with --)',
      '--env needs a value: --env <value>',
    ]);
  });

  test('a value that looks like an option is a forgotten value, with the way to pass it if meant', () => {
    expect(cliArgProblems(['--env', '--keep'], OPTIONS)).toEqual([
      '--env needs a value, got the option --keep (write --env=--keep if that is the value)',
    ]);
    expect(cliArgProblems(['--env=--keep'], OPTIONS)).toEqual([]);
  });

  test('the value after a misspelt option is its value, not a stray argument', () => {
    expect(cliArgProblems(['--workspce', 'dev', '--env', 'prod'], OPTIONS)).toEqual(['unknown option --workspce']);
    expect(cliArgProblems(['--workspce=dev', 'x'], OPTIONS)).toEqual([
      'unknown option --workspce',
      'unexpected argument "x" (options start with --)',
    ]);
  });

  test("only the script's own options count: not what every object inherits", () => {
    expect(cliArgProblems(['--constructor', '--toString', 'x'], OPTIONS)).toEqual([
      'unknown option --constructor',
      'unknown option --toString',
    ]);
  });

  test('an empty value is no value: --plan= or --plan "$UNSET"', () => {
    expect(cliArgProblems(['--env='], OPTIONS)).toEqual(['--env needs a value: --env <value>']);
    expect(cliArgProblems(['--base', ''], OPTIONS)).toEqual(['--base needs a value: --base <value>']);
  });

  test('a word after a single dash is one unknown option, named as typed', () => {
    expect(cliArgProblems(['-env', 'prod'], OPTIONS)).toEqual(['unknown option -env (options start with --)']);
    expect(cliArgProblems(['-env=prod', 'x'], OPTIONS)).toEqual([
      'unknown option -env=prod (options start with --)',
      'unexpected argument "x" (options start with --)',
    ]);
  });

  test('a group of short options is unknown when one of its letters is', () => {
    const withShort = { ...OPTIONS, keep: { type: 'boolean', short: 'k' } } as const;
    expect(cliArgProblems(['-kk'], withShort)).toEqual([]);
    expect(cliArgProblems(['-kx'], withShort)).toEqual(['unknown option -kx (options start with --)']);
  });

  test('every argument is looked at, wherever it stands', () => {
    expect(cliArgProblems(['x', '--nope'], OPTIONS)).toEqual(['unexpected argument "x" (options start with --)', 'unknown option --nope']);
    expect(cliArgProblems(['--keep', '--env='], OPTIONS)).toEqual(['--env needs a value: --env <value>']);
  });

  test('a lone dash is a value (stdin), as parseArgs takes it', () => {
    expect(cliArgProblems(['--env', '-'], OPTIONS)).toEqual([]);
  });

  test('an unknown short option is named as typed', () => {
    expect(cliArgProblems(['-e', 'prod', 'x'], OPTIONS)).toEqual(['unknown option -e', 'unexpected argument "x" (options start with --)']);
  });

  test('lists the accepted options, a value placeholder after each that takes one', () => {
    expect(describeOptions(OPTIONS)).toBe('--env <value>, --base <value>, --allow-stateful-change <value>, --keep');
  });
});

/** An exit for parseCliArgs that must not be called: a test never ends the test process. */
const neverExit = (code: number): never => {
  throw new Error(`exit ${code}`);
};

describe('parseCliArgs', () => {
  const saved = process.env.npm_lifecycle_event;
  afterEach(() => {
    jest.restoreAllMocks();
    if (saved === undefined) delete process.env.npm_lifecycle_event;
    else process.env.npm_lifecycle_event = saved;
  });

  /** What parseCliArgs printed before it exited, and the exit code. */
  function refusal(names: string | string[], args: string[], usageExitCode?: number): { code: unknown; stderr: string } {
    const printed: string[] = [];
    jest.spyOn(console, 'error').mockImplementation((line: string) => void printed.push(line));
    let code: unknown;
    const exit = (c: number): never => {
      code = c;
      throw new Error('exited');
    };
    expect(() => parseCliArgs(names, OPTIONS, { args, exit, usageExitCode })).toThrow('exited');
    return { code, stderr: printed.join('\n') };
  }

  test('returns the values when the command line is usable', () => {
    expect(parseCliArgs('plan:upgrade', OPTIONS, { args: ['--env', 'prod'], exit: neverExit })).toEqual({
      values: { env: 'prod', keep: false },
      positionals: [],
    });
  });

  test('exits 2 with the script name, each problem and the options it takes', () => {
    delete process.env.npm_lifecycle_event;
    expect(refusal('plan:upgrade', ['--nope', '--keep=1'])).toEqual({
      code: 2,
      stderr: [
        'npm run plan:upgrade: 2 problems with its arguments:',
        '  - unknown option --nope',
        '  - --keep takes no value (got "1")',
        '  options: --env <value>, --base <value>, --allow-stateful-change <value>, --keep',
      ].join('\n'),
    });
    expect(refusal('plan:upgrade', ['--nope']).stderr).toMatch(/^npm run plan:upgrade: a problem with its arguments:\n/);
  });

  test('exits with the code the script gives a usage error (plan:upgrade: 1, as its 2 means changes)', () => {
    expect(refusal('plan:upgrade', ['--nope'], 1).code).toBe(1);
  });

  test('names the npm script the user ran when several run the same file, else the first', () => {
    process.env.npm_lifecycle_event = 'diff';
    expect(refusal(['deploy', 'diff', 'plan'], ['--nope']).stderr).toMatch(/^npm run diff: /);
    process.env.npm_lifecycle_event = 'test';
    expect(refusal(['deploy', 'diff', 'plan'], ['--nope']).stderr).toMatch(/^npm run deploy: /);
  });
});

describe('--env of npm run plan:offline and npm run diagram', () => {
  test('names one environment or all three', () => {
    expect(chooseEnvironments('staging')).toEqual(['staging']);
    expect(chooseEnvironments('all')).toEqual(['dev', 'staging', 'prod']);
  });

  test('refuses any other value, listing what it accepts', () => {
    expect(() => chooseEnvironments('production')).toThrow(new UnknownEnvironment('production'));
    expect(new UnknownEnvironment('production').message).toBe(
      'Unknown environment "production"; expected one of dev, staging, prod or all.',
    );
  });

  test('a script prints the refusal and exits 1 (environmentsOrRefuse gives it nothing to plan)', () => {
    const printed: string[] = [];
    const spy = jest.spyOn(console, 'error').mockImplementation((line: string) => void printed.push(line));
    let results: unknown[];
    try {
      results = [environmentsOrRefuse('production'), environmentsOrRefuse('prod')];
    } finally {
      spy.mockRestore();
    }
    expect(results).toEqual([undefined, ['prod']]);
    expect(printed).toEqual(['Unknown environment "production"; expected one of dev, staging, prod or all.']);
  });
});
