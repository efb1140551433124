import { expect, test, type Page } from '@playwright/test';
import { seedDemoHall, type DemoHall } from '../../server/src/demo/seed.js';
import {
  type Api,
  PASSWORD,
  createDevice,
  createUser,
  expectStatus,
  setupAdmin,
} from '../helpers/api-fixtures.js';
import { startTestHub, type TestHub } from '../helpers/hub.js';
import { screenshot } from './screenshot.js';

/**
 * Who may declare a priority, in Chromium against a real hub: the kiosk offers
 * only what a citizen may declare and asks for proof; staff give the rest at
 * the 导服台 or from the clerk console; the board and the counter display
 * mark priority calls; refusals read in Chinese.
 */

let hub: TestHub;
let admin: Api;
let demo: DemoHall;

test.beforeAll(async () => {
  hub = await startTestHub();
  demo = await seedDemoHall(hub.deps);
  admin = await setupAdmin(hub);
  expectStatus(
    await admin.patch(`/api/v1/halls/${demo.hall.id}`, { rules: { idempotencyMs: 0 } }),
    200,
    'rules',
  );
});
test.afterAll(() => hub.close());

const service = (code: string) => demo.services.find((s) => s.code === code)!;
const windowNo = (n: number) => demo.windows.find((w) => w.number === n)!;

/** No English sentence and no raw code: Latin letters only inside a ticket number. */
async function expectChinese(page: Page, selector: string): Promise<void> {
  const text = (await page.locator(selector).first().textContent()) ?? '';
  expect(text.replace(/[A-Z]{1,3}\d{3}/g, ''), text).not.toMatch(/[A-Za-z]{2,}/);
}

test('the kiosk offers only self-declared categories and asks for proof after one is chosen', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto(`${hub.url}/kiosk/${demo.hall.id}`);
  await page.getByRole('button', { name: /户口迁移/ }).click();
  const priority = page.locator('kiosk-priority');
  await expect(priority.getByRole('button', { name: '孕妇' })).toBeVisible();
  await expect(priority.locator('[data-category]')).toHaveCount(6);
  await expect(priority.getByRole('button', { name: '急事急办' })).toHaveCount(0);
  await expect(priority.getByRole('button', { name: '重点项目' })).toHaveCount(0);
  await priority.getByRole('button', { name: '孕妇' }).click();
  await priority.getByRole('button', { name: '下一步' }).click();
  const proof = priority.getByRole('alertdialog');
  await expect(proof.getByRole('heading')).toHaveText('请向工作人员出示相关证件');
  await expect(proof).toContainText('您选择了：孕妇');
  await screenshot(page, 'kiosk-priority-proof');
  await proof.getByRole('button', { name: '我知道了，继续取号' }).click();
  await page.locator('kiosk-appointment [data-skip]').click();
  const number = (await page.locator('kiosk-result [data-number]').textContent())!.trim();
  const ticket = (await hub.store.listTickets(demo.hall.id, {})).find((t) => t.number === number);
  expect(ticket?.categories).toEqual(['pregnant']);
});

test('a kiosk refusal reads in Chinese, never the hub’s English detail', async ({ page }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  const matter = service('GA001');
  await page.goto(`${hub.url}/kiosk/${demo.hall.id}`);
  await page.getByRole('button', { name: new RegExp(matter.name) }).click();
  // The matter stops being issued while the citizen is at the machine.
  expectStatus(
    await admin.patch(`/api/v1/halls/${demo.hall.id}/services/${matter.id}`, { enabled: false }),
    200,
    'disable',
  );
  await page.locator('kiosk-priority [data-next]').click();
  await page.locator('kiosk-appointment [data-skip]').click();
  await expect(page.locator('kiosk-app .error')).toHaveText('取号失败：该事项暂停取号');
  expectStatus(
    await admin.patch(`/api/v1/halls/${demo.hall.id}/services/${matter.id}`, { enabled: true }),
    200,
    'enable',
  );
});

test('the guide desk issues an urgent ticket; the board and the counter display mark its call', async ({
  page,
  context,
}) => {
  await page.setViewportSize({ width: 1366, height: 900 });
  await page.goto(`${hub.url}/admin/`);
  await page.getByLabel('用户名').fill('admin');
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('link', { name: '导服台' }).click();
  const desk = page.locator('staff-issue');
  await desk.getByRole('button', { name: /^急事急办/ }).click();
  // Without a matter the desk says so, in Chinese.
  await desk.getByRole('button', { name: '取号', exact: true }).click();
  await expect(desk.getByRole('alert')).toHaveText('请先选择办理事项');
  await desk.getByRole('button', { name: service('SB001').name, exact: true }).click();
  await desk.getByRole('button', { name: '取号', exact: true }).click();
  await expect(desk.getByRole('status')).toContainText('已取号');
  await screenshot(page, 'admin-guide-desk');
  const issuedText = (await desk.getByRole('status').textContent()) ?? '';
  const number = /[A-Z]+\d{3}/.exec(issuedText)![0];
  const ticket = (await hub.store.listTickets(demo.hall.id, {})).find((t) => t.number === number)!;
  expect(ticket.categories).toEqual(['urgent']);
  expect(ticket.channel).toBe('counter');

  // The green channel (window 7) calls it: the board and window 7's counter display mark it.
  const green = windowNo(7);
  const board = await context.newPage();
  await board.setViewportSize({ width: 1920, height: 1080 });
  await board.goto(`${hub.url}/signage/${demo.hall.id}`);
  await expect(board.locator('hall-board[status="live"]')).toHaveCount(1);
  const evaluator = await createDevice(admin, demo.hall.id, { kind: 'evaluator', windowId: green.id });
  const counter = await context.newPage();
  await counter.goto(`${hub.url}/counter/${green.id}?token=${evaluator.token}`);

  // The demo hall's windows are open.
  const called = expectStatus(
    await admin.post<{ ticket: { number: string } | null }>(`/api/v1/windows/${green.id}/call-number`, {
      number,
    }),
    200,
    'call',
  );
  expect(called.ticket?.number).toBe(number);
  const card = board.locator(`board-calls [data-window="7"]`);
  await expect(card.locator('.number')).toHaveText(number);
  await expect(card).toHaveAttribute('data-priority', 'true');
  await expect(card.locator('[data-mark]')).toHaveText('绿色通道');
  await expect(board.locator('board-recent .latest [data-mark]')).toHaveText('优先');
  await screenshot(board, 'board-priority-call');
  await expect(counter.getByTestId('serving')).toHaveText(number);
  await expect(counter.getByTestId('priority-mark')).toHaveText('优先办理（绿色通道）');
  await screenshot(counter, 'counter-priority');

  // An ordinary ticket at an ordinary window carries no mark.
  const plain = expectStatus(
    await admin.post<{ number: string }>(`/api/v1/halls/${demo.hall.id}/tickets`, {
      serviceId: service('SB001').id,
    }),
    201,
    'issue',
  );
  const w1 = windowNo(1);
  expectStatus(
    await admin.post(`/api/v1/windows/${w1.id}/call-number`, { number: plain.number }),
    200,
    'call 1',
  );
  await expect(board.locator('board-calls [data-window="1"] .number')).toHaveText(plain.number);
  await expect(board.locator('board-calls [data-window="1"] [data-mark]')).toHaveCount(0);
  await expect(board.locator('board-recent .latest [data-mark]')).toHaveCount(0);
});

test('a clerk issues a key-project ticket for a citizen from the console', async ({ page }) => {
  const clerk = await createUser(hub, admin, { username: 'clerk-zhou', hallIds: [demo.hall.id] });
  const w3 = windowNo(3);
  expectStatus(
    await admin.patch(`/api/v1/halls/${demo.hall.id}/windows/${w3.id}`, { clerkIds: [clerk.user.id] }),
    200,
    'assign',
  );
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(`${hub.url}/console/`);
  await page.getByLabel('用户名').fill('clerk-zhou');
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('button', { name: /3号窗口/ }).click();
  await page.getByRole('button', { name: '为群众取号' }).click();
  const dialog = page.getByRole('dialog', { name: '为群众取号' });
  await dialog.getByRole('button', { name: service('SB001').name, exact: true }).click();
  await dialog.getByRole('button', { name: /重点项目/ }).click();
  await dialog.getByRole('button', { name: '取号', exact: true }).click();
  await expect(dialog.getByRole('status')).toContainText('已取号');
  await expectChinese(page, 'staff-issue [data-issued]');
  const number = /[A-Z]+\d{3}/.exec((await dialog.getByRole('status').textContent()) ?? '')![0];
  const ticket = (await hub.store.listTickets(demo.hall.id, {})).find((t) => t.number === number)!;
  expect(ticket.categories).toEqual(['key_project']);
  const issued = (await hub.store.listEvents(demo.hall.id, 0, 1000)).find(
    (e) => e.type === 'ticket.issued' && e.ticketId === ticket.id,
  );
  expect(issued?.actor).toEqual({ type: 'user', id: clerk.user.id });
});
