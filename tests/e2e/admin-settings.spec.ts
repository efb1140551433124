/// <reference lib="dom" />
import { expect, test, type Page } from '@playwright/test';
import { seedDemoHall, type DemoHall } from '../../server/src/demo/seed.js';
import type { Api } from '../helpers/api-fixtures.js';
import { PASSWORD, createDevice, setupAdmin } from '../helpers/api-fixtures.js';
import { installFakeSpeech } from '../signage/board-fixtures.js';
import { startTestHub, type TestHub } from '../helpers/hub.js';
import { screenshot } from './screenshot.js';

/**
 * Hall settings and the ticket layout in the console: the hub's field error
 * shown at the field, a rule saved, the ticket preview redrawn from the
 * layout being typed, and English on the language button.
 */

let hub: TestHub;
let demo: DemoHall;
let admin: Api;

test.beforeAll(async () => {
  hub = await startTestHub();
  demo = await seedDemoHall(hub.deps);
  admin = await setupAdmin(hub);
});
test.afterAll(() => hub.close());

async function login(page: Page, hash: string) {
  await page.setViewportSize({ width: 1400, height: 1000 });
  await page.goto(hub.url + '/admin/' + hash);
  await page.getByLabel('用户名').fill('admin');
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
}

test('hall rules: a bad value is refused at its field, a good one is saved', async ({ page }) => {
  await login(page, '#hall');
  const form = page.getByRole('form', { name: '大厅设置' });
  await form.getByLabel('重呼次数上限').fill('-3');
  await form.getByRole('button', { name: '保存' }).click();
  await expect(form.locator('[data-field="rules.recallLimit"] .field-error')).toBeVisible();
  await form.getByLabel('重呼次数上限').fill('4');
  await form.getByLabel('周六').fill('09:00-12:00');
  await form.getByRole('button', { name: '保存' }).click();
  await expect(form.getByRole('status')).toHaveText('已保存');
  const hall = (
    await admin.get<{ hall: { rules: { recallLimit: number }; calendar: { weekly: unknown[][] } } }>(
      `/api/v1/halls/${demo.hall.id}`,
    )
  ).body.hall;
  expect(hall.rules.recallLimit).toBe(4);
  expect(hall.calendar.weekly[6]).toEqual([{ open: '09:00', close: '12:00' }]);
  await screenshot(page, 'admin-hall', { fullPage: true });
});

test('the ticket preview follows the layout as it is typed; the board notice is saved', async ({ page }) => {
  await login(page, '#signage');
  const preview = page.locator('[data-preview] svg');
  await expect(preview).toBeVisible();
  await page.getByLabel('抬头文字').fill('宁夏政务服务');
  await expect(preview).toContainText('宁夏政务服务');
  await page.getByRole('form', { name: '号票版式' }).getByRole('button', { name: '保存' }).click();
  await expect(page.getByRole('form', { name: '号票版式' }).getByRole('status')).toHaveText('已保存');
  const layout = (await admin.get<{ logoText: string }>(`/api/v1/halls/${demo.hall.id}/ticket-layout`)).body;
  expect(layout.logoText).toBe('宁夏政务服务');
  await page.locator('textarea[name="notice"]').fill('请留意叫号，过号请到服务台重新排队。');
  await page.getByRole('form', { name: '大厅屏公告' }).getByRole('button', { name: '保存' }).click();
  await expect(page.getByRole('form', { name: '大厅屏公告' }).getByRole('status')).toHaveText('已保存');
  await screenshot(page, 'admin-signage', { fullPage: true });
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('link', { name: 'Live floor' })).toBeVisible();
});

test('board layout, theme and voice are set in the console, and a running board follows', async ({
  page,
  context,
}) => {
  const display = await createDevice(admin, demo.hall.id, { kind: 'display', name: '二楼竖屏' });
  const board = await context.newPage();
  await installFakeSpeech(board);
  await board.goto(`${hub.url}/signage/?token=${display.token}`);
  await expect(board.locator('hall-board[status="live"][layout="landscape"][theme="default"]')).toHaveCount(
    1,
  );

  await login(page, '#signage');
  const form = page.locator(`board-settings form[data-display="${display.device.id}"]`);
  await expect(form.getByRole('group', { name: '二楼竖屏' })).toBeVisible();
  await form.getByLabel('版式').selectOption({ label: '竖屏' });
  await form.getByLabel('主题').selectOption({ label: '适老化（黑底黄字，大字）' });
  await form.getByLabel('显示的窗口号（留空为全部）').fill('1, 2, 3');
  await form.getByRole('button', { name: '保存' }).click();
  await expect(form.getByRole('status')).toHaveText('已保存');
  await expect(board.locator('hall-board[layout="portrait"][theme="elder"]')).toHaveCount(1);
  const saved = (
    await admin.get<{ layout: string; theme: string; windows: number[] }>(
      `/api/v1/halls/${demo.hall.id}/devices/${display.device.id}/board`,
    )
  ).body;
  expect(saved).toMatchObject({ layout: 'portrait', theme: 'elder', windows: [1, 2, 3] });

  const voice = page.getByRole('form', { name: '大厅屏语音播报' });
  await voice.getByLabel('每次叫号播报遍数（1–5）').fill('3');
  await voice.getByLabel(/静音时段/).fill('12:00-13:30');
  await voice.getByRole('button', { name: '保存' }).click();
  await expect(voice.getByRole('status')).toHaveText('已保存');
  const signage = (
    await admin.get<{ voice: { repeat: number; quietHours: unknown[] } }>(
      `/api/v1/halls/${demo.hall.id}/signage`,
    )
  ).body;
  expect(signage.voice).toMatchObject({ repeat: 3, quietHours: [{ from: '12:00', to: '13:30' }] });
  // A value out of range is not sent: the field says why, and the hub keeps 3.
  await voice.getByLabel('每次叫号播报遍数（1–5）').fill('9');
  await voice.getByRole('button', { name: '保存' }).click();
  expect(
    await voice
      .getByLabel('每次叫号播报遍数（1–5）')
      .evaluate((el) => (el as HTMLInputElement).validity.valid),
  ).toBe(false);
  const after = (await admin.get<{ voice: { repeat: number } }>(`/api/v1/halls/${demo.hall.id}/signage`))
    .body;
  expect(after.voice.repeat).toBe(3);
  await voice.getByLabel('每次叫号播报遍数（1–5）').fill('3');
  await screenshot(page, 'admin-signage-boards', { fullPage: true });
});
