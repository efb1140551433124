import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importsOf, readSource, resolveRelative, tsFilesUnder } from '../helpers/imports.js';

/**
 * Use cases depend on ports (DESIGN.md §5): no module of server/src/app loads,
 * directly or through any chain of run-time imports, the device drivers in
 * server/src/devices or the printer package. `import type` loads nothing and
 * is not followed. eslint.config.js states the direct rule; this follows the
 * whole graph.
 */

const root = fileURLToPath(new URL('../..', import.meta.url));
const appDir = path.join(root, 'server/src/app');
const ADAPTERS = [
  path.join(root, 'server/src/devices') + path.sep,
  path.join(root, 'ticket-printer') + path.sep,
];
const ADAPTER_PACKAGES = /^@hall-queue\/ticket-printer(\/|$)/;

const rel = (file: string) => path.relative(root, file).split(path.sep).join('/');

/**
 * The first chain of run-time imports from `entry` to an adapter module, or
 * null. `extra` adds source files that are not on disk (probes).
 */
function chainToAdapter(entry: string, extra: ReadonlyMap<string, string> = new Map()): string[] | null {
  const read = (f: string) => extra.get(f) ?? (existsSync(f) ? readSource(f) : null);
  const via = new Map<string, string | null>([[entry, null]]);
  const queue = [entry];
  const chainTo = (file: string, last: string) => {
    const chain = [last];
    for (let f: string | null = file; f !== null; f = via.get(f) ?? null) chain.unshift(rel(f));
    return chain;
  };
  while (queue.length > 0) {
    const file = queue.shift() as string;
    const text = read(file);
    if (text === null) continue;
    for (const { specifier, typeOnly } of importsOf(text)) {
      if (typeOnly) continue;
      if (ADAPTER_PACKAGES.test(specifier)) return chainTo(file, specifier);
      const target = resolveRelative(file, specifier);
      if (target === null || via.has(target)) continue;
      if (ADAPTERS.some((dir) => target.startsWith(dir))) return chainTo(file, rel(target));
      via.set(target, file);
      queue.push(target);
    }
  }
  return null;
}

const appFiles = tsFilesUnder(appDir);

describe('use cases never load device or printer code', () => {
  it('finds a chain through a module outside server/src/app, and ignores `import type`', () => {
    const probe = path.join(appDir, 'probe.ts');
    const helper = path.join(root, 'server/src/http/probe-helper.ts');
    const extra = new Map([
      [
        probe,
        "import type { HidBinding } from '../devices/keypad/port.js';\nimport { x } from '../http/probe-helper.js';\n",
      ],
      [helper, "export { KeypadDriver as x } from '../devices/keypad/driver.js';\n"],
    ]);
    expect(chainToAdapter(probe, extra)).toEqual([
      'server/src/app/probe.ts',
      'server/src/http/probe-helper.ts',
      'server/src/devices/keypad/driver.ts',
    ]);
    const typesOnly = new Map([[probe, "import type { HidBinding } from '../devices/keypad/port.js';\n"]]);
    expect(chainToAdapter(probe, typesOnly)).toBeNull();
    const pkg = new Map([[probe, "import { render } from '@hall-queue/ticket-printer/render';\n"]]);
    expect(chainToAdapter(probe, pkg)).toEqual([
      'server/src/app/probe.ts',
      '@hall-queue/ticket-printer/render',
    ]);
  });

  it('covers the use cases of every subfolder', () => {
    expect(appFiles).toEqual(
      expect.arrayContaining([
        'call-next.ts',
        'printing/ticket-layout.ts',
        'window-devices/keypad-config.ts',
      ]),
    );
  });

  it.each(appFiles)('%s', (file) => {
    expect(chainToAdapter(path.join(appDir, file))?.join(' → ') ?? null).toBeNull();
  });
});
