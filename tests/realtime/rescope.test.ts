import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashSecret } from '../../server/src/app/index.js';
import type { DisplaySnapshot, TicketChangedMessage } from '../../server/src/protocol/index.js';
import { stillValid, summarize } from '../../server/src/realtime/staff-auth.js';
import { Api, expectStatus } from '../helpers/api-fixtures.js';
import type { TestHub } from '../helpers/hub.js';
import {
  HallDriver,
  seedDevice,
  seedHall,
  seedUser,
  startRealtimeHub,
  type SeededHall,
} from '../helpers/realtime-fixtures.js';
import { closeClients, connectStaff, MessageLog, waitFor } from './support.js';

/**
 * A live /staff socket was given its rooms from the principal's halls, role
 * and window when it connected. When an admin changes any of them, HTTP
 * refuses at once; the socket must not go on receiving the old scope.
 */
describe('staff sockets after a change of scope', () => {
  let hub: TestHub;
  let seeded: SeededHall;
  let other: SeededHall;
  let drive: HallDriver;
  let driveOther: HallDriver;
  let admin: Api;

  beforeEach(async () => {
    const started = await startRealtimeHub();
    hub = started.hub;
    seeded = await seedHall(hub.store);
    other = await seedHall(hub.store, { name: '贺兰县政务服务中心' });
    drive = new HallDriver(hub.deps, started.clock, seeded);
    driveOther = new HallDriver(hub.deps, started.clock, other);
    const { token } = await seedUser(hub.store, { role: 'admin', hallIds: [] });
    admin = new Api(hub.url, { token });
  });
  afterEach(async () => {
    closeClients();
    await hub.close();
  });

  it("cuts off a supervisor moved to another hall; reconnected, it follows the new hall's tickets only", async () => {
    const { user, token } = await seedUser(hub.store, { role: 'supervisor', hallIds: [seeded.hall.id] });
    const socket = connectStaff(hub.url, { token });
    await waitFor<DisplaySnapshot>(socket, 'display:snapshot');

    const gone = waitFor(socket, 'disconnect');
    expectStatus(await admin.patch(`/api/v1/users/${user.id}`, { hallIds: [other.hall.id] }), 200, 'move');
    expect(await gone).toBe('io server disconnect');

    const log = new MessageLog(connectStaff(hub.url, { token }));
    expect((await log.next<DisplaySnapshot>('display:snapshot')).hall.id).toBe(other.hall.id);
    await drive.issue();
    await driveOther.issue();
    const changed = await log.next<TicketChangedMessage>('ticket:changed');
    expect(changed.hallId).toBe(other.hall.id);
    expect(log.of<TicketChangedMessage>('ticket:changed').every((m) => m.hallId === other.hall.id)).toBe(
      true,
    );
  });

  it("cuts off a user whose role changes, and no one else's", async () => {
    const { user, token } = await seedUser(hub.store, { role: 'supervisor', hallIds: [seeded.hall.id] });
    const { token: colleague } = await seedUser(hub.store, { role: 'supervisor', hallIds: [seeded.hall.id] });
    const socket = connectStaff(hub.url, { token });
    const staying = connectStaff(hub.url, { token: colleague });
    await waitFor(socket, 'display:snapshot');
    await waitFor(staying, 'display:snapshot');

    const gone = waitFor(socket, 'disconnect');
    expectStatus(await admin.patch(`/api/v1/users/${user.id}`, { role: 'clerk' }), 200, 'demote');
    expect(await gone).toBe('io server disconnect');
    expect(staying.connected).toBe(true);
  });

  it('keeps the sockets of a user whose name alone changes', async () => {
    const { user, token } = await seedUser(hub.store, { role: 'supervisor', hallIds: [seeded.hall.id] });
    const log = new MessageLog(connectStaff(hub.url, { token }));
    await log.next('display:snapshot');
    expectStatus(await admin.patch(`/api/v1/users/${user.id}`, { displayName: '李娜' }), 200, 'rename');
    await drive.issue();
    expect((await log.next<TicketChangedMessage>('ticket:changed')).hallId).toBe(seeded.hall.id);
  });

  it("cuts off a device moved to another window; reconnected, it gets the new window's tickets", async () => {
    const { device, token } = await seedDevice(hub.store, seeded.hall, {
      kind: 'display',
      windowId: seeded.w3.id,
    });
    const socket = connectStaff(hub.url, { token });
    await waitFor(socket, 'display:snapshot');

    const gone = waitFor(socket, 'disconnect');
    const moved = await admin.patch(`/api/v1/halls/${seeded.hall.id}/devices/${device.id}`, {
      windowId: seeded.w5.id,
    });
    expectStatus(moved, 200, 'move device');
    expect(await gone).toBe('io server disconnect');

    const log = new MessageLog(connectStaff(hub.url, { token }));
    await log.next('display:snapshot');
    await drive.issue();
    await drive.issue();
    await drive.callNext(seeded.w3);
    await drive.callNext(seeded.w5);
    const mine = await log.next<TicketChangedMessage>('ticket:changed');
    expect(mine.ticket.windowId).toBe(seeded.w5.id);
    expect(log.of<TicketChangedMessage>('ticket:changed').map((m) => m.ticket.windowId)).toEqual([
      seeded.w5.id,
    ]);
  });

  it('does not replay a dropped socket into its old rooms once the scope changed', async () => {
    const { user, token } = await seedUser(hub.store, { role: 'supervisor', hallIds: [seeded.hall.id] });
    const session = (await hub.store.getSession(hashSecret(token)))!;
    const saved = summarize({ kind: 'user', user, session });
    expect(await stillValid(hub.deps, saved)).toBe(true);
    await hub.store.saveUser({ ...user, hallIds: [other.hall.id] }, []);
    expect(await stillValid(hub.deps, saved)).toBe(false);

    const { device } = await seedDevice(hub.store, seeded.hall, { kind: 'keypad', windowId: seeded.w3.id });
    const keypad = summarize({ kind: 'device', device });
    expect(await stillValid(hub.deps, keypad)).toBe(true);
    await hub.store.saveDevice({ ...device, windowId: seeded.w5.id }, []);
    expect(await stillValid(hub.deps, keypad)).toBe(false);
  });
});
