import { describe, expect, it } from 'vitest';
import {
  DisplaySync,
  type CallOut,
  type DisplaySnapshot,
  type PublicWindow,
  type SequencedMessage,
  type WaitingCounts,
} from '../../server/src/protocol/index.js';

/** The pure client helper, message by message: no hub, no socket. */

const HALL = 'hall-1';
const T = 1_700_000_000_000;
const counts = (total: number): WaitingCounts => ({
  total,
  byService: { s1: total },
  byDomain: { 社保: total },
});
const window3: PublicWindow = {
  id: 'w3',
  number: 3,
  name: '3号窗口',
  kind: 'comprehensive',
  state: 'open',
  pauseReason: null,
  current: null,
};

function call(seq: number, number = `A00${seq}`, at = T + seq * 1000): CallOut {
  return {
    seq,
    callId: `${HALL}:${seq}`,
    ticketNumber: number,
    window: { id: 'w3', number: 3, name: '3号窗口', kind: 'comprehensive' },
    service: { id: 's1', name: '社会保障卡申领' },
    voiceText: `请${number}号到3号窗口办理`,
    recall: false,
    kind: 'call',
    at,
  };
}

function snapshot(seq: number, recentCalls: CallOut[] = [], at = T + seq * 1000): DisplaySnapshot {
  return {
    seq,
    hall: { id: HALL, name: '市民大厅' },
    windows: [window3],
    recentCalls,
    counts: counts(0),
    at,
  };
}

const called = (seq: number, hallId = HALL): SequencedMessage => ({
  event: 'ticket:called',
  payload: { ...call(seq), hallId, counts: counts(0) },
});
const issued = (seq: number, total: number): SequencedMessage => ({
  event: 'ticket:issued',
  payload: { seq, hallId: HALL, serviceId: 's1', domain: '社保', counts: counts(total) },
});
const config = (seq: number, refresh: boolean): SequencedMessage => ({
  event: 'hall:config',
  payload: { seq, hallId: HALL, refresh },
});

function synced(seq = 0): DisplaySync {
  const sync = new DisplaySync({ hallId: HALL });
  sync.applySnapshot(snapshot(seq));
  return sync;
}

describe('DisplaySync', () => {
  it('announces each call once even when the same message is delivered twice', () => {
    const sync = synced();
    expect(sync.apply(called(1)).announce.map((c) => c.callId)).toEqual([`${HALL}:1`]);
    expect(sync.apply(called(1))).toEqual({ announce: [], needSnapshot: false });
    expect(sync.state?.recentCalls).toHaveLength(1);
  });

  it('does not speak a call again when a snapshot or a replay brings it back', () => {
    const sync = synced();
    sync.apply(called(1));
    expect(sync.applySnapshot(snapshot(1, [call(1)])).announce).toEqual([]);
    expect(sync.apply(called(1)).announce).toEqual([]);
  });

  it('shows the calls of the first snapshot without speaking them', () => {
    const sync = new DisplaySync({ hallId: HALL });
    const r = sync.applySnapshot(snapshot(2, [call(2), call(1)]));
    expect(r.announce).toEqual([]);
    expect(sync.state?.recentCalls.map((c) => c.ticketNumber)).toEqual(['A002', 'A001']);
  });

  it('asks for a snapshot once on a gap, holds messages meanwhile, then catches up', () => {
    const sync = synced(1);
    expect(sync.apply(issued(3, 2))).toEqual({ announce: [], needSnapshot: true });
    expect(sync.apply(issued(4, 3)).needSnapshot).toBe(false);
    expect(sync.inSync).toBe(false);

    sync.applySnapshot(snapshot(3));
    expect(sync.inSync).toBe(true);
    expect(sync.state?.seq).toBe(4);
    expect(sync.state?.counts.total).toBe(3);
  });

  it('speaks fresh calls missed during a gap, oldest first, and only shows stale ones', () => {
    const sync = synced(1);
    sync.apply(called(5));
    const stale = call(2, 'A002', T + 5000 - 61_000);
    const r = sync.applySnapshot(snapshot(4, [call(4), call(3), stale], T + 5000));
    expect(r.announce.map((c) => c.ticketNumber)).toEqual(['A003', 'A004', 'A005']);
  });

  it('holds messages until the first snapshot and drops those it already reflects', () => {
    const sync = new DisplaySync({ hallId: HALL });
    expect(sync.apply(issued(1, 1))).toEqual({ announce: [], needSnapshot: false });
    sync.apply(issued(2, 2));
    sync.applySnapshot(snapshot(1));
    expect(sync.state?.seq).toBe(2);
    expect(sync.state?.counts.total).toBe(2);
  });

  it('lets a late, older message change nothing', () => {
    const sync = synced();
    sync.apply(issued(1, 1));
    sync.apply(issued(2, 2));
    expect(sync.apply(issued(1, 1))).toEqual({ announce: [], needSnapshot: false });
    expect(sync.state?.counts.total).toBe(2);
  });

  it("ignores another hall's messages", () => {
    const sync = synced();
    expect(sync.apply(called(1, 'hall-2'))).toEqual({ announce: [], needSnapshot: false });
    expect(sync.state?.seq).toBe(0);
  });

  it('fetches a snapshot after a visible configuration change only', () => {
    const sync = synced();
    expect(sync.apply(config(1, false)).needSnapshot).toBe(false);
    expect(sync.state?.seq).toBe(1);
    expect(sync.apply(config(2, true)).needSnapshot).toBe(true);
    expect(sync.inSync).toBe(false);
  });

  it('asks again after a failed snapshot request', () => {
    const sync = synced();
    sync.apply(issued(2, 1));
    expect(sync.snapshotFailed().needSnapshot).toBe(true);
  });

  it('keeps the newest calls up to its limit and marks the window called', () => {
    const sync = new DisplaySync({ hallId: HALL, recentLimit: 2 });
    sync.applySnapshot(snapshot(0));
    for (const seq of [1, 2, 3]) sync.apply(called(seq));
    expect(sync.state?.recentCalls.map((c) => c.seq)).toEqual([3, 2]);
    expect(sync.state?.windows[0]?.current).toEqual({
      ticketNumber: 'A003',
      service: { id: 's1', name: '社会保障卡申领' },
      status: 'called',
      calledAt: T + 3000,
      priority: false,
    });
  });
});

describe('messages that stand for a run of seqs (fromSeq)', () => {
  it('apply when the run starts right after the last seq, and show the call once', () => {
    const sync = new DisplaySync({ hallId: HALL });
    sync.applySnapshot(snapshot(4));
    const folded: SequencedMessage = {
      event: 'ticket:called',
      payload: { ...call(7), hallId: HALL, counts: counts(0), fromSeq: 5 },
    };
    const r = sync.apply(folded);
    expect(r.needSnapshot).toBe(false);
    expect(r.announce.map((c) => c.seq)).toEqual([7]);
    expect(sync.state?.seq).toBe(7);
    expect(sync.inSync).toBe(true);
  });

  it('count as a gap when the run starts later than the next seq', () => {
    const sync = new DisplaySync({ hallId: HALL });
    sync.applySnapshot(snapshot(4));
    const late: SequencedMessage = {
      event: 'ticket:called',
      payload: { ...call(9), hallId: HALL, counts: counts(0), fromSeq: 7 },
    };
    expect(sync.apply(late).needSnapshot).toBe(true);
    expect(sync.inSync).toBe(false);
  });
});
