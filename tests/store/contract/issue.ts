import { describe, expect, it } from 'vitest';
import {
  compareQueue,
  groupQueue,
  lifecycle,
  type QueueGroup,
  type Service,
  type Ticket,
} from '../../../server/src/domain/index.js';
import type { IssueInput, Store } from '../../../server/src/store/port.js';
import { buildEvent, buildIssueInput, DAY, MINUTE, NEXT_DAY, T0 } from '../../helpers/factories.js';
import {
  captureState,
  CLERK,
  expectDomainError,
  issue,
  seedHall,
  useStore,
  type MakeStore,
} from './setup.js';

async function finish(
  store: Store,
  t: Ticket,
  windowId: string,
  calledAt: number,
  startedAt: number,
  endedAt: number,
) {
  const called = lifecycle.call(t, windowId, calledAt, CLERK);
  const a = await store.updateTicket({
    ticketId: t.id,
    expectedVersion: t.version,
    patch: called.patch,
    events: [called.event],
  });
  const started = lifecycle.start(a.ticket, startedAt, CLERK);
  const b = await store.updateTicket({
    ticketId: t.id,
    expectedVersion: a.ticket.version,
    patch: started.patch,
    events: [started.event],
  });
  const done = lifecycle.complete(b.ticket, endedAt, CLERK);
  return (
    await store.updateTicket({
      ticketId: t.id,
      expectedVersion: b.ticket.version,
      patch: done.patch,
      events: [done.event],
    })
  ).ticket;
}

export function issueContract(makeStore: MakeStore): void {
  const store = useStore(makeStore);

  describe('ticket numbers', () => {
    it('counts per hall, prefix and business day', async () => {
      const { services } = await seedHall(store());
      const other = await seedHall(store());
      const [a, b] = services;
      const numbers = async (...inputs: [Service, Partial<IssueInput>][]) => {
        const out: string[] = [];
        for (const [s, o] of inputs) out.push((await issue(store(), s, { prefix: 'A', ...o })).number);
        return out;
      };
      expect(await numbers([a, {}], [a, {}], [b, { prefix: 'B' }], [a, {}], [b, { prefix: 'B' }])).toEqual([
        'A001',
        'A002',
        'B001',
        'A003',
        'B002',
      ]);
      // Another day restarts; the first day carries on where it was.
      expect(await numbers([a, { businessDay: NEXT_DAY }], [a, {}])).toEqual(['A001', 'A004']);
      // Another hall has its own counter.
      expect(await numbers([other.services[0], {}])).toEqual(['A001']);
    });

    it('pads to the hall digits', async () => {
      const { services } = await seedHall(store());
      const t = await issue(store(), services[0], { prefix: 'K', digits: 4 });
      expect(t).toMatchObject({ number: 'K0001', prefix: 'K', seq: 1 });
    });

    it('never repeats a number, even when issues overlap', async () => {
      const { hall, services } = await seedHall(store());
      const inputs = Array.from({ length: 60 }, (_, i) =>
        buildIssueInput(services[i % 2] as Service, { businessDay: i % 3 === 0 ? NEXT_DAY : DAY }),
      );
      const issued = await Promise.all(inputs.map((input) => store().issueTicket(input)));
      const tickets = await store().listTickets(hall.id);
      expect(tickets).toHaveLength(60);
      const keys = tickets.map((t) => `${t.businessDay}/${t.number}`);
      expect(new Set(keys).size).toBe(60);
      for (const day of [DAY, NEXT_DAY]) {
        for (const s of services) {
          const seqs = tickets
            .filter((t) => t.businessDay === day && t.prefix === s.prefix)
            .map((t) => t.seq)
            .sort((x, y) => x - y);
          expect(seqs).toEqual(seqs.map((_, i) => i + 1));
        }
      }
      expect(issued.map((r) => r.ticket)).toEqual(expect.arrayContaining(tickets));
    });

    it('does not use up a number when issuing fails', async () => {
      const { hall, services } = await seedHall(store());
      const first = await issue(store(), services[0]);
      const before = await captureState(store(), hall.id);
      await expectDomainError(
        store().issueTicket(buildIssueInput({ ...services[0], id: 'no-such-service' })),
        'not_found',
      );
      await expectDomainError(
        store().issueTicket(buildIssueInput(services[0], { statusToken: first.statusToken })),
        'conflict',
      );
      await expectDomainError(
        store().issueTicket(buildIssueInput(services[0], { id: first.id })),
        'conflict',
      );
      await expectDomainError(
        store().issueTicket({ ...buildIssueInput(services[0]), hallId: 'no-such-hall' }),
        'not_found',
      );
      expect(await captureState(store(), hall.id)).toEqual(before);
      expect((await issue(store(), services[0])).seq).toBe(first.seq + 1);
    });
  });

  describe('issueTicket', () => {
    it('stores a waiting ticket and its issued event in one step', async () => {
      const { hall, services } = await seedHall(store());
      const input = buildIssueInput(services[0], {
        categories: ['elderly', 'disabled'],
        assistance: true,
        channel: 'appointment',
        appointmentId: 'appt-1',
        issuedAt: T0 + 5 * MINUTE,
        effectiveAt: T0 - 10 * MINUTE,
      });
      const { ticket, events } = await store().issueTicket(input);
      const number = `${services[0].prefix}001`;
      expect(ticket).toEqual({
        id: input.id,
        hallId: hall.id,
        serviceId: services[0].id,
        number,
        prefix: services[0].prefix,
        seq: 1,
        businessDay: DAY,
        categories: ['elderly', 'disabled'],
        assistance: true,
        channel: 'appointment',
        appointmentId: 'appt-1',
        status: 'waiting',
        issuedAt: T0 + 5 * MINUTE,
        effectiveAt: T0 - 10 * MINUTE,
        windowId: null,
        targetWindowId: null,
        callCount: 0,
        calledAt: null,
        startedAt: null,
        endedAt: null,
        transferCount: 0,
        statusToken: input.statusToken,
        version: 1,
      });
      expect(events).toEqual([
        {
          seq: 1,
          hallId: hall.id,
          type: 'ticket.issued',
          at: T0 + 5 * MINUTE,
          actor: input.actor,
          ticketId: ticket.id,
          windowId: null,
          from: null,
          to: 'waiting',
          data: {
            number,
            serviceId: services[0].id,
            categories: ['elderly', 'disabled'],
            assistance: true,
            channel: 'appointment',
          },
        },
      ]);
      expect(await store().listEvents(hall.id, 0, 10)).toEqual(events);
      expect(await store().getTicket(ticket.id)).toEqual(ticket);
    });

    it('gives events the hall seqs 1, 2, 3, … shared with configuration events', async () => {
      const { hall, services } = await seedHall(store());
      const other = await seedHall(store());
      const seqs: number[] = [];
      for (let i = 0; i < 3; i++)
        seqs.push(...(await store().issueTicket(buildIssueInput(services[0]))).events.map((e) => e.seq));
      await store().saveService({ ...services[1], name: 'renamed' }, [buildEvent(hall.id)]);
      seqs.push(...(await store().issueTicket(buildIssueInput(services[1]))).events.map((e) => e.seq));
      expect(seqs).toEqual([1, 2, 3, 5]);
      expect((await store().listEvents(hall.id, 0, 100)).map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
      expect(await store().lastSeq(hall.id)).toBe(5);
      expect((await store().issueTicket(buildIssueInput(other.services[0]))).events[0]?.seq).toBe(1);
    });

    it('finds tickets by id, status token and number', async () => {
      const { hall, services } = await seedHall(store());
      const t = await issue(store(), services[0]);
      await issue(store(), services[0], { businessDay: NEXT_DAY });
      expect(await store().getTicketByToken(t.statusToken)).toEqual(t);
      expect(await store().findTicketByNumber(hall.id, DAY, t.number)).toEqual(t);
      expect(await store().getTicket('nope')).toBeNull();
      expect(await store().getTicketByToken('nope')).toBeNull();
      expect(await store().findTicketByNumber(hall.id, '2025-01-01', t.number)).toBeNull();
      // Typed by a clerk: any case, any padding, the same ticket; junk finds nothing.
      const seqOnly = `${t.prefix.toLowerCase()}${String(t.seq).padStart(6, '0')}`;
      expect(await store().findTicketByNumber(hall.id, DAY, seqOnly)).toEqual(t);
      expect(await store().findTicketByNumber(hall.id, DAY, 'not a number')).toBeNull();
    });
  });

  describe('ticket queries', () => {
    it('lists tickets by status, day, window and matter, in issue order', async () => {
      const { hall, services, windows } = await seedHall(store());
      const t1 = await issue(store(), services[0], { issuedAt: T0 });
      const t2 = await issue(store(), services[1], { issuedAt: T0 + 1 });
      const t3 = await issue(store(), services[0], { issuedAt: T0 + 2, businessDay: NEXT_DAY });
      const done = await finish(store(), t2, windows[1].id, T0 + 3, T0 + 4, T0 + 5);
      const ids = (ts: Ticket[]) => ts.map((t) => t.id);
      expect(ids(await store().listTickets(hall.id))).toEqual([t1.id, t2.id, t3.id]);
      expect(ids(await store().listTickets(hall.id, { statuses: ['waiting'] }))).toEqual([t1.id, t3.id]);
      expect(ids(await store().listTickets(hall.id, { statuses: ['completed', 'serving'] }))).toEqual([
        t2.id,
      ]);
      expect(await store().listTickets(hall.id, { statuses: [] })).toEqual([]);
      expect(ids(await store().listTickets(hall.id, { businessDay: NEXT_DAY }))).toEqual([t3.id]);
      expect(await store().listTickets(hall.id, { windowId: windows[1].id })).toEqual([done]);
      expect(ids(await store().listTickets(hall.id, { serviceId: services[0].id, limit: 1 }))).toEqual([
        t1.id,
      ]);
      expect(await store().listTickets('other-hall')).toEqual([]);
    });

    it('lists waiting tickets of every day in queue order', async () => {
      const { hall, services, windows } = await seedHall(store());
      const late = await issue(store(), services[0], { issuedAt: T0 + 10 * MINUTE });
      const priority = await issue(store(), services[0], {
        issuedAt: T0 + 20 * MINUTE,
        effectiveAt: T0 + 5 * MINUTE,
        categories: ['pregnant'],
      });
      const b = await issue(store(), services[1], { issuedAt: T0 });
      const a = await issue(store(), services[0], { issuedAt: T0 });
      const yesterday = await issue(store(), services[0], {
        issuedAt: T0 - 1440 * MINUTE,
        businessDay: '2025-03-02',
      });
      await finish(store(), late, windows[0].id, T0 + 30 * MINUTE, T0 + 31 * MINUTE, T0 + 32 * MINUTE);
      const expected = [yesterday, a, b, priority].sort((x, y) =>
        x.effectiveAt !== y.effectiveAt
          ? x.effectiveAt - y.effectiveAt
          : x.issuedAt !== y.issuedAt
            ? x.issuedAt - y.issuedAt
            : x.number < y.number
              ? -1
              : 1,
      );
      expect(await store().listWaiting(hall.id)).toEqual(
        expected.map((t) => ({
          id: t.id,
          serviceId: t.serviceId,
          categories: t.categories,
          assistance: t.assistance,
          targetWindowId: t.targetWindowId,
          effectiveAt: t.effectiveAt,
          issuedAt: t.issuedAt,
          number: t.number,
        })),
      );
    });

    it('groups the waiting tickets, all of them or those ahead of a queue key', async () => {
      const { hall, services } = await seedHall(store());
      const tickets = [
        await issue(store(), services[0], { issuedAt: T0 }),
        await issue(store(), services[0], {
          issuedAt: T0 + MINUTE,
          categories: ['elderly'],
          effectiveAt: T0 - 14 * MINUTE,
        }),
        await issue(store(), services[1], { issuedAt: T0 + 2 * MINUTE, assistance: true }),
        await issue(store(), services[0], { issuedAt: T0 + 3 * MINUTE }),
        await issue(store(), services[1], { issuedAt: T0 + 4 * MINUTE }),
      ];
      const sorted = (gs: QueueGroup[]) =>
        [...gs].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
      expect(sorted(await store().waitingGroups(hall.id))).toEqual(sorted(groupQueue(tickets)));
      for (const me of tickets) {
        const ahead = tickets.filter((t) => compareQueue(t, me) < 0);
        expect(sorted(await store().waitingGroups(hall.id, me))).toEqual(sorted(groupQueue(ahead)));
      }
      expect(await store().waitingGroups('no-such-hall')).toEqual([]);
    });

    it('samples the service times of tickets completed since a time', async () => {
      const { hall, services, windows } = await seedHall(store());
      const t1 = await issue(store(), services[0]);
      const t2 = await issue(store(), services[1]);
      const t3 = await issue(store(), services[0]);
      await finish(store(), t1, windows[0].id, T0, T0 + MINUTE, T0 + 5 * MINUTE);
      await finish(store(), t2, windows[1].id, T0, T0 + 10 * MINUTE, T0 + 13 * MINUTE);
      await finish(store(), t3, windows[0].id, T0, T0 + 20 * MINUTE, T0 + 22 * MINUTE);
      const t4 = await issue(store(), services[0]);
      await finish(store(), t4, windows[1].id, T0, T0 + 30 * MINUTE, T0 + 36 * MINUTE);
      const byId = <T extends { serviceId: string }>(xs: T[]): T[] =>
        [...xs].sort((a, b) => a.serviceId.localeCompare(b.serviceId));
      expect(await store().serviceSamples(hall.id, T0 + 13 * MINUTE)).toEqual(
        byId([
          { serviceId: services[1].id, serviceMs: 3 * MINUTE, count: 1 },
          { serviceId: services[0].id, serviceMs: 8 * MINUTE, count: 2 },
        ]),
      );
      expect(await store().serviceSamples(hall.id, T0 + 37 * MINUTE)).toEqual([]);
    });
  });

  describe('event log', () => {
    it('pages through the log after a seq', async () => {
      const { hall, services } = await seedHall(store());
      expect(await store().lastSeq(hall.id)).toBe(0);
      for (let i = 0; i < 5; i++) await issue(store(), services[0]);
      expect((await store().listEvents(hall.id, 0, 2)).map((e) => e.seq)).toEqual([1, 2]);
      expect((await store().listEvents(hall.id, 2, 2)).map((e) => e.seq)).toEqual([3, 4]);
      expect((await store().listEvents(hall.id, 4, 100)).map((e) => e.seq)).toEqual([5]);
      expect(await store().listEvents(hall.id, 5, 100)).toEqual([]);
      expect(await store().listEvents('other-hall', 0, 100)).toEqual([]);
      expect(await store().lastSeq('other-hall')).toBe(0);
    });
  });
}
