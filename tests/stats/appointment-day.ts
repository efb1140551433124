import { markMissedBookings } from '../../server/src/app/index.js';
import { standardCalendar } from '../../server/src/domain/index.js';
import {
  Api,
  createHall,
  createService,
  createWindow,
  expectStatus,
  openWindow,
} from '../helpers/api-fixtures.js';
import type { TestHub } from '../helpers/hub.js';

/**
 * A morning of 预约 over real HTTP, Monday 2026-12-07 in Shanghai: one
 * booking called five minutes before its slot (on time), one called 16
 * minutes after its slot start (one minute past the bound), one missed, one
 * cancelled. Expected: booked 4, cancelled 1, checked in 2, missed 1,
 * called 2, on time 1, rate 50%.
 */

export const local = (day: string, hhmm: string): number => Date.parse(`${day}T${hhmm}:00+08:00`);
export const APPOINTMENT_DAY = '2026-12-07';
/** Who booked: none of it may appear in the statistics. */
export const BOOKER = { name: '张三', phone: '13800001111' };

export async function seedAppointmentDay(
  t: TestHub,
  admin: Api,
  setClock: (at: number) => void,
): Promise<{ hallId: string; codes: string[] }> {
  const day = APPOINTMENT_DAY;
  const anon = new Api(t.url);
  setClock(local(day, '08:00'));
  const hall = await createHall(admin, { name: '金凤区政务服务中心', calendar: standardCalendar() });
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
      day,
      slotStart,
      ...BOOKER,
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

  setClock(local(day, '09:50'));
  await checkIn(onTime);
  setClock(local(day, '09:55'));
  await callNext(); // 5 minutes before its slot: on time
  setClock(local(day, '10:40'));
  await checkIn(calledLate);
  setClock(local(day, '10:46'));
  await callNext(); // 16 minutes after its slot start: one minute past the bound
  setClock(local(day, '11:16'));
  const marked = await markMissedBookings(t.deps, local(day, '11:16'));
  if (marked !== 1) throw new Error(`expected one missed booking, got ${marked}`);
  return { hallId: hall.id, codes: [onTime, calledLate, missed, cancelled] };
}
