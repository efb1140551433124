import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { markMissedBookings } from '../../server/src/app/index.js';
import { standardCalendar } from '../../server/src/domain/index.js';
import {
  Api,
  createHall,
  createService,
  createWindow,
  expectStatus,
  openWindow,
  setupAdmin,
} from '../helpers/api-fixtures.js';
import { startTestHub, type TestHub } from '../helpers/hub.js';

/**
 * 预约 in the statistics over real HTTP: one booking called near its slot,
 * one called late, one missed, one cancelled; the stats answer and the CSV
 * count exactly those and say nothing about who booked.
 */

const local = (day: string, hhmm: string): number => Date.parse(`${day}T${hhmm}:00+08:00`);
// Monday 2026-12-07; the standard calendar opens 09:00–12:00 on weekday mornings.
const MON = '2026-12-07';
let clock = local(MON, '08:00');

let t: TestHub;
let admin: Api;
let anon: Api;

beforeAll(async () => {
  t = await startTestHub({ deps: { now: () => clock } });
  admin = await setupAdmin(t);
  anon = new Api(t.url);
});
afterAll(async () => t.close());

interface AppointmentFigures {
  booked: number;
  cancelled: number;
  checkedIn: number;
  missed: number;
  pending: number;
  called: number;
  onTime: number;
  onTimeRate: number | null;
}

describe('appointments in the statistics', () => {
  it('count booked, cancelled, checked in, missed and the on-time rate of the period', async () => {
    const hall = await createHall(admin, { calendar: standardCalendar() });
    const service = await createService(admin, hall.id, { domain: '社保' });
    expectStatus(
      await admin.put(`/api/v1/halls/${hall.id}/appointment-settings`, {
        enabled: true,
        maxBookedShare: 0.5,
        horizonDays: 14,
        minLeadMinutes: 30,
        earlyMinutes: 30,
        lateMinutes: 15,
        name: 'optional',
        phone: 'optional',
        allowDuplicates: true,
        purgeAfterDays: 30,
        services: [{ serviceId: service.id, enabled: true, slotMinutes: 30, capacityPerSlot: 2 }],
      }),
      200,
      'settings',
    );
    const window = await createWindow(admin, hall.id);
    await openWindow(admin, window.id);
    const book = async (slotStart: number) => {
      const reply = await anon.post<{ code: string }>(`/api/v1/halls/${hall.id}/bookings`, {
        serviceId: service.id,
        day: MON,
        slotStart,
        name: '张三',
        phone: '13800001111',
      });
      return expectStatus(reply, 201, 'book').code;
    };
    const checkIn = async (code: string) =>
      expectStatus(await anon.post(`/api/v1/halls/${hall.id}/bookings/${code}/check-in`), 201, 'check in');
    const callNext = async () =>
      expectStatus(await admin.post(`/api/v1/windows/${window.id}/call-next`, {}), 200, 'call next');

    const onTime = await book(600); // 10:00
    const calledLate = await book(630); // 10:30
    const missed = await book(660); // 11:00
    const cancelled = await book(690); // 11:30
    expectStatus(await anon.post(`/api/v1/bookings/${cancelled}/cancel`), 200, 'cancel');

    clock = local(MON, '09:50');
    await checkIn(onTime);
    clock = local(MON, '09:55');
    await callNext(); // 5 minutes before its slot: on time
    clock = local(MON, '10:40');
    await checkIn(calledLate);
    clock = local(MON, '10:46');
    await callNext(); // 16 minutes after its slot start: one minute past the bound
    clock = local(MON, '11:16');
    expect(await markMissedBookings(t.deps, clock)).toBe(1);

    const stats = await admin.get<{ appointments: AppointmentFigures }>(
      `/api/v1/halls/${hall.id}/stats?from=${MON}&to=${MON}`,
    );
    expect(stats.status).toBe(200);
    expect(stats.body.appointments).toEqual({
      booked: 4,
      cancelled: 1,
      checkedIn: 2,
      missed: 1,
      pending: 0,
      called: 2,
      onTime: 1,
      onTimeRate: 0.5,
    });
    // Counts only: no code, name or phone of a booker.
    const text = JSON.stringify(stats.body);
    for (const secret of [onTime, calledLate, missed, cancelled, '张三', '13800001111', '1111']) {
      expect(text).not.toContain(secret);
    }

    // The area filter narrows them; another day has none.
    const otherArea = await admin.get<{ appointments: AppointmentFigures }>(
      `/api/v1/halls/${hall.id}/stats?from=${MON}&to=${MON}&domain=${encodeURIComponent('公安')}`,
    );
    expect(otherArea.body.appointments).toMatchObject({ booked: 0, onTimeRate: null });
    const sameArea = await admin.get<{ appointments: AppointmentFigures }>(
      `/api/v1/halls/${hall.id}/stats?from=${MON}&to=${MON}&domain=${encodeURIComponent('社保')}`,
    );
    expect(sameArea.body.appointments).toMatchObject({ booked: 4, onTime: 1 });
    const nextDay = await admin.get<{ appointments: AppointmentFigures }>(
      `/api/v1/halls/${hall.id}/stats?from=2026-12-08&to=2026-12-08`,
    );
    expect(nextDay.body.appointments.booked).toBe(0);

    const csv = await admin.get<string>(`/api/v1/halls/${hall.id}/stats.csv?from=${MON}&to=${MON}`);
    expect(csv.status).toBe(200);
    const body = csv.body;
    expect(body).toContain('\r\n预约数 booked,4\r\n');
    expect(body).toContain('\r\n爽约 missed,1\r\n');
    expect(body).toContain('\r\n按时服务率(%) on-time rate (%),50\r\n');
    expect(body).not.toContain(onTime);
  });
});
