/// <reference lib="dom" />
import { test, expect, type Page } from '@playwright/test';
import { startTestHub, type TestHub } from '../helpers/hub.js';
import {
  type Api,
  createHall,
  createService,
  createUser,
  createWindow,
  expectStatus,
  PASSWORD,
  setupAdmin,
} from '../helpers/api-fixtures.js';
import { expectAccessible } from './axe.js';
import { screenshot } from './screenshot.js';

/**
 * The public booking page (/book/<hallId>) on a 375×667 phone in Debian
 * Chromium: matter, day, time, contact; the booking code and its QR; moving
 * and cancelling with the code; a hall without booking says to just come.
 */

let hub: TestHub;
let admin: Api;
let hallId: string;
let serviceName: string;

test.use({ viewport: { width: 375, height: 667 }, isMobile: true, hasTouch: true });

test.beforeAll(async () => {
  hub = await startTestHub();
  admin = await setupAdmin(hub);
  // Open around the clock, so the test passes at any hour.
  const hall = await createHall(admin);
  hallId = hall.id;
  const service = await createService(admin, hall.id, { name: '社会保障卡申领' });
  serviceName = service.name;
  expectStatus(
    await admin.put(`/api/v1/halls/${hall.id}/appointment-settings`, {
      enabled: true,
      maxBookedShare: 0.5,
      horizonDays: 7,
      minLeadMinutes: 0,
      earlyMinutes: 30,
      lateMinutes: 15,
      name: 'optional',
      phone: 'optional',
      allowDuplicates: false,
      purgeAfterDays: 30,
      services: [{ serviceId: service.id, enabled: true, slotMinutes: 30, capacityPerSlot: 4 }],
    }),
    200,
    'settings',
  );
});
test.afterAll(() => hub.close());

/** The day buttons list today first; tomorrow always has every slot of the day. */
async function chooseTomorrow(page: Page): Promise<void> {
  await page.getByRole('heading', { name: '请选择日期' }).waitFor();
  await page.locator('booking-page .choices button').nth(1).click();
}

test('books without an account, shows the code and its QR, moves and cancels with the code', async ({
  page,
}) => {
  await page.goto(`${hub.url}/book/${hallId}`);
  await expect(page.getByRole('heading', { name: /预约办事/ })).toBeVisible();
  await expect(page.getByText('无需预约，可随时到大厅取号办理。')).toBeVisible();
  await expectAccessible(page, 'choose a matter');
  await page.getByRole('button', { name: serviceName }).click();
  await chooseTomorrow(page);
  await page.getByRole('button', { name: '09:00–09:30' }).click();
  await page.getByLabel(/姓名/).fill('张三丰');
  await page.getByLabel(/手机号/).fill('13812345678');
  await expectAccessible(page, 'contact');
  await page.getByRole('button', { name: '确认预约' }).click();

  await expect(page.getByTestId('booking-status')).toHaveText('预约成功');
  const code = (await page.getByTestId('code').textContent())?.trim() ?? '';
  expect(code).toMatch(/^[2-9A-HJKMNP-Z]{8}$/);
  await expect(page.getByTestId('slot')).toContainText('09:00–09:30');
  const qr = page.getByRole('img', { name: '预约码二维码' });
  await expect(qr).toBeVisible();
  await expect.poll(() => qr.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(100);
  await expectAccessible(page, 'booked');
  await screenshot(page, 'booking-done', { fullPage: true });
  // Nothing personal shows on the page beyond what the citizen typed, masked by the hub.
  await expect(page.locator('body')).not.toContainText('13812345678');

  await page.getByRole('button', { name: '改约时间' }).click();
  await chooseTomorrow(page);
  await page.getByRole('button', { name: '10:00–10:30' }).click();
  await expect(page.getByTestId('slot')).toContainText('10:00–10:30');
  await expect(page.getByTestId('code')).toHaveText(code);

  // Another phone opens the booking by its code.
  const other = await page.context().newPage();
  await other.goto(`${hub.url}/book/${hallId}`);
  await other.getByRole('textbox', { name: /输入预约码/ }).fill(code.toLowerCase());
  await other.getByRole('button', { name: '查询' }).click();
  await expect(other.getByTestId('slot')).toContainText('10:00–10:30');
  await other.getByRole('button', { name: '取消预约' }).click();
  await expect(other.getByTestId('booking-status')).toHaveText('预约已取消');
  await expect(other.getByRole('img', { name: '预约码二维码' })).toHaveCount(0);

  const stored = await hub.store.getAppointmentByCode(code);
  expect(stored?.status).toBe('cancelled');
});

test('a refused booking is said in Chinese, and a wrong code finds nothing', async ({ page }) => {
  await page.goto(`${hub.url}/book/${hallId}`);
  await page.getByRole('button', { name: serviceName }).click();
  await chooseTomorrow(page);
  await page.getByRole('button', { name: '11:00–11:30' }).click();
  await page.getByLabel(/手机号/).fill('123');
  await page.getByRole('button', { name: '确认预约' }).click();
  await expect(page.getByTestId('error')).toHaveText('请填写正确的姓名和手机号');
  await page.getByRole('textbox', { name: /输入预约码/ }).fill('ABCDEFGH');
  await page.getByRole('button', { name: '查询' }).click();
  await expect(page.getByTestId('error')).toHaveText('找不到相关记录，请刷新后重试');
});

test('a hall that takes no bookings says to come and take a ticket', async ({ page }) => {
  const hall = await createHall(admin);
  await page.goto(`${hub.url}/book/${hall.id}`);
  await expect(page.getByTestId('not-offered')).toHaveText('本大厅暂未开放网上预约。');
  await expect(page.getByText('无需预约，可随时到大厅取号办理。')).toBeVisible();
  await expectAccessible(page, 'not offered');
});

/** The next 30-minute slot after now, in the hall's time (Asia/Shanghai): inside its check-in window. */
function nextSlot(): { day: string; slotStart: number } {
  const HALF_HOUR = 30 * 60_000;
  const at = Math.ceil((Date.now() + 1) / HALF_HOUR) * HALF_HOUR;
  const local = new Date(at + 8 * 3_600_000);
  return {
    day: local.toISOString().slice(0, 10),
    slotStart: local.getUTCHours() * 60 + local.getUTCMinutes(),
  };
}

test('the kiosk checks a scanned booking code in, and refuses a used one with the way to an ordinary ticket', async ({
  page,
}) => {
  const hall = await hub.store.getHall(hallId);
  const services = await hub.store.listServices(hallId);
  const { day, slotStart } = nextSlot();
  const made = await admin.post<{ code: string }>(`/api/v1/halls/${hallId}/bookings`, {
    serviceId: services[0]!.id,
    day,
    slotStart,
  });
  const code = expectStatus(made, 201, 'booking').code;
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`${hub.url}/kiosk/${hall!.id}`);
  await page.getByRole('button', { name: new RegExp(serviceName) }).click();
  await page.locator('kiosk-priority [data-next]').click();
  // A scanner types the code and ends with Enter.
  await page.getByRole('textbox', { name: '预约码' }).pressSequentially(code);
  await page.keyboard.press('Enter');
  await expect(page.locator('kiosk-result [data-notice]')).toHaveText('预约签到成功，已按预约优先排队。');
  const number = (await page.locator('kiosk-result [data-number]').textContent())!.trim();
  const ticket = (await hub.store.listTickets(hallId)).find((t) => t.number === number);
  expect(ticket).toMatchObject({ channel: 'appointment', appointmentId: expect.any(String) });
  expect(ticket!.issuedAt - ticket!.effectiveAt).toBe(10 * 60_000);
  await screenshot(page, 'kiosk-booking-checked-in');

  await page.locator('kiosk-result [data-done]').click();
  await page.getByRole('button', { name: new RegExp(serviceName) }).click();
  await page.locator('kiosk-priority [data-next]').click();
  await page.getByRole('textbox', { name: '预约码' }).fill(code);
  await page.getByRole('button', { name: '预约签到' }).click();
  await expect(page.locator('kiosk-appointment [data-refusal]')).toHaveText('该预约已签到取号，不能重复签到');
  await expectAccessible(page, 'kiosk check-in refused');
  await page.getByRole('button', { name: '没有预约，直接取号' }).click();
  await expect(page.locator('kiosk-result [data-number]')).toBeVisible();
});

test('a clerk checks a booking in from the console for a citizen at the window', async ({ page }) => {
  const services = await hub.store.listServices(hallId);
  const clerk = await createUser(hub, admin, { username: 'clerk-appt', hallIds: [hallId] });
  await createWindow(admin, hallId, { number: 7, name: '7号窗口', clerkIds: [clerk.user.id] });
  const { day, slotStart } = nextSlot();
  const made = await admin.post<{ code: string }>(`/api/v1/halls/${hallId}/bookings`, {
    serviceId: services[0]!.id,
    day,
    slotStart,
  });
  const code = expectStatus(made, 201, 'booking').code;
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(`${hub.url}/console/`);
  await page.getByLabel('用户名').fill('clerk-appt');
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('button', { name: /7号窗口/ }).click();
  await page.getByRole('button', { name: '为群众取号' }).click();
  const dialog = page.getByRole('dialog', { name: '为群众取号' });
  await dialog.getByRole('textbox', { name: '预约码' }).fill(code);
  await dialog.getByRole('button', { name: '预约签到' }).click();
  await expect(dialog.getByRole('status')).toContainText('预约已签到');
  const booking = await hub.store.getAppointmentByCode(code);
  expect(booking?.status).toBe('checked_in');
  const checkedIn = (await hub.store.listEvents(hallId, 0, 1000)).find(
    (e) => e.type === 'appointment.checked_in' && e.data.appointmentId === booking?.id,
  );
  expect(checkedIn?.actor).toEqual({ type: 'user', id: clerk.user.id });
  await expectAccessible(page, 'console check-in');
});
