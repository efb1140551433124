import type { TicketFact } from './facts.js';
import { addToHistogram, mergeHistogram, percentile, type Histogram } from './histogram.js';

/**
 * Daily roll-ups per (day, domain, window, clerk, priority): small enough
 * that a year of a busy hall is some ten thousand rows, detailed enough to
 * filter by area, window and clerk and to compare priority with normal.
 */

export interface DayAggregate {
  hallId: string;
  businessDay: string;
  domain: string;
  windowId: string | null;
  clerkId: string | null;
  priority: boolean;
  issued: number;
  completed: number;
  noShow: number;
  cancelled: number;
  expired: number;
  /** Not ended yet (waiting, called, serving, held). */
  open: number;
  /** Transfer steps; a ticket moved twice counts twice. */
  transfers: number;
  transferredTickets: number;
  waitCount: number;
  waitSumMs: number;
  waitHist: Histogram;
  serviceCount: number;
  serviceSumMs: number;
  serviceHist: Histogram;
  /** By hall-local hour 0–23: issued by hour of issue, served by hour of completion. */
  issuedByHour: number[];
  servedByHour: number[];
  /** Counts of rating levels 1–5 at indexes 0–4. */
  ratings: number[];
}

const zeros = (n: number): number[] => Array.from({ length: n }, () => 0);

function emptyAggregate(f: TicketFact): DayAggregate {
  return {
    hallId: f.hallId,
    businessDay: f.businessDay,
    domain: f.domain,
    windowId: f.windowId,
    clerkId: f.clerkId,
    priority: f.priority,
    issued: 0,
    completed: 0,
    noShow: 0,
    cancelled: 0,
    expired: 0,
    open: 0,
    transfers: 0,
    transferredTickets: 0,
    waitCount: 0,
    waitSumMs: 0,
    waitHist: {},
    serviceCount: 0,
    serviceSumMs: 0,
    serviceHist: {},
    issuedByHour: zeros(24),
    servedByHour: zeros(24),
    ratings: zeros(5),
  };
}

const bump = (list: number[], i: number | null) => {
  if (i !== null && i >= 0 && i < list.length) list[i] = (list[i] ?? 0) + 1;
};

/** The aggregates of some facts (normally: all facts of one or more days). */
export function aggregateFacts(facts: Iterable<TicketFact>): DayAggregate[] {
  const groups = new Map<string, DayAggregate>();
  for (const f of facts) {
    const key = JSON.stringify([f.businessDay, f.domain, f.windowId, f.clerkId, f.priority]);
    let a = groups.get(key);
    if (!a) groups.set(key, (a = emptyAggregate(f)));
    a.issued += 1;
    bump(a.issuedByHour, f.issueHour);
    if (f.outcome === null) a.open += 1;
    else if (f.outcome === 'completed') {
      a.completed += 1;
      bump(a.servedByHour, f.endHour);
    } else if (f.outcome === 'no_show') a.noShow += 1;
    else if (f.outcome === 'cancelled') a.cancelled += 1;
    else a.expired += 1;
    a.transfers += f.transfers;
    if (f.transfers > 0) a.transferredTickets += 1;
    if (f.waitMs !== null) {
      a.waitCount += 1;
      a.waitSumMs += f.waitMs;
      addToHistogram(a.waitHist, f.waitMs);
    }
    if (f.outcome === 'completed' && f.serviceMs !== null) {
      a.serviceCount += 1;
      a.serviceSumMs += f.serviceMs;
      addToHistogram(a.serviceHist, f.serviceMs);
    }
    if (f.rating !== null) bump(a.ratings, f.rating - 1);
  }
  return [...groups.values()];
}

export interface DurationStats {
  count: number;
  avgMs: number | null;
  /** 90th percentile (nearest rank) within half a histogram bucket; see histogram.ts. */
  p90Ms: number | null;
}

export interface StatsReport {
  issued: number;
  served: number;
  /**
   * Of `served`: tickets finished with no recorded service (called, then
   * completed by the next call without being started), so they count as 办结
   * but not in the service time, and a supervisor sees how often it happens.
   */
  servedWithoutStart: number;
  noShows: number;
  cancelled: number;
  expired: number;
  open: number;
  transfers: number;
  transferredTickets: number;
  wait: DurationStats;
  service: DurationStats;
  priority: { tickets: number; share: number | null; wait: DurationStats };
  normal: { tickets: number; wait: DurationStats };
  hourly: { hour: number; issued: number; served: number }[];
  ratings: { total: number; bad: number; levels: { level: number; count: number }[] };
}

class Durations {
  count = 0;
  sum = 0;
  hist: Histogram = {};
  add(count: number, sum: number, hist: Histogram) {
    this.count += count;
    this.sum += sum;
    mergeHistogram(this.hist, hist);
  }
  stats(): DurationStats {
    return {
      count: this.count,
      avgMs: this.count === 0 ? null : Math.round(this.sum / this.count),
      p90Ms: percentile(this.hist, 0.9),
    };
  }
}

/** Sums aggregate rows (already filtered to the period and filters) into the report. */
export function mergeAggregates(rows: Iterable<DayAggregate>): StatsReport {
  const wait = new Durations();
  const service = new Durations();
  const prioWait = new Durations();
  const normalWait = new Durations();
  const issuedByHour = zeros(24);
  const servedByHour = zeros(24);
  const ratings = zeros(5);
  const t = { issued: 0, served: 0, noShows: 0, cancelled: 0, expired: 0, open: 0, transfers: 0, moved: 0 };
  let priorityTickets = 0;
  let timedServices = 0;
  for (const a of rows) {
    timedServices += a.serviceCount;
    t.issued += a.issued;
    t.served += a.completed;
    t.noShows += a.noShow;
    t.cancelled += a.cancelled;
    t.expired += a.expired;
    t.open += a.open;
    t.transfers += a.transfers;
    t.moved += a.transferredTickets;
    wait.add(a.waitCount, a.waitSumMs, a.waitHist);
    service.add(a.serviceCount, a.serviceSumMs, a.serviceHist);
    (a.priority ? prioWait : normalWait).add(a.waitCount, a.waitSumMs, a.waitHist);
    if (a.priority) priorityTickets += a.issued;
    for (let h = 0; h < 24; h += 1) {
      issuedByHour[h] = (issuedByHour[h] ?? 0) + (a.issuedByHour[h] ?? 0);
      servedByHour[h] = (servedByHour[h] ?? 0) + (a.servedByHour[h] ?? 0);
    }
    for (let l = 0; l < 5; l += 1) ratings[l] = (ratings[l] ?? 0) + (a.ratings[l] ?? 0);
  }
  return {
    issued: t.issued,
    served: t.served,
    servedWithoutStart: t.served - timedServices,
    noShows: t.noShows,
    cancelled: t.cancelled,
    expired: t.expired,
    open: t.open,
    transfers: t.transfers,
    transferredTickets: t.moved,
    wait: wait.stats(),
    service: service.stats(),
    priority: {
      tickets: priorityTickets,
      share: t.issued === 0 ? null : priorityTickets / t.issued,
      wait: prioWait.stats(),
    },
    normal: { tickets: t.issued - priorityTickets, wait: normalWait.stats() },
    hourly: issuedByHour.map((issued, hour) => ({ hour, issued, served: servedByHour[hour] ?? 0 })),
    ratings: {
      total: ratings.reduce((s, n) => s + n, 0),
      bad: (ratings[0] ?? 0) + (ratings[1] ?? 0),
      levels: ratings.map((count, i) => ({ level: i + 1, count })),
    },
  };
}
