import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DisplaySnapshot, TicketIssuedMessage } from '../../server/src/protocol/index.js';
import type { TestHub } from '../helpers/hub.js';
import { HallDriver, seedHall, startRealtimeHub, type SeededHall } from '../helpers/realtime-fixtures.js';
import { refusalText } from '../../ui-shared/src/refusals.js';
import { ask, closeClients, connectDisplay, MessageLog, refusal, waitFor } from './support.js';

/** The hall a message or snapshot is about. */
function hallOf(entry: { payload: Record<string, unknown> }): unknown {
  return entry.payload.hallId ?? (entry.payload.hall as { id: string }).id;
}

describe('display namespace: halls, joining, refusals', () => {
  let hub: TestHub;
  let a: SeededHall;
  let b: SeededHall;
  let driveA: HallDriver;
  let driveB: HallDriver;

  beforeEach(async () => {
    const started = await startRealtimeHub();
    hub = started.hub;
    a = await seedHall(hub.store, { name: '兴庆区政务服务中心' });
    b = await seedHall(hub.store, { name: '金凤区政务服务中心' });
    driveA = new HallDriver(hub.deps, started.clock, a);
    driveB = new HallDriver(hub.deps, started.clock, b);
  });

  afterEach(async () => {
    closeClients();
    await hub.close();
  });

  it('keeps each hall to its own room: messages of hall A never reach a hall B display', async () => {
    const logA = new MessageLog(connectDisplay(hub.url, a.hall.id));
    const logB = new MessageLog(connectDisplay(hub.url, b.hall.id));
    await Promise.all([logA.next('display:snapshot'), logB.next('display:snapshot')]);

    await driveA.busyStretch();
    const lastA = await hub.store.lastSeq(a.hall.id);
    await logA.next('window:changed', (m: { seq: number }) => m.seq === lastA);
    // Whatever hall A sent went out before this; hall B's own message marks the end of its stream.
    await driveB.issue();
    await logB.next<TicketIssuedMessage>('ticket:issued');

    expect(new Set(logB.entries.map(hallOf))).toEqual(new Set([b.hall.id]));
    expect(new Set(logA.entries.map(hallOf))).toEqual(new Set([a.hall.id]));
    expect(logA.coveredSeqs()).toEqual(Array.from({ length: lastA }, (_, i) => i + 1));
  });

  it('refuses a handshake for an unknown hall with a stable code', async () => {
    const err = await refusal(connectDisplay(hub.url, 'no-such-hall'));
    expect(err.message).toBe('hall_not_found');
    expect(err.data).toEqual({ code: 'hall_not_found', message: 'No such hall.' });
  });

  it('lets a display join a hall after connecting and answers with the snapshot', async () => {
    const socket = connectDisplay(hub.url);
    await waitFor(socket, 'connect');
    expect(await ask(socket, 'display:snapshot', {})).toEqual({
      ok: false,
      error: { code: 'not_joined', message: 'Join a hall first.' },
    });

    const joined = await ask<DisplaySnapshot>(socket, 'display:join', { hallId: b.hall.id });
    expect(joined.ok && joined.data.hall).toEqual({ id: b.hall.id, name: '金凤区政务服务中心' });

    const log = new MessageLog(socket);
    await driveB.issue();
    expect((await log.next<TicketIssuedMessage>('ticket:issued')).hallId).toBe(b.hall.id);
  });

  it('answers bad requests with invalid_payload and unknown halls with hall_not_found', async () => {
    const socket = connectDisplay(hub.url, a.hall.id);
    await waitFor(socket, 'display:snapshot');

    const bad = await ask(socket, 'display:join', { hallId: 42 });
    expect(bad.ok ? null : bad.error.code).toBe('invalid_payload');
    const extra = await ask(socket, 'display:join', { hallId: a.hall.id, admin: true });
    expect(extra.ok ? null : extra.error.code).toBe('invalid_payload');
    const unknown = await ask(socket, 'display:join', { hallId: 'no-such-hall' });
    expect(unknown).toEqual({ ok: false, error: { code: 'hall_not_found', message: 'No such hall.' } });

    const again = await ask<DisplaySnapshot>(socket, 'display:snapshot');
    expect(again.ok && again.data.hall.id).toBe(a.hall.id);
  });

  it('refuses through acknowledgements with a stable code and params that screens word in Chinese', async () => {
    const socket = connectDisplay(hub.url, a.hall.id);
    await waitFor(socket, 'display:snapshot');
    const bad = await ask(socket, 'display:join', { hallId: 42, admin: true });
    if (bad.ok) throw new Error('a bad join should be refused');
    expect(bad.error).toMatchObject({ code: 'invalid_payload', params: { fields: ['hallId', 'payload'] } });
    // The English message is for logs; the screen's words come from the code.
    expect(bad.error.message).toMatch(/hallId/);
    const zh = refusalText(bad.error, 'zh');
    expect(zh).toBe('请求格式有误，请刷新页面后重试');

    const refused = await refusal(connectDisplay(hub.url, 'no-such-hall'));
    expect(refusalText(refused, 'zh')).toBe('找不到该大厅，请检查屏幕设置');
  });
});
