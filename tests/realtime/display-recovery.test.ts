import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Socket as ServerSocket } from 'socket.io';
import { buildIssueInput } from '../helpers/factories.js';
import type { TestHub } from '../helpers/hub.js';
import { HallDriver, seedHall, startRealtimeHub, type SeededHall } from '../helpers/realtime-fixtures.js';
import { closeClients, connectDisplay, SyncedDisplay, waitFor } from './support.js';

describe('display namespace: gaps, reconnects and recovery', () => {
  let hub: TestHub;
  let seeded: SeededHall;
  let drive: HallDriver;
  let steady: SyncedDisplay;
  let flaky: SyncedDisplay;

  beforeEach(async () => {
    const started = await startRealtimeHub();
    hub = started.hub;
    seeded = await seedHall(hub.store);
    drive = new HallDriver(hub.deps, started.clock, seeded);
    await drive.issue();
    await drive.callNext();
    steady = new SyncedDisplay(connectDisplay(hub.url, seeded.hall.id), seeded.hall.id);
    flaky = new SyncedDisplay(connectDisplay(hub.url, seeded.hall.id), seeded.hall.id);
    const seq = await lastSeq();
    await Promise.all([steady.reached(seq), flaky.reached(seq)]);
  });

  afterEach(async () => {
    closeClients();
    await hub.close();
  });

  const lastSeq = () => hub.store.lastSeq(seeded.hall.id);

  /** Both displays agree with each other and with a display that starts from a fresh snapshot now. */
  async function expectSameHall(): Promise<void> {
    expect(flaky.state).toEqual(steady.state);
    for (const display of [steady, flaky])
      expect(new Set(display.announced).size).toBe(display.announced.length);
    const fresh = new SyncedDisplay(connectDisplay(hub.url, seeded.hall.id), seeded.hall.id);
    expect(await fresh.reached(await lastSeq())).toEqual(steady.state);
  }

  it('a display that reconnects after missing events ends like one that never left', async () => {
    flaky.socket.disconnect();
    await drive.busyStretch();
    flaky.socket.connect();
    const last = await lastSeq();
    await Promise.all([steady.reached(last), flaky.reached(last)]);

    expect(flaky.socket.recovered).toBe(false);
    // The last call of the stretch happened while the display was away.
    expect(flaky.state?.recentCalls[0]?.voiceText).toBe('请A003号到5号窗口办理');
    await expectSameHall();
  });

  it('a dropped connection is recovered: the hub replays what was missed, no snapshot needed', async () => {
    const serverSide = hub.hub.realtime.io.of('/display').sockets.get(flaky.socket.id ?? '') as ServerSocket;
    const gone = new Promise((resolve) => serverSide.once('disconnect', resolve));
    flaky.socket.io.engine.close();
    expect(await gone).toBe('transport close');

    await drive.busyStretch();
    flaky.socket.connect();
    await waitFor(flaky.socket, 'connect');
    const last = await lastSeq();
    await Promise.all([steady.reached(last), flaky.reached(last)]);

    expect(flaky.socket.recovered).toBe(true);
    expect(flaky.snapshotRequests).toBe(0);
    await expectSameHall();
  });

  it('a display that sees a seq gap asks for a snapshot and catches up', async () => {
    let calls = 0;
    flaky.drop = (m) => m.event === 'ticket:called' && calls++ === 0;
    await drive.busyStretch();
    const last = await lastSeq();
    await Promise.all([steady.reached(last), flaky.reached(last)]);

    expect(calls).toBeGreaterThan(1);
    expect(flaky.snapshotRequests).toBe(1);
    await expectSameHall();
  });

  it('events this hub was not told about are sent from the log, so displays see no gap', async () => {
    // As if another hub process on the same store had issued a ticket.
    await hub.store.issueTicket(buildIssueInput(seeded.social, { issuedAt: hub.deps.now() }));
    await drive.issue(seeded.medical);
    const last = await lastSeq();
    await Promise.all([steady.reached(last), flaky.reached(last)]);

    expect(steady.snapshotRequests).toBe(0);
    expect(steady.state?.counts.byService).toEqual({ [seeded.social.id]: 1, [seeded.medical.id]: 1 });
    await expectSameHall();
  });

  it('a configuration change makes displays fetch a snapshot with the new names', async () => {
    await drive.renameService(seeded.social, '社保卡补换');
    const last = await lastSeq();
    await Promise.all([steady.reached(last), flaky.reached(last)]);

    expect(steady.snapshotRequests).toBe(1);
    expect(steady.state?.windows[0]?.current?.service.name).toBe('社保卡补换');

    // Later call-outs use the new name too: the hub does not present from stale names.
    await drive.issue();
    await drive.callNext(seeded.w5);
    const next = await lastSeq();
    await Promise.all([steady.reached(next), flaky.reached(next)]);
    expect(steady.state?.recentCalls.map((c) => c.service.name)).toEqual(['社保卡补换', '社保卡补换']);
    await expectSameHall();
  });
});
