import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Api,
  createDevice,
  createHall,
  createService,
  createUser,
  createWindow,
  issue,
  openWindow,
  setupAdmin,
} from '../helpers/api-fixtures.js';
import { startTestHub, type TestHub } from '../helpers/hub.js';

/**
 * `GET /api/v1/windows/:id` read with a device token: a counter display or an
 * evaluator shows the number being served, a keypad the numbers it can call.
 * None of them shows who works the window or what a citizen declared
 * (priority categories, assistance), so none of it leaves the hub for them.
 */

let t: TestHub;
let admin: Api;
let w3: string;
let w5: string;
let clerkId: string;

beforeAll(async () => {
  t = await startTestHub();
  admin = await setupAdmin(t);
  const hall = await createHall(admin);
  const service = await createService(admin, hall.id);
  const clerk = await createUser(t, admin, { hallIds: [hall.id] });
  clerkId = clerk.user.id;
  w3 = (await createWindow(admin, hall.id, { clerkIds: [clerkId] })).id;
  w5 = (await createWindow(admin, hall.id)).id;
  await openWindow(clerk.api, w3);
  await issue(admin, hall.id, service.id, { categories: ['elderly'], assistance: true });
  await issue(admin, hall.id, service.id, { categories: ['disabled'] });
  expect((await clerk.api.post(`/api/v1/windows/${w3}/call-next`)).status).toBe(200);
  devices = {
    display: (await createDevice(admin, hall.id, { kind: 'display', windowId: w3 })).api,
    evaluator: (await createDevice(admin, hall.id, { kind: 'evaluator', windowId: w3 })).api,
    keypad: (await createDevice(admin, hall.id, { kind: 'keypad', windowId: w3 })).api,
  };
});
afterAll(async () => t.close());

let devices: Record<'display' | 'evaluator' | 'keypad', Api>;

const PRIVATE = /categories|assistance|clerkIds|currentClerkId|priority|serviceIds|effectiveAt|channel/;

describe('a window read with a device token', () => {
  it.each(['display', 'evaluator'] as const)(
    'gives a %s the window and the number served, nothing more',
    async (kind) => {
      const reply = await devices[kind].get(`/api/v1/windows/${w3}`);
      expect(reply.status).toBe(200);
      expect(JSON.stringify(reply.body)).not.toMatch(PRIVATE);
      expect(JSON.stringify(reply.body)).not.toContain(clerkId);
      expect(reply.body).toEqual({
        window: expect.objectContaining({ id: w3, state: 'open' }),
        current: { id: expect.any(String), number: 'A001', status: 'called', calledAt: expect.any(Number) },
        held: [],
        next: [],
      });
    },
  );

  it('gives a keypad the numbers it can call, without what the citizens declared', async () => {
    const reply = await devices.keypad.get(`/api/v1/windows/${w3}`);
    expect(reply.status).toBe(200);
    expect(JSON.stringify(reply.body)).not.toMatch(PRIVATE);
    expect(JSON.stringify(reply.body)).not.toContain(clerkId);
    expect(reply.body).toMatchObject({ current: { number: 'A001' }, held: [], next: [{ number: 'A002' }] });
  });

  it("refuses a device another window's view", async () => {
    for (const api of Object.values(devices)) {
      const reply = await api.get(`/api/v1/windows/${w5}`);
      expect(reply.status).toBe(403);
      expect(reply.body).toMatchObject({ code: 'forbidden' });
    }
  });

  it('still gives staff the full view', async () => {
    const reply = await admin.get<{ current: { categories: string[]; assistance: boolean } }>(
      `/api/v1/windows/${w3}`,
    );
    expect(reply.body.current).toMatchObject({ categories: ['elderly'], assistance: true });
  });
});
