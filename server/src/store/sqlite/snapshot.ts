import type { QueueGroup, QueueKey, QueuedTicket, ServiceSample, Ticket } from '../../domain/index.js';
import type { HallSnapshot } from '../port.js';
import { notFound, readTx, sql, type Db } from './connection.js';
import { lastSeq, recentCalls } from './events.js';
import { getHall } from './halls.js';
import { QUEUED_COLUMNS, toQueued, toTicket, type QueuedRow, type TicketRow } from './queue-rows.js';
import { listWindows } from './windows.js';

/** What screens and the ETA read: the queue as a whole, in one consistent view. */

export function listWaiting(db: Db, hallId: string): QueuedTicket[] {
  const rows = sql(
    db,
    `SELECT ${QUEUED_COLUMNS} FROM tickets WHERE hall_id = ? AND status = 'waiting'
     ORDER BY effective_at, issued_at, number`,
  ).all(hallId) as QueuedRow[];
  return rows.map(toQueued);
}

const GROUP_COLUMNS = `service_id, categories <> '[]' AS priority, assistance, target_window_id, COUNT(*) AS n`;
/** In the order of the tickets_groups index, so SQLite counts while it walks, without sorting. */
const GROUP_ORDER = 'service_id, categories, assistance, target_window_id';

interface GroupRow {
  service_id: string;
  priority: number;
  assistance: number;
  target_window_id: string | null;
  n: number;
}

/** The waiting tickets ahead of a queue key, counted per group (exported for the plan test). */
export const WAITING_GROUPS_BEFORE_SQL = `SELECT ${GROUP_COLUMNS} FROM tickets WHERE hall_id = ? AND status = 'waiting'
  AND (effective_at < ? OR (effective_at = ? AND (issued_at < ? OR (issued_at = ? AND number < ?))))
  GROUP BY ${GROUP_ORDER}`;

/** Counted by SQLite over the queue index: no ticket row reaches JavaScript. */
export function waitingGroups(db: Db, hallId: string, before?: QueueKey): QueueGroup[] {
  const rows = (
    before
      ? sql(db, WAITING_GROUPS_BEFORE_SQL).all(
          hallId,
          before.effectiveAt,
          before.effectiveAt,
          before.issuedAt,
          before.issuedAt,
          before.number,
        )
      : sql(
          db,
          `SELECT ${GROUP_COLUMNS} FROM tickets WHERE hall_id = ? AND status = 'waiting' GROUP BY ${GROUP_ORDER}`,
        ).all(hallId)
  ) as GroupRow[];
  // Rows differ by category list; routing only asks whether there is one.
  const groups = new Map<string, QueueGroup>();
  for (const r of rows) {
    const key = `${r.service_id}|${r.priority}|${r.assistance}|${r.target_window_id ?? ''}`;
    const g = groups.get(key);
    if (g) g.count += r.n;
    else
      groups.set(key, {
        serviceId: r.service_id,
        priority: r.priority === 1,
        assistance: r.assistance === 1,
        targetWindowId: r.target_window_id,
        count: r.n,
      });
  }
  return [...groups.values()];
}

/** Tickets at the counters: called, being served, or held there. */
function activeTickets(db: Db, hallId: string): Ticket[] {
  const rows = sql(
    db,
    `SELECT * FROM tickets WHERE hall_id = ? AND status IN ('called', 'serving', 'held')
     ORDER BY called_at, number`,
  ).all(hallId) as TicketRow[];
  return rows.map(toTicket);
}

export function serviceSamples(db: Db, hallId: string, since: number): ServiceSample[] {
  // Summed per matter by SQLite: the estimate needs means, not every service of the last hours.
  const rows = sql(
    db,
    `SELECT service_id, SUM(ended_at - started_at) AS service_ms, COUNT(*) AS n FROM tickets
     WHERE hall_id = ? AND ended_at >= ? AND status = 'completed' AND started_at IS NOT NULL
       AND ended_at > started_at
     GROUP BY service_id ORDER BY service_id`,
  ).all(hallId, since) as { service_id: string; service_ms: number; n: number }[];
  return rows.map((r) => ({ serviceId: r.service_id, serviceMs: r.service_ms, count: r.n }));
}

/**
 * One read transaction, so `seq` is exactly the last event reflected in the
 * rest: a client that replays events after `seq` neither misses nor repeats one.
 */
export function hallSnapshot(db: Db, hallId: string, recentCallCount: number): HallSnapshot {
  return readTx(db, () => {
    if (!getHall(db, hallId)) throw notFound('Hall', hallId);
    return {
      seq: lastSeq(db, hallId),
      windows: listWindows(db, hallId),
      activeTickets: activeTickets(db, hallId),
      waiting: listWaiting(db, hallId),
      recentCalls: recentCalls(db, hallId, recentCallCount),
    };
  });
}
