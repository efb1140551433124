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
  'pino',
  'pino-*',
];

/**
 * The domain depends on nothing outside itself. A relative import leaves
 * server/src/domain when it climbs more folders than the file sits below the
 * domain folder, so the rule is stated per depth (a fixed `../store/*` misses
 * `../../store/…` from domain/stats). tests/unit/domain/purity.test.ts resolves
 * every import too.
 */
const DOMAIN_DEPTHS = 6;
const domainRules = Array.from({ length: DOMAIN_DEPTHS }, (_, depth) => ({
  files: [`server/src/domain/${'*/'.repeat(depth)}*.ts`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          { group: ioLibraries, message: 'server/src/domain is pure: no I/O imports (DESIGN.md §5).' },
          {
            regex: `^(\\.\\./){${depth + 1},}`,
            message: 'The domain depends on nothing outside server/src/domain.',
          },
        ],
      },
    ],
  },
}));

/**
 * Workspaces use each other by package name, through the `exports` of the
 * other's package.json (`@hall-queue/server/protocol`,
 * `@hall-queue/ui-shared/api.js`), never by a relative path into its folder:
 * a relative import that climbs out of its own workspace is refused, at any
 * depth. The rule comes before the domain's, which is stricter still and
 * replaces it there. tests/ reads the hub's internals on purpose and is not
 * covered.
 */
const WORKSPACES = ['server', 'ui-shared', 'ticket-printer', 'signage', 'admin-ui'];
const WORKSPACE_DEPTHS = 8;
const workspaceRules = WORKSPACES.flatMap((workspace) =>
  Array.from({ length: WORKSPACE_DEPTHS }, (_, depth) => ({
    files: [`${workspace}/${'*/'.repeat(depth)}*.{ts,js}`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: `^(\\.\\./){${depth + 1},}`,
              message: `Leaves the ${workspace} workspace: import the other workspace by its package name (@hall-queue/…).`,
            },
          ],
        },
      ],
    },
  })),
);

/**
 * Use cases depend on ports, not on hardware (DESIGN.md §5): nothing in
 * server/src/app loads device drivers or the printer package at run time. The
 * adapters in server/src/devices call the use cases, not the other way round;
 * a type from them is allowed, since it loads nothing.
 * tests/unit/app-boundaries.test.ts follows the import graph as well.
 */
const adapterModules = [
  '**/devices/**',
  '**/ticket-printer/**',
  '@hall-queue/ticket-printer',
  '@hall-queue/ticket-printer/**',
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
    // Run by mongosh in the compose stack, whose shell globals these are.
    files: ['deploy/*.js'],
    languageOptions: {
      globals: { rs: 'readonly', db: 'readonly', print: 'readonly', quit: 'readonly', sleep: 'readonly' },
    },
  },
  {
    files: ['server/src/domain/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'error' },
  },
  ...workspaceRules,
  ...domainRules,
  {
    files: ['server/src/app/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: adapterModules,
              allowTypeImports: true,
              message:
                'Use cases depend on ports: devices and the printer package are adapters that call them (DESIGN.md §5).',
            },
          ],
        },
      ],
      // `import { type X } from` still loads the module under verbatimModuleSyntax; write `import type`.
      '@typescript-eslint/no-import-type-side-effects': 'error',
    },
  },
  {
    // The hub logs through the logger main.ts makes (server/src/logger.ts). What main.ts
    // prints at start and the command-line tools' own output are for the person at the terminal.
    files: ['server/src/**/*.ts'],
    ignores: [
      'server/src/main.ts',
      'server/src/devices/keypad/agent.ts',
      'server/src/http/api-docs/write.ts',
    ],
    rules: { 'no-console': 'error' },
  },
);
