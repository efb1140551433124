import { expect, test, type Page } from '@playwright/test';
import { seedDemoHall, type DemoHall } from '../../server/src/demo/seed.js';
import type { Api } from '../helpers/api-fixtures.js';
import { PASSWORD, createDevice, createUser, expectStatus, setupAdmin } from '../helpers/api-fixtures.js';
import { startTestHub, type TestHub } from '../helpers/hub.js';
import { screenshot } from './screenshot.js';

/**
 * 好差评 follow-up in the console: a 差评 posted by the window's evaluator
 * device opens a case; a supervisor assigns it, records the contact and
 * closes it in the UI, and the history shows who did what. A second case is
 * appealed by one supervisor and can only be decided by another.
 */

let hub: TestHub;
let demo: DemoHall;
let admin: Api;
let evaluator: Api;
const w1 = () => demo.windows.find((w) => w.number === 1)!;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  hub = await startTestHub();
  demo = await seedDemoHall(hub.deps);
  admin = await setupAdmin(hub);
  await createUser(hub, admin, {
    username: 'zhangsup',
    displayName: '张监管',
    role: 'supervisor',
    hallIds: [demo.hall.id],
  });
  await createUser(hub, admin, {
    username: 'lisup',
    displayName: '李监管',
    role: 'supervisor',
    hallIds: [demo.hall.id],
  });
  evaluator = (
    await createDevice(admin, demo.hall.id, { kind: 'evaluator', name: '1号窗口评价器', windowId: w1().id })
  ).api;
  expectStatus(
    await admin.patch(`/api/v1/halls/${demo.hall.id}`, { rules: { idempotencyMs: 0 } }),
    200,
    'rules',
  );
});
test.afterAll(() => hub.close());

/** A citizen served at window 1 who rates the service at the evaluator. */
async function badRating(comment: string): Promise<string> {
  const svc = demo.services[0]!;
  expectStatus(
    await admin.post(`/api/v1/halls/${demo.hall.id}/tickets`, { serviceId: svc.id }),
    201,
    'issue',
  );
  const called = expectStatus(
    await admin.post<{ ticket: { id: string; number: string } }>(`/api/v1/windows/${w1().id}/call-next`),
    200,
    'call',
  );
  expectStatus(await admin.post(`/api/v1/windows/${w1().id}/start`), 200, 'start');
  expectStatus(await admin.post(`/api/v1/windows/${w1().id}/complete`), 200, 'complete');
  expectStatus(
    await evaluator.post(`/api/v1/windows/${w1().id}/evaluations`, {
      ticketId: called.ticket.id,
      level: 1,
      reasons: ['attitude', 'long_wait'],
      comment,
    }),
    201,
    'rating',
  );
  return called.ticket.number;
}

async function login(page: Page, username: string) {
  await page.goto(hub.url + '/admin/#ratings');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByRole('heading', { name: '好差评整改' })).toBeVisible();
}

test('a 差评 from the evaluator opens a case that a supervisor closes in the console', async ({ page }) => {
  const number = await badRating('等了很久，态度也不好');
  await login(page, 'zhangsup');
  // A supervisor sees the floor, statistics and ratings, not configuration.
  await expect(page.getByRole('link', { name: '设备' })).toHaveCount(0);
  const row = page.locator(`tr[data-case="${number}"]`);
  await expect(row).toContainText('非常不满意');
  await expect(row).toContainText('待分派');
  await row.getByRole('button', { name: '编辑' }).click();
  const detail = page.locator(`[data-case-detail="${number}"]`);
  await expect(detail).toContainText('等了很久，态度也不好');
  // The reasons in words, never their codes.
  await expect(detail).toContainText('服务态度不好、等候时间长');
  await expect(detail).not.toContainText('long_wait');
  await detail.getByLabel('承办人').selectOption({ label: '张监管' });
  await detail.getByRole('button', { name: '分派' }).click();
  await expect(row).toContainText('已分派');
  // An empty note is refused by the hub and its error is shown at the field.
  await detail.getByRole('button', { name: '记录回访' }).click();
  await expect(detail.locator('[data-field="note"] .field-error')).toBeVisible();
  await detail.locator('textarea[name="note"]').fill('已电话回访，群众表示理解');
  await detail.getByRole('button', { name: '记录回访' }).click();
  await expect(row).toContainText('已回访');
  await detail.locator('textarea[name="rectification"]').fill('窗口人员已接受服务规范培训');
  await detail.getByRole('button', { name: '整改办结' }).click();
  await expect(row).toContainText('已办结');
  await expect(detail).toContainText('张监管 电话回访：已电话回访，群众表示理解');
  await expect(detail).toContainText('张监管 办结：窗口人员已接受服务规范培训');
  await screenshot(page, 'admin-ratings', { fullPage: true });
  const cases = (
    await admin.get<{ rectifications: { ticketNumber: string; status: string }[] }>(
      `/api/v1/halls/${demo.hall.id}/rectifications`,
    )
  ).body.rectifications;
  expect(cases.find((c) => c.ticketNumber === number)?.status).toBe('closed');
});

test('an appeal needs a second person', async ({ page, browser }) => {
  const number = await badRating('误按');
  await login(page, 'zhangsup');
  const row = page.locator(`tr[data-case="${number}"]`);
  await row.getByRole('button', { name: '编辑' }).click();
  const detail = page.locator(`[data-case-detail="${number}"]`);
  await detail.locator('textarea[name="reason"]').fill('群众误按，现场确认业务已办结');
  await detail.getByRole('button', { name: '申诉', exact: true }).click();
  await expect(row).toContainText('申诉中');
  // The one who appealed cannot decide it.
  await detail.locator('textarea[name="note"]').fill('同意');
  await detail.getByRole('button', { name: '审核申诉' }).click();
  await expect(detail.getByRole('alert')).toBeVisible();
  await expect(row).toContainText('申诉中');
  const other = await browser.newPage();
  await login(other, 'lisup');
  const row2 = other.locator(`tr[data-case="${number}"]`);
  await row2.getByRole('button', { name: '编辑' }).click();
  const detail2 = other.locator(`[data-case-detail="${number}"]`);
  await detail2.locator('textarea[name="note"]').fill('核实录像，同意申诉');
  await detail2.getByRole('button', { name: '审核申诉' }).click();
  await expect(row2).toContainText('已作废');
  await expect(detail2).toContainText('李监管 同意（作废差评）：核实录像，同意申诉');
  await other.close();
});
