import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * A test run must not rewrite tracked files: the browser tests save their
 * screenshots to an ignored folder, and only `npm run screenshots` (which
 * sets SCREENSHOTS_DIR) refreshes docs/screenshots.
 */
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const E2E = fileURLToPath(new URL('../../e2e/', import.meta.url));

describe('browser test screenshots', () => {
  it('no spec writes to docs/screenshots directly', () => {
    const specs = readdirSync(E2E).filter((name) => name.endsWith('.spec.ts'));
    expect(specs.length).toBeGreaterThan(0);
    for (const spec of specs) {
      const text = readFileSync(E2E + spec, 'utf8');
      expect(text, spec).not.toMatch(/docs\/screenshots/);
      expect(text, spec).not.toMatch(/\.screenshot\(\{\s*path:/);
    }
  });

  it('the default folder is ignored by git', async () => {
    delete process.env.SCREENSHOTS_DIR;
    const { SCREENSHOTS_DIR } = await import('../../e2e/screenshot.js');
    const path = relative(ROOT, SCREENSHOTS_DIR);
    expect(path.startsWith('docs')).toBe(false);
    // git check-ignore exits 0 when the path is ignored and throws otherwise.
    execFileSync('git', ['check-ignore', '-q', `${path}/kiosk-menu-portrait.png`], { cwd: ROOT });
  });

  it('npm run screenshots points the folder at docs/screenshots', () => {
    const pkg = JSON.parse(readFileSync(ROOT + 'package.json', 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(pkg.scripts.screenshots).toContain('SCREENSHOTS_DIR=docs/screenshots');
    expect(pkg.scripts['test:e2e']).not.toContain('SCREENSHOTS_DIR');
  });
});
