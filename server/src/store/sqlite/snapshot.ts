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

/**
 * The waiting tickets from a queue key on (the key's own ticket included), per
 * group: a range of the queue index from the key to the end, so a newly issued
 * ticket, at the end of the queue, reads only itself (exported for the plan test).
 */
export const WAITING_GROUPS_FROM_SQL = `SELECT ${GROUP_COLUMNS} FROM tickets INDEXED BY tickets_queue
  WHERE hall_id = ? AND status = 'waiting' AND effective_at >= ?
  AND (effective_at > ? OR (issued_at > ? OR (issued_at = ? AND number >= ?)))
  GROUP BY ${GROUP_ORDER}`;

/** Every waiting ticket of the hall per group, as the triggers of queue_counts keep them (migration 11). */
const COUNTED_SQL = `SELECT service_id, categories <> '[]' AS priority, assistance,
  NULLIF(target_window_id, '') AS target_window_id, SUM(n) AS n
  FROM queue_counts WHERE hall_id = ? AND n > 0
  GROUP BY service_id, categories <> '[]', assistance, target_window_id`;

/** Queue groups from counted rows, less the rows of `minus`. */
function groupsOf(rows: readonly GroupRow[], minus: readonly GroupRow[] = []): QueueGroup[] {
  const groups = new Map<string, QueueGroup>();
  const keyOf = (r: GroupRow) => `${r.service_id}|${r.priority}|${r.assistance}|${r.target_window_id ?? ''}`;
  // Rows differ by category list; routing only asks whether there is one.
  for (const r of rows) {
    const g = groups.get(keyOf(r));
    if (g) g.count += r.n;
    else
      groups.set(keyOf(r), {
        serviceId: r.service_id,
        priority: r.priority === 1,
        assistance: r.assistance === 1,
        targetWindowId: r.target_window_id,
        count: r.n,
      });
  }
  for (const r of minus) {
    const g = groups.get(keyOf(r));
    if (g) g.count -= r.n;
  }
  return [...groups.values()].filter((g) => g.count > 0);
}

/**
 * The waiting tickets per group, all of them or those ahead of a queue key:
 * the hall's counts (kept by triggers as tickets start and stop waiting) less
 * the tickets from the key on. Either way no more ticket rows are read than
 * stand behind the key, none at all for the whole queue.
 */
export function waitingGroups(db: Db, hallId: string, before?: QueueKey): QueueGroup[] {
  return readTx(db, () => {
    const all = sql(db, COUNTED_SQL).all(hallId) as GroupRow[];
    if (!before) return groupsOf(all);
    const { effectiveAt, issuedAt, number } = before;
    const from = sql(db, WAITING_GROUPS_FROM_SQL).all(
      hallId,
      effectiveAt,
      effectiveAt,
      issuedAt,
      issuedAt,
      number,
    ) as GroupRow[];
    return groupsOf(all, from);
  });
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
