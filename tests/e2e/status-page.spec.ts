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

test('an unbuilt or unknown screen path does not crash the hub', async ({ request }) => {
  const res = await request.get(hub.url + '/healthz');
  expect(res.status()).toBe(200);
});
