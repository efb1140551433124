import { describe, expect, it } from 'vitest';
import {
  lifecycle,
  windowFilters,
  type EligibilityFilter,
  type ServiceWindow,
} from '../../../server/src/domain/index.js';
import type { TicketClaimRequest } from '../../../server/src/store/port.js';
import { buildService, buildWindow, DAY, MINUTE, NEXT_DAY, T0 } from '../../helpers/factories.js';
import {
  anyFilter,
  callDirectly,
  captureState,
  claimedTicket,
  claimRequest,
  CLERK,
  expectDomainError,
  issue,
  seedHall,
  startTicket,
  useStore,
  type MakeStore,
} from './setup.js';

const NOW = T0 + 60 * MINUTE;

export function claimContract(makeStore: MakeStore): void {
  const store = useStore(makeStore);

  /** Claims for `window` and returns the numbers called, pressing again until the queue is empty. */
  async function drain(window: Parameters<typeof claimRequest>[0], filters?: EligibilityFilter[]) {
    const numbers: string[] = [];
    for (let i = 1; ; i++) {
      const r = await store().claimNext(
        claimRequest(window, {
          now: NOW + i * MINUTE,
          completeCurrent: true,
          ...(filters ? { filters } : {}),
        }),
      );
      if (r.kind === 'empty') return numbers;
      numbers.push(r.ticket.number);
    }
  }

  describe('claimNext: order and eligibility', () => {
    it('calls the earliest effective time first, then by issue time, then by number', async () => {
      const { services, windows } = await seedHall(store());
      const [a, b] = services;
      await issue(store(), a, { prefix: 'A', issuedAt: T0 + 2 * MINUTE });
      await issue(store(), a, {
        prefix: 'A',
        issuedAt: T0 + 3 * MINUTE,
        effectiveAt: T0 - 12 * MINUTE,
        categories: ['elderly'],
      });
      await issue(store(), a, { prefix: 'A', issuedAt: T0 + 1 * MINUTE, effectiveAt: T0 + 4 * MINUTE });
      // Same effective and issue time: the number decides, whatever the issue order.
      await issue(store(), b, { prefix: 'B', issuedAt: T0 + 5 * MINUTE });
      await issue(store(), a, { prefix: 'A', issuedAt: T0 + 5 * MINUTE });
      expect(await drain(windows[0])).toEqual(['A002', 'A001', 'A003', 'A004', 'B001']);
    });

    it('returns the claimed ticket, moves the window and appends the call event', async () => {
      const { hall, services, windows } = await seedHall(store());
      const t = await issue(store(), services[0]);
      const seq = await store().lastSeq(hall.id);
      const result = await store().claimNext(claimRequest(windows[0], { now: NOW }));
      const called = {
        ...t,
        status: 'called',
        windowId: windows[0].id,
        callCount: 1,
        calledAt: NOW,
        version: 2,
      };
      expect(result).toEqual({
        kind: 'claimed',
        ticket: called,
        events: [
          {
            seq: seq + 1,
            hallId: hall.id,
            type: 'ticket.called',
            at: NOW,
            actor: CLERK,
            ticketId: t.id,
            windowId: windows[0].id,
            from: 'waiting',
            to: 'called',
            data: { number: t.number, serviceId: t.serviceId, specific: false },
          },
        ],
      });
      expect(await store().getTicket(t.id)).toEqual(called);
      expect(await store().getWindow(windows[0].id)).toEqual({
        ...windows[0],
        currentTicketId: t.id,
        lastCallNextAt: NOW,
      });
      expect(await store().listEvents(hall.id, seq, 10)).toEqual(result.events);
    });

    it('calls only what the filter allows and leaves the rest waiting', async () => {
      const { services, windows } = await seedHall(store());
      const [a, b] = services;
      const ta = await issue(store(), a, { issuedAt: T0 });
      const tp = await issue(store(), a, { issuedAt: T0 + 1, categories: ['military'] });
      const th = await issue(store(), a, { issuedAt: T0 + 2, assistance: true });
      const tb = await issue(store(), b, { issuedAt: T0 + 3 });
      const only = (clauses: EligibilityFilter['clauses']) => [
        { windowId: windows[0].id, clauses, foreignTargets: [] },
      ];
      const claim = async (clauses: EligibilityFilter['clauses'], i: number) =>
        claimedTicket(
          await store().claimNext(
            claimRequest(windows[0], {
              now: NOW + i * MINUTE,
              completeCurrent: true,
              filters: only(clauses),
            }),
          ),
        ).id;
      expect(await claim([{ serviceIds: [b.id] }], 1)).toBe(tb.id);
      expect(await claim([{ priority: true }], 2)).toBe(tp.id);
      expect(await claim([{ assistance: true }], 3)).toBe(th.id);
      expect((await store().getTicket(ta.id))?.status).toBe('waiting');
      const none = await store().claimNext(
        claimRequest(windows[0], {
          now: NOW + 4 * MINUTE,
          completeCurrent: true,
          filters: only([{ serviceIds: [b.id] }]),
        }),
      );
      expect(none.kind).toBe('empty');
      expect((await store().getTicket(ta.id))?.version).toBe(1);
    });

    it('tries the filters in order: the speciality before overflow, even for an older ticket', async () => {
      const { services, windows } = await seedHall(store());
      const [a, b] = services;
      await issue(store(), a, { prefix: 'A', issuedAt: T0 });
      await issue(store(), b, { prefix: 'B', issuedAt: T0 + MINUTE });
      await issue(store(), b, { prefix: 'B', issuedAt: T0 + 2 * MINUTE });
      const filters = [
        { windowId: windows[0].id, clauses: [{ serviceIds: [b.id] }], foreignTargets: [] },
        anyFilter(windows[0].id),
      ];
      expect(await drain(windows[0], filters)).toEqual(['B001', 'B002', 'A001']);
    });

    it('follows the filters the domain computes for a green channel with overflow', async () => {
      const { hall, services, windows } = await seedHall(store());
      const green = (
        await store().saveWindow(buildWindow(hall, { kind: 'green_channel', overflow: true }), [])
      ).window;
      await issue(store(), services[0], { prefix: 'A', issuedAt: T0 });
      await issue(store(), services[0], { prefix: 'A', issuedAt: T0 + MINUTE, categories: ['child'] });
      const cross = (
        await store().saveService(buildService(hall, { crossRegion: true, dedicated: true }), [])
      ).service;
      const crossWindow = (await store().saveWindow(buildWindow(hall, { kind: 'cross_region' }), [])).window;
      await issue(store(), cross, { prefix: 'X', issuedAt: T0 - MINUTE });
      const ctx = {
        services: await store().listServices(hall.id),
        windows: await store().listWindows(hall.id),
      };
      expect(await drain(green, windowFilters(green, ctx))).toEqual(['A002', 'A001']);
      expect(await drain(windows[0], windowFilters(windows[0], ctx))).toEqual([]);
      expect(await drain(crossWindow, windowFilters(crossWindow, ctx))).toEqual(['X001']);
    });

    it('leaves a ticket transferred to another window to that window', async () => {
      const { services, windows } = await seedHall(store());
      const t = await issue(store(), services[0], { issuedAt: T0 });
      await issue(store(), services[0], { issuedAt: T0 + MINUTE });
      await store().updateTicket({
        ticketId: t.id,
        expectedVersion: 1,
        patch: { targetWindowId: windows[1].id },
        events: [],
      });
      const first = claimedTicket(
        await store().claimNext(
          claimRequest(windows[0], { filters: [anyFilter(windows[0].id, [windows[1].id])] }),
        ),
      );
      expect(first.id).not.toBe(t.id);
      const second = claimedTicket(
        await store().claimNext(
          claimRequest(windows[1], { filters: [anyFilter(windows[1].id, [windows[0].id])] }),
        ),
      );
      expect(second).toMatchObject({ id: t.id, targetWindowId: null, windowId: windows[1].id });
    });

    it('calls only tickets of the requested business day', async () => {
      const { services, windows } = await seedHall(store());
      const old = await issue(store(), services[0], { businessDay: DAY });
      const before = await captureState(store(), services[0].hallId);
      const r = await store().claimNext(claimRequest(windows[0], { businessDay: NEXT_DAY }));
      expect(r).toEqual({ kind: 'empty', events: [] });
      expect(await captureState(store(), services[0].hallId)).toEqual(before);
      const today = await issue(store(), services[0], {
        businessDay: NEXT_DAY,
        issuedAt: T0 + 1440 * MINUTE,
      });
      expect(
        claimedTicket(await store().claimNext(claimRequest(windows[0], { businessDay: NEXT_DAY }))).id,
      ).toBe(today.id);
      expect((await store().getTicket(old.id))?.status).toBe('waiting');
    });

    it('never gives one ticket to two windows pressing at the same time', async () => {
      const { hall, services } = await seedHall(store());
      const windows: ServiceWindow[] = [];
      for (let i = 0; i < 5; i++) windows.push((await store().saveWindow(buildWindow(hall), [])).window);
      for (let i = 0; i < 12; i++) await issue(store(), services[i % 2] ?? services[0], { issuedAt: T0 + i });
      const results = await Promise.all(
        [0, 1, 2].flatMap((round) =>
          windows.map((w) =>
            store().claimNext(claimRequest(w, { now: NOW + round * MINUTE, completeCurrent: true })),
          ),
        ),
      );
      const claimed = results.flatMap((r) => (r.kind === 'claimed' ? [r.ticket.id] : []));
      expect(claimed).toHaveLength(12);
      expect(new Set(claimed).size).toBe(12);
      expect(await store().listTickets(hall.id, { statuses: ['waiting'] })).toEqual([]);
    });
  });

  describe('claimNext: the window and its current ticket', () => {
    it('treats a repeated press within the idempotency time as the same call', async () => {
      const { hall, services, windows } = await seedHall(store());
      await issue(store(), services[0], { issuedAt: T0 });
      await issue(store(), services[0], { issuedAt: T0 + 1 });
      const first = claimedTicket(await store().claimNext(claimRequest(windows[0], { now: NOW })));
      const before = await captureState(store(), hall.id);
      for (const completeCurrent of [false, true]) {
        const again = await store().claimNext(claimRequest(windows[0], { now: NOW + 1999, completeCurrent }));
        expect(again).toEqual({ kind: 'repeated', ticket: first, events: [] });
      }
      expect(await captureState(store(), hall.id)).toEqual(before);
    });

    it('finishes a ticket never started as not started (no service time) and calls the next once the idempotency time has passed', async () => {
      const { hall, services, windows } = await seedHall(store());
      const t1 = await issue(store(), services[0], { issuedAt: T0 });
      const t2 = await issue(store(), services[0], { issuedAt: T0 + 1 });
      await store().claimNext(claimRequest(windows[0], { now: NOW }));
      const at = NOW + 2000;
      const r = await store().claimNext(claimRequest(windows[0], { now: at, completeCurrent: true }));
      expect(r.kind).toBe('claimed');
      expect(r.events.map((e) => [e.type, e.ticketId, e.from, e.to])).toEqual([
        ['ticket.completed', t1.id, 'called', 'completed'],
        ['ticket.called', t2.id, 'waiting', 'called'],
      ]);
      expect(r.events.map((e) => e.seq)).toEqual([4, 5]);
      // Called and never started: no invented service time, credited to whoever pressed.
      expect(r.events[0]?.data).toEqual({ serviceId: t1.serviceId, serviceMs: null, started: false });
      expect(r.events[0]?.actor).toEqual(claimRequest(windows[0]).actor);
      expect(await store().getTicket(t1.id)).toMatchObject({
        status: 'completed',
        startedAt: null,
        endedAt: at,
        windowId: windows[0].id,
      });
      expect(await store().getWindow(windows[0].id)).toMatchObject({
        currentTicketId: t2.id,
        lastCallNextAt: at,
      });
      expect(await store().listEvents(hall.id, 3, 10)).toEqual(r.events);
    });

    it('does not count a press at another window as a repeat', async () => {
      const { services, windows } = await seedHall(store());
      const t1 = await issue(store(), services[0], { issuedAt: T0 });
      const t2 = await issue(store(), services[0], { issuedAt: T0 + 1 });
      expect(claimedTicket(await store().claimNext(claimRequest(windows[0], { now: NOW }))).id).toBe(t1.id);
      expect(claimedTicket(await store().claimNext(claimRequest(windows[1], { now: NOW + 1 }))).id).toBe(
        t2.id,
      );
    });

    it('refuses with window_busy while a ticket is called or served, unless asked to complete it', async () => {
      const { hall, services, windows } = await seedHall(store());
      await issue(store(), services[0], { issuedAt: T0 });
      await issue(store(), services[0], { issuedAt: T0 + 1 });
      const called = claimedTicket(await store().claimNext(claimRequest(windows[0], { now: NOW })));
      let before = await captureState(store(), hall.id);
      await expectDomainError(
        store().claimNext(claimRequest(windows[0], { now: NOW + 5000 })),
        'window_busy',
      );
      expect(await captureState(store(), hall.id)).toEqual(before);

      // Serving is never a repeated press, however soon the clerk presses again.
      const serving = await startTicket(store(), called, NOW + 100);
      before = await captureState(store(), hall.id);
      await expectDomainError(store().claimNext(claimRequest(windows[0], { now: NOW + 200 })), 'window_busy');
      expect(await captureState(store(), hall.id)).toEqual(before);

      const r = await store().claimNext(claimRequest(windows[0], { now: NOW + 300, completeCurrent: true }));
      expect(r.events.map((e) => e.type)).toEqual(['ticket.completed', 'ticket.called']);
      expect(await store().getTicket(serving.id)).toMatchObject({
        status: 'completed',
        startedAt: NOW + 100,
        endedAt: NOW + 300,
      });
    });

    it('does not treat a ticket called outside call-next as a repeated press', async () => {
      const { services, windows } = await seedHall(store());
      const t1 = await issue(store(), services[0], { issuedAt: T0 });
      const t2 = await issue(store(), services[0], { issuedAt: T0 + 1 });
      await issue(store(), services[0], { issuedAt: T0 + 2 });
      await store().claimNext(claimRequest(windows[0], { now: NOW }));
      // The clerk gives t1 up (no-show) and calls t2 by its number, all within the idempotency time.
      const t1now = await store().getTicket(t1.id);
      await store().updateTicket({
        ticketId: t1.id,
        expectedVersion: t1now?.version ?? 0,
        patch: { status: 'no_show', endedAt: NOW + 100 },
        events: [],
        window: { id: windows[0].id, expectedCurrentTicketId: t1.id, currentTicketId: null },
      });
      await callDirectly(store(), t2, windows[0], NOW + 200);
      await expectDomainError(store().claimNext(claimRequest(windows[0], { now: NOW + 300 })), 'window_busy');
    });

    it('completes the current ticket and frees the window when nothing else waits', async () => {
      const { services, windows } = await seedHall(store());
      const t = await issue(store(), services[0]);
      await store().claimNext(claimRequest(windows[0], { now: NOW }));
      const r = await store().claimNext(claimRequest(windows[0], { now: NOW + 3000, completeCurrent: true }));
      expect(r.kind).toBe('empty');
      expect(r.events.map((e) => [e.type, e.ticketId])).toEqual([['ticket.completed', t.id]]);
      expect(await store().getWindow(windows[0].id)).toMatchObject({
        currentTicketId: null,
        lastCallNextAt: NOW,
      });
      expect(await store().getTicket(t.id)).toMatchObject({ status: 'completed', version: 3 });
      expect(await store().claimNext(claimRequest(windows[0], { now: NOW + 4000 }))).toEqual({
        kind: 'empty',
        events: [],
      });
    });

    it('refuses a paused or closed window and changes nothing', async () => {
      const { hall, services, windows } = await seedHall(store());
      await issue(store(), services[0]);
      for (const state of ['paused', 'closed'] as const) {
        await store().updateWindow({ windowId: windows[0].id, patch: { state }, events: [] });
        const before = await captureState(store(), hall.id);
        await expectDomainError(
          store().claimNext(claimRequest(windows[0], { completeCurrent: true })),
          'window_not_open',
        );
        expect(await captureState(store(), hall.id)).toEqual(before);
      }
    });

    it('refuses an unknown window or a window of another hall', async () => {
      const { windows } = await seedHall(store());
      const other = await seedHall(store());
      await expectDomainError(store().claimNext(claimRequest({ ...windows[0], id: 'nope' })), 'not_found');
      await expectDomainError(
        store().claimNext(claimRequest({ ...windows[0], hallId: other.hall.id })),
        'not_found',
      );
    });
  });

  describe('claimTicket: 回呼 and call by number, as atomic as call-next', () => {
    const ticketClaim = (
      window: ServiceWindow,
      ticketId: string,
      mode: 'call_back' | 'by_number',
      overrides: Partial<TicketClaimRequest> = {},
    ): TicketClaimRequest => ({
      hallId: window.hallId,
      windowId: window.id,
      ticketId,
      mode,
      businessDay: DAY,
      now: NOW,
      actor: CLERK,
      completeCurrent: true,
      ...overrides,
    });

    it('calls a waiting ticket by number, finishing the ticket at the counter in the same step', async () => {
      const { hall, services, windows } = await seedHall(store());
      const first = await issue(store(), services[0], { issuedAt: T0 });
      const wanted = await issue(store(), services[0], { issuedAt: T0 + 1 });
      await store().claimNext(claimRequest(windows[0], { now: NOW }));
      const seq = await store().lastSeq(hall.id);
      const r = await store().claimTicket(
        ticketClaim(windows[0], wanted.id, 'by_number', { now: NOW + 5000 }),
      );
      expect(r.ticket).toMatchObject({ id: wanted.id, status: 'called', windowId: windows[0].id });
      expect(r.events.map((e) => [e.type, e.ticketId])).toEqual([
        ['ticket.completed', first.id],
        ['ticket.called', wanted.id],
      ]);
      expect(r.events[1]?.data).toMatchObject({ specific: true });
      expect(await store().listEvents(hall.id, seq, 10)).toEqual(r.events);
      expect(await store().getWindow(windows[0].id)).toMatchObject({ currentTicketId: wanted.id });
    });

    it('calls back a ticket held at the window, and refuses one held elsewhere, changing nothing', async () => {
      const { hall, services, windows } = await seedHall(store());
      const t = await issue(store(), services[0]);
      const called = claimedTicket(await store().claimNext(claimRequest(windows[0], { now: NOW })));
      const serving = await startTicket(store(), called, NOW + 1);
      const held = lifecycle.hold(serving, '缺材料', NOW + 2, CLERK);
      await store().updateTicket({
        ticketId: t.id,
        expectedVersion: serving.version,
        patch: held.patch,
        events: [held.event],
        window: { id: windows[0].id, expectedCurrentTicketId: t.id, currentTicketId: null },
      });
      const before = await captureState(store(), hall.id);
      await expectDomainError(
        store().claimTicket(ticketClaim(windows[1], t.id, 'call_back')),
        'invalid_state',
      );
      expect(await captureState(store(), hall.id)).toEqual(before);
      const back = await store().claimTicket(ticketClaim(windows[0], t.id, 'call_back', { now: NOW + 9 }));
      expect(back.ticket).toMatchObject({ status: 'called', windowId: windows[0].id, calledAt: NOW + 9 });
      expect(back.events.map((e) => e.type)).toEqual(['ticket.called_back']);
    });

    it('never calls one ticket to two windows, and a refusal leaves the counter as it was', async () => {
      const { hall, services, windows } = await seedHall(store());
      const busy = await issue(store(), services[0], { issuedAt: T0 });
      const t = await issue(store(), services[0], { issuedAt: T0 + 1 });
      await store().claimNext(claimRequest(windows[1], { now: NOW }));
      const results = await Promise.allSettled([
        store().claimTicket(ticketClaim(windows[0], t.id, 'by_number')),
        store().claimTicket(ticketClaim(windows[1], t.id, 'by_number')),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const state = await captureState(store(), hall.id);
      // Window 2 kept its own ticket if its claim of `t` was the one refused.
      if (results[1]?.status === 'rejected') {
        expect((await store().getTicket(busy.id))?.status).toBe('called');
        expect(state).toBeDefined();
      }
      expect((await store().getTicket(t.id))?.status).toBe('called');
    });
  });
}
