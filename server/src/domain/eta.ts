import { matchesFilter, windowFilters, type RoutableTicket, type RoutingContext } from './eligibility.js';
import { compareQueue, type QueueKey } from './ordering.js';
import type { Service } from './types.js';

/**
 * Estimated wait from live service rates (DESIGN.md §4): the work queued
 * ahead of a ticket (each ticket ahead costs the recent mean service time of
 * its matter) shared by the open windows that can call the ticket.
 */

export interface ServiceSample {
  serviceId: string;
  /** Milliseconds from start to completion, summed over `count` services. */
  serviceMs: number;
  /** How many services the sample sums; 1 when absent. */
  count?: number;
}

/** Samples needed before live data fully replaces the catalogue's expected minutes. */
const FULL_CONFIDENCE = 5;

/**
 * Mean service time per matter. With few samples the catalogue's expected
 * time is blended in, so one unusually quick or slow case does not swing
 * every estimate in the hall.
 */
export function serviceTimes(
  services: readonly Service[],
  samples: readonly ServiceSample[],
): Map<string, number> {
  const sums = new Map<string, { total: number; n: number }>();
  for (const s of samples) {
    const count = s.count ?? 1;
    if (!(s.serviceMs > 0) || !(count > 0)) continue;
    const acc = sums.get(s.serviceId) ?? { total: 0, n: 0 };
    acc.total += s.serviceMs;
    acc.n += count;
    sums.set(s.serviceId, acc);
  }
  const out = new Map<string, number>();
  for (const svc of services) {
    const expected = svc.expectedMinutes * 60_000;
    const acc = sums.get(svc.id);
    if (!acc) {
      out.set(svc.id, expected);
      continue;
    }
    const w = Math.min(acc.n, FULL_CONFIDENCE) / FULL_CONFIDENCE;
    out.set(svc.id, w * (acc.total / acc.n) + (1 - w) * expected);
  }
  return out;
}

export type QueuedTicket = RoutableTicket & QueueKey & { id: string };

export interface WaitEstimate {
  /** Tickets that will be called before this one at the windows that can serve it. */
  ahead: number;
  /** Minutes, rounded up; null when no open window can serve the ticket now. */
  minutes: number | null;
  /** Open windows that can call the ticket. */
  windows: number;
}

const DEFAULT_SERVICE_MS = 10 * 60_000;

/**
 * Estimate for `ticket` (already waiting, or a hypothetical new one placed at
 * the end) given the hall's waiting tickets in any order.
 */
export function estimateWait(
  ticket: QueuedTicket,
  waiting: readonly QueuedTicket[],
  ctx: RoutingContext,
  times: Map<string, number>,
): WaitEstimate {
  const open = ctx.windows.filter((w) => w.state === 'open');
  const filters = ctx.windows
    .filter((w) => w.state !== 'closed')
    .map((w) => windowFilters(w, ctx))
    .filter((fs) => fs.some((f) => matchesFilter(f, ticket)));
  const openServing = open.filter((w) => filters.some((fs) => fs[0]?.windowId === w.id)).length;
  let ahead = 0;
  let work = 0;
  for (const other of waiting) {
    if (other.id === ticket.id || compareQueue(other, ticket) >= 0) continue;
    if (!filters.some((fs) => fs.some((f) => matchesFilter(f, other)))) continue;
    ahead += 1;
    work += times.get(other.serviceId) ?? DEFAULT_SERVICE_MS;
  }
  const minutes = openServing === 0 ? null : Math.ceil(work / openServing / 60_000);
  return { ahead, minutes, windows: openServing };
}

/**
 * Waiting tickets grouped by what routing looks at. A hall has a few dozen
 * groups however long its queue, so estimates and counts cost the same with
 * 20 or 2,000 people waiting.
 */
export interface QueueGroup {
  serviceId: string;
  priority: boolean;
  assistance: boolean;
  targetWindowId: string | null;
  count: number;
}

function groupTicket(g: QueueGroup): RoutableTicket {
  return {
    serviceId: g.serviceId,
    categories: g.priority ? ['urgent'] : [],
    assistance: g.assistance,
    targetWindowId: g.targetWindowId,
  };
}

/**
 * The same estimate as `estimateWait`, from the groups of the tickets ahead
 * of `ticket` (the store selects them by queue order).
 */
export function estimateFromGroups(
  ticket: RoutableTicket,
  ahead: readonly QueueGroup[],
  ctx: RoutingContext,
  times: Map<string, number>,
): WaitEstimate {
  const filters = ctx.windows
    .filter((w) => w.state !== 'closed')
    .map((w) => windowFilters(w, ctx))
    .filter((fs) => fs.some((f) => matchesFilter(f, ticket)));
  const openServing = ctx.windows.filter(
    (w) => w.state === 'open' && filters.some((fs) => fs[0]?.windowId === w.id),
  ).length;
  let count = 0;
  let work = 0;
  for (const g of ahead) {
    const t = groupTicket(g);
    if (!filters.some((fs) => fs.some((f) => matchesFilter(f, t)))) continue;
    count += g.count;
    work += g.count * (times.get(g.serviceId) ?? DEFAULT_SERVICE_MS);
  }
  return {
    ahead: count,
    minutes: openServing === 0 ? null : Math.ceil(work / openServing / 60_000),
    windows: openServing,
  };
}

/** Groups a list of waiting tickets (for tests and small lists). */
export function groupQueue(tickets: readonly RoutableTicket[]): QueueGroup[] {
  const groups = new Map<string, QueueGroup>();
  for (const t of tickets) {
    const priority = t.categories.length > 0;
    const key = `${t.serviceId}|${priority}|${t.assistance}|${t.targetWindowId ?? ''}`;
    const g = groups.get(key);
    if (g) g.count += 1;
    else
      groups.set(key, {
        serviceId: t.serviceId,
        priority,
        assistance: t.assistance,
        targetWindowId: t.targetWindowId,
        count: 1,
      });
  }
  return [...groups.values()];
}
