import { expect, test, type Page } from '@playwright/test';
import { seedDemoHall, type DemoHall } from '../../server/src/demo/seed.js';
import { type Api, createDevice, expectStatus, setupAdmin } from '../helpers/api-fixtures.js';
import { startTestHub, type TestHub } from '../helpers/hub.js';
import { installFakeSpeech, speechRecord, spokenTexts, waitForSpoken } from '../signage/board-fixtures.js';
import { screenshot } from './screenshot.js';

/**
 * A display device's board follows its configuration from the admin API
 * while it runs (layout, theme, windows, notice, quiet hours), and each
 * layout and theme is photographed for docs/signage.md.
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
    await admin.patch(`/api/v1/halls/${demo.hall.id}/signage`, {
      notice: '请留意叫号信息，过号请到服务台重新取号；老年人、残疾人等可走绿色通道优先办理。',
    }),
    200,
    'notice',
  );
  expectStatus(
    await admin.patch(`/api/v1/halls/${demo.hall.id}`, { rules: { idempotencyMs: 0 } }),
    200,
    'rules',
  );
  // A morning in the hall: tickets of several areas, and calls at most windows.
  for (const code of [
    'SB001',
    'SB001',
    'SB002',
    'YB001',
    'GA002',
    'BDC001',
    'SJ001',
    'SB001',
    'YB001',
    'GJJ001',
    'SB003',
  ]) {
    const service = demo.services.find((s) => s.code === code) ?? demo.services[0]!;
    const categories = code === 'GA002' ? ['elderly'] : [];
    await admin.post(`/api/v1/halls/${demo.hall.id}/tickets`, { serviceId: service.id, categories });
  }
  for (const n of [1, 2, 3, 4, 5, 6, 7]) await callNext(n);
});
test.afterAll(() => hub.close());

async function callNext(windowNumber: number): Promise<string | null> {
  const id = demo.windows.find((w) => w.number === windowNumber)!.id;
  const reply = await admin.post<{ ticket: { number: string } | null }>(`/api/v1/windows/${id}/call-next`);
  return expectStatus(reply, 200, 'call-next').ticket?.number ?? null;
}

const configure = async (patch: Record<string, unknown>) =>
  expectStatus(
    await admin.patch(`/api/v1/halls/${demo.hall.id}/devices/${deviceId}/board`, patch),
    200,
    'board',
  );

async function openDevice(page: Page): Promise<void> {
  await installFakeSpeech(page);
  await page.goto(`${hub.url}/signage/?token=${token}`);
  await expect(page.locator('hall-board[status="live"]')).toHaveCount(1);
}

test('a display device takes its token out of the address and follows its configuration live', async ({
  page,
}) => {
  await configure({ layout: 'landscape', theme: 'default', windows: [], domains: [] });
  await openDevice(page);
  expect(page.url()).not.toContain('token');
  expect(
    await page.evaluate(() =>
      (globalThis as unknown as { localStorage: { getItem(k: string): string | null } }).localStorage.getItem(
        'hall-signage-token',
      ),
    ),
  ).toBe(token);
  await page.evaluate(() => ((globalThis as Record<string, unknown>).sameLoad = true));

  await configure({ layout: 'portrait', theme: 'elder', windows: [2, 3] });
  await expect(page.locator('hall-board[layout="portrait"][theme="elder"]')).toHaveCount(1);
  await expect(page.locator('board-calls .card')).toHaveCount(2);
  await expect(page.locator('html[data-theme="elder"]')).toHaveCount(1);

  await admin.patch(`/api/v1/halls/${demo.hall.id}/signage`, { notice: '今日下午延时服务至18:00' });
  await expect(page.locator('board-notice')).toHaveText('今日下午延时服务至18:00');

  // Calls to windows this board does not show are neither shown nor spoken.
  await admin.post(`/api/v1/halls/${demo.hall.id}/tickets`, { serviceId: demo.services[0]!.id });
  const elsewhere = await callNext(1);
  const here = await callNext(2);
  await expect(page.locator('board-recent .latest .number')).toHaveText(here!);
  await waitForSpoken(page, 2);
  expect(spokenTexts(await speechRecord(page))).toEqual([
    `请${here}号到2号窗口办理`,
    `请${here}号到2号窗口办理`,
  ]);
  expect(elsewhere).not.toBeNull();
  expect(await page.evaluate(() => (globalThis as Record<string, unknown>).sameLoad)).toBe(true);
});

test('in quiet hours a call is shown and not spoken, and the board says so', async ({ page }) => {
  await configure({ layout: 'landscape', theme: 'default', windows: [] });
  await admin.patch(`/api/v1/halls/${demo.hall.id}/signage`, {
    voice: {
      quietHours: [
        { from: '00:00', to: '12:00' },
        { from: '11:00', to: '00:00' },
      ],
    },
  });
  await openDevice(page);
  await expect(page.locator('board-header [data-voice="quiet"]')).toHaveText('静音时段');
  await admin.post(`/api/v1/halls/${demo.hall.id}/tickets`, { serviceId: demo.services[0]!.id });
  const number = await callNext(3);
  await expect(page.locator('board-recent .latest .number')).toHaveText(number!);

  await admin.patch(`/api/v1/halls/${demo.hall.id}/signage`, { voice: { quietHours: [] } });
  await expect(page.locator('board-header [data-voice="speech"]')).toHaveText('语音播报');
  await admin.post(`/api/v1/halls/${demo.hall.id}/tickets`, { serviceId: demo.services[0]!.id });
  const spoken = await callNext(3);
  await waitForSpoken(page, 2);
  expect(spokenTexts(await speechRecord(page))).toEqual([
    `请${spoken}号到3号窗口办理`,
    `请${spoken}号到3号窗口办理`,
  ]);
});

const SIZES = {
  landscape: { width: 1920, height: 1080 },
  portrait: { width: 1080, height: 1920 },
  strip: { width: 1920, height: 160 },
} as const;

for (const layout of ['landscape', 'portrait', 'strip'] as const) {
  for (const theme of ['default', 'elder'] as const) {
    test(`screenshot: ${layout} layout, ${theme} theme`, async ({ page }) => {
      await configure({ layout, theme, windows: [], domains: [] });
      await page.emulateMedia({ reducedMotion: 'reduce' });
      await page.setViewportSize(SIZES[layout]);
      await openDevice(page);
      await expect(page.locator(`hall-board[layout="${layout}"][theme="${theme}"]`)).toHaveCount(1);
      await expect(
        page.locator(layout === 'strip' ? 'board-strip .latest' : 'board-recent .latest'),
      ).toBeVisible();
      await screenshot(page, `signage-${layout}-${theme}`);
    });
  }
}
