// ESLint flat config: typescript-eslint's recommended rules plus the project's two standing rules.
import js from '@eslint/js';
import jest from 'eslint-plugin-jest';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'cdktf.out/', 'cdktf.out.*/', 'dist/', 'coverage/', 'reports/', '.stryker-tmp/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  // Tool configuration files that their tools load as CommonJS.
  { files: ['*.config.js', 'jest.sequencer.js', 'scripts/*.cjs'], rules: { '@typescript-eslint/no-require-imports': 'off' } },
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        Buffer: 'readonly',
        __dirname: 'readonly',
        require: 'readonly',
        module: 'writable',
        console: 'readonly',
        URL: 'readonly',
      },
    },
    rules: {
      // The package root loads every AWS resource class: seconds and hundreds of MB per process.
      'no-restricted-imports': [
        'error',
        { paths: [{ name: '@cdktf/provider-aws', message: 'Import provider classes by deep path, e.g. @cdktf/provider-aws/lib/vpc.' }] },
      ],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
    },
  },
  {
    // The npm scripts parse their command line through scripts/lib/cli-args.ts: every mistake in
    // one message and exit 2, where parseArgs alone throws a stack trace at the first.
    files: ['scripts/**/*.ts'],
    ignores: ['scripts/lib/cli-args.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: '@cdktf/provider-aws', message: 'Import provider classes by deep path, e.g. @cdktf/provider-aws/lib/vpc.' },
            { name: 'node:util', importNames: ['parseArgs'], message: 'Use parseCliArgs from scripts/lib/cli-args.ts.' },
            { name: 'util', importNames: ['parseArgs'], message: 'Use parseCliArgs from scripts/lib/cli-args.ts.' },
          ],
        },
      ],
    },
  },
  {
    // Only main.ts and scripts/ read the process environment; constructs take explicit props.
    files: ['src/**/*.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read the environment in main.ts or scripts/ and pass values as props.' },
      ],
    },
  },
  {
    // Tests read synthesized JSON, which is untyped by nature.
    files: ['__tests__/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // eslint-plugin-jest's recommended rules: no expect inside a branch that may not run
    // (no-conditional-expect), no focused or skipped tests, no expect that is never awaited.
    files: ['__tests__/**/*.ts'],
    ...jest.configs['flat/recommended'],
    rules: {
      ...jest.configs['flat/recommended'].rules,
      // Some titles are computed from the profile under test (a conditional expression).
      'jest/valid-title': ['error', { ignoreTypeOfTestName: true }],
      // A skipped test, a commented-out one or one without an assertion cannot fail.
      'jest/no-disabled-tests': 'error',
      'jest/no-commented-out-tests': 'error',
      'jest/expect-expect': 'error',
    },
  },
  {
    // Shared suites and helpers (offline-plan-suite.ts) export what the test files call.
    files: ['__tests__/**/*.ts'],
    ignores: ['__tests__/**/*.test.ts'],
    rules: { 'jest/no-export': 'off' },
  },
);
