/// <reference lib="dom" />
import { test, expect, type Page } from '@playwright/test';
import { startTestHub, type TestHub } from '../helpers/hub.js';
import { seedDemoHall } from '../../server/src/demo/seed.js';
import { type Api, PASSWORD, createUser, expectStatus, issue, setupAdmin } from '../helpers/api-fixtures.js';
import { screenshot } from './screenshot.js';

/**
 * The clerk console at /console in Debian Chromium: a clerk created through
 * the API logs in, chooses window 3 and works it with buttons and shortcuts;
 * refusals show the hub's explanation; a keypad pressing at the same window
 * shows on the console at once.
 */

let hub: TestHub;
let admin: Api;
let hallId: string;
let windowId: string;
let serviceId: string;
let otherService: { id: string; name: string };
let username: string;
let window4: string;

interface WindowView {
  window: { state: string; pauseReason: string | null };
  current: { number: string; status: string } | null;
}

test.beforeAll(async () => {
  hub = await startTestHub();
  const demo = await seedDemoHall(hub.deps);
  hallId = demo.hall.id;
  admin = await setupAdmin(hub);
  windowId = demo.windows.find((w) => w.number === 3)!.id;
  serviceId = demo.services[0]!.id;
  const other = demo.services.find((s) => s.code === 'YB002')!;
  otherService = { id: other.id, name: other.name };
  window4 = demo.windows.find((w) => w.number === 4)!.id;
  const clerk = await createUser(hub, admin, { hallIds: [hallId], displayName: '李明', staffNo: 'YC0303' });
  username = clerk.user.username;
  expectStatus(
    await admin.patch(`/api/v1/halls/${hallId}/windows/${windowId}`, { clerkIds: [clerk.user.id] }),
    200,
    'assign window 3',
  );
  // The demo opens every window; the clerk takes window 3 over from the start.
  expectStatus(await admin.post(`/api/v1/windows/${windowId}/close`), 200, 'close');
});
test.afterAll(() => hub.close());

const windowView = async () =>
  expectStatus(await admin.get<WindowView>(`/api/v1/windows/${windowId}`), 200, 'window view');
const current = (page: Page) => page.getByTestId('current-number');
const action = (page: Page, name: string) => page.getByRole('button', { name: new RegExp(`^${name}`) });

/** Each test starts from an open window 3 with nobody at it, whatever the one before left. */
async function freeWindow(): Promise<void> {
  const view = await windowView();
  if (view.window.state === 'closed')
    expectStatus(await admin.post(`/api/v1/windows/${windowId}/open`), 200, 'open');
  if (view.window.state === 'paused')
    expectStatus(await admin.post(`/api/v1/windows/${windowId}/resume`), 200, 'resume');
  if (view.current?.status === 'called')
    expectStatus(await admin.post(`/api/v1/windows/${windowId}/start`), 200, 'start');
  if (view.current) expectStatus(await admin.post(`/api/v1/windows/${windowId}/complete`), 200, 'complete');
}

async function logIn(page: Page): Promise<void> {
  await page.goto(`${hub.url}/console/`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('button', { name: /3号窗口/ }).click();
  await expect(page.getByTestId('window-state')).toBeVisible();
}

test('a clerk logs in, opens window 3, calls, serves, completes and transfers', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  const a = await issue(admin, hallId, serviceId, { categories: ['elderly'] });
  const b = await issue(admin, hallId, serviceId);
  const c = await issue(admin, hallId, serviceId);

  await page.goto(`${hub.url}/console/`);
  await expect(page.getByRole('button', { name: '登录' })).toBeVisible();
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill('wrong password');
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByText('请选择您的窗口')).toBeVisible();
  await screenshot(page, 'console-choose-window');
  await page.getByRole('button', { name: /3号窗口/ }).click();
  await expect(page.getByTestId('window-state')).toHaveText('已关闭');

  await action(page, '开窗').click();
  await expect(page.getByTestId('window-state')).toHaveText('服务中');
  expect((await windowView()).window.state).toBe('open');
  await expect(page.getByTestId('next')).toContainText(a.number);

  // The keyboard shortcut N calls the next citizen: the elderly citizen, ahead by the head start.
  await page.keyboard.press('n');
  await expect(current(page)).toHaveText(a.number);
  await expect(page.getByTestId('current-status')).toHaveText('已呼叫（第1次）');
  await expect(page.locator('current-ticket .badge', { hasText: '老' })).toBeVisible();
  await expect(page.getByTestId('waited')).toContainText('等候');
  await screenshot(page, 'console-called');

  await action(page, '开始办理').click();
  await expect(page.getByTestId('current-status')).toHaveText('办理中');
  await action(page, '办结').click();
  await expect(page.getByText('当前无办理号码')).toBeVisible();
  expect((await hub.store.getTicketByToken(a.statusToken))?.status).toBe('completed');

  // Transfer with a reason to another matter at window 4: the ticket waits there, keeping its issue time.
  await action(page, '叫下一位').click();
  await expect(current(page)).toHaveText(b.number);
  await page.keyboard.press('t');
  const dialog = page.locator('transfer-dialog dialog');
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('转到事项').selectOption(otherService.id);
  await dialog.getByLabel('转到窗口').selectOption(window4);
  await dialog.getByRole('button', { name: '确定' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('请填写原因');
  await dialog.getByLabel('原因').fill('需到其他领域窗口办理');
  await screenshot(page, 'console-transfer');
  await dialog.getByRole('button', { name: '确定' }).click();
  await expect(page.getByText('当前无办理号码')).toBeVisible();
  const moved = await hub.store.getTicketByToken(b.statusToken);
  expect(moved).toMatchObject({
    status: 'waiting',
    serviceId: otherService.id,
    targetWindowId: window4,
    issuedAt: b.issuedAt,
    transferCount: 1,
  });
  const events = await hub.store.listEvents(hallId, 0, 1000);
  expect(events.find((e) => e.type === 'ticket.transferred')?.data).toMatchObject({
    reason: '需到其他领域窗口办理',
  });

  // Window 3 now calls c; b waits for window 4.
  await action(page, '叫下一位').click();
  await expect(current(page)).toHaveText(c.number);
  await expect(page.getByRole('button', { name: /评价|rate/i })).toHaveCount(0);
  await screenshot(page, 'console-1366x768');
});

test('pause needs a reason; a refused action shows the hub’s explanation beside the buttons', async ({
  page,
}) => {
  await page.setViewportSize({ width: 800, height: 600 });
  await freeWindow();
  const ticket = await issue(admin, hallId, serviceId);
  await logIn(page);
  await page.keyboard.press('n');
  await expect(current(page)).toHaveText(ticket.number);

  await page.keyboard.press('p');
  const prompt = page.locator('reason-dialog dialog');
  await expect(prompt.getByRole('heading', { name: '暂停' })).toBeVisible();
  await prompt.getByRole('button', { name: '确定' }).click();
  await expect(prompt.getByRole('alert')).toHaveText('请填写原因');
  expect((await windowView()).window.state).toBe('open');
  await prompt.getByLabel('原因').fill('午休');
  await prompt.getByRole('button', { name: '确定' }).click();
  await expect(page.getByTestId('window-state')).toHaveText('暂停：午休');
  expect((await windowView()).window).toMatchObject({ state: 'paused', pauseReason: '午休' });
  await action(page, '恢复').click();
  await expect(page.getByTestId('window-state')).toHaveText('服务中');

  // Recall until the hub refuses: the refusal is worded in Chinese from its code, next to the buttons.
  const number = ticket.number;
  await action(page, '重呼').click();
  await expect(page.getByTestId('current-status')).toHaveText('已呼叫（第2次）');
  await page.keyboard.press('r');
  await expect(page.getByTestId('current-status')).toHaveText('已呼叫（第3次）');
  await action(page, '重呼').click();
  const refusal = page.getByTestId('refusal');
  await expect(refusal).toContainText('重呼未执行：已达到重呼次数上限，请标记过号');
  // Never the hub's English detail ("Ticket A001 has been called 3 times …").
  expect((await refusal.textContent())!.replace(number, '')).not.toMatch(/[A-Za-z]{2,}/);
  await expect(page.locator('action-bar button.refused')).toHaveAttribute('data-action', 'recall');
  await screenshot(page, 'console-800x600-refused');
  // The buttons all fit on an 800×600 screen beside the clerk's PC, without scrolling.
  const box = await page.locator('action-bar').boundingBox();
  expect(box!.x + box!.width).toBeLessThanOrEqual(800);
  const last = await page.getByRole('button', { name: /^关窗/ }).boundingBox();
  expect(last!.y + last!.height).toBeLessThanOrEqual(600);

  await action(page, '过号').click();
  await expect(refusal).toHaveCount(0);
  await expect(page.getByText('当前无办理号码')).toBeVisible();
});

test('a keypad press at the same window and a call at another window show at once', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  const keypad = expectStatus(
    await admin.post<{ token: string }>(`/api/v1/halls/${hallId}/keypads`, {
      name: '3号窗口键盘',
      windowId,
      config: { profile: 'vendor', serial: 'KP-E2E-3' },
    }),
    201,
    'register keypad',
  );
  const byKeypad = admin.as({ token: keypad.token });
  await freeWindow();
  await logIn(page);
  await expect(page.getByText('当前无办理号码')).toBeVisible();

  const d = await issue(admin, hallId, serviceId);
  await expect(page.getByTestId('next')).toContainText(d.number);
  const other = await issue(admin, hallId, serviceId);
  await expect(page.getByTestId('next')).toContainText(other.number);

  // The keypad at window 3 calls: the console shows the number without anyone touching it.
  const pressed = expectStatus(
    await byKeypad.post<{ ticket: { number: string } }>(`/api/v1/windows/${windowId}/call-next`),
    200,
    'keypad call-next',
  );
  expect(pressed.ticket.number).toBe(d.number);
  await expect(current(page)).toHaveText(d.number);

  // Window 1 calls the other citizen: it leaves this console's next list.
  const w1 = (
    await admin.get<{ windows: { id: string; number: number }[] }>(`/api/v1/halls/${hallId}/windows`)
  ).body.windows.find((w) => w.number === 1)!;
  expectStatus(await admin.post(`/api/v1/windows/${w1.id}/call-number`, { number: other.number }), 200, 'w1');
  await expect(page.locator('queue-lists')).not.toContainText(other.number);
  await expect(page.locator('queue-lists')).toContainText('暂无等候');

  // The keypad starts the service; the console follows.
  expectStatus(await byKeypad.post(`/api/v1/windows/${windowId}/start`), 200, 'keypad start');
  await expect(page.getByTestId('current-status')).toHaveText('办理中');

  // Hold and call back from the console.
  await page.keyboard.press('h');
  const prompt = page.locator('reason-dialog dialog');
  await prompt.getByLabel('原因').fill('缺少户口本');
  await prompt.getByRole('button', { name: '确定' }).click();
  await expect(page.getByTestId('held')).toContainText(d.number);
  await page.getByRole('button', { name: `回呼 ${d.number}` }).click();
  await expect(current(page)).toHaveText(d.number);
  await expect(page.getByTestId('held')).toHaveCount(0);

  // Logging out ends the session: the login form is back.
  await page.getByRole('button', { name: '退出' }).click();
  await expect(page.getByRole('button', { name: '登录' })).toBeVisible();
});

test('the username is focused; only the actions the window and ticket allow are enabled; focus comes back', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await freeWindow();
  await page.goto(`${hub.url}/console/`);
  await expect(page.getByLabel('用户名')).toBeFocused();
  await page.keyboard.type(username);
  await page.getByLabel('密码').fill(PASSWORD);
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: /3号窗口/ }).click();
  await expect(page.getByTestId('window-state')).toBeVisible();

  const enabled = async () => {
    const out: string[] = [];
    for (const b of await page.locator('action-bar button[data-action]').all())
      if (await b.isEnabled()) out.push((await b.getAttribute('data-action'))!);
    return out.sort();
  };
  // Nobody at the window: only calling and the window's own state can be changed.
  await expect(page.getByText('当前无办理号码')).toBeVisible();
  await expect(action(page, '重呼')).toBeDisabled();
  expect(await enabled()).toEqual(['call-next', 'call-number', 'close', 'pause'].sort());

  const ticket = await issue(admin, hallId, serviceId);
  await expect(page.getByTestId('next')).toContainText(ticket.number);
  // The keyboard user calls with the focused button; focus stays on the bar, not the page body.
  await action(page, '叫下一位').focus();
  await page.keyboard.press('Enter');
  await expect(current(page)).toHaveText(ticket.number);
  await expect(action(page, '开始办理')).toBeEnabled();
  expect(await enabled()).toEqual(
    ['call-next', 'call-number', 'close', 'no-show', 'pause', 'recall', 'start', 'transfer'].sort(),
  );
  const focusOnPage = () =>
    page.evaluate(() => {
      let a = document.activeElement;
      while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
      return a?.tagName ?? null;
    });
  expect(await focusOnPage()).toBe('BUTTON');

  await page.keyboard.press('s');
  await expect(page.getByTestId('current-status')).toHaveText('办理中');
  expect(await enabled()).toEqual(
    ['call-next', 'call-number', 'close', 'complete', 'hold', 'pause', 'transfer'].sort(),
  );

  // A dialog opened from a button gives the focus back to that button when it closes.
  await action(page, '挂起').focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('reason-dialog dialog')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.locator('reason-dialog dialog')).toBeHidden();
  await expect(action(page, '挂起')).toBeFocused();

  await action(page, '转办').focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('transfer-dialog dialog')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(action(page, '转办')).toBeFocused();

  await action(page, '办结').click();
  await expect(page.getByText('当前无办理号码')).toBeVisible();
});
