import { io, type Socket } from 'socket.io-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  DISPLAY_NAMESPACE,
  DisplaySync,
  SEQUENCED_EVENTS,
  type CallOut,
  type DisplaySnapshot,
  type SequencedMessage,
  type SyncResult,
} from '../../server/src/protocol/index.js';
import type { TestHub } from '../helpers/hub.js';
import {
  HallDriver,
  seedHall,
  startRealtimeHub,
  type Clock,
  type SeededHall,
} from '../helpers/realtime-fixtures.js';
import { ask, closeClients, connectDisplay } from './support.js';

/**
 * A board that was away (network, power) while the hall kept calling: on its
 * return it gets every call it missed from the log, in order, exactly once,
 * and speaks only the recent ones. Real hub, real Socket.IO clients.
 */

/** A board's link as the signage wires it: the handshake names the last seq it has. */
class ReturningBoard {
  readonly sync: DisplaySync;
  readonly socket: Socket;
  readonly missed: CallOut[] = [];
  readonly announced: CallOut[] = [];
  private readonly waiters = new Set<() => void>();

  constructor(url: string, hallId: string, missedCallMs: number) {
    this.sync = new DisplaySync({ hallId, missedCallMs });
    this.socket = io(url + DISPLAY_NAMESPACE, {
      auth: (cb) => {
        const seq = this.sync.catchUpFrom;
        cb({ hallId, ...(seq === undefined ? {} : { sinceSeq: seq }) });
      },
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
    });
    this.socket.on('display:snapshot', (s: DisplaySnapshot) => this.handle(this.sync.applySnapshot(s)));
    for (const event of SEQUENCED_EVENTS)
      this.socket.on(event, (payload: unknown) =>
        this.handle(this.sync.apply({ event, payload } as SequencedMessage)),
      );
    this.socket.on('connect', () => {
      if (!this.socket.recovered) this.sync.expectSnapshot();
    });
  }

  reached(seq: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`seq ${seq} not reached`)), 5_000);
      const check = () => {
        if (this.sync.inSync && (this.sync.state?.seq ?? -1) >= seq) {
          clearTimeout(timer);
          this.waiters.delete(check);
          resolve();
        }
      };
      this.waiters.add(check);
      check();
    });
  }

  private handle(r: SyncResult): void {
    this.missed.push(...(r.missed ?? []));
    this.announced.push(...r.announce);
    if (r.needSnapshot)
      void ask<DisplaySnapshot>(this.socket, 'display:snapshot', { sinceSeq: this.sync.catchUpFrom }).then(
        (res) => this.handle(res.ok ? this.sync.applySnapshot(res.data) : this.sync.snapshotFailed()),
      );
    for (const w of this.waiters) w();
  }
}

describe('a display back from an absence', () => {
  let hub: TestHub;
  let clock: Clock;
  let seeded: SeededHall;
  let drive: HallDriver;
  const boards: ReturningBoard[] = [];

  beforeEach(async () => {
    const started = await startRealtimeHub();
    hub = started.hub;
    clock = started.clock;
    seeded = await seedHall(hub.store);
    drive = new HallDriver(hub.deps, clock, seeded);
    for (let i = 0; i < 30; i++) await drive.issue();
  });
  afterEach(async () => {
    for (const b of boards.splice(0)) b.socket.disconnect();
    closeClients();
    await hub.close();
  });

  const lastSeq = () => hub.store.lastSeq(seeded.hall.id);
  const callsAfter = async (seq: number) =>
    (await hub.store.listEvents(seeded.hall.id, seq, 10_000))
      .filter((e) => e.type === 'ticket.called')
      .map((e) => `${e.hallId}:${e.seq}`);

  /** 25 call-outs at the two windows, a few seconds apart (a peak). */
  async function peak(): Promise<void> {
    for (let i = 0; i < 25; i++) {
      clock.advance(2_000); // the driver adds its own 30 s on top: 32 s between calls
      await drive.callNext(i % 2 === 0 ? seeded.w3 : seeded.w5);
    }
  }

  it('gets every call it missed, in order, exactly once, and speaks only the recent ones', async () => {
    const board = new ReturningBoard(hub.url, seeded.hall.id, 60_000);
    boards.push(board);
    await board.reached(await lastSeq());
    const away = await lastSeq();

    board.socket.disconnect();
    await peak();
    const missedIds = await callsAfter(away);
    expect(missedIds).toHaveLength(25);

    board.socket.connect();
    await board.reached(await lastSeq());
    expect(board.socket.recovered).toBe(false);
    // All 25, not the snapshot's 10, in the order they were made, once each.
    expect(board.missed.map((c) => c.callId)).toEqual(missedIds);
    // Calls are 32 s apart and the last is at the snapshot's time: only the last two are under a minute old.
    expect(board.announced.map((c) => c.callId)).toEqual(missedIds.slice(-2));

    // Live again: the next call comes once, and nothing missed is handed out again.
    const before = board.missed.length;
    await drive.callNext(seeded.w3);
    await board.reached(await lastSeq());
    expect(board.missed).toHaveLength(before);
    const all = board.announced.map((c) => c.callId);
    expect(new Set(all).size).toBe(all.length);
    expect(all.at(-1)).toBe((await callsAfter(away)).at(-1));
  });

  it('answers a snapshot request naming sinceSeq with the calls after it, and refuses a bad one', async () => {
    const socket = connectDisplay(hub.url, seeded.hall.id);
    await new Promise((resolve) => socket.once('display:snapshot', resolve));
    const from = await lastSeq();
    await peak();
    const res = await ask<DisplaySnapshot>(socket, 'display:snapshot', { sinceSeq: from });
    if (!res.ok) throw new Error(res.error.message);
    expect(res.data.missedCalls?.map((c) => c.callId)).toEqual(await callsAfter(from));
    expect(res.data.recentCalls).toHaveLength(10);
    const plain = await ask<DisplaySnapshot>(socket, 'display:snapshot', {});
    expect(plain.ok && plain.data.missedCalls).toBe(undefined);
    for (const bad of [{ sinceSeq: -1 }, { sinceSeq: 'x' }, { sinceSeq: 1.5 }]) {
      const refused = await ask(socket, 'display:snapshot', bad);
      expect(refused.ok ? null : refused.error.code).toBe('invalid_payload');
    }
  });

  it("does not send the previous business day's calls", async () => {
    const socket = connectDisplay(hub.url, seeded.hall.id);
    await new Promise((resolve) => socket.once('display:snapshot', resolve));
    await drive.callNext(seeded.w3);
    clock.advance(24 * 60 * 60_000); // the next day
    const today = await lastSeq();
    await drive.callNext(seeded.w5);
    const res = await ask<DisplaySnapshot>(socket, 'display:snapshot', { sinceSeq: 0 });
    if (!res.ok) throw new Error(res.error.message);
    expect(res.data.missedCalls?.map((c) => c.callId)).toEqual(await callsAfter(today));
  });
});
