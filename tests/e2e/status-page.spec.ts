import { test, expect } from '@playwright/test';
import { startTestHub, type TestHub } from '../helpers/hub.js';
import { seedDemoHall } from '../../server/src/demo/seed.js';
import { issueTicket } from '../../server/src/app/index.js';
import { screenshot } from './screenshot.js';

let hub: TestHub;
test.beforeAll(async () => {
  hub = await startTestHub();
  const demo = await seedDemoHall(hub.deps);
  await issueTicket(hub.deps, { hallId: demo.hall.id, serviceId: demo.services[0]!.id, channel: 'kiosk' });
});
test.afterAll(() => hub.close());

test('the status page lists the demo hall in Chinese', async ({ page }) => {
  await page.goto(hub.url + '/');
  await expect(page.getByRole('heading', { name: '银川市民大厅' })).toBeVisible();
  await expect(page.getByRole('cell', { name: '跨省通办窗口' }).first()).toBeVisible();
  await expect(page.getByText('等候人数 1')).toBeVisible();
  await screenshot(page, 'status-page', { fullPage: true });
});

test("the status page links each hall's screens, and each link opens", async ({ page }) => {
  await page.goto(hub.url + '/');
  const screens = page.getByRole('navigation', { name: '银川市民大厅 的屏幕' });
  const expected = {
    取号机: '/kiosk/yinchuan',
    大厅叫号屏: '/signage/yinchuan',
    窗口工作台: '/console/',
    管理后台: '/admin/',
  };
  for (const [name, href] of Object.entries(expected)) {
    const link = screens.getByRole('link', { name });
    await expect(link).toHaveAttribute('href', href);
    const res = await page.request.get(hub.url + href);
    expect(res.status(), href).toBe(200);
  }
  await screens.getByRole('link', { name: '大厅叫号屏' }).click();
  await expect(page.locator('hall-board[status="live"]')).toHaveCount(1);
});

test('an unbuilt or unknown screen path does not crash the hub', async ({ request }) => {
  const res = await request.get(hub.url + '/healthz');
  expect(res.status()).toBe(200);
});
