import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  DisplaySnapshot,
  TicketCalledMessage,
  TicketChangedMessage,
} from '../../server/src/protocol/index.js';
import type { TestHub } from '../helpers/hub.js';
import {
  HallDriver,
  seedDevice,
  seedHall,
  seedUser,
  startRealtimeHub,
  type SeededHall,
} from '../helpers/realtime-fixtures.js';
import { ask, closeClients, connectStaff, MessageLog, refusal, waitFor } from './support.js';

describe('staff namespace', () => {
  let hub: TestHub;
  let seeded: SeededHall;
  let other: SeededHall;
  let drive: HallDriver;

  beforeEach(async () => {
    const started = await startRealtimeHub();
    hub = started.hub;
    seeded = await seedHall(hub.store);
    other = await seedHall(hub.store, { name: '贺兰县政务服务中心' });
    drive = new HallDriver(hub.deps, started.clock, seeded);
  });

  afterEach(async () => {
    closeClients();
    await hub.close();
  });

  it('refuses a connection without a token', async () => {
    const err = await refusal(connectStaff(hub.url, {}));
    expect(err.data).toEqual({ code: 'unauthenticated', message: 'Log in, or use a valid token.' });
  });

  it('refuses a revoked device and a made-up token', async () => {
    const { token } = await seedDevice(hub.store, seeded.hall, { revokedAt: hub.deps.now() });
    expect((await refusal(connectStaff(hub.url, { token }))).message).toBe('unauthenticated');
    expect((await refusal(connectStaff(hub.url, { token: 'dev_made-up' }))).message).toBe('unauthenticated');
  });

  it('refuses a hall the principal may not follow', async () => {
    const { token } = await seedDevice(hub.store, seeded.hall, { windowId: seeded.w3.id });
    const err = await refusal(connectStaff(hub.url, { token, hallId: other.hall.id }));
    expect(err.data?.code).toBe('forbidden');
  });

  it("gives a keypad the public messages and its own window's tickets only", async () => {
    const { token } = await seedDevice(hub.store, seeded.hall, { kind: 'keypad', windowId: seeded.w3.id });
    const log = new MessageLog(connectStaff(hub.url, { token }));
    expect((await log.next<DisplaySnapshot>('display:snapshot')).hall.id).toBe(seeded.hall.id);

    await drive.issue();
    await drive.issue();
    await drive.callNext(seeded.w5);
    await drive.callNext(seeded.w3);
    const mine = await log.next<TicketChangedMessage>('ticket:changed', (m) => m.cause === 'ticket.called');

    expect(mine.ticket).toEqual({
      id: mine.ticket.id,
      number: 'A002',
      status: 'called',
      serviceId: seeded.social.id,
      windowId: seeded.w3.id,
      targetWindowId: null,
      categories: [],
      assistance: false,
      issuedAt: expect.any(Number),
      effectiveAt: expect.any(Number),
      calledAt: expect.any(Number),
      startedAt: null,
    });
    expect(log.of<TicketChangedMessage>('ticket:changed')).toEqual([mine]);
    const calls = log.of<TicketCalledMessage>('ticket:called').map((c) => c.window.number);
    expect(calls).toEqual([5, 3]);
  });

  it('cuts a device off at once when the hub is told it was revoked', async () => {
    const { device, token } = await seedDevice(hub.store, seeded.hall, {
      kind: 'display',
      windowId: seeded.w5.id,
    });
    const socket = connectStaff(hub.url, { token });
    await waitFor(socket, 'display:snapshot');

    const gone = waitFor(socket, 'disconnect');
    await hub.store.saveDevice({ ...device, revokedAt: hub.deps.now() }, []);
    hub.hub.realtime.disconnectDevice(device.id);
    expect(await gone).toBe('io server disconnect');

    socket.connect();
    expect((await refusal(socket)).message).toBe('unauthenticated');
  });

  it('gives a clerk every ticket of the hall, without the status token', async () => {
    const { token } = await seedUser(hub.store, { role: 'clerk', hallIds: [seeded.hall.id] });
    const log = new MessageLog(connectStaff(hub.url, { token }));
    await log.next('display:snapshot');

    const issued = await drive.issue(seeded.medical);
    const changed = await log.next<TicketChangedMessage>('ticket:changed');
    expect(changed).toMatchObject({ hallId: seeded.hall.id, cause: 'ticket.issued' });
    expect(changed.ticket).toMatchObject({
      id: issued.id,
      number: 'B001',
      status: 'waiting',
      windowId: null,
    });
    expect(JSON.stringify(changed)).not.toContain(issued.statusToken);
    expect(Object.keys(changed.ticket)).not.toContain('statusToken');
  });

  it("accepts the session cookie from the hub's own pages only", async () => {
    const { token } = await seedUser(hub.store, { role: 'supervisor', hallIds: [seeded.hall.id] }, 'cookie');
    const cookie = `hall_session=${encodeURIComponent(token)}`;

    const own = connectStaff(hub.url, {}, { cookie, origin: hub.url });
    expect((await waitFor<DisplaySnapshot>(own, 'display:snapshot')).hall.id).toBe(seeded.hall.id);

    const foreign = connectStaff(hub.url, {}, { cookie, origin: 'https://evil.example' });
    expect((await refusal(foreign)).message).toBe('unauthenticated');
  });

  it('makes a principal that follows several halls name the hall of a snapshot', async () => {
    const { token } = await seedUser(hub.store, { role: 'admin', hallIds: [] });
    const socket = connectStaff(hub.url, { token });
    const log = new MessageLog(socket);
    await log.next<DisplaySnapshot>('display:snapshot', (s) => s.hall.id === seeded.hall.id);
    await log.next<DisplaySnapshot>('display:snapshot', (s) => s.hall.id === other.hall.id);

    const unnamed = await ask(socket, 'display:snapshot', {});
    expect(unnamed.ok ? null : unnamed.error.code).toBe('invalid_payload');
    const named = await ask<DisplaySnapshot>(socket, 'display:snapshot', { hallId: other.hall.id });
    expect(named.ok && named.data.hall.name).toBe('贺兰县政务服务中心');
    const unknown = await ask(socket, 'display:snapshot', { hallId: 'hall-elsewhere' });
    expect(unknown.ok ? null : unknown.error.code).toBe('forbidden');
  });
});
