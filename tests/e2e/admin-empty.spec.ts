import { expect, test } from '@playwright/test';
import { PASSWORD, createHall, setupAdmin } from '../helpers/api-fixtures.js';
import { startTestHub, type TestHub } from '../helpers/hub.js';
import { expectAccessible } from './axe.js';

/**
 * A new hall with no ticket yet: the statistics and the 差评 follow-up say
 * there is nothing yet, instead of charts of zeros and an empty table.
 */

let hub: TestHub;

test.beforeAll(async () => {
  hub = await startTestHub();
  const admin = await setupAdmin(hub);
  await createHall(admin, { name: '金凤区便民服务中心', timeZone: 'Asia/Shanghai' });
});
test.afterAll(() => hub.close());

test('statistics and rating follow-up of a hall without tickets show an empty state', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 900 });
  await page.goto(hub.url + '/admin/#stats');
  await page.getByLabel('用户名').fill('admin');
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();

  const stats = page.locator('stats-page [data-empty="stats"]');
  await expect(stats).toHaveText(/还没有取号，暂无统计数据/);
  await expect(page.locator('stats-page stats-chart')).toHaveCount(0);
  await expectAccessible(page, 'statistics, empty');

  await page.getByRole('link', { name: '好差评整改' }).click();
  await expect(page.locator('ratings-page [data-empty="cases"]')).toHaveText('暂无差评需要整改。');
  await expect(page.locator('ratings-page table')).toBeHidden();
  await expectAccessible(page, 'rating follow-up, empty');
});
