import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '../../server/src/http/index.js';
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
  storeFingerprint,
} from '../helpers/api-fixtures.js';
import { startTestHub, type TestHub } from '../helpers/hub.js';
import { fillPath, label } from '../helpers/route-table.js';

/** Who may act on which window: clerks on their own windows, keypads on theirs, devices in their hall. */

let t: TestHub;
let admin: Api;
let hallId: string;
let serviceId: string;
let w3: string;
let w5: string;
let clerk3: Api;
let keypad3: { api: Api; device: { id: string } };

beforeAll(async () => {
  t = await startTestHub();
  admin = await setupAdmin(t);
  const hall = await createHall(admin);
  hallId = hall.id;
  serviceId = (await createService(admin, hall.id)).id;
  const c3 = await createUser(t, admin, { hallIds: [hall.id] });
  const c5 = await createUser(t, admin, { hallIds: [hall.id] });
  clerk3 = c3.api;
  w3 = (await createWindow(admin, hall.id, { number: 3, clerkIds: [c3.user.id] })).id;
  w5 = (await createWindow(admin, hall.id, { number: 5, clerkIds: [c5.user.id] })).id;
  await openWindow(c5.api, w5);
  keypad3 = await createDevice(admin, hall.id, { kind: 'keypad', windowId: w3 });
  await issue(admin.as({}), hall.id, serviceId);
});
afterAll(async () => t.close());

const windowActions = ROUTES.filter(
  (r) => r.method === 'post' && r.path.startsWith('/api/v1/windows/:windowId/'),
);

async function forbidden(api: Api, path: string, body: unknown): Promise<void> {
  const before = await storeFingerprint(t);
  const reply = await api.post(path, body);
  expect(reply.status, JSON.stringify(reply.body)).toBe(403);
  expect(reply.body).toMatchObject({ code: 'forbidden' });
  expect(await storeFingerprint(t)).toBe(before);
}

describe('window actions', () => {
  it.each(windowActions.map((r) => [label(r), r] as const))(
    'the clerk of window 3 cannot %s on window 5',
    async (_n, r) => {
      await forbidden(clerk3, fillPath(r, { windowId: w5 }), r.example);
    },
  );

  it.each(windowActions.map((r) => [label(r), r] as const))(
    'the keypad of window 3 cannot %s on window 5',
    async (_n, r) => {
      await forbidden(keypad3.api, fillPath(r, { windowId: w5 }), r.example);
    },
  );

  it('the clerk and the keypad of window 3 act on window 3, recorded as themselves', async () => {
    await openWindow(clerk3, w3);
    const called = await keypad3.api.post<{ ticket: { id: string } }>(`/api/v1/windows/${w3}/call-next`);
    expect(called.status).toBe(200);
    const events = await t.store.listEvents(hallId, 0, 100);
    expect(events.find((e) => e.type === 'ticket.called')?.actor).toEqual({
      type: 'device',
      id: keypad3.device.id,
    });
  });

  it('a display or a kiosk cannot act on any window', async () => {
    const display = await createDevice(admin, hallId, { kind: 'display', windowId: w3 });
    const kiosk = await createDevice(admin, hallId, { kind: 'kiosk' });
    await forbidden(display.api, `/api/v1/windows/${w3}/call-next`, {});
    await forbidden(kiosk.api, `/api/v1/windows/${w3}/call-next`, {});
  });
});

describe('device tokens', () => {
  it('a revoked device token is refused on every route, even its own window', async () => {
    const keypad = await createDevice(admin, hallId, { kind: 'keypad', windowId: w5 });
    expect((await keypad.api.get(`/api/v1/windows/${w5}`)).status).toBe(200);
    await admin.post(`/api/v1/devices/${keypad.device.id}/revoke`);
    for (const send of [
      () => keypad.api.post(`/api/v1/windows/${w5}/call-next`),
      () => keypad.api.get(`/api/v1/windows/${w5}`),
      () => keypad.api.get(`/api/v1/halls/${hallId}/kiosk-menu`),
    ]) {
      const reply = await send();
      expect(reply.status).toBe(401);
      expect(reply.body).toMatchObject({ code: 'unauthenticated' });
    }
  });

  it('a kiosk issues for its own hall only, and a keypad does not issue at all', async () => {
    const other = await createHall(admin);
    const otherService = await createService(admin, other.id);
    const kiosk = await createDevice(admin, hallId, { kind: 'kiosk' });
    const own = await kiosk.api.post(`/api/v1/halls/${hallId}/tickets`, { serviceId });
    expect(own.status).toBe(201);
    const foreign = await kiosk.api.post(`/api/v1/halls/${other.id}/tickets`, { serviceId: otherService.id });
    expect(foreign.status).toBe(403);
    const keypad = await keypad3.api.post(`/api/v1/halls/${hallId}/tickets`, { serviceId });
    expect(keypad.status).toBe(403);
  });

  it('a forged or malformed bearer token is refused', async () => {
    for (const token of ['dev_forged', 'usr_forged', 'nothing', '']) {
      const reply = await admin.as({ token }).get(`/api/v1/halls/${hallId}`);
      expect(reply.status, token).toBe(401);
    }
  });
});

describe('halls', () => {
  it('staff of one hall cannot read or act in another', async () => {
    const other = await createHall(admin);
    const w = await createWindow(admin, other.id);
    for (const path of [
      `/api/v1/halls/${other.id}/tickets`,
      `/api/v1/halls/${other.id}/services`,
      `/api/v1/windows/${w.id}`,
    ]) {
      expect((await clerk3.get(path)).status, path).toBe(403);
      expect((await keypad3.api.get(path)).status, path).toBe(403);
    }
    const listed = await clerk3.get<{ halls: { id: string }[] }>('/api/v1/halls');
    expect(listed.body.halls.map((h) => h.id)).toEqual([hallId]);
  });
});
