import js from '@eslint/js';
import importX from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

/** The feature folders: each holds its repositories, services and domain mapping. */
const FEATURES = [
  'citations',
  'community',
  'db',
  'digest',
  'domain',
  'ingest',
  'keywords',
  'library',
  'mail',
  'ops',
  'papers',
  'search',
  'security',
  'settings',
  'summaries',
  'trending',
];

export default tseslint.config(
  {
    ignores: [
      'node_modules',
      'dist',
      'data',
      'bench/results',
      'test-results',
      'src/web/static/vendor',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    // The layers (see ARCHITECTURE.md): surfaces receive services from the composition root,
    // services never reach back into it, the domain imports nothing of ours, no import cycles.
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    ignores: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    plugins: { 'import-x': importX },
    rules: {
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            {
              target: ['./src/web', './src/cli', './src/jobs', './src/mcp'],
              from: ['./src/**/*.repository.ts'],
              message: 'Surfaces read and write through services, never a repository.',
            },
            {
              target: FEATURES.map((f) => `./src/${f}`),
              from: './src/services.ts',
              message:
                'Services get their dependencies passed in; only surfaces use the composition root.',
            },
            {
              target: './src/domain',
              from: './src',
              except: ['./domain'],
              message: 'The domain imports nothing of ours.',
            },
          ],
        },
      ],
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
  {
    // Surfaces receive the services the composition root built (`AppServices`, which has no
    // store handle), so they never reach the store past them: no `.db`, no `{ db }`.
    files: ['src/{web,cli,jobs,mcp}/**/*.{ts,tsx}'],
    ignores: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[property.name='db']",
          message:
            'Read and write through a service (deps.papers, runtime.community, ops.jobs, …), never the store handle.',
        },
        {
          selector: "ObjectPattern > Property[key.name='db']",
          message:
            'Read and write through a service (deps.papers, runtime.community, ops.jobs, …), never the store handle.',
        },
      ],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/services.ts'],
              importNames: ['Runtime', 'Infrastructure', 'importDeps', 'loadDemoIfEmpty'],
              message: 'Surfaces take AppServices (the services without the store handle).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.js'],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        document: 'readonly',
        window: 'readonly',
        fetch: 'readonly',
        localStorage: 'readonly',
      },
    },
  },
  {
    // Node scripts in plain JavaScript (the command line's build).
    files: ['**/*.mjs'],
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', performance: 'readonly' },
    },
  },
);
