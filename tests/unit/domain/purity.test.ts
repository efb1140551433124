import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importsOf, readSource, resolveRelative, tsFilesUnder } from '../../helpers/imports.js';

/**
 * The domain core is pure (DESIGN.md §5): it imports only its own modules,
 * in every subfolder, and time and randomness come in as arguments, so every
 * rule is testable with plain numbers.
 */
const domainDir = fileURLToPath(new URL('../../../server/src/domain/', import.meta.url));
const files = tsFilesUnder(domainDir);

const source = (file: string): string => readSource(path.join(domainDir, file));

/**
 * Why `specifier`, imported by `file` (relative to the domain folder), breaks
 * the rule, or null when it names a domain module that exists.
 */
function importProblem(file: string, specifier: string): string | null {
  const target = resolveRelative(path.join(domainDir, file), specifier);
  if (target === null) return `${file} imports the package ${specifier}`;
  const inside = path.relative(domainDir, target);
  if (inside.startsWith('..') || path.isAbsolute(inside))
    return `${file} imports ${specifier}, outside server/src/domain`;
  if (!specifier.endsWith('.js')) return `${file} imports ${specifier} without its .js extension`;
  if (!tsFilesUnder(domainDir).includes(inside.split(path.sep).join('/')))
    return `${file} imports ${specifier}, which is not a module`;
  return null;
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
  it('checks the modules of every subfolder', () => {
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
      'stats/aggregate.ts',
      'stats/period.ts',
      'rectification/cases.ts',
    ]) {
      expect(files).toContain(f);
    }
  });

  it('finds the imports it is looking at', () => {
    const specs = (text: string) => importsOf(text).map((i) => i.specifier);
    expect(specs(source('eta.ts'))).toEqual(['./eligibility.js', './ordering.js', './types.js']);
    expect(specs(source('index.ts'))).toContain('./lifecycle.js');
    expect(specs("import { readFileSync } from 'node:fs';")).toEqual(['node:fs']);
    expect(specs("import 'express';")).toEqual(['express']);
    expect(specs("const m = await import('mongodb');")).toEqual(['mongodb']);
    expect(specs("export * as x from 'socket.io';")).toEqual(['socket.io']);
    expect(specs("import type {\n  Store,\n} from '../../store/port.js';")).toEqual(['../../store/port.js']);
  });

  it('refuses an import that leaves the domain folder from a subfolder', () => {
    // A probe in domain/stats reaching the SQLite adapter: `../store/*` alone did not catch it.
    expect(importProblem('stats/probe.ts', '../../store/sqlite/index.js')).toMatch(/outside/);
    expect(importProblem('stats/probe.ts', '../stats/../../app/deps.js')).toMatch(/outside/);
    expect(importProblem('stats/probe.ts', 'better-sqlite3')).toMatch(/package/);
    expect(importProblem('probe.ts', '../store/port.js')).toMatch(/outside/);
    expect(importProblem('stats/probe.ts', '../types.js')).toBeNull();
    expect(importProblem('stats/probe.ts', './period.js')).toBeNull();
    expect(importProblem('index.ts', './stats/index.js')).toBeNull();
    expect(importProblem('stats/probe.ts', './no-such-module.js')).toMatch(/not a module/);
  });

  it.each(files)('%s imports only domain modules', (file) => {
    for (const { specifier } of importsOf(source(file))) {
      expect(importProblem(file, specifier)).toBeNull();
    }
  });

  it.each(files)('%s reads no clock, randomness, timers or process state', (file) => {
    const text = source(file);
    for (const word of FORBIDDEN) expect(text.includes(word), `${file} uses ${word}`).toBe(false);
    // `new Date()` without an instant reads the clock too.
    expect(/new\s+Date\s*\(\s*\)/.test(text), `${file} uses new Date()`).toBe(false);
  });
});
