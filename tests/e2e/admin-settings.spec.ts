import { expect, test, type Page } from '@playwright/test';
import { seedDemoHall, type DemoHall } from '../../server/src/demo/seed.js';
import type { Api } from '../helpers/api-fixtures.js';
import { PASSWORD, setupAdmin } from '../helpers/api-fixtures.js';
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
