import { isDomainError, type HallEvent } from '../../domain/index.js';
import {
  aggregateFacts,
  factFromIssue,
  factTicketOf,
  foldTicketEvent,
  foldWindowEvent,
  type FoldContext,
  type TicketFact,
} from '../../domain/stats/index.js';
import type { AppDeps } from '../deps.js';
import { requireHall } from '../lookups.js';

/**
 * Folds the hall's event log into ticket facts and daily aggregates, from
 * the stored cursor on, one batch per atomic write. Idempotent: a batch
 * whose cursor moved meanwhile (another process, a concurrent query) is
 * dropped and the fold goes on from the new cursor, so no event is counted
 * twice and none is skipped.
 */

/** Events per batch: a busy day is a few tens of thousands, so a year catches up in a few hundred steps. */
export const ROLLUP_BATCH = 5000;

async function foldBatch(deps: AppDeps, hallId: string, timeZone: string): Promise<number> {
  const cursor = await deps.store.getStatsCursor(hallId);
  const events = await deps.store.listEvents(hallId, cursor.seq, ROLLUP_BATCH);
  if (events.length === 0) return 0;
  const domains = new Map((await deps.store.listServices(hallId)).map((s) => [s.id, s.domain]));
  const ticketIds = [...new Set(events.map(factTicketOf).filter((id): id is string => id !== null))];
  const facts = new Map<string, TicketFact>(
    (await deps.store.listTicketFacts(hallId, { ticketIds })).map((f) => [f.ticketId, f]),
  );
  const ctx: FoldContext = {
    timeZone,
    domainOf: (serviceId) => domains.get(serviceId) ?? '',
    ratings: await ratingsOf(deps, events),
    windowClerks: new Map(Object.entries(cursor.windowClerks)),
  };
  const changed = new Map<string, TicketFact>();
  for (const e of events) {
    if (foldWindowEvent(e, ctx)) continue;
    const ticketId = factTicketOf(e);
    if (ticketId === null) continue;
    const before = facts.get(ticketId);
    const after =
      e.type === 'ticket.issued'
        ? (before ?? factFromIssue(e, ctx))
        : before && foldTicketEvent(before, e, ctx);
    // An event of a ticket never issued in this log (impossible in practice) is skipped, not guessed.
    if (!after || after === before) continue;
    facts.set(ticketId, after);
    changed.set(ticketId, after);
  }
  const days = [...new Set([...changed.values()].map((f) => f.businessDay))];
  const ofDays = new Map((await deps.store.listTicketFacts(hallId, { days })).map((f) => [f.ticketId, f]));
  for (const f of changed.values()) ofDays.set(f.ticketId, f);
  const last = events[events.length - 1] as HallEvent;
  try {
    await deps.store.saveStatsRollup({
      hallId,
      expectedSeq: cursor.seq,
      cursor: { seq: last.seq, windowClerks: Object.fromEntries(ctx.windowClerks) },
      facts: [...changed.values()],
      days,
      aggregates: aggregateFacts(ofDays.values()),
    });
  } catch (err) {
    // Another fold got there first: go on from its cursor.
    if (isDomainError(err) && err.code === 'conflict') return -1;
    throw err;
  }
  return events.length;
}

async function ratingsOf(deps: AppDeps, events: readonly HallEvent[]): Promise<Map<string, number>> {
  const ratings = new Map<string, number>();
  for (const e of events) {
    if (e.type !== 'evaluation.submitted') continue;
    const ticketId = factTicketOf(e);
    if (ticketId === null || ratings.has(ticketId)) continue;
    const evaluation = await deps.store.getEvaluationByTicket(ticketId);
    if (evaluation && evaluation.hallId === e.hallId) ratings.set(ticketId, evaluation.level);
  }
  return ratings;
}

/** Brings the hall's statistics up to its last event; returns how many events were folded. */
export async function catchUpStats(deps: AppDeps, props: { hallId: string }): Promise<number> {
  const hall = await requireHall(deps, props.hallId);
  let total = 0;
  for (;;) {
    const n = await foldBatch(deps, hall.id, hall.timeZone);
    if (n === 0) return total;
    if (n > 0) total += n;
  }
}
