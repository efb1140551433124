import { CALL_EVENT_TYPES, type HallEvent, type NewEvent } from '../../domain/index.js';
import { notFound, sql, type Db } from './connection.js';
import { json } from './rows.js';
import { toEvent, type EventRow } from './queue-rows.js';

/**
 * The hall's append-only log. Each append bumps the hall row's event_seq in
 * the caller's write transaction, so seqs are gap-free and shared by every
 * process using the file; the table's triggers refuse UPDATE and DELETE.
 * Call only inside a write transaction.
 */
export function appendEvents(db: Db, events: readonly NewEvent[]): HallEvent[] {
  const out: HallEvent[] = [];
  for (const e of events) {
    const row = sql(db, 'UPDATE halls SET event_seq = event_seq + 1 WHERE id = ? RETURNING event_seq').get(
      e.hallId,
    ) as { event_seq: number } | undefined;
    if (!row) throw notFound('Hall', e.hallId);
    const stored: HallEvent = { ...e, seq: row.event_seq };
    sql(
      db,
      `INSERT INTO events (hall_id, seq, type, at, actor_type, actor_id, ticket_id, window_id, from_state, to_state, data)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      stored.hallId,
      stored.seq,
      stored.type,
      stored.at,
      stored.actor.type,
      stored.actor.id,
      stored.ticketId,
      stored.windowId,
      stored.from,
      stored.to,
      json(stored.data),
    );
    out.push(stored);
  }
  return out;
}

export function listEvents(db: Db, hallId: string, afterSeq: number, limit: number): HallEvent[] {
  const rows = sql(db, 'SELECT * FROM events WHERE hall_id = ? AND seq > ? ORDER BY seq LIMIT ?').all(
    hallId,
    afterSeq,
    Math.max(0, Math.floor(limit)),
  ) as EventRow[];
  return rows.map(toEvent);
}

/** One ticket's events, oldest first. */
export function listTicketEvents(db: Db, ticketId: string): HallEvent[] {
  const rows = sql(db, 'SELECT * FROM events WHERE ticket_id = ? ORDER BY seq').all(ticketId) as EventRow[];
  return rows.map(toEvent);
}

/** Read from the log itself, so it also answers for a hall that has been deleted. */
export function lastSeq(db: Db, hallId: string): number {
  const row = sql(db, 'SELECT MAX(seq) AS seq FROM events WHERE hall_id = ?').get(hallId) as {
    seq: number | null;
  };
  return row.seq ?? 0;
}

export function recentCalls(db: Db, hallId: string, limit: number): HallEvent[] {
  const rows = sql(
    db,
    `SELECT * FROM events WHERE hall_id = ? AND type IN (${CALL_EVENT_TYPES.map(() => '?').join(', ')})
     ORDER BY seq DESC LIMIT ?`,
  ).all(hallId, ...CALL_EVENT_TYPES, Math.max(0, Math.floor(limit))) as EventRow[];
  return rows.map(toEvent);
}
