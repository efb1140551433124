import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Socket as ServerSocket } from 'socket.io';
import type { Socket } from 'socket.io-client';
import type { Device } from '../../server/src/store/port.js';
import type { TicketChangedMessage } from '../../server/src/protocol/index.js';
import type { TestHub } from '../helpers/hub.js';
import {
  HallDriver,
  seedDevice,
  seedHall,
  startRealtimeHub,
  type SeededHall,
} from '../helpers/realtime-fixtures.js';
import { closeClients, connectStaff, MessageLog, refusal, waitFor } from './support.js';

describe('staff namespace: recovery after a dropped connection', () => {
  let hub: TestHub;
  let seeded: SeededHall;
  let drive: HallDriver;
  let device: Device;
  let socket: Socket;
  let log: MessageLog;

  beforeEach(async () => {
    const started = await startRealtimeHub();
    hub = started.hub;
    seeded = await seedHall(hub.store);
    drive = new HallDriver(hub.deps, started.clock, seeded);
    const seededDevice = await seedDevice(hub.store, seeded.hall, { kind: 'keypad', windowId: seeded.w3.id });
    device = seededDevice.device;
    socket = connectStaff(hub.url, { token: seededDevice.token });
    log = new MessageLog(socket);
    await log.next('display:snapshot');
  });

  afterEach(async () => {
    closeClients();
    await hub.close();
  });

  /** Drops the keypad's connection and calls a ticket to its window while it is away. */
  async function dropAndCall(): Promise<void> {
    const serverSide = hub.hub.realtime.io.of('/staff').sockets.get(socket.id ?? '') as ServerSocket;
    const gone = new Promise((resolve) => serverSide.once('disconnect', resolve));
    socket.io.engine.close();
    await gone;
    await drive.issue();
    await drive.callNext(seeded.w3);
  }

  it("replays the keypad's missed ticket changes when it comes back in time", async () => {
    await dropAndCall();
    socket.connect();
    await waitFor(socket, 'connect');

    expect(socket.recovered).toBe(true);
    const called = await log.next<TicketChangedMessage>('ticket:changed', (m) => m.cause === 'ticket.called');
    expect(called.ticket).toMatchObject({ number: 'A001', windowId: seeded.w3.id });
  });

  it('replays nothing to a device revoked while it was away', async () => {
    await dropAndCall();
    await hub.store.saveDevice({ ...device, revokedAt: hub.deps.now() }, []);
    const packets: { type: number }[] = [];
    socket.io.on('packet', (p: { type: number }) => packets.push(p));

    socket.connect();
    expect((await refusal(socket)).message).toBe('unauthenticated');
    // Only the refusal came back: no event packet (type 2) of what was missed.
    expect(packets.map((p) => p.type)).toEqual([4]);
  });
});
