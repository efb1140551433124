import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  DisplaySnapshot,
  QueueCountsMessage,
  TicketCalledMessage,
  TicketIssuedMessage,
  WindowChangedMessage,
} from '../../server/src/protocol/index.js';
import type { TestHub } from '../helpers/hub.js';
import { HallDriver, seedHall, startRealtimeHub, type SeededHall } from '../helpers/realtime-fixtures.js';
import { closeClients, connectDisplay, MessageLog } from './support.js';

describe('display namespace: snapshot and messages', () => {
  let hub: TestHub;
  let seeded: SeededHall;
  let drive: HallDriver;

  beforeEach(async () => {
    const started = await startRealtimeHub();
    hub = started.hub;
    seeded = await seedHall(hub.store);
    drive = new HallDriver(hub.deps, started.clock, seeded);
  });

  afterEach(async () => {
    closeClients();
    await hub.close();
  });

  async function display(): Promise<{ log: MessageLog; snapshot: DisplaySnapshot }> {
    const log = new MessageLog(connectDisplay(hub.url, seeded.hall.id));
    return { log, snapshot: await log.next<DisplaySnapshot>('display:snapshot') };
  }

  it('sends a snapshot on connect with the current seq, the windows and the waiting counts', async () => {
    await drive.issue();
    const { snapshot } = await display();

    expect(snapshot.seq).toBe(await hub.store.lastSeq(seeded.hall.id));
    expect(snapshot.hall).toEqual({ id: seeded.hall.id, name: '银川市民大厅' });
    expect(snapshot.windows).toEqual([
      {
        id: seeded.w3.id,
        number: 3,
        name: '3号综合窗口',
        kind: 'comprehensive',
        state: 'open',
        pauseReason: null,
        current: null,
      },
      {
        id: seeded.w5.id,
        number: 5,
        name: '5号综合窗口',
        kind: 'comprehensive',
        state: 'open',
        pauseReason: null,
        current: null,
      },
    ]);
    expect(snapshot.counts).toEqual({
      total: 1,
      byService: { [seeded.social.id]: 1, [seeded.medical.id]: 0 },
      byDomain: { 社保: 1, 医保: 0 },
    });
    expect(snapshot.recentCalls).toEqual([]);
  });

  it('announces an issued ticket with the next seq and counts only', async () => {
    const { log, snapshot } = await display();
    const ticket = await drive.issue(seeded.medical);

    const message = await log.next<TicketIssuedMessage>('ticket:issued');
    expect(message).toEqual({
      seq: snapshot.seq + 1,
      hallId: seeded.hall.id,
      serviceId: seeded.medical.id,
      domain: '医保',
      counts: {
        total: 1,
        byService: { [seeded.social.id]: 0, [seeded.medical.id]: 1 },
        byDomain: { 社保: 0, 医保: 1 },
      },
    });
    const text = JSON.stringify(message);
    for (const secret of [ticket.number, ticket.id, ticket.statusToken]) expect(text).not.toContain(secret);
  });

  it('sends a call with its call id, window, matter and voice text', async () => {
    await drive.issue();
    const { log, snapshot } = await display();
    await drive.callNext(seeded.w3);

    const call = await log.next<TicketCalledMessage>('ticket:called');
    const seq = snapshot.seq + 1;
    const [event] = await hub.store.listEvents(seeded.hall.id, snapshot.seq, 1);
    expect(call).toEqual({
      seq,
      hallId: seeded.hall.id,
      callId: `${seeded.hall.id}:${seq}`,
      ticketNumber: 'A001',
      window: { id: seeded.w3.id, number: 3, name: '3号综合窗口', kind: 'comprehensive' },
      service: { id: seeded.social.id, name: '社会保障卡申领' },
      voiceText: '请A001号到3号窗口办理',
      recall: false,
      kind: 'call',
      at: event?.at,
      priority: false,
      counts: {
        total: 0,
        byService: { [seeded.social.id]: 0, [seeded.medical.id]: 0 },
        byDomain: { 社保: 0, 医保: 0 },
      },
    });
  });

  it('sends a recall as a new call-out flagged as a recall', async () => {
    await drive.issue();
    const { log } = await display();
    await drive.callNext(seeded.w3);
    await drive.recall(seeded.w3);

    const [first, again] = [
      await log.next<TicketCalledMessage>('ticket:called', (m) => !m.recall),
      await log.next<TicketCalledMessage>('ticket:called', (m) => m.recall),
    ];
    expect(again.seq).toBe(first.seq + 1);
    expect(again.callId).not.toBe(first.callId);
    expect(again).toMatchObject({
      ticketNumber: 'A001',
      kind: 'recall',
      voiceText: '重呼，请A001号到3号窗口办理',
    });
  });

  it('sends window:changed when a window pauses', async () => {
    const { log, snapshot } = await display();
    await drive.pause(seeded.w5, '系统维护');

    expect(await log.next<WindowChangedMessage>('window:changed')).toEqual({
      seq: snapshot.seq + 1,
      hallId: seeded.hall.id,
      cause: 'window.paused',
      window: {
        id: seeded.w5.id,
        number: 5,
        name: '5号综合窗口',
        kind: 'comprehensive',
        state: 'paused',
        pauseReason: '系统维护',
        current: null,
      },
    });
  });

  it('sends queue:counts with the window when service starts and completes', async () => {
    await drive.issue();
    await drive.issue(seeded.medical);
    await drive.callNext(seeded.w3);
    const { log, snapshot } = await display();
    await drive.start(seeded.w3);
    await drive.complete(seeded.w3);

    const started = await log.next<QueueCountsMessage>('queue:counts', (m) => m.cause === 'ticket.started');
    const completed = await log.next<QueueCountsMessage>(
      'queue:counts',
      (m) => m.cause === 'ticket.completed',
    );
    expect(started.seq).toBe(snapshot.seq + 1);
    expect(completed).toEqual({
      seq: snapshot.seq + 2,
      hallId: seeded.hall.id,
      cause: 'ticket.completed',
      counts: {
        total: 1,
        byService: { [seeded.social.id]: 0, [seeded.medical.id]: 1 },
        byDomain: { 社保: 0, 医保: 1 },
      },
      window: {
        id: seeded.w3.id,
        number: 3,
        name: '3号综合窗口',
        kind: 'comprehensive',
        state: 'open',
        pauseReason: null,
        current: null,
      },
    });
  });

  it('covers every event exactly once, in order, seqs rising by one', async () => {
    const { log, snapshot } = await display();
    await drive.busyStretch();
    const last = await hub.store.lastSeq(seeded.hall.id);
    await log.next('window:changed', (m: { seq: number }) => m.seq === last);

    const expected = Array.from({ length: last - snapshot.seq }, (_, i) => snapshot.seq + 1 + i);
    expect(log.coveredSeqs()).toEqual(expected);
  });

  it('sends one message for a call-next that also finishes the previous ticket', async () => {
    await drive.issue();
    await drive.issue();
    await drive.callNext(seeded.w3);
    await drive.start(seeded.w3);
    const { log, snapshot } = await display();
    await drive.callNext(seeded.w3); // completes the served ticket, then calls the next
    const called = await log.next<TicketCalledMessage>('ticket:called');
    expect(called).toMatchObject({ fromSeq: snapshot.seq + 1, seq: snapshot.seq + 2 });
    expect(log.seqs()).toEqual([snapshot.seq + 2]);
    expect(log.coveredSeqs()).toEqual([snapshot.seq + 1, snapshot.seq + 2]);
  });
});
