/// <reference lib="dom" />
import { test, expect, type Page } from '@playwright/test';
import { startTestHub, type TestHub } from '../helpers/hub.js';
import { seedDemoHall } from '../../server/src/demo/seed.js';
import { type Api, expectStatus, issue, setupAdmin } from '../helpers/api-fixtures.js';
import { screenshot } from './screenshot.js';

/**
 * The citizen's ticket page (/t/<statusToken>, the QR code) on a 375×667
 * phone in Debian Chromium: position and wait, the call shown live, the
 * rating after service (once), and coming back after a missed call.
 */

let hub: TestHub;
let admin: Api;
let hallId: string;
let serviceId: string;
const windows = new Map<number, string>();

test.use({ viewport: { width: 375, height: 667 }, isMobile: true, hasTouch: true });

test.beforeAll(async () => {
  hub = await startTestHub();
  const demo = await seedDemoHall(hub.deps);
  hallId = demo.hall.id;
  serviceId = demo.services[0]!.id;
  for (const w of demo.windows) windows.set(w.number, w.id);
  admin = await setupAdmin(hub);
});
test.afterAll(() => hub.close());

const at = (n: number) => `/api/v1/windows/${windows.get(n)}`;
const status = (page: Page) => page.getByTestId('status');

/** Counts vibrations instead of buzzing: the page asks for one when the ticket is called. */
async function countVibrations(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const g = globalThis as unknown as { navigator: { vibrate?: unknown }; vibrations: number };
    g.vibrations = 0;
    Object.defineProperty(g.navigator, 'vibrate', {
      configurable: true,
      value: () => {
        g.vibrations += 1;
        return true;
      },
    });
  });
}
const vibrations = (page: Page) =>
  page.evaluate(() => (globalThis as unknown as { vibrations: number }).vibrations);

test('position, the call live, completion and one rating per ticket', async ({ page, context }) => {
  const first = await issue(admin, hallId, serviceId);
  const mine = await issue(admin, hallId, serviceId);
  await countVibrations(page);
  await page.goto(`${hub.url}/t/${mine.statusToken}`);
  await expect(page.getByTestId('number')).toHaveText(mine.number);
  await expect(page.getByText('社会保障卡申领')).toBeVisible();
  await expect(status(page)).toHaveText('等候中 · 前面还有 1 人');
  await expect(page.getByTestId('hint')).toContainText(/预计等候约 \d+ 分钟/);
  await screenshot(page, 'phone-waiting');

  // Window 1 calls the citizen ahead: the position moves without a reload.
  const c1 = expectStatus(await admin.post<{ ticket: { number: string } }>(`${at(1)}/call-next`), 200, 'w1');
  expect(c1.ticket.number).toBe(first.number);
  await expect(status(page)).toHaveText('等候中 · 下一位就是您');

  // Window 3 calls this ticket: the page turns into the call and the phone vibrates.
  expectStatus(await admin.post(`${at(3)}/call-next`), 200, 'w3');
  await expect(status(page)).toHaveText('请到3号窗口');
  await expect(page.locator('ticket-page[status="called"]')).toHaveCount(1);
  expect(await vibrations(page)).toBeGreaterThanOrEqual(1);
  await screenshot(page, 'phone-called');

  expectStatus(await admin.post(`${at(3)}/start`), 200, 'start');
  await expect(status(page)).toHaveText('办理中（3号窗口）');
  expectStatus(await admin.post(`${at(3)}/complete`), 200, 'complete');
  await expect(status(page)).toHaveText('已完成');
  await expect(page.getByRole('heading', { name: '请为本次服务评价' })).toBeVisible();

  // A second tab opened before the rating, as a citizen might. It keeps the state it read
  // (the rating still open) until it sends its own rating, so its refusal is what is tested.
  const ratingUrl = `${hub.url}/api/v1/tickets/status/${mine.statusToken}/evaluation`;
  const before: unknown = await (await fetch(ratingUrl)).json();
  expect(before).toMatchObject({ canRate: true, rated: false });
  const other = await context.newPage();
  let sent = false;
  await other.route('**/evaluation', async (route) => {
    if (route.request().method() === 'POST') sent = true;
    if (route.request().method() === 'GET' && !sent) await route.fulfill({ json: before });
    else await route.continue();
  });
  await other.goto(`${hub.url}/t/${mine.statusToken}`);
  await expect(other.getByRole('button', { name: '非常满意' })).toBeVisible();

  await page.getByRole('button', { name: '不满意', exact: true }).click();
  await expect(page.getByRole('button', { name: '提交评价' })).toBeDisabled();
  // A submit that cannot be used does not look like the chosen level's active colour.
  const look = (name: string) =>
    page
      .getByRole('button', { name, exact: true })
      .evaluate((el) => `${getComputedStyle(el).backgroundColor} ${getComputedStyle(el).borderStyle}`);
  expect(await look('提交评价')).not.toBe(await look('不满意'));
  await page.getByRole('button', { name: '等候时间长' }).click();
  await page.getByPlaceholder('其他意见（可不填）').fill('等了很久');
  await screenshot(page, 'phone-rating', { fullPage: true });
  await page.getByRole('button', { name: '提交评价' }).click();
  await expect(page.getByText('感谢您的评价！')).toBeVisible();
  const stored = await hub.store.getTicketByToken(mine.statusToken);
  expect(await hub.store.getEvaluationByTicket(stored!.id)).toMatchObject({
    level: 2,
    reasons: ['long_wait'],
    comment: '等了很久',
  });

  // The second rating is refused by the hub; the page says it was already rated.
  await other.getByRole('button', { name: '非常满意' }).click();
  await other.getByRole('button', { name: '提交评价' }).click();
  await expect(other.getByTestId('already-rated')).toHaveText(
    '本次服务已评价（不满意），每次服务只能评价一次。',
  );
  await screenshot(other, 'phone-already-rated');
  expect((await hub.store.getEvaluationByTicket(stored!.id))?.level).toBe(2);
  const again = await fetch(ratingUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ level: 5 }),
  });
  expect(again.status).toBe(409);

  // A reload shows the same: already rated, no buttons.
  await page.reload();
  await expect(page.getByTestId('already-rated')).toBeVisible();
  await expect(page.getByRole('button', { name: '非常满意' })).toHaveCount(0);
});

test('a missed call (过号) can be re-activated from the phone', async ({ page }) => {
  const mine = await issue(admin, hallId, serviceId);
  await page.goto(`${hub.url}/t/${mine.statusToken}`);
  await expect(status(page)).toContainText('等候中');
  expectStatus(await admin.post(`${at(3)}/call-number`, { number: mine.number }), 200, 'call');
  await expect(status(page)).toHaveText('请到3号窗口');
  expectStatus(await admin.post(`${at(3)}/no-show`), 200, 'no-show');
  await expect(status(page)).toHaveText('已过号');
  await screenshot(page, 'phone-no-show');
  await page.getByRole('button', { name: '我回来了，重新排队' }).click();
  await expect(status(page)).toContainText('等候中');
  expect((await hub.store.getTicketByToken(mine.statusToken))?.status).toBe('waiting');
});

test('English, and an unknown code says so', async ({ page }) => {
  const mine = await issue(admin, hallId, serviceId);
  await page.goto(`${hub.url}/t/${mine.statusToken}?lang=en`);
  await expect(status(page)).toContainText('Waiting');
  await page.getByRole('button', { name: '中文' }).click();
  await expect(status(page)).toContainText('等候中');
  await page.goto(`${hub.url}/t/unknown-token-0000`);
  await expect(page.getByRole('alert')).toHaveText('没有找到这个号码，请核对二维码。');
});
