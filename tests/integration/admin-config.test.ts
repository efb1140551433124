import type { EventBatch } from '../../server/src/store/port.js';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  type Api,
  createDevice,
  createHall,
  createService,
  createUser,
  createWindow,
  loginToken,
  setupAdmin,
} from '../helpers/api-fixtures.js';
import { startTestHub, type TestHub } from '../helpers/hub.js';

/** Admin configuration: references checked, foreign ids refused, changes audited and published. */

let t: TestHub;
let admin: Api;
const published: EventBatch[] = [];

beforeAll(async () => {
  t = await startTestHub();
  admin = await setupAdmin(t);
  t.deps.store.followEvents({ allHalls: true }, (batch) => {
    published.push(batch);
  });
});
afterAll(async () => t.close());

const configEvents = (hallId: string) =>
  published
    .filter((b) => b.hallId === hallId)
    .flatMap((b) => b.events.filter((e) => e.type === 'config.changed'));

describe('cross-references', () => {
  it("refuses a window naming another hall's matter or a clerk of another hall", async () => {
    const a = await createHall(admin);
    const b = await createHall(admin);
    const foreign = await createService(admin, b.id);
    const outsider = await createUser(t, admin, { hallIds: [b.id] });
    const reply = await admin.post(`/api/v1/halls/${a.id}/windows`, {
      number: 1,
      name: '综合窗口',
      kind: 'comprehensive',
      serviceIds: [foreign.id],
      clerkIds: [outsider.user.id],
    });
    expect(reply.status).toBe(422);
    expect(reply.body).toMatchObject({
      code: 'invalid_config',
      errors: [{ path: 'window.serviceIds.0' }, { path: 'window.clerkIds.0' }],
    });
    expect(await t.store.listWindows(a.id)).toEqual([]);
  });

  it('refuses a domain window without domains, a duplicate window number and a duplicate matter code', async () => {
    const hall = await createHall(admin);
    await createWindow(admin, hall.id, { number: 1 });
    const svc = await createService(admin, hall.id, { code: 'SB001' });
    const noDomain = await admin.post(`/api/v1/halls/${hall.id}/windows`, {
      number: 2,
      name: 'x',
      kind: 'domain',
    });
    expect(noDomain.body).toMatchObject({ code: 'invalid_config', errors: [{ path: 'window.domains' }] });
    const dupNumber = await admin.post(`/api/v1/halls/${hall.id}/windows`, {
      number: 1,
      name: 'x',
      kind: 'assisted',
    });
    expect(dupNumber.body).toMatchObject({ code: 'invalid_config', errors: [{ path: 'window.number' }] });
    // An area (领域) that no matter of the catalogue has: the window would have nothing to call.
    const before = await t.store.listWindows(hall.id);
    const unknownArea = await admin.post(`/api/v1/halls/${hall.id}/windows`, {
      number: 3,
      name: 'x',
      kind: 'domain',
      domains: ['社保', '社会保障'],
    });
    expect(unknownArea.status).toBe(422);
    expect(unknownArea.body).toMatchObject({
      code: 'invalid_config',
      errors: [{ path: 'window.domains.1' }],
    });
    const known = await createWindow(admin, hall.id, { number: 4, kind: 'domain', domains: ['社保'] });
    const renamed = await admin.patch(`/api/v1/halls/${hall.id}/windows/${known.id}`, {
      domains: ['不动产'],
    });
    expect(renamed.body).toMatchObject({ code: 'invalid_config', errors: [{ path: 'window.domains.0' }] });
    expect((await t.store.listWindows(hall.id)).length).toBe(before.length + 1);
    expect((await t.store.getWindow(known.id))?.domains).toEqual(['社保']);
    const { id: _id, hallId: _hall, ...fields } = svc;
    const again = await admin.post(`/api/v1/halls/${hall.id}/services`, fields);
    expect(again.body).toMatchObject({ code: 'invalid_config', errors: [{ path: 'service.code' }] });
  });

  it('keeps a matter named on a window, a non-empty hall and the last admin', async () => {
    const hall = await createHall(admin);
    const svc = await createService(admin, hall.id);
    await createWindow(admin, hall.id, { kind: 'domain', domains: ['社保'], serviceIds: [svc.id] });
    expect((await admin.delete(`/api/v1/halls/${hall.id}/services/${svc.id}`)).body).toMatchObject({
      code: 'conflict',
    });
    expect((await admin.delete(`/api/v1/halls/${hall.id}`)).body).toMatchObject({ code: 'conflict' });
    const me = (await admin.get<{ user: { id: string } }>('/api/v1/auth/me')).body.user;
    expect((await admin.delete(`/api/v1/users/${me.id}`)).body).toMatchObject({ code: 'conflict' });
    expect(
      (await admin.patch(`/api/v1/users/${me.id}`, { role: 'clerk', hallIds: [hall.id] })).body,
    ).toMatchObject({
      code: 'conflict',
    });
  });
});

describe('ids must belong to the hall in the path', () => {
  it('answers 404 for a matter, window or device of another hall', async () => {
    const a = await createHall(admin);
    const b = await createHall(admin);
    const svc = await createService(admin, b.id);
    const win = await createWindow(admin, b.id);
    const { device } = await createDevice(admin, b.id);
    for (const path of [`services/${svc.id}`, `windows/${win.id}`, `devices/${device.id}`]) {
      const read = await admin.get(`/api/v1/halls/${a.id}/${path}`);
      expect(read.status, path).toBe(404);
      const change = await admin.patch(`/api/v1/halls/${a.id}/${path}`, { name: '改名' });
      expect(change.status, path).toBe(404);
      const remove = await admin.delete(`/api/v1/halls/${a.id}/${path}`);
      expect(remove.status, path).toBe(404);
    }
    expect(await t.store.getService(svc.id)).toMatchObject({ name: svc.name });
  });
});

describe('audit', () => {
  it('records each configuration change in the hall log with the admin as actor and publishes it', async () => {
    const hall = await createHall(admin);
    const svc = await createService(admin, hall.id);
    const win = await createWindow(admin, hall.id);
    await admin.patch(`/api/v1/halls/${hall.id}/windows/${win.id}`, { name: '综合受理' });
    const events = configEvents(hall.id);
    expect(events.map((e) => [e.data.entity, e.data.action])).toEqual([
      ['hall', 'created'],
      ['service', 'created'],
      ['window', 'created'],
      ['window', 'updated'],
    ]);
    const me = (await admin.get<{ user: { id: string } }>('/api/v1/auth/me')).body.user;
    for (const e of events) expect(e.actor).toEqual({ type: 'user', id: me.id });
    const log = await t.store.listEvents(hall.id, 0, 100);
    expect(log.map((e) => e.seq)).toEqual(events.map((e) => e.seq));
    expect(events[1]?.data.subjectId).toBe(svc.id);
  });

  it('records creating, changing, issuing a token to and deleting a staff account in the log of its hall', async () => {
    const hall = await createHall(admin);
    const other = await createHall(admin);
    const clerk = await createUser(t, admin, { hallIds: [hall.id] });
    expect((await admin.patch(`/api/v1/users/${clerk.user.id}`, { role: 'supervisor' })).status).toBe(200);
    expect(
      (await admin.patch(`/api/v1/users/${clerk.user.id}`, { password: 'another long passphrase' })).status,
    ).toBe(200);
    const token = await loginToken(t, clerk.user.username, 'another long passphrase');
    expect((await token.post('/api/v1/auth/tokens', {})).status).toBe(201);
    expect((await admin.delete(`/api/v1/users/${clerk.user.id}`)).status).toBe(204);

    const me = (await admin.get<{ user: { id: string } }>('/api/v1/auth/me')).body.user;
    const userEvents = (await t.store.listEvents(hall.id, 0, 100)).filter(
      (e) => e.type === 'config.changed' && e.data.entity === 'user',
    );
    expect(
      userEvents.map((e) =>
        e.type === 'config.changed' ? [e.data.action, e.data.fields, e.actor.id] : null,
      ),
    ).toEqual([
      ['created', [], me.id],
      ['updated', ['role'], me.id],
      ['updated', ['password'], me.id],
      ['token_issued', [], clerk.user.id],
      ['deleted', [], me.id],
    ]);
    for (const e of userEvents) {
      expect(e.type === 'config.changed' && e.data.subjectId).toBe(clerk.user.id);
    }
    // Published to followers as written, and the other hall's log knows nothing of this clerk.
    expect(
      configEvents(hall.id)
        .filter((e) => e.data.entity === 'user')
        .map((e) => e.seq),
    ).toEqual(userEvents.map((e) => e.seq));
    expect(configEvents(other.id).filter((e) => e.data.subjectId === clerk.user.id)).toEqual([]);
  });

  it('revoking a device disconnects it, refuses its token and says so in the log', async () => {
    const hall = await createHall(admin);
    const win = await createWindow(admin, hall.id);
    const keypad = await createDevice(admin, hall.id, { kind: 'keypad', windowId: win.id });
    expect((await keypad.api.get('/api/v1/auth/me')).status).toBe(200);
    const disconnect = vi.spyOn(t.hub.realtime, 'disconnectDevice');
    const revoked = await admin.post(`/api/v1/devices/${keypad.device.id}/revoke`);
    expect(revoked.body).toMatchObject({ device: { id: keypad.device.id, revoked: true } });
    expect(disconnect).toHaveBeenCalledWith(keypad.device.id);
    expect((await keypad.api.get('/api/v1/auth/me')).status).toBe(401);
    expect(configEvents(hall.id).at(-1)?.data).toMatchObject({
      entity: 'device',
      action: 'revoked',
      subjectId: keypad.device.id,
    });
  });
});
