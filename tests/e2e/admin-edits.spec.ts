import { expect, test, type Page } from '@playwright/test';
import { seedDemoHall, type DemoHall } from '../../server/src/demo/seed.js';
import type { ServiceWindow } from '../../server/src/domain/index.js';
import { PASSWORD, setupAdmin, type Api } from '../helpers/api-fixtures.js';
import { startTestHub, type TestHub } from '../helpers/hub.js';

/**
 * Admin console edits that must save exactly what the form shows: editing
 * windows one after another, and registering a device (its form is cleared
 * after the token is shown, without an error).
 */

let hub: TestHub;
let demo: DemoHall;
let admin: Api;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  hub = await startTestHub();
  demo = await seedDemoHall(hub.deps);
  admin = await setupAdmin(hub);
});
test.afterAll(() => hub.close());

async function login(page: Page) {
  await page.goto(hub.url + '/admin/');
  await page.getByLabel('用户名').fill('admin');
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByRole('link', { name: '现场监控' })).toBeVisible();
}

async function windowByNumber(n: number): Promise<ServiceWindow> {
  const reply = await admin.get<{ windows: ServiceWindow[] }>(`/api/v1/halls/${demo.hall.id}/windows`);
  return reply.body.windows.find((w) => w.number === n)!;
}

test('editing windows one after another shows and saves each window as it is', async ({ page }) => {
  await login(page);
  await page.getByRole('link', { name: '窗口', exact: true }).click();
  const form = page.locator('windows-page form');
  const row = (n: number) => page.locator(`tr[data-window="${n}"]`);

  // Window 1: start changing its kind and areas, then turn to window 2 without saving.
  await row(1).getByRole('button', { name: '编辑' }).click();
  await form.getByLabel('类型').selectOption('domain');
  await form.getByLabel('服务领域（逗号分隔）').fill('社保');
  await row(2).getByRole('button', { name: '编辑' }).click();
  await expect(form.getByRole('heading')).toContainText('2 · 综合受理窗口');
  // The form shows window 2 as it is, not what was typed for window 1.
  await expect(form.getByLabel('类型')).toHaveValue('comprehensive');
  await expect(form.getByLabel('服务领域（逗号分隔）')).toHaveValue('');

  // Saving window 2 with only its name changed leaves its kind and areas alone.
  await form.getByLabel('名称', { exact: true }).fill('综合受理二号窗口');
  await form.getByRole('button', { name: '保存' }).click();
  await expect(page.getByRole('status')).toBeVisible();
  expect(await windowByNumber(2)).toMatchObject({
    name: '综合受理二号窗口',
    kind: 'comprehensive',
    domains: [],
  });
  expect(await windowByNumber(1)).toMatchObject({ kind: 'comprehensive', domains: [] });

  // Window 4 (two areas) then window 7 (green channel): each shows its own kind and areas.
  await row(4).getByRole('button', { name: '编辑' }).click();
  await expect(form.getByLabel('服务领域（逗号分隔）')).toHaveValue('社保,医保');
  await form.getByLabel('类型').selectOption('assisted');
  await row(7).getByRole('button', { name: '编辑' }).click();
  await expect(form.getByLabel('类型')).toHaveValue('green_channel');
  await expect(form.getByLabel('服务领域（逗号分隔）')).toHaveValue('');
  await row(4).getByRole('button', { name: '编辑' }).click();
  await expect(form.getByLabel('类型')).toHaveValue('domain');
  expect(await windowByNumber(4)).toMatchObject({ kind: 'domain', domains: ['社保', '医保'] });
});

test('registering a device clears its form without an error', async ({ page }) => {
  await login(page);
  await page.getByRole('link', { name: '设备' }).click();
  const form = page.getByRole('form', { name: '登记设备' });
  await form.getByLabel('类型').selectOption('display');
  await form.getByLabel('名称').fill('2号窗口屏');
  await form.getByRole('button', { name: '新建' }).click();
  await expect(page.locator('[data-token]')).toHaveText(/^dev_/);
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(page.getByText(/Cannot read properties/)).toHaveCount(0);
  await expect(form.getByLabel('名称')).toHaveValue('');
});
