import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The domain core is pure (DESIGN.md §5): it imports only its own modules,
 * and time and randomness come in as arguments, so every rule is testable
 * with plain numbers.
 */
const domainDir = fileURLToPath(new URL('../../../server/src/domain/', import.meta.url));
const files = readdirSync(domainDir)
  .filter((f) => f.endsWith('.ts'))
  .sort();

const source = (file: string): string => readFileSync(join(domainDir, file), 'utf8');

/** Every module specifier in static imports, re-exports and dynamic imports. */
function specifiers(text: string): string[] {
  const out: string[] = [];
  const patterns = [
    /\bimport\s+(?:type\s+)?[^'";]*?\bfrom\s*['"]([^'"]+)['"]/g,
    // A bare `import 'x'` starts a statement; the word inside a string ('import') is no import.
    /(?:^|;)\s*import\s*['"]([^'"]+)['"]/gm,
    /\bexport\s+(?:type\s+)?[^'";]*?\bfrom\s*['"]([^'"]+)['"]/g,
    /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
    /\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  for (const p of patterns) for (const m of text.matchAll(p)) out.push(m[1] as string);
  return out;
}

const FORBIDDEN = [
  'process.',
  'Date.now(',
  'Math.random(',
  'setTimeout(',
  'setInterval(',
  'performance.now(',
  'require(',
];

describe('server/src/domain is pure', () => {
  it('has the modules this test expects to check', () => {
    for (const f of [
      'types.ts',
      'errors.ts',
      'numbering.ts',
      'ordering.ts',
      'eligibility.ts',
      'lifecycle.ts',
      'eta.ts',
      'calendar.ts',
      'defaults.ts',
      'index.ts',
    ]) {
      expect(files).toContain(f);
    }
  });

  it('finds the imports it is looking at', () => {
    expect(specifiers(source('eta.ts'))).toEqual(['./eligibility.js', './ordering.js', './types.js']);
    expect(specifiers(source('index.ts'))).toContain('./lifecycle.js');
    expect(specifiers("import { readFileSync } from 'node:fs';")).toEqual(['node:fs']);
    expect(specifiers("import 'express';")).toEqual(['express']);
    expect(specifiers("const m = await import('mongodb');")).toEqual(['mongodb']);
    expect(specifiers("export * as x from 'socket.io';")).toEqual(['socket.io']);
  });

  it.each(files)('%s imports only sibling domain modules', (file) => {
    for (const spec of specifiers(source(file))) {
      expect(spec, `${file} imports ${spec}`).toMatch(/^\.\/[\w.-]+\.js$/);
    }
  });

  it.each(files)('%s reads no clock, randomness, timers or process state', (file) => {
    const text = source(file);
    for (const word of FORBIDDEN) expect(text.includes(word), `${file} uses ${word}`).toBe(false);
    // `new Date()` without an instant reads the clock too.
    expect(/new\s+Date\s*\(\s*\)/.test(text), `${file} uses new Date()`).toBe(false);
  });
});
