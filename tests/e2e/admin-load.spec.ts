import { expect, test, type Page } from '@playwright/test';
import { seedDemoHall } from '../../server/src/demo/seed.js';
import { PASSWORD, setupAdmin } from '../helpers/api-fixtures.js';
import { startTestHub, type TestHub } from '../helpers/hub.js';

/**
 * What every console page does with the hub, the same way on each: a read
 * that fails says why with a button to try again, and a refused form says
 * why at its top and marks the fields to fix (admin-ui/src/admin/page-state.ts).
 */

let hub: TestHub;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  hub = await startTestHub();
  await seedDemoHall(hub.deps);
  await setupAdmin(hub);
});
test.afterAll(() => hub.close());

async function login(page: Page) {
  await page.goto(hub.url + '/admin/');
  await page.getByLabel('用户名').fill('admin');
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByRole('link', { name: '现场监控' })).toBeVisible();
}

test('a page whose read fails says why, and its retry button reads again', async ({ page }) => {
  await login(page);
  // The first read of the windows fails as if the network dropped; later ones reach the hub.
  let failed = 0;
  await page.route(/\/api\/v1\/halls\/[^/]+\/windows$/, async (route) => {
    if (failed === 0 && route.request().method() === 'GET') {
      failed += 1;
      return route.abort('internetdisconnected');
    }
    return route.continue();
  });
  await page.getByRole('link', { name: '窗口', exact: true }).click();
  const failure = page.locator('windows-page [data-load-failed]');
  await expect(failure.getByRole('alert')).toHaveText('无法连接叫号系统，请检查网络');
  await expect(page.locator('windows-page [data-loading]')).toHaveCount(0);
  await expect(page.locator('windows-page tr[data-window]')).toHaveCount(0);
  expect(failed).toBe(1);

  await failure.getByRole('button', { name: '重试' }).click();
  await expect(page.locator('windows-page tr[data-window="1"]')).toBeVisible();
  await expect(failure).toHaveCount(0);
  await expect(page.locator('windows-page').getByRole('alert')).toHaveCount(0);
});

test('a console that cannot reach the hub at start says so, and its retry starts it', async ({ page }) => {
  let failed = 0;
  await page.route(/\/api\/v1\/auth\/me$/, async (route) => {
    if (failed === 0) {
      failed += 1;
      return route.abort('internetdisconnected');
    }
    return route.continue();
  });
  await page.goto(hub.url + '/admin/');
  const failure = page.locator('admin-app [data-load-failed]');
  await expect(failure.getByRole('alert')).toHaveText('无法连接叫号系统，请检查网络');
  await failure.getByRole('button', { name: '重试' }).click();
  await expect(page.getByRole('button', { name: '登录' })).toBeVisible();
  await expect(failure).toHaveCount(0);
  expect(failed).toBe(1);
});

test('a refused form says why at its top and marks the field to fix, until it is saved', async ({ page }) => {
  await login(page);
  await page.getByRole('link', { name: '窗口', exact: true }).click();
  const form = page.getByRole('form', { name: '新建' });
  const rows = page.locator('windows-page tr[data-window]');
  await expect(page.locator('windows-page tr[data-window="1"]')).toBeVisible();
  const before = await rows.count();
  const name = form.locator('input[name="name"]');
  // A window without a name: the hub refuses, nothing is created.
  await form.locator('input[name="number"]').fill('61');
  await form.getByRole('button', { name: '保存' }).click();
  await expect(form.locator('[data-refused]')).toHaveText('填写的内容有误，请检查后重试');
  await expect(form.locator('[data-field="name"] .field-error')).toBeVisible();
  await expect(name).toHaveAttribute('aria-invalid', 'true');
  await expect(form.locator('[aria-invalid="true"]')).toHaveCount(1);
  await expect(rows).toHaveCount(before);

  await name.fill('测试窗口');
  await form.getByRole('button', { name: '保存' }).click();
  await expect(page.locator('windows-page tr[data-window="61"]')).toBeVisible();
  await expect(form.locator('[data-refused]')).toHaveCount(0);
  await expect(name).not.toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByRole('status')).toHaveText('已保存');
});
