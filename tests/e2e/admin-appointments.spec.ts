/// <reference lib="dom" />
import { expect, test, type Page } from '@playwright/test';
import { seedDemoHall, type DemoHall } from '../../server/src/demo/seed.js';
import type { Api } from '../helpers/api-fixtures.js';
import { PASSWORD, setupAdmin } from '../helpers/api-fixtures.js';
import { startTestHub, type TestHub } from '../helpers/hub.js';
import { expectAccessible } from './axe.js';
import { screenshot } from './screenshot.js';

/**
 * 预约设置 in the admin console: booking turned on for a matter, its
 * capacity set, the two-week preview following the unsaved edits, the
 * settings saved, a bad value refused in Chinese at its field with nothing
 * changed, and the public booking API then offering the matter's slots.
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

interface Settings {
  enabled: boolean;
  services: { serviceId: string; enabled: boolean; slotMinutes: number; capacityPerSlot: number }[];
}

test('an admin opens booking for a matter, previews, saves; a bad value is refused and changes nothing', async ({
  page,
}) => {
  const svc = demo.services[0]!;
  await login(page, '#appointments');
  const form = page.getByRole('form', { name: '预约设置' });
  await expect(form).toBeVisible();
  const status = page.locator('[data-preview-state]');
  await expect(status).toContainText('已保存设置');
  await expect(status).toContainText('该事项未开放预约');
  await expectAccessible(page, 'appointment settings, booking off');

  await form.getByLabel('本大厅开放预约').check();
  await form.getByRole('checkbox', { name: `开放预约：${svc.code} ${svc.name}` }).check();
  const capacity = form.getByRole('spinbutton', { name: `每时段接待人数：${svc.code} ${svc.name}` });
  await capacity.fill('6');
  await page.getByRole('button', { name: '预览当前修改' }).click();
  await expect(status).toContainText('当前修改（尚未保存）');
  await expect(status).toContainText('该事项开放预约');
  await expect(status).toContainText('每小时最多 50% 的名额可被预约');
  // Tomorrow has every slot of its day; today's passed slots are not counted.
  const tomorrow = page.locator('[data-preview] tbody tr').nth(1);
  const cap6 = Number(await tomorrow.locator('[data-capacity]').textContent());
  expect(cap6).toBeGreaterThan(0);
  expect(Number(await tomorrow.locator('[data-bookable]').textContent())).toBeLessThanOrEqual(cap6 / 2);

  await capacity.fill('8');
  await page.getByRole('button', { name: '预览当前修改' }).click();
  await expect(tomorrow.locator('[data-capacity]')).toHaveText(String((cap6 / 6) * 8));
  await expectAccessible(page, 'appointment settings with a preview');

  // Nothing is saved by previewing.
  const before = (await admin.get<Settings>(`/api/v1/halls/${demo.hall.id}/appointment-settings`)).body;
  expect(before.enabled).toBe(false);

  await form.getByRole('button', { name: '保存' }).click();
  await expect(form.getByRole('status')).toHaveText('已保存');
  const saved = (await admin.get<Settings>(`/api/v1/halls/${demo.hall.id}/appointment-settings`)).body;
  expect(saved.enabled).toBe(true);
  expect(saved.services.find((s) => s.serviceId === svc.id)).toMatchObject({
    enabled: true,
    slotMinutes: 30,
    capacityPerSlot: 8,
  });
  await page.locator('[data-preview]').scrollIntoViewIfNeeded();
  await screenshot(page, 'admin-appointments');

  // A capacity beyond 500 is refused in Chinese, at its field, and nothing changes.
  await capacity.fill('9999');
  await form.getByRole('button', { name: '保存' }).click();
  await expect(form.locator('[data-refused]')).toHaveText('填写的内容有误，请检查后重试');
  const row = demo.services.findIndex((s) => s.id === svc.id);
  await expect(form.locator(`[data-field="services.${row}.capacityPerSlot"] .field-error`)).toHaveText(
    '不能大于 500',
  );
  await expect(capacity).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page, 'appointment settings with a refusal');
  const after = (await admin.get<Settings>(`/api/v1/halls/${demo.hall.id}/appointment-settings`)).body;
  expect(after).toEqual(saved);

  // The public booking API now offers the matter's slots.
  const options = (await (await fetch(`${hub.url}/api/v1/halls/${demo.hall.id}/booking`)).json()) as {
    services: { id: string }[];
    days: string[];
  };
  expect(options.services.map((s) => s.id)).toContain(svc.id);
  const slots = (await (
    await fetch(
      `${hub.url}/api/v1/halls/${demo.hall.id}/services/${svc.id}/booking-slots?day=${options.days[1]}`,
    )
  ).json()) as { slots: unknown[] };
  expect(slots.slots.length).toBeGreaterThan(0);

  // A holiday closes its day: the preview shows it as closed.
  const hall = (
    await admin.get<{ hall: { calendar: { holidays: string[] } } }>(`/api/v1/halls/${demo.hall.id}`)
  ).body.hall;
  const holiday = options.days[2]!;
  const patched = await admin.patch(`/api/v1/halls/${demo.hall.id}`, {
    calendar: { ...hall.calendar, holidays: [...hall.calendar.holidays, holiday] },
  });
  expect(patched.status).toBe(200);
  await page.getByRole('button', { name: '预览已保存设置' }).click();
  await expect(page.locator(`[data-preview] tr[data-day="${holiday}"] [data-closed]`)).toHaveText('不办公');
  await expect(page.locator(`[data-preview] tr[data-day="${options.days[1]}"] [data-closed]`)).toHaveCount(0);
});

test('the reminder lead is set per hall, a bad one refused at its field; a matter or hall with bookings to come is not deleted', async ({
  page,
}) => {
  const svc = demo.services[1]!;
  const path = `/api/v1/halls/${demo.hall.id}/appointment-settings`;
  const current = (await admin.get<Settings & Record<string, unknown>>(path)).body;
  const services = [
    ...current.services.filter((s) => s.serviceId !== svc.id),
    { serviceId: svc.id, enabled: true, slotMinutes: 30, capacityPerSlot: 4 },
  ];
  expect((await admin.put(path, { ...current, enabled: true, services })).status).toBe(200);
  const options = (await (await fetch(`${hub.url}/api/v1/halls/${demo.hall.id}/booking`)).json()) as {
    days: string[];
  };
  const day = options.days[1]!;
  const open = (await (
    await fetch(`${hub.url}/api/v1/halls/${demo.hall.id}/services/${svc.id}/booking-slots?day=${day}`)
  ).json()) as { slots: { start: number }[] };
  const booked = await fetch(`${hub.url}/api/v1/halls/${demo.hall.id}/bookings`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ serviceId: svc.id, day, slotStart: open.slots[0]!.start }),
  });
  expect(booked.status).toBe(201);

  await login(page, '#appointments');
  const form = page.getByRole('form', { name: '预约设置' });
  const lead = form.getByRole('spinbutton', { name: '短信提醒提前（分钟）' });
  await expect(lead).toHaveValue('');
  await expect(lead).toHaveAttribute('placeholder', '留空则按全局设置');
  const before = (await admin.get(path)).body;
  await lead.fill('2');
  await form.getByRole('button', { name: '保存' }).click();
  await expect(form.locator('[data-refused]')).toBeVisible();
  await expect(form.locator('[data-field="reminderLeadMinutes"] .field-error')).toBeVisible();
  expect((await admin.get(path)).body).toEqual(before);
  await lead.fill('240');
  await form.getByRole('button', { name: '保存' }).click();
  await expect(form.getByRole('status')).toHaveText('已保存');
  expect((await admin.get<{ reminderLeadMinutes: number | null }>(path)).body.reminderLeadMinutes).toBe(240);
  await expect(lead).toHaveValue('240');
  await lead.fill('');
  await form.getByRole('button', { name: '保存' }).click();
  await expect(form.getByRole('status')).toHaveText('已保存');
  expect((await admin.get<{ reminderLeadMinutes: number | null }>(path)).body.reminderLeadMinutes).toBeNull();

  // Deleting the matter or the hall is refused in Chinese, naming the booking still to come.
  page.on('dialog', (d) => void d.accept());
  await page.goto(hub.url + '/admin/#catalogue');
  const row = page.getByRole('row').filter({ hasText: svc.name });
  await row.getByRole('button', { name: '删除' }).click();
  await expect(page.getByText(`无法删除：还有 1 个尚未到期的预约（最晚一个在 ${day}）`)).toBeVisible();
  expect((await admin.get(`/api/v1/halls/${demo.hall.id}/services/${svc.id}`)).status).toBe(200);
  await page.goto(hub.url + '/admin/#hall');
  await page.getByRole('button', { name: '删除大厅' }).click();
  await expect(page.getByText('无法删除：还有 1 个尚未到期的预约')).toBeVisible();
  expect((await admin.get(`/api/v1/halls/${demo.hall.id}`)).status).toBe(200);
  await expectAccessible(page, 'hall page with a refused delete');
});
