import type { DayAggregate } from './aggregate.js';
import { mergeHistogram } from './histogram.js';
import { addDays, dayIndex } from './period.js';

/**
 * Month sums: the day aggregates of one month added up per (domain, window,
 * clerk, priority). A year's report then reads about twelve rows per group
 * instead of some 250, and only the days at either end of the period that do
 * not fill a month are read day by day. A month's sum is kept by the store
 * once computed and dropped whenever one of its days is rolled up again, so it
 * is always the sum of the days as they are now.
 *
 * A month is written `YYYY-MM`; in a month sum `businessDay` holds the month.
 */

export interface StatsFilters {
  domain?: string;
  windowId?: string;
  clerkId?: string;
}

export function monthOf(day: string): string {
  return day.slice(0, 7);
}

/** The first and last day of a month `YYYY-MM`. */
export function monthBounds(month: string): { from: string; to: string } {
  const from = `${month}-01`;
  if (dayIndex(from) === null) throw new RangeError(`${month} is not a month`);
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
  return { from, to: addDays(next, -1) };
}

/** The months a list of days fall in, each once. */
export function monthsOfDays(days: Iterable<string>): string[] {
  return [...new Set([...days].map(monthOf))].sort();
}

/**
 * A period of dates split for reading: the months it covers whole, and the
 * runs of days before the first and after the last of them (all of the
 * period when it covers no month whole).
 */
export function splitPeriod(
  from: string,
  to: string,
): { months: string[]; days: { from: string; to: string }[] } {
  const months: string[] = [];
  let first: string | null = null;
  let last: string | null = null;
  for (let month = monthOf(from); month <= monthOf(to);) {
    const b = monthBounds(month);
    if (b.from >= from && b.to <= to) {
      months.push(month);
      first ??= b.from;
      last = b.to;
    }
    month = monthOf(addDays(b.to, 1));
  }
  if (first === null || last === null) return { months, days: [{ from, to }] };
  const days: { from: string; to: string }[] = [];
  if (from < first) days.push({ from, to: addDays(first, -1) });
  if (last < to) days.push({ from: addDays(last, 1), to });
  return { months, days };
}

export function matchesStatsFilters(a: DayAggregate, f: StatsFilters): boolean {
  return (
    (f.domain === undefined || a.domain === f.domain) &&
    (f.windowId === undefined || a.windowId === f.windowId) &&
    (f.clerkId === undefined || a.clerkId === f.clerkId)
  );
}

function addList(into: number[], from: readonly number[]): void {
  for (let i = 0; i < from.length; i += 1) into[i] = (into[i] ?? 0) + (from[i] ?? 0);
}

/** The sums of a month's day aggregates, one per (domain, window, clerk, priority); days of other months are refused. */
export function sumMonth(month: string, days: Iterable<DayAggregate>): DayAggregate[] {
  const groups = new Map<string, DayAggregate>();
  for (const d of days) {
    if (monthOf(d.businessDay) !== month) throw new RangeError(`${d.businessDay} is not in ${month}`);
    const key = JSON.stringify([d.domain, d.windowId, d.clerkId, d.priority]);
    const sum = groups.get(key);
    if (!sum) {
      groups.set(key, {
        ...d,
        businessDay: month,
        waitHist: { ...d.waitHist },
        serviceHist: { ...d.serviceHist },
        issuedByHour: [...d.issuedByHour],
        servedByHour: [...d.servedByHour],
        ratings: [...d.ratings],
      });
      continue;
    }
    sum.issued += d.issued;
    sum.completed += d.completed;
    sum.noShow += d.noShow;
    sum.cancelled += d.cancelled;
    sum.expired += d.expired;
    sum.open += d.open;
    sum.transfers += d.transfers;
    sum.transferredTickets += d.transferredTickets;
    sum.waitCount += d.waitCount;
    sum.waitSumMs += d.waitSumMs;
    mergeHistogram(sum.waitHist, d.waitHist);
    sum.serviceCount += d.serviceCount;
    sum.serviceSumMs += d.serviceSumMs;
    mergeHistogram(sum.serviceHist, d.serviceHist);
    addList(sum.issuedByHour, d.issuedByHour);
    addList(sum.servedByHour, d.servedByHour);
    addList(sum.ratings, d.ratings);
  }
  return [...groups.values()];
}
