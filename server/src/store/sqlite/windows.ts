import { DomainError, type HallEvent, type NewEvent, type ServiceWindow } from '../../domain/index.js';
import type { WindowUpdate } from '../port.js';
import { guardUnique, notFound, sql, writeTx, type Db } from './connection.js';
import { appendEvents } from './events.js';
import { getHall } from './halls.js';
import { bit, json, toWindow, type WindowRow } from './rows.js';

/** Windows: their configuration, and their live state changed only through updateWindow and the queue. */

export function listWindows(db: Db, hallId: string): ServiceWindow[] {
  const rows = sql(db, 'SELECT * FROM windows WHERE hall_id = ? ORDER BY sort_order, number').all(hallId);
  return (rows as WindowRow[]).map(toWindow);
}

export function getWindowRow(db: Db, id: string): WindowRow | undefined {
  return sql(db, 'SELECT * FROM windows WHERE id = ?').get(id) as WindowRow | undefined;
}

export function getWindow(db: Db, id: string): ServiceWindow | null {
  const row = getWindowRow(db, id);
  return row ? toWindow(row) : null;
}

/** A window stays in its hall. */
function checkWindowHall(db: Db, w: ServiceWindow): WindowRow | undefined {
  const existing = getWindowRow(db, w.id);
  if (existing && existing.hall_id !== w.hallId) {
    throw new DomainError(
      'conflict',
      `Window ${w.id} belongs to hall ${existing.hall_id}; it cannot move to another hall.`,
    );
  }
  if (!getHall(db, w.hallId)) throw notFound('Hall', w.hallId);
  return existing;
}

/**
 * Configuration only: an existing window keeps its state, clerk, ticket and
 * last call-next. A number clash is refused by the use case
 * (`windowNumberClash`); the unique index (hall, number) only catches two
 * saves racing, as `conflict`.
 */
export function saveWindow(
  db: Db,
  w: ServiceWindow,
  audit: readonly NewEvent[],
): { window: ServiceWindow; events: HallEvent[] } {
  return writeTx(db, () => {
    const existing = checkWindowHall(db, w);
    const config = {
      id: w.id,
      number: w.number,
      name: w.name,
      kind: w.kind,
      domains: json(w.domains),
      serviceIds: json(w.serviceIds),
      overflow: bit(w.overflow),
      clerkIds: json(w.clerkIds),
      sortOrder: w.sortOrder,
    };
    guardUnique(`Window number ${w.number}`, () => {
      if (existing) {
        sql(
          db,
          `UPDATE windows SET number = @number, name = @name, kind = @kind, domains = @domains,
             service_ids = @serviceIds, overflow = @overflow, clerk_ids = @clerkIds, sort_order = @sortOrder
           WHERE id = @id`,
        ).run(config);
      } else {
        sql(
          db,
          `INSERT INTO windows (id, hall_id, number, name, kind, domains, service_ids, overflow, state, pause_reason,
             clerk_ids, current_clerk_id, current_ticket_id, last_call_next_at, sort_order)
           VALUES (@id, @hallId, @number, @name, @kind, @domains, @serviceIds, @overflow, @state, @pauseReason,
             @clerkIds, @currentClerkId, @currentTicketId, @lastCallNextAt, @sortOrder)`,
        ).run({
          ...config,
          hallId: w.hallId,
          state: w.state,
          pauseReason: w.pauseReason,
          currentClerkId: w.currentClerkId,
          currentTicketId: w.currentTicketId,
          lastCallNextAt: w.lastCallNextAt,
        });
      }
    });
    const events = appendEvents(db, audit);
    return { window: getWindow(db, w.id) as ServiceWindow, events };
  });
}

export function deleteWindow(db: Db, id: string, audit: readonly NewEvent[]): { events: HallEvent[] } {
  return writeTx(db, () => {
    const row = getWindowRow(db, id);
    if (!row) throw notFound('Window', id);
    if (row.current_ticket_id !== null) {
      throw new DomainError(
        'conflict',
        `Window ${row.number} has a ticket at the counter; finish it first.`,
        {
          windowId: id,
          ticketId: row.current_ticket_id,
        },
      );
    }
    const held = sql(db, "SELECT COUNT(*) AS n FROM tickets WHERE window_id = ? AND status = 'held'").get(
      id,
    ) as {
      n: number;
    };
    if (held.n > 0) {
      throw new DomainError(
        'conflict',
        `Window ${row.number} has ${held.n} held tickets; call them back first.`,
        {
          windowId: id,
          held: held.n,
        },
      );
    }
    sql(db, 'DELETE FROM windows WHERE id = ?').run(id);
    return { events: appendEvents(db, audit) };
  });
}

export function updateWindow(db: Db, u: WindowUpdate): { window: ServiceWindow; events: HallEvent[] } {
  return writeTx(db, () => {
    const row = getWindowRow(db, u.windowId);
    if (!row) throw notFound('Window', u.windowId);
    if (u.expectedState !== undefined && row.state !== u.expectedState) {
      throw new DomainError('conflict', `Window ${row.number} is ${row.state}, not ${u.expectedState}.`, {
        windowId: u.windowId,
        state: row.state,
        expectedState: u.expectedState,
      });
    }
    if (u.expectedCurrentTicketId !== undefined && row.current_ticket_id !== u.expectedCurrentTicketId) {
      throw new DomainError('conflict', `Window ${row.number}'s ticket has changed; reload and try again.`, {
        windowId: u.windowId,
        currentTicketId: row.current_ticket_id,
        expectedCurrentTicketId: u.expectedCurrentTicketId,
      });
    }
    if (
      u.expectNoHeldTickets &&
      sql(db, "SELECT 1 FROM tickets WHERE window_id = ? AND status = 'held' LIMIT 1").get(u.windowId)
    ) {
      throw new DomainError(
        'window_busy',
        `Window ${row.number} holds a ticket; call it back or cancel it first.`,
        {
          windowId: u.windowId,
        },
      );
    }
    const p = u.patch;
    sql(
      db,
      `UPDATE windows SET state = @state, pause_reason = @pauseReason, current_clerk_id = @currentClerkId
       WHERE id = @id`,
    ).run({
      id: u.windowId,
      state: p.state ?? row.state,
      pauseReason: p.pauseReason !== undefined ? p.pauseReason : row.pause_reason,
      currentClerkId: p.currentClerkId !== undefined ? p.currentClerkId : row.current_clerk_id,
    });
    const events = appendEvents(db, u.events);
    return { window: getWindow(db, u.windowId) as ServiceWindow, events };
  });
}
