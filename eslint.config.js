// Lint: typescript-eslint strict type-checked everywhere, plus the process boundaries of
// STYLE.md as import rules: only main/shell and preload may import 'electron', shared/
// imports no Node API, and the renderer imports nothing from main/.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const nodeBuiltins = [
  'assert',
  'buffer',
  'child_process',
  'cluster',
  'crypto',
  'dgram',
  'dns',
  'events',
  'fs',
  'fs/promises',
  'http',
  'http2',
  'https',
  'module',
  'net',
  'os',
  'path',
  'perf_hooks',
  'process',
  'readline',
  'stream',
  'string_decoder',
  'timers',
  'tls',
  'tty',
  'url',
  'util',
  'v8',
  'vm',
  'worker_threads',
  'zlib',
];
const noElectron = {
  name: 'electron',
  message: 'Only main/shell and preload may import electron.',
};
const noNode = [
  { group: ['node:*'], message: 'shared/ and renderer/ run in the browser too: no Node APIs.' },
  ...nodeBuiltins.map((name) => ({ group: [name], message: 'No Node APIs here.' })),
];

export default tseslint.config(
  { ignores: ['node_modules/', 'out/', 'dist/', 'release/', 'test-results/'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true },
      ],
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      'no-restricted-imports': ['error', { paths: [noElectron] }],
      // A leading underscore marks a parameter a signature needs but this body does not.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      // A file should read in one sitting; past this, split it by reason to change.
      'max-lines': ['warn', { max: 400 }],
    },
  },
  {
    // expect.any() and friends are typed `any`; assigning them is how matchers work.
    files: ['tests/**'],
    rules: { '@typescript-eslint/no-unsafe-assignment': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['main/shell/**', 'preload/**', 'tests/electron/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    // The two hosts share serving code through main/serving, never each other.
    files: ['main/shell/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/host/**', '**/cli/**'],
              message: 'The desktop shell shares code with the browser host via main/serving.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['main/host/**', 'main/serving/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron],
          patterns: [
            {
              group: ['**/shell/**', '**/cli/**'],
              message: 'Hosts share code through main/serving, never each other.',
            },
          ],
        },
      ],
    },
  },
  {
    // The core runs under every host: it never reaches into one. And a
    // network is reached only through the platform port and its registry.
    files: ['main/core/**'],
    ignores: ['main/core/platforms/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron],
          patterns: [
            {
              group: ['**/shell/**', '**/host/**', '**/cli/**'],
              message: 'main/core runs under every host and never imports one.',
            },
            {
              group: ['**/platforms/bluesky/**', '**/platforms/mastodon/**'],
              message: 'Reach a network through platforms/port.ts and the registry.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['main/core/platforms/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron],
          patterns: [
            {
              group: ['**/shell/**', '**/host/**', '**/cli/**'],
              message: 'main/core runs under every host and never imports one.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['shared/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [noElectron], patterns: noNode }],
    },
  },
  {
    files: ['renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron],
          patterns: [
            ...noNode,
            {
              group: ['**/main/**', '**/preload/**'],
              message: 'The renderer talks to the core only through the bridge.',
            },
          ],
        },
      ],
    },
  },
);
