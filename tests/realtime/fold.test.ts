import { describe, expect, it } from 'vitest';
import { foldCounts } from '../../server/src/realtime/fold.js';
import type { Outgoing } from '../../server/src/realtime/messages.js';
import type { PublicWindow, SequencedMessage, WaitingCounts } from '../../server/src/protocol/index.js';

const counts: WaitingCounts = { total: 1, byService: { s: 1 }, byDomain: { d: 1 } };
const win = (id: string): PublicWindow => ({
  id,
  number: 3,
  name: '3号窗口',
  kind: 'comprehensive',
  state: 'open',
  pauseReason: null,
  current: null,
});
const out = (message: SequencedMessage): Outgoing => ({ message, ticket: null, windowIds: [] });
const queueCounts = (seq: number, windowId: string | null): Outgoing =>
  out({
    event: 'queue:counts',
    payload: { seq, hallId: 'h', cause: 'ticket.completed', counts, window: windowId ? win(windowId) : null },
  });
const called = (seq: number, windowId: string): Outgoing =>
  out({
    event: 'ticket:called',
    payload: {
      seq,
      hallId: 'h',
      callId: `h:${seq}`,
      ticketNumber: 'A001',
      window: { id: windowId, number: 3, name: '3号窗口', kind: 'comprehensive' },
      service: { id: 's', name: '事项' },
      voiceText: '请A001号到3号窗口办理',
      recall: false,
      kind: 'call',
      at: 0,
      counts,
    },
  });
const windowChanged = (seq: number): Outgoing =>
  out({ event: 'window:changed', payload: { seq, hallId: 'h', cause: 'window.paused', window: win('w3') } });

describe('foldCounts', () => {
  it('folds started and completed into the call at the same window', () => {
    const batch = [queueCounts(5, 'w3'), queueCounts(6, 'w3'), called(7, 'w3')];
    expect([...foldCounts(batch)]).toEqual([0, 1]);
    expect(batch[2]?.message.payload).toMatchObject({ seq: 7, fromSeq: 5 });
  });

  it('keeps a counts message whose window differs from the next message', () => {
    const batch = [queueCounts(5, 'w5'), called(6, 'w3')];
    expect(foldCounts(batch).size).toBe(0);
    expect(batch[1]?.message.payload.fromSeq).toBeUndefined();
  });

  it('never folds into a message without counts, nor the last message of a batch', () => {
    const batch = [queueCounts(5, null), windowChanged(6), queueCounts(7, null)];
    expect(foldCounts(batch).size).toBe(0);
  });
});
