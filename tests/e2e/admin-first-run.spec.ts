import { expect, test, type Page } from '@playwright/test';
import type { Hall, Service, ServiceWindow } from '../../server/src/domain/index.js';
import type { Api } from '../helpers/api-fixtures.js';
import {
  ALL_DAY,
  PASSWORD,
  createService,
  createUser,
  createWindow,
  expectStatus,
  issue,
  loginToken,
  openWindow,
} from '../helpers/api-fixtures.js';
import { startTestHub, type TestHub } from '../helpers/hub.js';
import { screenshot } from './screenshot.js';

/**
 * A township install with the demo off starts with no hall and no user. In
 * Chromium: the one-time setup code makes the administrator, who creates the
 * hall, adds a matter and a window, and the kiosk of that hall lists the
 * matter. Then the rest of what an admin keeps up in the console: a matter
 * edited field by field and deleted (refused while a ticket references it),
 * a window deleted (refused while a citizen is at it), a password reset that
 * ends the person's sessions, accounts deleted, the supervisor's clerk filter
 * in statistics, and halls deleted (refused while not empty). Each refusal
 * on screen is the hub's own reason, and nothing changed.
 */

let hub: TestHub;
let admin: Api;
let hall: Hall;
let matter: Service;
let window1: ServiceWindow;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  hub = await startTestHub();
});
test.afterAll(() => hub.close());

async function open(page: Page, hash = '', username = 'admin', password = PASSWORD) {
  await page.setViewportSize({ width: 1400, height: 1000 });
  page.on('dialog', (d) => void d.accept());
  await page.goto(hub.url + '/admin/' + hash);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
}

const shot = (page: Page, name: string) => screenshot(page, `admin-first-run-${name}`, { fullPage: true });

test('first run: setup code → admin → hall → matter → window → the kiosk lists the matter', async ({
  page,
}) => {
  expect(await hub.store.listHalls()).toEqual([]);
  const code = await hub.hub.setup.prepare(hub.deps, {});
  if (!code) throw new Error('setup should be pending on a new hub');
  await page.setViewportSize({ width: 1400, height: 1000 });
  await page.goto(hub.url + '/admin/');
  await page.getByLabel('一次性设置码').fill(code);
  await page.getByLabel('姓名').fill('马站长');
  await page.getByLabel('密码').fill(PASSWORD);
  await shot(page, '1-setup');
  await page.getByRole('button', { name: '新建' }).click();
  await expect(page.getByText('管理员已创建，请登录。')).toBeVisible();
  await page.getByLabel('用户名').fill('admin');
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  admin = await loginToken(hub, 'admin');

  // No hall yet: the console asks for one before anything else.
  const form = page.getByRole('form', { name: '新建大厅' });
  await expect(form.getByText('还没有大厅')).toBeVisible();
  await expect(page.getByRole('link', { name: '事项目录' })).toHaveCount(0);
  await expect(form.getByLabel('时区')).toHaveValue('Asia/Shanghai');
  await expect(form.getByLabel('周一')).toHaveValue('09:00-12:00,13:30-17:30');
  // The hub's own checks come back at their fields: an unknown zone, a span closing before it opens.
  await form.getByLabel('名称').fill('镇北堡镇便民服务中心');
  await form.getByLabel('层级').selectOption({ label: '乡镇' });
  await form.getByLabel('时区').fill('Asia/Ningxia');
  await form.getByLabel('周六').fill('12:00-09:00');
  await form.getByRole('button', { name: '新建大厅' }).click();
  await expect(form.locator('[data-field="timeZone"] .field-error')).toHaveText('不是有效的时区');
  await expect(form.locator('[data-field="calendar.weekly.6"] .field-error')).toHaveText(
    '开始时间晚于结束时间',
  );
  await shot(page, '2-hall-refused');
  expect(await hub.store.listHalls()).toEqual([]);

  await form.getByLabel('时区').fill('Asia/Shanghai');
  await form.getByLabel('周六').fill('09:00-12:00');
  await form.getByRole('button', { name: '新建大厅' }).click();
  await expect(page.getByRole('heading', { name: /镇北堡镇便民服务中心/ })).toBeVisible();
  await expect(page.getByRole('form', { name: '大厅设置' }).getByLabel('名称')).toHaveValue(
    '镇北堡镇便民服务中心',
  );
  const halls = await hub.store.listHalls();
  expect(halls).toHaveLength(1);
  hall = halls[0]!;
  expect(hall).toMatchObject({ name: '镇北堡镇便民服务中心', level: 'township', timeZone: 'Asia/Shanghai' });
  expect(hall.calendar.weekly[6]).toEqual([{ open: '09:00', close: '12:00' }]);
  expect(hall.calendar.weekly[1]).toEqual([
    { open: '09:00', close: '12:00' },
    { open: '13:30', close: '17:30' },
  ]);

  await page.getByRole('link', { name: '事项目录' }).click();
  const add = page.getByRole('form', { name: '新建', exact: true });
  await add.getByLabel('事项编码').fill('SB001');
  await add.getByLabel('名称').fill('社会保障卡申领');
  await add.getByLabel('领域').fill('社保');
  await add.getByLabel('号码前缀').fill('a1');
  await add.getByLabel('拼音首字母').fill('shbzksl');
  await add.getByRole('button', { name: '新建' }).click();
  await expect(add.locator('[data-field="prefix"] .field-error')).toBeVisible();
  await add.getByLabel('号码前缀').fill('A');
  await add.getByRole('button', { name: '新建' }).click();
  await expect(page.locator('tr[data-code="SB001"]')).toContainText('社会保障卡申领');
  await shot(page, '3-matter');
  const services = await hub.store.listServices(hall.id);
  expect(services).toHaveLength(1);
  matter = services[0]!;
  expect(matter).toMatchObject({
    code: 'SB001',
    prefix: 'A',
    pinyin: 'shbzksl',
    dedicated: false,
    enabled: true,
  });

  await page.getByRole('link', { name: '窗口' }).click();
  const win = page.getByRole('form', { name: '新建', exact: true });
  await win.getByLabel('编号').fill('1');
  await win.getByLabel('名称').fill('综合受理窗口');
  await win.getByRole('button', { name: '保存' }).click();
  await expect(page.locator('tr[data-window="1"]')).toContainText('综合受理窗口');
  await shot(page, '4-window');
  window1 = (await hub.store.listWindows(hall.id))[0]!;
  expect(window1).toMatchObject({ number: 1, kind: 'comprehensive' });

  await page.goto(`${hub.url}/kiosk/${hall.id}`);
  await expect(page.getByRole('heading', { name: /镇北堡镇便民服务中心/ })).toBeVisible();
  await page.getByRole('button', { name: /^社保/ }).click();
  await expect(page.getByRole('button', { name: /社会保障卡申领/ })).toBeVisible();
  await shot(page, '5-kiosk');
});

test('a matter is edited field by field; deleting one is refused while a ticket references it', async ({
  page,
}) => {
  // Round the clock, so tickets can be taken whatever the hour of the run.
  expectStatus(await admin.patch(`/api/v1/halls/${hall.id}`, { calendar: ALL_DAY }), 200, 'hours');
  await open(page, '#catalogue');
  await page.locator('tr[data-code="SB001"]').getByRole('button', { name: '编辑' }).click();
  const edit = page.getByRole('form', { name: '编辑事项' });
  await expect(edit.getByLabel('名称')).toHaveValue('社会保障卡申领');
  await edit.getByLabel('拼音首字母').fill('SHB');
  await edit.getByRole('button', { name: '保存' }).click();
  await expect(edit.locator('[data-field="pinyin"] .field-error')).toBeVisible();
  expect(await hub.store.getService(matter.id)).toEqual(matter);

  await edit.getByLabel('事项编码').fill('SB002');
  await edit.getByLabel('名称').fill('社会保障卡补换');
  await edit.getByLabel('领域').fill('人社');
  await edit.getByLabel('号码前缀').fill('B');
  await edit.getByLabel('预计时长（分钟）').fill('7');
  await edit.getByLabel('拼音首字母').fill('shbzkbh');
  await edit.getByLabel('排序').fill('3');
  await edit.getByLabel('专窗办理（综合窗口不受理）').selectOption({ label: '是' });
  await edit.getByLabel('跨省通办').check();
  await edit.getByLabel('办不成事').check();
  await edit.getByLabel('启用').uncheck();
  await edit.getByRole('button', { name: '保存' }).click();
  await expect(page.locator('tr[data-code="SB002"]')).toContainText('社会保障卡补换');
  expect(await hub.store.getService(matter.id)).toEqual({
    ...matter,
    code: 'SB002',
    name: '社会保障卡补换',
    domain: '人社',
    prefix: 'B',
    expectedMinutes: 7,
    pinyin: 'shbzkbh',
    sortOrder: 3,
    dedicated: true,
    crossRegion: true,
    cannotHandle: true,
    enabled: false,
  });
  // Back to a plain matter the comprehensive window serves, and a ticket for it.
  expectStatus(
    await admin.patch(`/api/v1/halls/${hall.id}/services/${matter.id}`, {
      enabled: true,
      dedicated: false,
      crossRegion: false,
      cannotHandle: false,
    }),
    200,
    'plain matter',
  );
  await issue(admin, hall.id, matter.id);
  await page.reload();
  await page.locator('tr[data-code="SB002"]').getByRole('button', { name: '删除' }).click();
  await expect(page.locator('[data-refused]')).toContainText('无法删除');
  await expect(page.locator('[data-refused]')).toContainText('仍有 1 张号票在使用');
  expect(await hub.store.getService(matter.id)).not.toBeNull();
  await shot(page, '6-matter-refused');

  const spare = await createService(admin, hall.id, { code: 'GA001', name: '户口迁移', domain: '公安' });
  await page.reload();
  await page.locator('tr[data-code="GA001"]').getByRole('button', { name: '删除' }).click();
  await expect(page.locator('tr[data-code="GA001"]')).toHaveCount(0);
  expect(await hub.store.getService(spare.id)).toBeNull();
});

test('a window with a citizen at it is not deleted; an idle one is', async ({ page }) => {
  await openWindow(admin, window1.id);
  const called = await admin.post<{ ticket: { number: string } }>(`/api/v1/windows/${window1.id}/call-next`);
  expect(called.status).toBe(200);
  const spare = await createWindow(admin, hall.id, { number: 2, name: '帮办代办窗口', kind: 'assisted' });
  await open(page, '#windows');
  await page.locator('tr[data-window="1"]').getByRole('button', { name: '删除' }).click();
  await expect(page.locator('[data-refused]')).toContainText('无法删除');
  await expect(page.locator('[data-refused]')).not.toContainText('ticket');
  expect(await hub.store.getWindow(window1.id)).not.toBeNull();
  await shot(page, '7-window-refused');
  await page.locator('tr[data-window="2"]').getByRole('button', { name: '删除' }).click();
  await expect(page.locator('tr[data-window="2"]')).toHaveCount(0);
  await expect(page.locator('[data-refused]')).toHaveCount(0);
  expect(await hub.store.getWindow(spare.id)).toBeNull();
});

test('a password reset ends the sessions; accounts are deleted, but not your own', async ({ page }) => {
  const clerk = await createUser(hub, admin, {
    username: 'clerk-li',
    displayName: '李娜',
    hallIds: [hall.id],
  });
  const gone = await createUser(hub, admin, {
    username: 'clerk-old',
    displayName: '王旧',
    hallIds: [hall.id],
  });
  expect((await clerk.api.get('/api/v1/auth/me')).status).toBe(200);
  await open(page, '#users');
  await page.locator('tr[data-user="clerk-li"]').getByRole('button', { name: '重置密码' }).click();
  const reset = page.getByRole('form', { name: '重置密码' });
  await reset.getByLabel('新密码').fill('short');
  await reset.getByRole('button', { name: '重置密码' }).click();
  await expect(reset.locator('[data-field="password"] .field-error')).toBeVisible();
  expect((await clerk.api.get('/api/v1/auth/me')).status).toBe(200);
  await reset.getByLabel('新密码').fill('a brand new passphrase');
  await reset.getByRole('button', { name: '重置密码' }).click();
  await expect(reset.getByRole('status')).toContainText('李娜');
  await shot(page, '8-password-reset');
  expect((await clerk.api.get('/api/v1/auth/me')).status).toBe(401);
  await loginToken(hub, 'clerk-li', 'a brand new passphrase');

  await page.locator('tr[data-user="admin"]').getByRole('button', { name: '删除' }).click();
  await expect(page.locator('[data-refused]')).toContainText('无法删除');
  expect(await hub.store.getUserByUsername('admin')).not.toBeNull();
  await page.locator('tr[data-user="clerk-old"]').getByRole('button', { name: '删除' }).click();
  await expect(page.locator('tr[data-user="clerk-old"]')).toHaveCount(0);
  expect(await hub.store.getUser(gone.user.id)).toBeNull();
  expect((await gone.api.get('/api/v1/auth/me')).status).toBe(401);
});

test("a supervisor's clerk filter in statistics lists the hall's staff", async ({ page }) => {
  await createUser(hub, admin, {
    username: 'sup-zhang',
    displayName: '张监管',
    role: 'supervisor',
    hallIds: [hall.id],
  });
  await open(page, '#stats', 'sup-zhang');
  await expect(page.getByRole('link', { name: '效能统计' })).toHaveAttribute('aria-current', 'page');
  const clerkFilter = page.locator('select[name="clerkId"]');
  // Every person of the hall by name (the hub-wide admin too); the deleted clerk is gone.
  for (const name of ['马站长', '李娜', '张监管']) {
    await expect(clerkFilter.locator('option', { hasText: name })).toHaveCount(1);
  }
  await expect(clerkFilter.locator('option')).toHaveCount(4);
  const li = (await hub.store.getUserByUsername('clerk-li'))!;
  await clerkFilter.selectOption({ label: '李娜' });
  await expect(page.getByRole('link', { name: '导出 CSV' })).toHaveAttribute(
    'href',
    new RegExp(`clerkId=${li.id}`),
  );
  const answer = page.waitForResponse(
    (r) => r.url().includes('/stats?') && r.url().includes(`clerkId=${li.id}`),
  );
  await page.getByRole('button', { name: '查询' }).click();
  expect((await answer).status()).toBe(200);
});

test('a hall with matters is not deleted; an empty one is, and the console moves to the other', async ({
  page,
}) => {
  await open(page, '#hall');
  await page.getByRole('button', { name: '删除大厅' }).click();
  // Worded from the hub's counts, never its English detail ("… remove those first").
  await expect(page.getByText(/无法删除：仍有 \d+ \S+在使用，请先处理/)).toBeVisible();
  expect(await hub.store.getHall(hall.id)).not.toBeNull();

  const create = page.getByRole('form', { name: '新建大厅' });
  await create.getByLabel('名称').fill('南梁村便民服务站');
  await create.getByLabel('层级').selectOption({ label: '村（社区）' });
  await create.getByRole('button', { name: '新建大厅' }).click();
  await expect(page.getByRole('heading', { name: /南梁村便民服务站/ })).toBeVisible();
  const village = (await hub.store.listHalls()).find((h) => h.name === '南梁村便民服务站')!;
  await expect(page.getByLabel('大厅', { exact: true })).toHaveValue(village.id);
  expect(village).toMatchObject({ level: 'village', timeZone: 'Asia/Shanghai' });
  await shot(page, '9-second-hall');

  await page.getByRole('button', { name: '删除大厅' }).click();
  await expect(page.getByRole('heading', { name: /镇北堡镇便民服务中心/ })).toBeVisible();
  await expect(page.getByLabel('大厅', { exact: true })).toHaveCount(0);
  expect(await hub.store.getHall(village.id)).toBeNull();
  expect((await hub.store.listHalls()).map((h) => h.id)).toEqual([hall.id]);
});

test('resetting your own password ends your own session too: the console asks you to sign in', async ({
  page,
}) => {
  await open(page, '#users');
  await page.locator('tr[data-user="admin"]').getByRole('button', { name: '重置密码' }).click();
  const reset = page.getByRole('form', { name: '重置密码' });
  await reset.getByLabel('新密码').fill('the admin passphrase two');
  await reset.getByRole('button', { name: '重置密码' }).click();
  await expect(page.getByRole('form', { name: '登录' })).toBeVisible();
  expect((await admin.get('/api/v1/auth/me')).status).toBe(401);
  await page.getByLabel('用户名').fill('admin');
  await page.getByLabel('密码').fill('the admin passphrase two');
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByRole('link', { name: '人员' })).toBeVisible();
});
