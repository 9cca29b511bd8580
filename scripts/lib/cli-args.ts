/**
 * Command-line options of the npm scripts: node:util's parseArgs, except that a mistake is one
 * message per problem (all of them, not the first) naming the option, the value and what the
 * script accepts, then exit 2, instead of parseArgs' ERR_PARSE_ARGS_* stack trace.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';

/** Exit code of a command line the script cannot use (usage error), unless the script names another. */
export const EXIT_USAGE = 2;

type Options = NonNullable<ParseArgsConfig['options']>;

/** `--env <value>, --keep`: the options a script accepts, for the message. */
export function describeOptions(options: Options): string {
  return Object.entries(options)
    .map(([name, o]) => (o.type === 'string' ? `--${name} <value>` : `--${name}`))
    .join(', ');
}

/**
 * What is wrong with `args` for these options, one line per problem, in argument order: unknown
 * options, a string option without a value (empty, or followed by another option), a flag given a
 * value, a positional argument. Empty when parseArgs (strict) will accept them, except for empty
 * values, which it takes and no script can use.
 */
export function cliArgProblems(args: readonly string[], options: Options): string[] {
  const { tokens } = parseArgs({ args: [...args], options, strict: false, allowPositionals: true, tokens: true });
  // Own keys only: `--constructor` or `--toString` are no option of any script.
  const known = (name: string) => Object.hasOwn(options, name);
  const problems: string[] = [];
  let afterUnknown = false;
  let lastIndex = -1;
  for (const token of tokens) {
    if (token.kind === 'positional') {
      // `--workspce dev`: the value of the misspelt option, not a stray argument of its own.
      if (!afterUnknown) problems.push(`unexpected argument ${JSON.stringify(token.value)} (options start with --)`);
      afterUnknown = false;
      continue;
    }
    // parseArgs splits a group of short options (`-env` is -e -n -v) into tokens of one index:
    // the group is one argument, named once, as typed.
    if (token.index === lastIndex) continue;
    lastIndex = token.index;
    afterUnknown = false;
    if (token.kind !== 'option') continue;
    const group = tokens.filter((t): t is typeof token => t.kind === 'option' && t.index === token.index);
    if (group.length > 1) {
      const typed = args[token.index]!;
      if (group.some((t) => !known(t.name))) {
        problems.push(`unknown option ${typed} (options start with --)`);
        afterUnknown = !typed.includes('=');
      }
      continue;
    }
    const option = known(token.name) ? options[token.name]! : undefined;
    if (option === undefined) {
      problems.push(`unknown option ${token.rawName}`);
      afterUnknown = token.inlineValue !== true;
    } else if (option.type === 'string' && (token.value === undefined || token.value === ''))
      // `--plan=` or `--plan "$UNSET"`: an empty value is no value.
      problems.push(`${token.rawName} needs a value: ${token.rawName} <value>`);
    // As parseArgs: a value that starts with a dash and is longer than `-` (stdin) is an option.
    else if (option.type === 'string' && !token.inlineValue && token.value!.length > 1 && token.value!.startsWith('-'))
      problems.push(
        `${token.rawName} needs a value, got the option ${token.value} (write ${token.rawName}=${token.value} if that is the value)`,
      );
    else if (option.type === 'boolean' && token.inlineValue)
      problems.push(`${token.rawName} takes no value (got ${JSON.stringify(token.value)})`);
  }
  return problems;
}

/**
 * parseArgs (strict, no positionals) for `npm run <script>` (several names when several npm scripts
 * run it): on any problem, prints each and the accepted options to stderr and exits 2 (a usage
 * error: nothing ran), or the script's own code for it.
 */
export function parseCliArgs<T extends Options>(
  script: string | readonly string[],
  options: T,
  settings: {
    /** The exit code of a usage error where 2 means something else (plan:upgrade: 2 = changes). */
    usageExitCode?: number;
    args?: readonly string[];
    /** For tests, which must not end the test process. */
    exit?: (code: number) => never;
  } = {},
) {
  const { usageExitCode = EXIT_USAGE, args = process.argv.slice(2) } = settings;
  // Declared with its type: a call of it then ends the control flow for the compiler too.
  const exit: (code: number) => never = settings.exit ?? ((code) => process.exit(code));
  const problems = cliArgProblems(args, options);
  let parsed: ReturnType<typeof parseArgs<{ args: string[]; options: T; strict: true; allowPositionals: false }>> | undefined;
  if (problems.length === 0) {
    try {
      parsed = parseArgs({ args: [...args], options, strict: true, allowPositionals: false });
    } catch (error) {
      // A mistake the checks above do not name still ends in one line, never a stack trace.
      if (!String((error as { code?: unknown }).code).startsWith('ERR_PARSE_ARGS')) throw error;
      problems.push((error as Error).message.split('\n')[0]!);
    }
  }
  if (parsed === undefined) {
    // `npm run diff` and `npm run plan` run the deploy script: name the one the user typed.
    const names = typeof script === 'string' ? [script] : script;
    const name = names.find((n) => n === process.env.npm_lifecycle_event) ?? names[0];
    const lines = problems.map((p) => `  - ${p}`);
    console.error(`npm run ${name}: ${problems.length === 1 ? 'a problem' : `${problems.length} problems`} with its arguments:`);
    console.error(lines.join('\n'));
    console.error(`  options: ${describeOptions(options)}`);
    exit(usageExitCode);
  }
  return parsed;
}
