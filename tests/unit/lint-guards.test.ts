import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * The import rules of eslint.config.js hold where they are meant to: each
 * probe is linted as if it were a file at that place in the tree, with the
 * project's own configuration.
 */

const root = fileURLToPath(new URL('../..', import.meta.url));
let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: root });
});

/** The rules a probe breaks, written as `server/src/…` would be. */
async function broken(file: string, text: string): Promise<string[]> {
  const [result] = await eslint.lintText(text, { filePath: path.join(root, file) });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

describe('the domain imports nothing outside itself', () => {
  it('at any depth below server/src/domain', async () => {
    const store =
      "import { openSqliteStore } from '../../store/sqlite/index.js';\nexport const s = openSqliteStore;\n";
    expect(await broken('server/src/domain/stats/probe.ts', store)).toEqual(['no-restricted-imports']);
    const app = "import type { AppDeps } from '../../../app/deps.js';\nexport type D = AppDeps;\n";
    expect(await broken('server/src/domain/stats/deep/probe.ts', app)).toEqual(['no-restricted-imports']);
    const port = "import type { Store } from '../store/port.js';\nexport type S = Store;\n";
    expect(await broken('server/src/domain/probe.ts', port)).toEqual(['no-restricted-imports']);
    const io = "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n";
    expect(await broken('server/src/domain/rectification/probe.ts', io)).toEqual(['no-restricted-imports']);
  });

  it('while its own modules, in the same or a parent folder, are fine', async () => {
    const own =
      "import type { Ticket } from '../types.js';\nimport { histogram } from './histogram.js';\nexport type T = Ticket;\nexport const h = histogram;\n";
    expect(await broken('server/src/domain/stats/probe.ts', own)).toEqual([]);
  });
});

describe('workspaces use each other by package name', () => {
  it('refuses a relative import that leaves its workspace, at any depth', async () => {
    const protocol =
      "import type { CallOut } from '../../../server/src/protocol/index.js';\nexport type C = CallOut;\n";
    expect(await broken('signage/src/board/probe.ts', protocol)).toEqual(['no-restricted-imports']);
    const tokens =
      "import { baseStyles } from '../../ui-shared/src/tokens.js';\nexport const b = baseStyles;\n";
    expect(await broken('admin-ui/src/probe.ts', tokens)).toEqual(['no-restricted-imports']);
    const config =
      "import { screenConfig } from '../ui-shared/vite-screen.js';\nexport const c = screenConfig;\n";
    expect(await broken('ticket-printer/vite.probe.config.ts', config)).toEqual(['no-restricted-imports']);
    const shared =
      "import { STAFF_NAMESPACE } from '../../server/src/protocol/names.js';\nexport const n = STAFF_NAMESPACE;\n";
    expect(await broken('ui-shared/src/probe.ts', shared)).toEqual(['no-restricted-imports']);
    const printer =
      "import { renderSvg } from '../../../../ticket-printer/src/render.js';\nexport const r = renderSvg;\n";
    expect(await broken('server/src/http/routes/probe.ts', printer)).toEqual(['no-restricted-imports']);
  });

  it('allows the package names and relative imports inside the workspace', async () => {
    const ok =
      "import type { CallOut } from '@hall-queue/server/protocol';\nimport { baseStyles } from '@hall-queue/ui-shared/tokens.js';\nimport { MESSAGES } from '../messages.js';\nexport type C = CallOut;\nexport const b = [baseStyles, MESSAGES];\n";
    expect(await broken('signage/src/board/probe.ts', ok)).toEqual([]);
  });
});

describe('use cases do not load device or printer code', () => {
  it('refuses a run-time import of server/src/devices or ticket-printer', async () => {
    const driver =
      "import { KeypadDriver } from '../../devices/keypad/driver.js';\nexport const d = KeypadDriver;\n";
    expect(await broken('server/src/app/window-devices/probe.ts', driver)).toEqual([
      '@typescript-eslint/no-restricted-imports',
    ]);
    // A relative path into ticket-printer also leaves the server workspace: both rules refuse it.
    const printer =
      "import { renderEscPos } from '../../../ticket-printer/src/render.js';\nexport const r = renderEscPos;\n";
    expect((await broken('server/src/app/probe.ts', printer)).sort()).toEqual([
      '@typescript-eslint/no-restricted-imports',
      'no-restricted-imports',
    ]);
    const pkg =
      "import { renderEscPos } from '@hall-queue/ticket-printer/render';\nexport const r = renderEscPos;\n";
    expect(await broken('server/src/app/printing/probe.ts', pkg)).toEqual([
      '@typescript-eslint/no-restricted-imports',
    ]);
  });

  it('allows `import type`, which loads nothing, and not `import { type … }`, which still loads the module', async () => {
    const typeOnly =
      "import type { KeypadFeedback } from '../../devices/keypad/port.js';\nexport type F = KeypadFeedback;\n";
    expect(await broken('server/src/app/window-devices/probe.ts', typeOnly)).toEqual([]);
    const inline =
      "import { type KeypadFeedback } from '../../devices/keypad/port.js';\nexport type F = KeypadFeedback;\n";
    expect(await broken('server/src/app/window-devices/probe.ts', inline)).toEqual([
      '@typescript-eslint/no-import-type-side-effects',
    ]);
  });
});

describe('the hub writes through its logger', () => {
  it('refuses console calls in server code, not in the start-up banner', async () => {
    const text = "export function f(): void {\n  console.error('x');\n}\n";
    expect(await broken('server/src/realtime/probe.ts', text)).toEqual(['no-console']);
    expect(await broken('server/src/main.ts', text)).toEqual([]);
  });
});
