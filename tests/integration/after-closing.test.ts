import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api, createDevice, createHall, createService, setupAdmin } from '../helpers/api-fixtures.js';
import { startTestHub, type TestHub } from '../helpers/hub.js';

/**
 * A ticket taken after the hall's last closing time would be expired by the
 * end-of-day job minutes later, with the citizen still waiting for it: the
 * hub refuses it with a reason instead, whoever issues it.
 */

/** Monday 5 January 2026 in Asia/Shanghai (UTC+8) at hh:mm. */
const monday = (hh: number, mm = 0) => Date.UTC(2026, 0, 5, hh - 8, mm);
const weekday = () => [
  { open: '09:00', close: '12:00' },
  { open: '13:30', close: '17:30' },
];
const CALENDAR = {
  weekly: [[], weekday(), weekday(), weekday(), weekday(), weekday(), []],
  holidays: [],
  special: {},
};

let now = monday(10);
let t: TestHub;
let admin: Api;
let kiosk: Api;
let hallId: string;
let serviceId: string;

beforeAll(async () => {
  t = await startTestHub({ deps: { now: () => now } });
  admin = await setupAdmin(t);
  const hall = await createHall(admin, { calendar: CALENDAR });
  hallId = hall.id;
  serviceId = (await createService(admin, hall.id)).id;
  kiosk = (await createDevice(admin, hall.id, { kind: 'kiosk' })).api;
});
afterAll(async () => t.close());

const take = (api: Api) => api.post(`/api/v1/halls/${hallId}/tickets`, { serviceId });

describe('issuing after closing time', () => {
  it('refuses a kiosk, a citizen and staff alike with hall_closed, and stores nothing', async () => {
    now = monday(17, 31);
    const before = (await t.store.listTickets(hallId)).length;
    for (const api of [kiosk, new Api(t.url), admin]) {
      const reply = await take(api);
      expect(reply.status).toBe(409);
      expect(reply.body).toMatchObject({ code: 'hall_closed' });
    }
    expect((await t.store.listTickets(hallId)).length).toBe(before);
  });

  it('refuses on a day the hall does not open', async () => {
    now = Date.UTC(2026, 0, 4, 3); // Sunday 11:00
    expect((await take(kiosk)).body).toMatchObject({ code: 'hall_closed' });
  });

  it('issues before opening and over the midday break: those tickets wait for the windows', async () => {
    now = monday(8, 30);
    expect((await take(kiosk)).status).toBe(201);
    now = monday(12, 30);
    expect((await take(kiosk)).status).toBe(201);
    now = monday(17, 29);
    expect((await take(kiosk)).status).toBe(201);
  });

  it('issues in extended hours (a special day of the calendar)', async () => {
    const special = { '2026-01-05': [{ open: '09:00', close: '19:00' }] };
    expect(
      (await admin.patch(`/api/v1/halls/${hallId}`, { calendar: { ...CALENDAR, special } })).status,
    ).toBe(200);
    now = monday(18);
    expect((await take(kiosk)).status).toBe(201);
  });
});
