import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

// Libraries that do I/O. The domain core stays pure so its rules are testable
// without a database, a network or a device (DESIGN.md §5).
const ioLibraries = [
  'express',
  'express-*',
  'socket.io',
  'socket.io-*',
  'better-sqlite3',
  'mongodb',
  'agenda',
  '@agendajs/*',
  'node-hid',
  'prom-client',
  'node:*',
  'fs',
  'net',
  'http',
  'https',
  'child_process',
  'crypto',
  'os',
];

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'data/**', '.tmp/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['server/src/domain/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ioLibraries, message: 'server/src/domain is pure: no I/O imports (DESIGN.md §5).' },
            {
              group: ['../app/*', '../store/*', '../http/*', '../realtime/*', '../devices/*', '../jobs/*'],
              message: 'The domain depends on nothing outside itself.',
            },
          ],
        },
      ],
    },
  },
);
