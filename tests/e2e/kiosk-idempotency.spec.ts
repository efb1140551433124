import { test, expect, type Request } from '@playwright/test';
import { startTestHub, type TestHub } from '../helpers/hub.js';
import { seedDemoHall, type DemoHall } from '../../server/src/demo/seed.js';
import { createDevice } from '../../server/src/app/index.js';
import { SYSTEM } from '../../server/src/domain/index.js';

/**
 * A kiosk whose answer is lost: the hub issued the ticket but the kiosk never
 * heard back. 重试 sends the same request with the same Idempotency-Key and
 * shows the ticket that was issued, not a second number.
 */

let hub: TestHub;
let demo: DemoHall;
let token: string;

test.beforeAll(async () => {
  hub = await startTestHub();
  demo = await seedDemoHall(hub.deps);
  const kiosk = await createDevice(hub.deps, {
    hallId: demo.hall.id,
    input: { kind: 'kiosk', name: '1号取号机', config: {} },
    actor: SYSTEM,
  });
  token = kiosk.token;
});
test.afterAll(async () => {
  await hub.close();
});

test('重试 after a lost answer shows the ticket already issued, with the same key', async ({ page }) => {
  const issues: Request[] = [];
  let issuedFirst: { number: string; statusToken: string } | null = null;
  await page.route('**/api/v1/halls/*/tickets', async (route) => {
    issues.push(route.request());
    if (issues.length === 1) {
      // The hub issues the ticket; the answer is lost on the way back.
      const response = await route.fetch();
      issuedFirst = (await response.json()) as { number: string; statusToken: string };
      await route.abort('connectionreset');
      return;
    }
    await route.continue();
  });

  await page.goto(`${hub.url}/kiosk/yinchuan?token=${token}`);
  await page.getByRole('button', { name: /^社保/ }).click();
  await page.getByRole('button', { name: /社会保障卡申领/ }).click();
  await page.getByRole('button', { name: '不需要，普通取号' }).click();
  await page.getByRole('button', { name: '没有预约，直接取号' }).click();

  await expect(page.getByRole('alert')).toContainText('取号失败');
  await page.getByRole('button', { name: '重试' }).click();
  const number = page.locator('kiosk-result [data-number]');
  await expect(number).toHaveText(/^A\d{3}$/);

  expect(issues).toHaveLength(2);
  const keys = await Promise.all(issues.map((r) => r.headerValue('idempotency-key')));
  expect(keys[0]).toMatch(/^kiosk-[0-9a-f]{32}$/);
  expect(keys[1]).toBe(keys[0]);
  expect(issuedFirst).not.toBeNull();
  await expect(number).toHaveText(issuedFirst!.number);
  const tickets = await hub.store.listTickets(demo.hall.id);
  expect(tickets.map((t) => t.number)).toEqual([issuedFirst!.number]);

  // The next citizen's attempt gets a key of its own.
  await page.getByRole('button', { name: '完成' }).click();
  await page.getByRole('button', { name: /^社保/ }).click();
  await page.getByRole('button', { name: /社会保障卡申领/ }).click();
  await page.getByRole('button', { name: '不需要，普通取号' }).click();
  await page.getByRole('button', { name: '没有预约，直接取号' }).click();
  await expect(number).not.toHaveText(issuedFirst!.number);
  expect(issues).toHaveLength(3);
  expect(await issues[2]!.headerValue('idempotency-key')).not.toBe(keys[0]);
});
