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

// What Spanish prose looks like in a literal: an accent or Spanish punctuation, a Spanish function word between spaces,
// or a capitalised word alone or followed by a space or , : ; (so 'Action.Execute' and 'Content-Type' pass).
const SPANISH =
  '/[áéíóúñÁÉÍÓÚÑ¿¡«»…]|(^|\\s)(de|del|la|las|el|los|que|en|para|por|con|sin|una?|su|sus|se|no|al|hasta|desde|y|o)\\s|^[¿¡«]?\\p{Lu}\\p{Ll}+([ ,:;]|$)/u';
// Where such a literal is not user text: a programmer's error or a retry reason (read in the log), a log line, an
// Adaptive Card element's type, and either side of a comparison (a key name, a header).
const NOT_USER_TEXT = [
  'NewExpression[callee.name=/(Error|RetryLater)$/]',
  'CallExpression[callee.property.name=/^(trace|debug|info|warn|error|fatal)$/]',
  'Property[key.name="type"]',
  'BinaryExpression',
].join(', ');
const TEXTOS = 'Texto para el usuario: va en la carpeta textos/ de su superficie (issue 14 §5).';

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

  // Issue 14 §5: every word a user reads in chat or in the tab lives in that surface's textos/ folder, where it is read
  // as one text (Chilean Spanish, ustedeo, agreement). Literals that look like Spanish prose are refused elsewhere.
  {
    files: ['bot/src/cards/**/*.ts', 'bot/src/teams/**/*.ts', 'tab/src/**/*.{ts,tsx}'],
    ignores: ['bot/src/cards/textos/**', 'tab/src/textos/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: 'JSXText[value=/\\p{L}{2,}/u]', message: TEXTOS },
        { selector: `:not(${NOT_USER_TEXT}) > Literal[value=${SPANISH}]`, message: TEXTOS },
        {
          selector: `:not(${NOT_USER_TEXT}) > TemplateLiteral > TemplateElement[value.raw=${SPANISH}]`,
          message: TEXTOS,
        },
      ],
    },
  },
);
