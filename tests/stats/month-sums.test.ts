import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultDeps, hallStats } from '../../server/src/app/index.js';
import {
  addDays,
  aggregateFacts,
  mergeAggregates,
  monthBounds,
  splitPeriod,
  sumMonth,
  type TicketFact,
} from '../../server/src/domain/stats/index.js';
import { openSqliteStore, type SqliteStore } from '../../server/src/store/sqlite/index.js';
import { buildHall } from '../helpers/factories.js';
import { prng } from './support.js';

/**
 * Month sums: a period's whole months are read from sums kept by the store,
 * the days at its ends day by day, and the report is the same as one summed
 * from every day, also after a roll-up changes a day of a month already summed.
 */

describe('splitting a period into whole months and days', () => {
  it('reads whole months as months and the ends as days', () => {
    expect(splitPeriod('2025-01-01', '2025-12-31')).toEqual({
      months: Array.from({ length: 12 }, (_, i) => `2025-${String(i + 1).padStart(2, '0')}`),
      days: [],
    });
    expect(splitPeriod('2025-01-15', '2025-04-10')).toEqual({
      months: ['2025-02', '2025-03'],
      days: [
        { from: '2025-01-15', to: '2025-01-31' },
        { from: '2025-04-01', to: '2025-04-10' },
      ],
    });
    expect(splitPeriod('2025-03-02', '2025-03-31')).toEqual({
      months: [],
      days: [{ from: '2025-03-02', to: '2025-03-31' }],
    });
    expect(splitPeriod('2024-12-31', '2025-02-28')).toEqual({
      months: ['2025-01', '2025-02'],
      days: [{ from: '2024-12-31', to: '2024-12-31' }],
    });
  });

  it('knows the length of every month, leap years included', () => {
    expect(monthBounds('2024-02')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(monthBounds('2025-02')).toEqual({ from: '2025-02-01', to: '2025-02-28' });
    expect(monthBounds('2025-12')).toEqual({ from: '2025-12-01', to: '2025-12-31' });
    expect(() => monthBounds('2025-13')).toThrow(RangeError);
  });

  it('refuses to sum a day of another month into a month', () => {
    const hall = buildHall();
    const [a] = aggregateFacts([fact(hall.id, '2025-04-01', 1, () => 0.5)]);
    expect(() => sumMonth('2025-03', a ? [a] : [])).toThrow(RangeError);
  });
});

function fact(hallId: string, day: string, n: number, random: () => number): TicketFact {
  const outcome = random() < 0.85 ? 'completed' : 'no_show';
  const window = Math.floor(random() * 4);
  const issuedAt = Date.parse(`${day}T01:00:00Z`) + n * 60_000;
  return {
    ticketId: `t-${day}-${n}`,
    hallId,
    businessDay: day,
    issueHour: 9 + Math.floor(random() * 8),
    serviceId: `s-${window}`,
    domain: ['社保', '医保'][window % 2] as string,
    windowId: `w-${window}`,
    clerkId: `c-${window}`,
    actorClerkId: `c-${window}`,
    callClerkId: null,
    priority: random() < 0.2,
    issuedAt,
    waitMs: Math.floor(random() * 3_600_000),
    startedAt: null,
    serviceMs: outcome === 'completed' ? Math.floor(random() * 1_200_000) : null,
    outcome,
    endHour: 10,
    transfers: random() < 0.05 ? 1 : 0,
    rating: outcome === 'completed' && random() < 0.5 ? 1 + Math.floor(random() * 5) : null,
  };
}

describe('statistics read from month sums', () => {
  let dir: string;
  let store: SqliteStore;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'month-sums-'));
    store = openSqliteStore({ file: path.join(dir, 'hall.db') });
  });
  afterEach(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('give the report of the days, before and after a summed month changes', async () => {
    const hall = (await store.saveHall(buildHall({ timeZone: 'Asia/Shanghai' }), [])).hall;
    const random = prng(7);
    const facts: TicketFact[] = [];
    for (let day = '2025-01-20'; day <= '2025-04-12'; day = addDays(day, 1)) {
      for (let n = 0; n < 12; n += 1) facts.push(fact(hall.id, day, n, random));
    }
    const days = [...new Set(facts.map((f) => f.businessDay))];
    await store.saveStatsRollup({
      hallId: hall.id,
      expectedSeq: 0,
      cursor: { seq: 1, windowClerks: {} },
      facts,
      days,
      aggregates: aggregateFacts(facts),
    });
    const deps = defaultDeps(store);
    const fromDays = async (from: string, to: string, filters: { domain?: string; windowId?: string } = {}) =>
      mergeAggregates(await store.listDayAggregates(hall.id, { from, to, ...filters }));
    const periods: [string, string][] = [
      ['2025-01-15', '2025-04-10'],
      ['2025-02-01', '2025-03-31'],
      ['2025-03-03', '2025-03-20'],
    ];
    for (const [from, to] of periods) {
      expect((await hallStats(deps, { hallId: hall.id, from, to })).report).toEqual(await fromDays(from, to));
    }
    // February and March are now kept as sums; filters are applied to them like to days.
    expect((await store.listMonthAggregates(hall.id, { from: '2025-01', to: '2025-04' })).months).toEqual([
      '2025-02',
      '2025-03',
    ]);
    const filtered = await hallStats(deps, {
      hallId: hall.id,
      from: '2025-01-15',
      to: '2025-04-10',
      domain: '医保',
    });
    expect(filtered.report).toEqual(await fromDays('2025-01-15', '2025-04-10', { domain: '医保' }));
    const byWindow = await hallStats(deps, {
      hallId: hall.id,
      from: '2025-02-01',
      to: '2025-03-31',
      windowId: 'w-2',
    });
    expect(byWindow.report).toEqual(await fromDays('2025-02-01', '2025-03-31', { windowId: 'w-2' }));

    // A day of March is rolled up again: March's sum is dropped and the report follows the day.
    const march = facts.filter((f) => f.businessDay === '2025-03-05');
    const changed = march.map((f) => ({
      ...f,
      outcome: 'cancelled' as const,
      serviceMs: null,
      rating: null,
    }));
    await store.saveStatsRollup({
      hallId: hall.id,
      expectedSeq: 1,
      cursor: { seq: 2, windowClerks: {} },
      facts: changed,
      days: ['2025-03-05'],
      aggregates: aggregateFacts(changed),
    });
    expect((await store.listMonthAggregates(hall.id, { from: '2025-01', to: '2025-04' })).months).toEqual([
      '2025-02',
    ]);
    const after = await hallStats(deps, { hallId: hall.id, from: '2025-02-01', to: '2025-03-31' });
    expect(after.report).toEqual(await fromDays('2025-02-01', '2025-03-31'));
    expect(after.report.cancelled).toBeGreaterThanOrEqual(12);
  });
});
