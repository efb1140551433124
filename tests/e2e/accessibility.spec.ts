import { expect, test, type Page } from '@playwright/test';
import { seedDemoHall, type DemoHall } from '../../server/src/demo/seed.js';
import {
  type Api,
  PASSWORD,
  createDevice,
  createUser,
  expectStatus,
  issue,
  openWindow,
  setupAdmin,
} from '../helpers/api-fixtures.js';
import { startTestHub, type TestHub } from '../helpers/hub.js';
import { installFakeSpeech } from '../signage/board-fixtures.js';
import { expectAccessible } from './axe.js';

/**
 * Every screen and state under axe-core with the WCAG 2.2 AA rules: the
 * kiosk (normal and elder, portrait and landscape), the lobby board (each
 * layout and theme), the counter display and evaluator, the phone page
 * (normal and elder), the clerk console with its dialogs, and every page
 * of the admin console. Any violation fails the suite.
 */

let hub: TestHub;
let demo: DemoHall;
let admin: Api;
let clerk: Api;
let clerkName: string;
let kioskToken: string;
let displayId: string;
let displayToken: string;
let evaluatorToken: string;
let window3: string;

test.beforeAll(async () => {
  hub = await startTestHub();
  demo = await seedDemoHall(hub.deps);
  admin = await setupAdmin(hub);
  window3 = demo.windows.find((w) => w.number === 3)!.id;
  const c = await createUser(hub, admin, { hallIds: [demo.hall.id], displayName: '王芳', staffNo: 'YC0312' });
  clerk = c.api;
  clerkName = c.user.username;
  expectStatus(
    await admin.patch(`/api/v1/halls/${demo.hall.id}/windows/${window3}`, { clerkIds: [c.user.id] }),
    200,
    'assign',
  );
  expectStatus(await admin.post(`/api/v1/windows/${window3}/close`), 200, 'close');
  await openWindow(clerk, window3);
  kioskToken = (await createDevice(admin, demo.hall.id, { kind: 'kiosk', name: '1号取号机' })).token;
  const display = await createDevice(admin, demo.hall.id, { kind: 'display', name: '一楼大厅屏' });
  displayId = display.device.id;
  displayToken = display.token;
  evaluatorToken = (
    await createDevice(admin, demo.hall.id, { kind: 'evaluator', name: '3号窗口评价器', windowId: window3 })
  ).token;
  await admin.patch(`/api/v1/halls/${demo.hall.id}/signage`, { notice: '今日下午延时服务至18:00' });
  for (const s of demo.services.slice(0, 6)) await issue(admin, demo.hall.id, s.id);
  for (const n of [1, 2, 4, 5]) {
    const id = demo.windows.find((w) => w.number === n)!.id;
    await admin.post(`/api/v1/windows/${id}/call-next`);
  }
});
test.afterAll(() => hub.close());

const PORTRAIT = { width: 1080, height: 1920 };
const LANDSCAPE = { width: 1920, height: 1080 };

for (const [orientation, viewport] of [
  ['portrait', PORTRAIT],
  ['landscape', LANDSCAPE],
] as const) {
  for (const elder of [false, true]) {
    test(`kiosk, ${elder ? 'elder' : 'normal'} mode, ${orientation}`, async ({ page }) => {
      const mode = `${elder ? 'elder' : 'normal'} ${orientation}`;
      await page.setViewportSize(viewport);
      await page.goto(`${hub.url}/kiosk/yinchuan?token=${kioskToken}`);
      await expect(page.getByRole('heading', { name: /银川市民大厅/ })).toBeVisible();
      if (elder) {
        await page.getByRole('button', { name: '长者模式' }).click();
        await expect(page.locator('html')).toHaveAttribute('data-theme', 'elder');
      }
      await expectAccessible(page, `kiosk menu, ${mode}`);
      await page.getByRole('button', { name: /^社保/ }).click();
      await expectAccessible(page, `kiosk menu of one area, ${mode}`);
      await page.getByRole('button', { name: /社会保障卡申领/ }).click();
      await expect(page.locator('kiosk-priority')).toBeVisible();
      await expectAccessible(page, `kiosk priority step, ${mode}`);
      await page.locator('kiosk-priority [data-next]').click();
      await expect(page.locator('kiosk-appointment')).toBeVisible();
      await expectAccessible(page, `kiosk appointment step, ${mode}`);
      await page.locator('kiosk-appointment [data-skip]').click();
      await expect(page.locator('kiosk-result [data-number]')).toHaveText(/^[A-Z]+\d{3}$/);
      await expectAccessible(page, `kiosk result, ${mode}`);
    });
  }
}

const BOARD_SIZES = {
  landscape: LANDSCAPE,
  portrait: PORTRAIT,
  strip: { width: 1920, height: 160 },
} as const;
for (const layout of ['landscape', 'portrait', 'strip'] as const) {
  for (const theme of ['default', 'elder'] as const) {
    test(`board, ${layout} layout, ${theme} theme`, async ({ page }) => {
      expectStatus(
        await admin.patch(`/api/v1/halls/${demo.hall.id}/devices/${displayId}/board`, {
          layout,
          theme,
          windows: [],
          domains: [],
        }),
        200,
        'board',
      );
      await installFakeSpeech(page);
      await page.emulateMedia({ reducedMotion: 'reduce' });
      await page.setViewportSize(BOARD_SIZES[layout]);
      await page.goto(`${hub.url}/signage/?token=${displayToken}`);
      await expect(
        page.locator(`hall-board[status="live"][layout="${layout}"][theme="${theme}"]`),
      ).toHaveCount(1);
      await expectAccessible(page, `board ${layout} ${theme}`);
    });
  }
}

test('counter display and evaluator', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  const ticket = await issue(admin, demo.hall.id, demo.services[0]!.id);
  await page.goto(`${hub.url}/counter/${window3}?token=${evaluatorToken}`);
  await expect(page.getByText('工作人员 王芳', { exact: false })).toBeVisible();
  await expectAccessible(page, 'counter idle');
  let called = '';
  while (called !== ticket.number) {
    const r = expectStatus(
      await clerk.post<{ ticket: { number: string } | null }>(`/api/v1/windows/${window3}/call-next`),
      200,
      'call',
    );
    called = r.ticket!.number;
    await clerk.post(`/api/v1/windows/${window3}/start`);
    if (called !== ticket.number) await clerk.post(`/api/v1/windows/${window3}/complete`);
  }
  await expect(page.getByTestId('serving')).toHaveText(ticket.number);
  await expectAccessible(page, 'counter serving');
  await clerk.post(`/api/v1/windows/${window3}/complete`);
  await expect(page.locator('counter-evaluator')).toBeVisible();
  await expectAccessible(page, 'evaluator');
  await page.getByRole('button', { name: '不满意', exact: true }).click();
  await expectAccessible(page, 'evaluator with the reasons');
});

for (const elder of [false, true]) {
  test(`phone page, ${elder ? 'elder' : 'normal'} theme`, async ({ page }) => {
    const label = elder ? 'elder' : 'normal';
    await page.setViewportSize({ width: 375, height: 667 });
    const mine = await issue(admin, demo.hall.id, demo.services[1]!.id);
    await page.goto(`${hub.url}/t/${mine.statusToken}${elder ? '?theme=elder' : ''}`);
    await expect(page.getByTestId('number')).toHaveText(mine.number);
    await expectAccessible(page, `phone waiting, ${label}`);
    const w6 = demo.windows.find((w) => w.number === 6)!.id;
    expectStatus(await admin.post(`/api/v1/windows/${w6}/call-number`, { number: mine.number }), 200, 'call');
    await expect(page.getByTestId('status')).toHaveText('请到6号窗口');
    await expectAccessible(page, `phone called, ${label}`);
    await admin.post(`/api/v1/windows/${w6}/start`);
    await admin.post(`/api/v1/windows/${w6}/complete`);
    await expect(page.getByRole('heading', { name: '请为本次服务评价' })).toBeVisible();
    await expectAccessible(page, `phone rating, ${label}`);
  });
}

async function consoleLogin(page: Page): Promise<void> {
  await page.goto(`${hub.url}/console/`);
  await expect(page.getByRole('button', { name: '登录' })).toBeVisible();
  await expectAccessible(page, 'console login');
  await page.getByLabel('用户名').fill(clerkName);
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByText('请选择您的窗口')).toBeVisible();
  await expectAccessible(page, 'console window picker');
  await page.getByRole('button', { name: /3号窗口/ }).click();
  await expect(page.getByTestId('window-state')).toBeVisible();
}

test('clerk console and its dialogs', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await issue(admin, demo.hall.id, demo.services[0]!.id);
  await consoleLogin(page);
  await expectAccessible(page, 'console window');
  await page.getByRole('button', { name: /^叫下一位/ }).click();
  await expect(page.getByTestId('current-number')).not.toHaveText('—');
  await expectAccessible(page, 'console ticket called');
  await page.getByRole('button', { name: /^转办/ }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await expectAccessible(page, 'console transfer dialog');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toBeHidden();
  await page.getByRole('button', { name: /^暂停/ }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await expectAccessible(page, 'console pause reason dialog');
});

test('admin console: every page', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 900 });
  await page.goto(`${hub.url}/admin/`);
  await expect(page.getByRole('button', { name: '登录' })).toBeVisible();
  await expectAccessible(page, 'admin login');
  await page.getByLabel('用户名').fill('admin');
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByRole('link', { name: '现场监控' })).toBeVisible();
  for (const name of [
    '现场监控',
    '效能统计',
    '好差评整改',
    '设备',
    '大厅设置',
    '事项目录',
    '窗口',
    '人员',
    '公告与号票',
    '预约设置',
  ]) {
    const link = page.getByRole('navigation').getByRole('link', { name, exact: true });
    await link.click();
    await expect(link).toHaveAttribute('aria-current', 'page');
    await expect(page.locator('main h2').first()).toBeVisible();
    await expectAccessible(page, `admin page ${name}`);
  }
});

test('status page', async ({ page }) => {
  await page.goto(`${hub.url}/`);
  await expect(page.getByRole('heading', { name: '银川市民大厅' })).toBeVisible();
  await expectAccessible(page, 'status page');
});
