import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupAdmin, type Api } from '../helpers/api-fixtures.js';
import { startTestHub, type TestHub } from '../helpers/hub.js';
import { APPOINTMENT_DAY, BOOKER, local, seedAppointmentDay } from './appointment-day.js';

/**
 * 预约 in the statistics over real HTTP: one booking called near its slot,
 * one called late, one missed, one cancelled; the stats answer and the CSV
 * count exactly those and say nothing about who booked.
 */

const MON = APPOINTMENT_DAY;
let clock = local(MON, '08:00');

let t: TestHub;
let admin: Api;

beforeAll(async () => {
  t = await startTestHub({ deps: { now: () => clock } });
  admin = await setupAdmin(t);
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
    const { hallId, codes } = await seedAppointmentDay(t, admin, (at) => (clock = at));
    const hall = { id: hallId };
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
    for (const secret of [...codes, BOOKER.name, BOOKER.phone, BOOKER.phone.slice(-4)]) {
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
    for (const code of codes) expect(body).not.toContain(code);
  });
});
