import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api, createHall, createService, expectStatus } from '../helpers/api-fixtures.js';
import { startHubProcess, type HubProcess } from '../helpers/hub-process.js';

/**
 * Two kiosks scan one booking code at the same moment, each through its own
 * hub process on one SQLite file, so the two check-ins really run at once:
 * exactly one ticket per booking, and the other kiosk is told the booking is
 * already checked in. The hall is open around the clock and books 15-minute
 * slots with no notice, so the first open slot is always inside its check-in
 * window, whatever the hour the test runs.
 */
const PASSWORD = 'correct horse battery';
const BOOKINGS = 8;
let dir = '';
let a: HubProcess;
let b: HubProcess;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'check-in-race-'));
  const env = {
    DATA_DIR: dir,
    HUB_ADMIN_PASSWORD: PASSWORD,
    RATE_LIMIT_PER_MINUTE: '100000',
    VIRTUAL_PRINTER_PORT: 'off',
  };
  a = await startHubProcess(env);
  b = await startHubProcess(env);
}, 60_000);

afterAll(async () => {
  for (const h of [a, b]) if (h && h.child.exitCode === null) h.child.kill('SIGTERM');
  await Promise.all([a?.exited, b?.exited]);
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('two hub processes checking one booking in at once', () => {
  it('give one ticket per booking; the other scan is refused as already checked in', async () => {
    const login = await new Api(a.url).post<{ token: string }>('/api/v1/auth/login', {
      username: 'admin',
      password: PASSWORD,
      token: true,
    });
    const admin = new Api(a.url, { token: expectStatus(login, 200, 'login').token });
    const hall = await createHall(admin);
    const service = await createService(admin, hall.id);
    const settings = {
      enabled: true,
      maxBookedShare: 1,
      horizonDays: 2,
      minLeadMinutes: 0,
      earlyMinutes: 30,
      lateMinutes: 15,
      name: 'off',
      phone: 'off',
      allowDuplicates: true,
      purgeAfterDays: 30,
      services: [{ serviceId: service.id, enabled: true, slotMinutes: 15, capacityPerSlot: 50 }],
    };
    expectStatus(await admin.put(`/api/v1/halls/${hall.id}/appointment-settings`, settings), 200, 'settings');
    const anon = new Api(a.url);
    const options = await anon.get<{ days: string[] }>(`/api/v1/halls/${hall.id}/booking`);
    // The first bookable slot starts within 15 minutes: its check-in window is open now.
    let slot: { day: string; start: number } | undefined;
    for (const day of options.body.days) {
      const open = await anon.get<{ slots: { start: number }[] }>(
        `/api/v1/halls/${hall.id}/services/${service.id}/booking-slots?day=${day}`,
      );
      const first = open.body.slots[0];
      if (first) {
        slot = { day, start: first.start };
        break;
      }
    }
    expect(slot).toBeDefined();
    const codes: string[] = [];
    for (let i = 0; i < BOOKINGS; i++) {
      const made = await anon.post<{ code: string }>(`/api/v1/halls/${hall.id}/bookings`, {
        serviceId: service.id,
        day: slot?.day,
        slotStart: slot?.start,
      });
      codes.push(expectStatus(made, 201, 'book').code);
    }

    const hubs = [new Api(a.url), new Api(b.url)];
    const answers = await Promise.all(
      codes.map((code) =>
        Promise.all(
          hubs.map((hub) =>
            hub.post<Record<string, unknown>>(`/api/v1/halls/${hall.id}/bookings/${code}/check-in`),
          ),
        ),
      ),
    );
    for (const pair of answers) {
      expect(pair.map((r) => r.status).sort(), JSON.stringify(pair.map((r) => r.body))).toEqual([201, 409]);
      expect(pair.find((r) => r.status === 409)?.body).toMatchObject({
        code: 'invalid_state',
        params: { status: 'checked_in', action: 'check_in' },
      });
    }
    const tickets = await admin.get<{ tickets: { id: string; channel: string }[] }>(
      `/api/v1/halls/${hall.id}/tickets`,
    );
    expect(tickets.body.tickets.filter((t) => t.channel === 'appointment')).toHaveLength(BOOKINGS);
    for (const code of codes) {
      const booking = await anon.get<{ status: string }>(`/api/v1/bookings/${code}`);
      expect(booking.body.status).toBe('checked_in');
    }
  }, 120_000);
});
