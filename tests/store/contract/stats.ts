import { describe, expect, it } from 'vitest';
import { aggregateFacts, type TicketFact } from '../../../server/src/domain/stats/index.js';
import { buildHall, DAY, NEXT_DAY, T0 } from '../../helpers/factories.js';
import { expectDomainError, useStore, type MakeStore } from './setup.js';

/** The statistics roll-up: facts, daily aggregates and the cursor, written together or not at all. */
export function statsContract(makeStore: MakeStore): void {
  const store = useStore(makeStore);

  function fact(hallId: string, over: Partial<TicketFact> = {}): TicketFact {
    return {
      ticketId: `t-${Math.random().toString(36).slice(2)}`,
      hallId,
      businessDay: DAY,
      issueHour: 9,
      serviceId: 's-1',
      domain: '社保',
      windowId: 'w-1',
      clerkId: 'c-1',
      actorClerkId: 'c-1',
      callClerkId: null,
      priority: false,
      issuedAt: T0,
      waitMs: 60_000,
      startedAt: T0 + 60_000,
      serviceMs: 300_000,
      outcome: 'completed',
      endHour: 9,
      transfers: 0,
      rating: 5,
      ...over,
    };
  }

  it('starts at seq 0, saves facts and aggregates with the cursor, and filters aggregates', async () => {
    const hall = (await store().saveHall(buildHall(), [])).hall;
    expect(await store().getStatsCursor(hall.id)).toEqual({ seq: 0, windowClerks: {} });
    const facts = [
      fact(hall.id),
      fact(hall.id, { windowId: 'w-2', domain: '医保' }),
      fact(hall.id, { businessDay: NEXT_DAY }),
    ];
    await store().saveStatsRollup({
      hallId: hall.id,
      expectedSeq: 0,
      cursor: { seq: 7, windowClerks: { 'w-1': 'c-1' } },
      facts,
      days: [DAY, NEXT_DAY],
      aggregates: aggregateFacts(facts),
    });
    expect(await store().getStatsCursor(hall.id)).toEqual({ seq: 7, windowClerks: { 'w-1': 'c-1' } });
    expect(await store().listTicketFacts(hall.id, { ticketIds: [facts[0]?.ticketId ?? ''] })).toEqual([
      facts[0],
    ]);
    expect(await store().listTicketFacts(hall.id, { days: [NEXT_DAY] })).toEqual([facts[2]]);
    const day = await store().listDayAggregates(hall.id, { from: DAY, to: DAY });
    expect(day.reduce((s, a) => s + a.issued, 0)).toBe(2);
    expect(
      await store().listDayAggregates(hall.id, { from: DAY, to: NEXT_DAY, windowId: 'w-2' }),
    ).toHaveLength(1);
    expect(
      await store().listDayAggregates(hall.id, { from: DAY, to: NEXT_DAY, domain: '社保' }),
    ).toHaveLength(2);
    expect(await store().listDayAggregates('other-hall', { from: DAY, to: NEXT_DAY })).toEqual([]);
  });

  it('refuses a stale cursor or an aggregate outside the days replaced, changing nothing', async () => {
    const hall = (await store().saveHall(buildHall(), [])).hall;
    const f = fact(hall.id);
    const stale = {
      hallId: hall.id,
      expectedSeq: 3,
      cursor: { seq: 9, windowClerks: {} },
      facts: [f],
      days: [DAY],
      aggregates: aggregateFacts([f]),
    };
    await expectDomainError(store().saveStatsRollup(stale), 'conflict');
    await expectDomainError(
      store().saveStatsRollup({ ...stale, expectedSeq: 0, days: [NEXT_DAY] }),
      'conflict',
    );
    expect(await store().getStatsCursor(hall.id)).toEqual({ seq: 0, windowClerks: {} });
    expect(await store().listTicketFacts(hall.id, { days: [DAY] })).toEqual([]);
    expect(await store().listDayAggregates(hall.id, { from: DAY, to: DAY })).toEqual([]);
  });

  describe('replacing a day', () => {
    it('drops the old aggregates of that day only', async () => {
      const hall = (await store().saveHall(buildHall(), [])).hall;
      const a = fact(hall.id);
      const b = fact(hall.id, { businessDay: NEXT_DAY });
      const save = (seq: number, facts: TicketFact[], days: string[]) =>
        store().saveStatsRollup({
          hallId: hall.id,
          expectedSeq: seq,
          cursor: { seq: seq + 1, windowClerks: {} },
          facts,
          days,
          aggregates: aggregateFacts(facts),
        });
      await save(0, [a, b], [DAY, NEXT_DAY]);
      const changed = { ...a, outcome: 'no_show' as const, serviceMs: null };
      await save(1, [changed], [DAY]);
      const [row] = await store().listDayAggregates(hall.id, { from: DAY, to: DAY });
      expect(row).toMatchObject({ issued: 1, completed: 0, noShow: 1 });
      expect(await store().listDayAggregates(hall.id, { from: NEXT_DAY, to: NEXT_DAY })).toHaveLength(1);
    });
  });
}
