// @ts-check
// ESLint flat config: typed linting of the TypeScript sources (src/, test/, scripts/) with typescript-eslint.
// Run with `npm run lint`; .ci/run runs it after the tests.
import { fileURLToPath } from 'node:url';
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

/** node:test awaits the promises its own test(), describe(), it() and hooks return, so calling them bare is correct. */
const nodeTestCalls = {
  from: /** @type {const} */ ('package'),
  package: 'node:test',
  name: ['test', 'describe', 'it', 'suite', 'before', 'after', 'beforeEach', 'afterEach'],
};

export default defineConfig(
  {
    // Build output, installed packages, fixture trees, run output; the JavaScript files are untyped helpers.
    ignores: ['dist/', 'dist-*/', 'node_modules/', 'test/fixtures/', 'reports/', '.cache/', '**/*.js', '**/*.mjs', '**/*.cjs'],
  },
  {
    files: ['src/**/*.ts', 'test/**/*.ts', 'scripts/**/*.ts'],
    extends: [js.configs.recommended, tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: fileURLToPath(new URL('.', import.meta.url)),
      },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // Promise misuse: the bugs typed linting is here for.
      '@typescript-eslint/no-floating-promises': ['error', { allowForKnownSafeCalls: [nodeTestCalls] }],
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          args: 'after-used',
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
        },
      ],
      // `import type { T } from 'm'` beside `import { v } from 'm'` is the separate type-import style the
      // code uses (and consistent-type-imports' fix writes); two value (or two type) imports of one module are reported.
      'no-duplicate-imports': ['error', { allowSeparateTypeImports: true }],
      // `x == null` is the deliberate null-or-undefined test; every other loose comparison is reported.
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-var': 'error',
      'prefer-const': 'error',
      // Off: an async function without `await` is how an interface's Promise-returning method is implemented
      // (test fakes, in-memory engines); removing `async` would turn its throws into synchronous throws.
      '@typescript-eslint/require-await': 'off',
      // Off: every control character in a regular expression here is deliberate (stripping or escaping
      // C0 controls and ANSI escapes from text that reaches a terminal, CSV, HTML or a file name).
      'no-control-regex': 'off',
    },
  },
);
