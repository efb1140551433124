import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

/**
 * Reading a module's imports from its source text, for the tests that guard
 * which folder may depend on which (DESIGN.md §5). Regular expressions are
 * enough for code that the formatter and the linter have already shaped.
 */

export interface ModuleImport {
  specifier: string;
  /** `import type` / `export type`: erased when compiled, loads nothing. */
  typeOnly: boolean;
}

/** Every module specifier in static imports, re-exports, side-effect imports, dynamic imports and require(). */
export function importsOf(text: string): ModuleImport[] {
  const out: ModuleImport[] = [];
  // import x, { a, type b } from …; import * as m from …; export * from …; export { a } from …
  const fromClause =
    /\b(import|export)\s+(type\s+)?((?:[\w$]+\s*,\s*)?(?:\{[^}]*\}|\*\s*as\s+[\w$]+|\*|[\w$]+))\s*from\s*['"]([^'"]+)['"]/g;
  for (const m of text.matchAll(fromClause)) {
    out.push({ specifier: m[4] as string, typeOnly: m[2] !== undefined });
  }
  for (const p of [
    // A side-effect import starts a statement; the word inside a string ('import') is no import.
    /(?:^|;)\s*import\s*['"]([^'"]+)['"]/gm,
    /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
    /\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  ]) {
    for (const m of text.matchAll(p)) out.push({ specifier: m[1] as string, typeOnly: false });
  }
  return out;
}

/** The `.ts` files under `dir`, at any depth, as paths relative to it with `/` separators. */
export function tsFilesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => f.split(path.sep).join('/'))
    .sort();
}

/**
 * The source file a relative specifier names (`./x.js` is written for `./x.ts`),
 * or null for a package.
 */
export function resolveRelative(fromFile: string, specifier: string): string | null {
  if (!specifier.startsWith('./') && !specifier.startsWith('../')) return null;
  const target = path.resolve(path.dirname(fromFile), specifier);
  for (const candidate of [target.replace(/\.js$/, '.ts'), target, path.join(target, 'index.ts')]) {
    if (existsSync(candidate) && candidate.endsWith('.ts')) return candidate;
  }
  return target.replace(/\.js$/, '.ts');
}

export const readSource = (file: string): string => readFileSync(file, 'utf8');
