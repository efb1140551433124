import { describe, expect, it } from 'vitest';
import { lifecycle } from '../../../server/src/domain/index.js';
import { buildIssueInput, MINUTE, T0 } from '../../helpers/factories.js';
import {
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

const NOW = T0 + 30 * MINUTE;

export function updateContract(makeStore: MakeStore): void {
  const store = useStore(makeStore);

  describe('updateTicket', () => {
    it('applies the change, bumps the version, moves the window and appends the events together', async () => {
      const { hall, services, windows } = await seedHall(store());
      const t = await issue(store(), services[0]);
      const seq = await store().lastSeq(hall.id);
      const { ticket, events } = await callDirectly(store(), t, windows[1], NOW);
      const change = lifecycle.call(t, windows[1].id, NOW, CLERK);
      expect(ticket).toEqual({ ...t, ...change.patch, version: 2 });
      expect(events).toEqual([{ ...change.event, seq: seq + 1 }]);
      expect(await store().getTicket(t.id)).toEqual(ticket);
      expect(await store().getWindow(windows[1].id)).toEqual({ ...windows[1], currentTicketId: t.id });
      expect(await store().listEvents(hall.id, seq, 10)).toEqual(events);
    });

    it('applies null values in a patch, and leaves out what the patch does not name', async () => {
      const { services, windows } = await seedHall(store());
      const t = await issue(store(), services[0]);
      const called = claimedTicket(await store().claimNext(claimRequest(windows[0])));
      const transfer = lifecycle.transfer(
        called,
        { serviceId: services[1].id, windowId: null, reason: '材料' },
        NOW,
        CLERK,
      );
      const { ticket } = await store().updateTicket({
        ticketId: t.id,
        expectedVersion: called.version,
        patch: transfer.patch,
        events: [transfer.event],
        window: { id: windows[0].id, expectedCurrentTicketId: t.id, currentTicketId: null },
      });
      expect(ticket).toEqual({
        ...t,
        serviceId: services[1].id,
        transferCount: 1,
        version: 3,
      });
    });

    it('refuses a stale version and changes nothing: not the ticket, the window or the log', async () => {
      const { hall, services, windows } = await seedHall(store());
      const t = await issue(store(), services[0]);
      const called = claimedTicket(await store().claimNext(claimRequest(windows[0])));
      await startTicket(store(), called, NOW);
      const before = await captureState(store(), hall.id);
      // Decided on the called ticket, which another clerk has meanwhile started.
      const noShow = lifecycle.noShow(called, NOW + 1, CLERK);
      await expectDomainError(
        store().updateTicket({
          ticketId: t.id,
          expectedVersion: called.version,
          patch: noShow.patch,
          events: [noShow.event],
          window: { id: windows[0].id, expectedCurrentTicketId: t.id, currentTicketId: null },
        }),
        'conflict',
      );
      expect(await captureState(store(), hall.id)).toEqual(before);
    });

    it("refuses when the window's current ticket is not the expected one, and changes nothing", async () => {
      const { hall, services, windows } = await seedHall(store());
      const t1 = await issue(store(), services[0]);
      const t2 = await issue(store(), services[0]);
      await store().claimNext(claimRequest(windows[0]));
      const before = await captureState(store(), hall.id);
      const change = lifecycle.call(t2, windows[0].id, NOW, CLERK);
      await expectDomainError(
        store().updateTicket({
          ticketId: t2.id,
          expectedVersion: t2.version,
          patch: change.patch,
          events: [change.event],
          window: { id: windows[0].id, expectedCurrentTicketId: null, currentTicketId: t2.id },
        }),
        'conflict',
      );
      expect(await captureState(store(), hall.id)).toEqual(before);
      expect((await store().getWindow(windows[0].id))?.currentTicketId).toBe(t1.id);
    });

    it('refuses an unknown ticket or window', async () => {
      const { services } = await seedHall(store());
      const t = await issue(store(), services[0]);
      await expectDomainError(
        store().updateTicket({ ticketId: 'nope', expectedVersion: 1, patch: {}, events: [] }),
        'not_found',
      );
      await expectDomainError(
        store().updateTicket({
          ticketId: t.id,
          expectedVersion: 1,
          patch: {},
          events: [],
          window: { id: 'nope', expectedCurrentTicketId: null, currentTicketId: t.id },
        }),
        'not_found',
      );
      expect(await store().getTicket(t.id)).toEqual(t);
    });
  });

  describe('hallSnapshot', () => {
    it('shows the windows, the tickets at the counters, the queue and the recent calls as of one seq', async () => {
      const { hall, services, windows } = await seedHall(store());
      const t1 = await issue(store(), services[0], { issuedAt: T0 });
      const t2 = await issue(store(), services[0], { issuedAt: T0 + 1 });
      const t3 = await issue(store(), services[1], { issuedAt: T0 + 2 });
      const t4 = await issue(store(), services[1], {
        issuedAt: T0 + 3,
        effectiveAt: T0 - 15 * MINUTE,
        categories: ['sick'],
      });
      const t5 = await issue(store(), services[1], { issuedAt: T0 + 4 });
      const c1 = claimedTicket(await store().claimNext(claimRequest(windows[0], { now: NOW })));
      const c2 = claimedTicket(await store().claimNext(claimRequest(windows[1], { now: NOW + 1 })));
      const recall = lifecycle.recall(c2, hall.rules, NOW + 2, CLERK);
      const recalled = await store().updateTicket({
        ticketId: c2.id,
        expectedVersion: c2.version,
        patch: recall.patch,
        events: [recall.event],
      });
      expect([c1.id, c2.id]).toEqual([t4.id, t1.id]);

      const snap = await store().hallSnapshot(hall.id, 2);
      const all = await store().listEvents(hall.id, 0, 1000);
      expect(snap.seq).toBe(all.at(-1)?.seq);
      expect(snap.seq).toBe(await store().lastSeq(hall.id));
      expect(snap.windows).toEqual(await store().listWindows(hall.id));
      expect(snap.activeTickets.map((t) => t.id).sort()).toEqual([c1.id, c2.id].sort());
      expect(snap.activeTickets).toContainEqual(recalled.ticket);
      expect(snap.waiting.map((t) => t.id)).toEqual([t2.id, t3.id, t5.id]);
      expect(snap.waiting).toEqual(await store().listWaiting(hall.id));
      expect(snap.recentCalls.map((e) => [e.type, e.ticketId])).toEqual([
        ['ticket.recalled', c2.id],
        ['ticket.called', c2.id],
      ]);
      expect((await store().hallSnapshot(hall.id, 10)).recentCalls).toHaveLength(3);
    });

    it('lets a client replay exactly the events after its seq', async () => {
      const { hall, services, windows } = await seedHall(store());
      await issue(store(), services[0]);
      const snap = await store().hallSnapshot(hall.id, 5);
      await issue(store(), services[0]);
      await store().claimNext(claimRequest(windows[0], { now: NOW }));
      const replay = await store().listEvents(hall.id, snap.seq, 100);
      expect(replay.map((e) => e.type)).toEqual(['ticket.issued', 'ticket.called']);
      expect(replay[0]?.seq).toBe(snap.seq + 1);
    });

    it('never shows a ticket without its event, or an event without its ticket, while issues run', async () => {
      const { hall, services } = await seedHall(store());
      const work: Promise<unknown>[] = [];
      const snaps: Promise<Awaited<ReturnType<ReturnType<typeof store>['hallSnapshot']>>>[] = [];
      for (let i = 0; i < 30; i++) {
        work.push(store().issueTicket(buildIssueInput(services[i % 2 === 0 ? 0 : 1], { issuedAt: T0 + i })));
        if (i % 3 === 0) snaps.push(store().hallSnapshot(hall.id, 0));
      }
      await Promise.all(work);
      for (const snap of await Promise.all(snaps)) {
        expect(snap.waiting).toHaveLength(snap.seq);
      }
    });

    it('refuses an unknown hall', async () => {
      await expectDomainError(store().hallSnapshot('nope', 5), 'not_found');
    });
  });
}
