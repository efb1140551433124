import { expect, test, type Page } from '@playwright/test';
import { writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { seedDemoHall, type DemoHall } from '../../server/src/demo/seed.js';
import type { Api } from '../helpers/api-fixtures.js';
import { PASSWORD, expectStatus, loginToken, storeFingerprint } from '../helpers/api-fixtures.js';
import { startTestHub, type TestHub } from '../helpers/hub.js';
import { screenshot } from './screenshot.js';

/**
 * The admin console at /admin in Chromium against a real hub: first-run
 * setup with the one-time code, the live floor, a window created in the UI
 * appearing on a running lobby board, a catalogue import with two bad rows
 * refused as a whole, and a revoked keypad refused at once.
 */

let hub: TestHub;
let demo: DemoHall;
let admin: Api;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  hub = await startTestHub();
  demo = await seedDemoHall(hub.deps);
});
test.afterAll(() => hub.close());

async function login(page: Page, username = 'admin') {
  await page.goto(hub.url + '/admin/');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByRole('link', { name: '现场监控' })).toBeVisible();
}

test('first start: the administrator is created with the one-time code, then logs in', async ({ page }) => {
  const code = await hub.hub.setup.prepare(hub.deps, {});
  if (!code) throw new Error('setup should be pending');
  await page.goto(hub.url + '/admin/');
  await expect(page.getByRole('heading', { name: '首次设置：创建管理员' })).toBeVisible();
  // A wrong code is refused by the hub and nothing is created.
  await page.getByLabel('一次性设置码').fill(code === '00000000' ? '11111111' : '00000000');
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByRole('button', { name: '新建' }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  await page.getByLabel('一次性设置码').fill(code);
  await page.getByRole('button', { name: '新建' }).click();
  await expect(page.getByText('管理员已创建，请登录。')).toBeVisible();
  await screenshot(page, 'admin-login');
  await page.getByLabel('用户名').fill('admin');
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByRole('heading', { name: /现场监控/ })).toBeVisible();
  admin = await loginToken(hub, 'admin');
});

test('a clerk who logs in is sent to the clerk console', async ({ page }) => {
  expectStatus(
    await admin.post('/api/v1/users', {
      username: 'clerk1',
      password: PASSWORD,
      role: 'clerk',
      hallIds: [demo.hall.id],
    }),
    201,
    'clerk',
  );
  await page.goto(hub.url + '/admin/');
  await page.getByLabel('用户名').fill('clerk1');
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL(/\/console\//);
});

test('the live floor shows a call as it happens, with clerk, number and the wait per area', async ({
  page,
}) => {
  const w1 = demo.windows.find((w) => w.number === 1)!;
  const svc = demo.services.find((s) => s.code === 'SB001') ?? demo.services[0]!;
  expectStatus(
    await admin.post(`/api/v1/halls/${demo.hall.id}/tickets`, { serviceId: svc.id }),
    201,
    'issue',
  );
  expectStatus(
    await admin.post(`/api/v1/halls/${demo.hall.id}/tickets`, { serviceId: svc.id }),
    201,
    'issue',
  );
  // The demo opens every window without a clerk; the admin takes window 1 over.
  expectStatus(await admin.post(`/api/v1/windows/${w1.id}/close`), 200, 'close');
  expectStatus(await admin.post(`/api/v1/windows/${w1.id}/open`), 200, 'open');
  await login(page);
  const area = page.locator(`tr[data-area="${svc.domain}"]`);
  await expect(area.locator('td').nth(1)).toHaveText('2');
  await expect(page.locator('[data-live="true"]')).toBeVisible();
  // The call comes over /staff: no reload.
  const called = expectStatus(
    await admin.post<{ ticket: { number: string } }>(`/api/v1/windows/${w1.id}/call-next`),
    200,
    'call',
  );
  const row = page.locator('tr[data-window="1"]');
  await expect(row).toContainText(called.ticket.number);
  await expect(row).toContainText('admin');
  await expect(area.locator('td').nth(1)).toHaveText('1');
  // A paused window and an offline keypad become alerts once past the threshold.
  const w2 = demo.windows.find((w) => w.number === 2)!;
  expectStatus(await admin.post(`/api/v1/windows/${w2.id}/pause`, { reason: '临时离开' }), 200, 'pause');
  await page.getByLabel('暂停提醒阈值（分钟）').fill('0');
  await page.getByLabel('暂停提醒阈值（分钟）').dispatchEvent('change');
  await expect(page.locator(`li[data-alert="paused:${w2.id}"]`)).toBeVisible();
  await screenshot(page, 'admin-floor', { fullPage: true });
});

test('a window created in the console appears on a running lobby board without a reload', async ({
  page,
  context,
}) => {
  const board = await context.newPage();
  await board.goto(hub.url + `/signage/${demo.hall.id}`);
  await expect(board.locator('[data-window="1"]').first()).toBeVisible();
  await expect(board.locator('[data-window="31"]')).toHaveCount(0);
  await login(page);
  await page.getByRole('link', { name: '窗口' }).click();
  const form = page.getByRole('form', { name: '新建' });
  // The hub's field error is shown next to the field.
  await form.getByLabel('编号').fill('0');
  await form.getByLabel('名称').fill('31号综合窗口');
  await form.getByRole('button', { name: '保存' }).click();
  await expect(form.locator('[data-field="number"] .field-error')).toBeVisible();
  await form.getByLabel('编号').fill('31');
  await form.getByRole('button', { name: '保存' }).click();
  await expect(page.locator('tr[data-window="31"]')).toBeVisible();
  // The board lists windows that are open (or still have a citizen): the clerk opens the new one.
  const created = (
    await admin.get<{ windows: { id: string; number: number }[] }>(`/api/v1/halls/${demo.hall.id}/windows`)
  ).body.windows.find((w) => w.number === 31);
  expect(created).toBeDefined();
  expectStatus(await admin.post(`/api/v1/windows/${created!.id}/open`), 200, 'open 31');
  await expect(board.locator('[data-window="31"]')).toBeVisible();
  await screenshot(page, 'admin-windows', { fullPage: true });
});

test('a catalogue file with two bad rows changes nothing and names both rows', async ({ page }) => {
  const dir = await mkdtemp(path.join(tmpdir(), 'admin-import-'));
  const file = path.join(dir, 'matters.csv');
  await writeFile(
    file,
    [
      'code,name,domain,prefix,crossRegion,expectedMinutes',
      'NEW001,新办事项一,社保,A,false,8',
      'NEW002,新办事项二,社保,a1,false,8',
      'NEW003,新办事项三,医保,B,是,10',
      'NEW004,新办事项四,医保,B,false,九十',
    ].join('\n'),
  );
  const before = await storeFingerprint(hub);
  await login(page);
  await page.getByRole('link', { name: '事项目录' }).click();
  await page.locator('input[type="file"]').setInputFiles(file);
  const failed = page.locator('[data-import="failed"]');
  await expect(failed).toBeVisible();
  await expect(failed.locator('li')).toHaveCount(2);
  await expect(failed.locator('li[data-line="3"]')).toContainText('第 3 行');
  await expect(failed.locator('li[data-line="3"]')).toContainText('号段字头格式不对');
  await expect(failed.locator('li[data-line="5"]')).toContainText('预计办理时长');
  // The Chinese screen words each row itself: no English sentence or field name of the hub.
  const shown = await failed.innerText();
  expect(shown.replace(/\b[A-Z]{1,3}\d{0,6}\b/g, '').replace(/\b(CSV|JSON)\b/g, ''), shown).not.toMatch(
    /[A-Za-z]{3,}/,
  );
  expect(await storeFingerprint(hub)).toBe(before);
  await expect(page.locator('tr[data-code="NEW001"]')).toHaveCount(0);
  await screenshot(page, 'admin-catalogue', { fullPage: true });
  // The same file corrected is imported.
  await writeFile(
    file,
    [
      '编码,名称,领域,号段字头,跨区域通办,预计办理时长',
      'NEW001,新办事项一,社保,A,否,8',
      'NEW003,新办事项三,医保,B,是,10',
    ].join('\n'),
  );
  await page.locator('input[type="file"]').setInputFiles(file);
  await expect(page.locator('[data-import="ok"]')).toContainText('新建 2');
  await expect(page.locator('tr[data-code="NEW003"]')).toContainText('✓');
});

test('a keypad revoked in the console is refused at its next action', async ({ page }) => {
  const w3 = demo.windows.find((w) => w.number === 3)!;
  const created = expectStatus(
    await admin.post<{ token: string }>(`/api/v1/halls/${demo.hall.id}/keypads`, {
      name: '3号窗口呼叫器',
      windowId: w3.id,
      config: { profile: 'vendor', serial: 'KP-0003' },
    }),
    201,
    'keypad',
  );
  const keypad = admin.as({ token: created.token });
  expect((await keypad.post('/api/v1/keypads/heartbeat', { attached: true })).status).toBe(200);
  await login(page);
  await page.getByRole('link', { name: '设备' }).click();
  const row = page.locator('tr[data-device="3号窗口呼叫器"]');
  await expect(row).toContainText('在线');
  await screenshot(page, 'admin-devices', { fullPage: true });
  page.once('dialog', (d) => void d.accept());
  await row.getByRole('button', { name: '吊销' }).click();
  await expect(row).toContainText('已吊销');
  const refused = await keypad.post('/api/v1/keypads/press', { action: 'call_next' });
  expect(refused.status).toBe(401);
});

test('registering a device shows its token once', async ({ page }) => {
  await login(page);
  await page.getByRole('link', { name: '设备' }).click();
  const form = page.getByRole('form', { name: '登记设备' });
  await form.getByLabel('类型').selectOption('display');
  await form.getByLabel('名称').fill('1号窗口屏');
  await form
    .getByLabel('窗口')
    .selectOption({ label: '1 · ' + demo.windows.find((w) => w.number === 1)!.name });
  await form.getByRole('button', { name: '新建' }).click();
  const token = await page.locator('[data-token]').textContent();
  expect(token).toMatch(/^dev_/);
  const display = admin.as({ token: token ?? '' });
  expect((await display.get('/api/v1/auth/me')).status).toBe(200);
  await page.reload();
  await expect(page.locator('[data-token]')).toHaveCount(0);
});
