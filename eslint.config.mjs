import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// protocol/ states the rules once for bot and tab: it must stay pure (no framework, database, Node or network).
const impure = [
  'node:*',
  'fs',
  'path',
  'http',
  'https',
  'net',
  'crypto',
  'child_process',
  'os',
  'url',
  'pg',
  '@electric-sql/*',
  'botbuilder',
  'botbuilder-*',
  'botframework-*',
  'express',
  'fastify',
  'react',
  'react-dom',
  '@microsoft/*',
  '@azure/*',
  '@fluentui/*',
  'axios',
  'node-fetch',
  'undici',
];

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'data/**', 'artifacts/**', 'coverage/**', '.cache/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: {
      globals: { module: 'writable', require: 'readonly', process: 'readonly', __dirname: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['protocol/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: impure.map((group) => ({
            group: [group],
            message: 'protocol/ es puro: sin frameworks, base de datos, Node ni red.',
          })),
        },
      ],
      'no-restricted-globals': ['error', 'process', 'fetch', 'require', 'setTimeout', 'setInterval'],
    },
  },
);
