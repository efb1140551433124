/// <reference lib="dom" />
import { expect, test, type Page } from '@playwright/test';
import { seedDemoHall, type DemoHall } from '../../server/src/demo/seed.js';
import { type Api, createDevice, expectStatus, setupAdmin } from '../helpers/api-fixtures.js';
import { startTestHub, type TestHub } from '../helpers/hub.js';
import { installFakeSpeech } from '../signage/board-fixtures.js';
import { clippedText } from './layout-checks.js';

/**
 * What the lobby board shows and that nothing on it is cut off: each window
 * card names the window and its kind, areas without a queue say 无需等候,
 * and in every layout and theme the numbers, window labels, recent calls
 * and area names fit their boxes.
 */

let hub: TestHub;
let admin: Api;
let demo: DemoHall;
let deviceId: string;
let token: string;

test.beforeAll(async () => {
  hub = await startTestHub();
  demo = await seedDemoHall(hub.deps);
  admin = await setupAdmin(hub);
  const display = await createDevice(admin, demo.hall.id, { kind: 'display', name: '一楼大厅屏' });
  deviceId = display.device.id;
  token = display.token;
  expectStatus(
    await admin.patch(`/api/v1/halls/${demo.hall.id}/signage`, { notice: '今日下午延时服务至18:00' }),
    200,
    'notice',
  );
  expectStatus(
    await admin.patch(`/api/v1/halls/${demo.hall.id}`, { rules: { idempotencyMs: 0 } }),
    200,
    'rules',
  );
  // Calls at every window that can take one, and a queue left in 社保 only.
  const codes = ['SB001', 'SB002', 'YB001', 'BDC001', 'SJ001', 'SB001', 'GJJ001', 'SB003', 'SB001', 'SB002'];
  for (const code of codes) {
    const service = demo.services.find((s) => s.code === code) ?? demo.services[0]!;
    await admin.post(`/api/v1/halls/${demo.hall.id}/tickets`, { serviceId: service.id });
  }
  await admin.post(`/api/v1/halls/${demo.hall.id}/tickets`, {
    serviceId: demo.services[0]!.id,
    categories: ['elderly'],
  });
  for (const n of [7, 1, 2, 3, 5, 6, 4, 1, 2]) {
    const id = demo.windows.find((w) => w.number === n)!.id;
    await admin.post(`/api/v1/windows/${id}/call-next`);
  }
});
test.afterAll(() => hub.close());

const configure = async (patch: Record<string, unknown>) =>
  expectStatus(
    await admin.patch(`/api/v1/halls/${demo.hall.id}/devices/${deviceId}/board`, patch),
    200,
    'board',
  );

async function openDevice(page: Page): Promise<void> {
  await installFakeSpeech(page);
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto(`${hub.url}/signage/?token=${token}`);
  await expect(page.locator('hall-board[status="live"]')).toHaveCount(1);
  await expect(page.locator('board-recent .latest')).toBeVisible();
}

test('window cards name the window and its kind; an area nobody waits in says 无需等候', async ({ page }) => {
  await configure({ layout: 'landscape', theme: 'default', windows: [], domains: [] });
  await page.setViewportSize({ width: 1920, height: 1080 });
  await openDevice(page);
  const card = (n: number) => page.locator(`board-calls .card[data-window="${n}"]`);
  await expect(card(7).locator('[data-name]')).toHaveText('绿色通道');
  await expect(card(4).locator('[data-name]')).toHaveText(/社保医保窗口\s*分领域/);
  await expect(card(1).locator('[data-name]')).toHaveText('综合受理窗口');

  const board = expectStatus(
    await admin.get<{ areas: { domain: string; waiting: number }[] }>(
      `/api/v1/halls/${demo.hall.id}/signage/board`,
    ),
    200,
    'board config',
  );
  const empty = board.areas.find((a) => a.waiting === 0)?.domain;
  expect(empty, 'an area with nobody waiting').toBeDefined();
  const row = page.locator(`board-areas li[data-domain="${empty}"]`);
  await expect(row).toContainText('无需等候');
  await expect(row).not.toContainText('0人');
  await expect(row).not.toContainText('分钟');
});

const SIZES = {
  landscape: { width: 1920, height: 1080 },
  portrait: { width: 1080, height: 1920 },
} as const;
/** Smaller screens halls also hang: a 1366×768 television and a 768×1366 portrait one. */
const SMALL = {
  landscape: { width: 1366, height: 768 },
  portrait: { width: 768, height: 1366 },
} as const;

for (const layout of ['landscape', 'portrait'] as const) {
  for (const theme of ['default', 'elder'] as const) {
    for (const size of [SIZES[layout], SMALL[layout]]) {
      test(`nothing is cut off: ${layout} layout, ${theme} theme, ${size.width}×${size.height}`, async ({
        page,
      }) => {
        await configure({ layout, theme, windows: [], domains: [] });
        await page.setViewportSize(size);
        await openDevice(page);
        await expect(page.locator(`hall-board[layout="${layout}"][theme="${theme}"]`)).toHaveCount(1);
        // Recent calls under the latest one, every one of them whole: at least three on a full-HD screen.
        const shown = await page.locator('board-recent li:not([hidden])').count();
        expect(shown).toBeGreaterThanOrEqual(size === SIZES[layout] ? 3 : 1);
        const clipped = [
          ...(await clippedText(page, 'board-calls', '.number')),
          ...(await clippedText(page, 'board-calls', '.window')),
          ...(await clippedText(page, 'board-recent', '.latest')),
          ...(await clippedText(page, 'board-recent', 'li')),
          ...(await clippedText(page, 'board-areas', '.domain')),
          ...(await clippedText(page, 'board-areas', 'li')),
        ];
        expect(clipped).toEqual([]);
      });
    }
  }
}

test('the elder theme makes window labels larger, not smaller', async ({ page }) => {
  await page.setViewportSize(SIZES.landscape);
  const labelSize = async (theme: 'default' | 'elder') => {
    await configure({ layout: 'landscape', theme, windows: [], domains: [] });
    await openDevice(page);
    await expect(page.locator(`hall-board[theme="${theme}"]`)).toHaveCount(1);
    return page
      .locator('board-calls .card[data-window="1"] .window')
      .evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  };
  const normal = await labelSize('default');
  const elder = await labelSize('elder');
  expect(elder).toBeGreaterThan(normal);
});
