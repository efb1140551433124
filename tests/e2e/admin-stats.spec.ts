import { expect, test } from '@playwright/test';
import type { Service } from '../../server/src/domain/index.js';
import {
  PASSWORD,
  createDevice,
  createHall,
  createService,
  createUser,
  createWindow,
  loginToken,
  setupAdmin,
} from '../helpers/api-fixtures.js';
import type { TestHub } from '../helpers/hub.js';
import { simulateMonth, type LedgerEntry, type SimWindow } from '../stats/month-simulation.js';
import { Clock, startSimHub } from '../stats/support.js';
import { APPOINTMENT_DAY, BOOKER, local, seedAppointmentDay } from '../stats/appointment-day.js';
import { screenshot } from './screenshot.js';

/**
 * 效能统计 in the console on a seeded month (the simulation of tests/stats),
 * against figures this test works out from the simulation's own ledger:
 * never from the hub's statistics code.
 */

const HOUR = 3_600_000;
let t: TestHub;
let hallId: string;
let windows: { id: string; number: number }[];
let ledger: Map<string, LedgerEntry>;
const clock = new Clock(Date.UTC(2025, 2, 1, 0, 0));
/** Weekdays of March 2025, opening 09:00 in Shanghai (01:00 UTC). */
const DAYS = Array.from({ length: 31 }, (_, i) => i + 1)
  .map((d) => ({ day: `2025-03-${String(d).padStart(2, '0')}`, opensAt: Date.UTC(2025, 2, d, 1, 0) }))
  .filter(({ opensAt }) => ![0, 6].includes(new Date(opensAt).getUTCDay()));

test.beforeAll(async () => {
  // A month of tickets through the use cases takes a while on a shared machine.
  test.setTimeout(240_000);
  t = await startSimHub({ now: clock.now });
  const admin = await setupAdmin(t);
  hallId = (await createHall(admin, { name: '兴庆区政务服务中心', timeZone: 'Asia/Shanghai' })).id;
  const services: Service[] = [
    await createService(admin, hallId, { domain: '社保', prefix: 'A' }),
    await createService(admin, hallId, { domain: '医保', prefix: 'B' }),
    await createService(admin, hallId, { domain: '公安', prefix: 'C' }),
  ];
  const clerks: string[] = [];
  for (let i = 0; i < 3; i += 1) clerks.push((await createUser(t, admin, { hallIds: [hallId] })).user.id);
  const made = [
    await createWindow(admin, hallId, { kind: 'comprehensive', clerkIds: [clerks[0]] }),
    await createWindow(admin, hallId, { kind: 'domain', domains: ['公安'], clerkIds: [clerks[1]] }),
    await createWindow(admin, hallId, { kind: 'green_channel', clerkIds: [clerks[2]] }),
  ];
  windows = made;
  await createDevice(admin, hallId, { kind: 'kiosk' });
  const sim: SimWindow[] = made.map((window, i) => ({
    window,
    clerkId: clerks[i]!,
    actor: { type: 'user', id: clerks[i]! },
  }));
  await createUser(t, admin, { username: 'wangsup', role: 'supervisor', hallIds: [hallId] });
  ledger = await simulateMonth({ deps: t.deps, clock, hallId, services, windows: sim, days: DAYS, seed: 11 });
});
test.afterAll(() => t.close());

const minutes = (values: number[]) =>
  values.length === 0 ? '—' : (values.reduce((s, n) => s + n, 0) / values.length / 60_000).toFixed(1);
const shanghaiHour = (at: number) => new Date(at + 8 * HOUR).getUTCHours();

function expected(entries: LedgerEntry[]) {
  const waits = entries
    .filter((e) => e.firstCalledAt !== null)
    .map((e) => (e.firstCalledAt as number) - e.issuedAt);
  const services = entries
    .filter((e) => e.outcome === 'completed' && e.serviceMs !== null)
    .map((e) => e.serviceMs as number);
  const byHour = new Map<number, number>();
  for (const e of entries)
    byHour.set(shanghaiHour(e.issuedAt), (byHour.get(shanghaiHour(e.issuedAt)) ?? 0) + 1);
  const levels = [1, 2, 3, 4, 5].map((l) => entries.filter((e) => e.rating === l).length);
  return {
    issued: entries.length,
    served: entries.filter((e) => e.outcome === 'completed').length,
    noShows: entries.filter((e) => e.outcome === 'no_show').length,
    transfers: entries.reduce((s, e) => s + e.transfers, 0),
    transferredTickets: entries.filter((e) => e.transfers > 0).length,
    cancelled: entries.filter((e) => e.outcome === 'cancelled').length,
    expired: entries.filter((e) => e.outcome === 'expired').length,
    avgWait: minutes(waits),
    avgService: minutes(services),
    byHour,
    levels,
  };
}

test('the statistics page shows a seeded month as the ledger counts it, in tables beside Chart.js charts', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1400, height: 1000 });
  await page.goto(t.url + '/admin/#stats');
  await page.getByLabel('用户名').fill('wangsup');
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByLabel('开始日期').fill('2025-03-01');
  await page.getByLabel('结束日期').fill('2025-03-31');
  await page.getByRole('button', { name: '查询' }).click();

  const x = expected([...ledger.values()]);
  expect(x.issued).toBeGreaterThan(100);
  const figure = (name: string) => page.locator(`tr[data-figure="${name}"] td`);
  await expect(figure('issued')).toHaveText(String(x.issued));
  await expect(figure('served')).toHaveText(String(x.served));
  await expect(figure('noShows')).toHaveText(String(x.noShows));
  await expect(figure('transfers')).toHaveText(String(x.transfers));
  await expect(figure('transferredTickets')).toHaveText(String(x.transferredTickets));
  await expect(figure('cancelled')).toHaveText(String(x.cancelled));
  await expect(figure('expired')).toHaveText(String(x.expired));
  await expect(figure('avgWait')).toHaveText(x.avgWait);
  await expect(figure('avgService')).toHaveText(x.avgService);
  for (const [hour, n] of x.byHour)
    await expect(page.locator(`tr[data-hour="${hour}"] td`).nth(1)).toHaveText(String(n));
  for (let l = 1; l <= 5; l += 1)
    await expect(page.locator(`tr[data-level="${l}"] td`)).toHaveText(String(x.levels[l - 1]));
  await expect(page.locator('stats-chart canvas')).toHaveCount(4);
  const csv = page.getByRole('link', { name: '导出 CSV' });
  await expect(csv).toHaveAttribute('href', /stats\.csv\?from=2025-03-01&to=2025-03-31/);
  await screenshot(page, 'admin-stats', { fullPage: true });

  // One window: only the tickets last called there.
  const w = windows[1]!;
  await page.getByLabel('窗口').selectOption({ value: w.id });
  await page.getByRole('button', { name: '查询' }).click();
  const atWindow = expected([...ledger.values()].filter((e) => e.windowId === w.id));
  expect(atWindow.issued).toBeGreaterThan(0);
  await expect(figure('issued')).toHaveText(String(atWindow.issued));
  await expect(figure('served')).toHaveText(String(atWindow.served));
  await expect(figure('avgWait')).toHaveText(atWindow.avgWait);
  // The CSV link carries the same filters and answers the supervisor's session.
  const href = await csv.getAttribute('href');
  expect(href).toContain(`windowId=${w.id}`);
  const res = await page.request.get(t.url + href);
  expect(res.status()).toBe(200);
  expect(res.headers()['content-type']).toContain('text/csv');
});

test('the statistics page shows a morning of 预约: booked, cancelled, checked in, missed and the on-time rate', async ({
  page,
}) => {
  // Another hall, on a later day of the same hub clock: one booking called on time, one late, one missed, one cancelled.
  // Log in on that day: a token from March 2025 has long expired by then.
  clock.at = local(APPOINTMENT_DAY, '08:00');
  const admin = await loginToken(t, 'admin');
  const { hallId: bookedHall, codes } = await seedAppointmentDay(t, admin, (at) => (clock.at = at));
  await createUser(t, admin, { username: 'lisup', role: 'supervisor', hallIds: [bookedHall] });

  await page.setViewportSize({ width: 1400, height: 1000 });
  await page.goto(t.url + '/admin/#stats');
  await page.getByLabel('用户名').fill('lisup');
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByLabel('开始日期').fill(APPOINTMENT_DAY);
  await page.getByLabel('结束日期').fill(APPOINTMENT_DAY);
  await page.getByRole('button', { name: '查询' }).click();

  const table = page.locator('table[data-table="appointments"]');
  await expect(page.getByRole('heading', { name: '预约', exact: true })).toBeVisible();
  const figure = (name: string) => table.locator(`tr[data-figure="${name}"]`);
  await expect(figure('apptBooked').locator('th')).toHaveText('预约数');
  await expect(figure('apptBooked').locator('td')).toHaveText('4');
  await expect(figure('apptCancelled').locator('td')).toHaveText('1');
  await expect(figure('apptCheckedIn').locator('td')).toHaveText('2');
  await expect(figure('apptMissed').locator('th')).toHaveText('爽约');
  await expect(figure('apptMissed').locator('td')).toHaveText('1');
  await expect(figure('apptPending').locator('td')).toHaveText('0');
  await expect(figure('apptOnTimeRate').locator('th')).toHaveText('按时服务率');
  await expect(figure('apptOnTimeRate').locator('td')).toHaveText('50.0%');
  // Nothing on the page names a booker or shows a booking code.
  const text = await page.locator('body').innerText();
  for (const secret of [...codes, BOOKER.name, BOOKER.phone]) expect(text).not.toContain(secret);
  await screenshot(page, 'admin-stats-appointments', { fullPage: true });
});
