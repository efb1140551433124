import { describe, expect, it } from 'vitest';
import { aggregateFacts, sumMonth, type TicketFact } from '../../../server/src/domain/stats/index.js';
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

  describe('month sums', () => {
    const MONTH = DAY.slice(0, 7);
    const OTHER_DAY = '2025-04-01';

    it('keeps a month with its sums, filtered like days, until a roll-up changes one of its days', async () => {
      const hall = (await store().saveHall(buildHall(), [])).hall;
      const facts = [fact(hall.id), fact(hall.id, { businessDay: NEXT_DAY, domain: '医保' })];
      const april = fact(hall.id, { businessDay: OTHER_DAY });
      await store().saveStatsRollup({
        hallId: hall.id,
        expectedSeq: 0,
        cursor: { seq: 5, windowClerks: {} },
        facts: [...facts, april],
        days: [DAY, NEXT_DAY, OTHER_DAY],
        aggregates: aggregateFacts([...facts, april]),
      });
      const range = { from: '2025-03', to: '2025-04' };
      expect(await store().listMonthAggregates(hall.id, range)).toEqual({ months: [], aggregates: [] });
      const days = await store().listDayAggregates(hall.id, { from: `${MONTH}-01`, to: `${MONTH}-31` });
      const sums = sumMonth(MONTH, days);
      expect(sums).toHaveLength(2);
      const april0 = sumMonth(
        '2025-04',
        await store().listDayAggregates(hall.id, { from: OTHER_DAY, to: OTHER_DAY }),
      );
      expect(
        await store().saveMonthAggregates({
          hallId: hall.id,
          month: MONTH,
          expectedSeq: 5,
          aggregates: sums,
        }),
      ).toBe(true);
      expect(
        await store().saveMonthAggregates({
          hallId: hall.id,
          month: '2025-04',
          expectedSeq: 5,
          aggregates: april0,
        }),
      ).toBe(true);
      const kept = await store().listMonthAggregates(hall.id, range);
      expect(kept.months).toEqual(['2025-03', '2025-04']);
      expect(kept.aggregates.reduce((n, a) => n + a.issued, 0)).toBe(3);
      const police = await store().listMonthAggregates(hall.id, { ...range, domain: '医保' });
      expect(police.months).toEqual(['2025-03', '2025-04']);
      expect(police.aggregates).toEqual([sums.find((a) => a.domain === '医保')]);
      expect((await store().listMonthAggregates(hall.id, { from: '2025-04', to: '2025-04' })).months).toEqual(
        ['2025-04'],
      );
      expect(await store().listMonthAggregates('other-hall', range)).toEqual({ months: [], aggregates: [] });

      // A roll-up of a March day drops March's sums, not April's.
      const changed = { ...(facts[0] as TicketFact), outcome: 'no_show' as const, serviceMs: null };
      await store().saveStatsRollup({
        hallId: hall.id,
        expectedSeq: 5,
        cursor: { seq: 6, windowClerks: {} },
        facts: [changed],
        days: [DAY],
        aggregates: aggregateFacts([changed]),
      });
      const after = await store().listMonthAggregates(hall.id, range);
      expect(after.months).toEqual(['2025-04']);
      expect(after.aggregates.map((a) => a.businessDay)).toEqual(['2025-04']);
    });

    it('writes nothing when the roll-up moved past the cursor the days were read at', async () => {
      const hall = (await store().saveHall(buildHall(), [])).hall;
      const f = fact(hall.id);
      await store().saveStatsRollup({
        hallId: hall.id,
        expectedSeq: 0,
        cursor: { seq: 2, windowClerks: {} },
        facts: [f],
        days: [DAY],
        aggregates: aggregateFacts([f]),
      });
      const sums = sumMonth(MONTH, await store().listDayAggregates(hall.id, { from: DAY, to: DAY }));
      expect(
        await store().saveMonthAggregates({
          hallId: hall.id,
          month: MONTH,
          expectedSeq: 1,
          aggregates: sums,
        }),
      ).toBe(false);
      expect(await store().listMonthAggregates(hall.id, { from: MONTH, to: MONTH })).toEqual({
        months: [],
        aggregates: [],
      });
      await expectDomainError(
        store().saveMonthAggregates({ hallId: hall.id, month: '2025-04', expectedSeq: 2, aggregates: sums }),
        'conflict',
      );
      expect(await store().listMonthAggregates(hall.id, { from: MONTH, to: '2025-04' })).toEqual({
        months: [],
        aggregates: [],
      });
    });
  });
}
