/// <reference lib="dom" />
import { test, expect } from '@playwright/test';
import { startTestHub, type TestHub } from '../helpers/hub.js';
import { seedDemoHall } from '../../server/src/demo/seed.js';
import {
  type Api,
  createDevice,
  createUser,
  expectStatus,
  issue,
  openWindow,
  setupAdmin,
} from '../helpers/api-fixtures.js';
import { screenshot } from './screenshot.js';

/** The counter display at window 3 in Debian Chromium: the number served, then the evaluator after completion. */

/** A 1280×800 counter screen, the size evaluators are sold at. */
test.use({ viewport: { width: 1280, height: 800 } });

let hub: TestHub;
let admin: Api;
let clerk: Api;
let windowId: string;
let token: string;
let serviceId: string;

test.beforeAll(async () => {
  hub = await startTestHub();
  const demo = await seedDemoHall(hub.deps);
  admin = await setupAdmin(hub);
  const w3 = demo.windows.find((w) => w.number === 3)!;
  windowId = w3.id;
  serviceId = demo.services[0]!.id;
  const c = await createUser(hub, admin, { hallIds: [demo.hall.id], displayName: '王芳', staffNo: 'YC0312' });
  clerk = c.api;
  expectStatus(
    await admin.patch(`/api/v1/halls/${demo.hall.id}/windows/${windowId}`, { clerkIds: [c.user.id] }),
    200,
    'assign',
  );
  // The demo opens its windows; the clerk takes window 3 over, so the counter shows her name.
  expectStatus(await admin.post(`/api/v1/windows/${windowId}/close`), 200, 'close');
  await openWindow(clerk, windowId);
  token = (await createDevice(admin, demo.hall.id, { kind: 'evaluator', name: '3号窗口评价器', windowId }))
    .token;
});
test.afterAll(() => hub.close());

test('the counter shows the number being served and then takes a 差评 with a reason', async ({ page }) => {
  const ticket = await issue(admin, 'yinchuan', serviceId);
  await page.goto(`${hub.url}/counter/${windowId}?token=${token}`);
  await expect(page.getByText('3号窗口')).toBeVisible();
  await expect(page.getByText('工作人员 王芳　工号 YC0312')).toBeVisible();
  await expect(page.getByTestId('serving')).toHaveText('—');
  expect(page.url()).not.toContain('token='); // kept in the browser, not in the address bar

  expectStatus(await clerk.post(`/api/v1/windows/${windowId}/call-next`), 200, 'call');
  await expect(page.getByTestId('serving')).toHaveText(ticket.number);
  await expect(page.locator('counter-screen[flashing]')).toHaveCount(1);
  await screenshot(page, 'counter-serving');

  expectStatus(await clerk.post(`/api/v1/windows/${windowId}/start`), 200, 'start');
  expectStatus(await clerk.post(`/api/v1/windows/${windowId}/complete`), 200, 'complete');
  await expect(page.getByText(`请为 ${ticket.number} 号的服务评价`)).toBeVisible();
  await page.getByRole('button', { name: '不满意', exact: true }).click();
  await expect(page.getByRole('button', { name: '提交评价' })).toBeDisabled();
  // The reason prompt is as large as a heading, not small print.
  const promptSize = await page
    .getByText('请选择不满意的原因')
    .evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  expect(promptSize).toBeGreaterThanOrEqual(36);
  await page.getByRole('button', { name: '等候时间长' }).click();
  await page.getByPlaceholder('其他意见（可不填）').fill('排队太久');
  // At 1280×800 the whole form, submit included, is on screen without scrolling.
  const send = await page.getByRole('button', { name: '提交评价' }).boundingBox();
  expect(send!.y + send!.height).toBeLessThanOrEqual(800);
  await screenshot(page, 'counter-evaluator');
  await page.getByRole('button', { name: '提交评价' }).click();
  await expect(page.getByText('感谢您的评价！')).toBeVisible();

  const stored = await hub.store.getTicketByToken(ticket.statusToken);
  const evaluation = await hub.store.getEvaluationByTicket(stored!.id);
  expect(evaluation).toMatchObject({
    level: 2,
    reasons: ['long_wait'],
    comment: '排队太久',
    channel: 'evaluator',
  });
});

test('a satisfied citizen selects a level, may change it, and confirms; the clerk cannot rate', async ({
  page,
}) => {
  const ticket = await issue(admin, 'yinchuan', serviceId);
  expectStatus(await clerk.post(`/api/v1/windows/${windowId}/call-next`), 200, 'call');
  expectStatus(await clerk.post(`/api/v1/windows/${windowId}/start`), 200, 'start');
  expectStatus(await clerk.post(`/api/v1/windows/${windowId}/complete`), 200, 'complete');
  const stored = await hub.store.getTicketByToken(ticket.statusToken);
  const byClerk = await clerk.post(`/api/v1/windows/${windowId}/evaluations`, {
    ticketId: stored!.id,
    level: 5,
  });
  expect(byClerk.status).toBe(403);
  await page.goto(`${hub.url}/counter/${windowId}?token=${token}`);
  // A tap only selects: nothing is sent until the citizen confirms, so a wrong tap can be changed.
  await page.getByRole('button', { name: '满意', exact: true }).click();
  await expect(page.getByRole('button', { name: '满意', exact: true })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await expect(page.getByRole('button', { name: '提交评价' })).toBeEnabled();
  expect(await hub.store.getEvaluationByTicket(stored!.id)).toBeNull();
  await page.getByRole('button', { name: '非常满意' }).click();
  await expect(page.getByRole('button', { name: '满意', exact: true })).toHaveAttribute(
    'aria-pressed',
    'false',
  );
  await page.getByRole('button', { name: '提交评价' }).click();
  await expect(page.getByText('感谢您的评价！')).toBeVisible();
  expect((await hub.store.getEvaluationByTicket(stored!.id))?.level).toBe(5);
});
