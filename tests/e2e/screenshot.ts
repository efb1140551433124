import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page, PageScreenshotOptions } from '@playwright/test';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Where the browser tests put their screenshots. A plain test run writes them
 * to `.tmp/screenshots/` (ignored by git), so running the tests never changes
 * tracked files; `npm run screenshots` sets `SCREENSHOTS_DIR=docs/screenshots`
 * to refresh the pictures the docs show.
 */
export const SCREENSHOTS_DIR = resolve(ROOT, process.env.SCREENSHOTS_DIR ?? '.tmp/screenshots');

/** Saves a screenshot of `page` as `<name>.png` in {@link SCREENSHOTS_DIR}. */
export async function screenshot(
  page: Page,
  name: string,
  options: Omit<PageScreenshotOptions, 'path'> = {},
): Promise<void> {
  await page.screenshot({ ...options, path: `${SCREENSHOTS_DIR}/${name}.png` });
}
