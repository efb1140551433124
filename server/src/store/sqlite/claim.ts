import {
  ACTIVE_AT_WINDOW,
  DomainError,
  lifecycle,
  matchesFilter,
  type EligibilityFilter,
  type HallEvent,
  type NewEvent,
  type Ticket,
  type TicketPatch,
} from '../../domain/index.js';
import type { ClaimRequest, ClaimResult } from '../port.js';
import { notFound, sql, writeTx, type Db } from './connection.js';
import { appendEvents } from './events.js';
import { QUEUED_COLUMNS, toQueued, type QueuedRow } from './queue-rows.js';
import { applyTicketPatch, getTicket } from './tickets.js';
import type { WindowRow } from './rows.js';
import { getWindowRow } from './windows.js';

/**
 * The waiting tickets of one hall and business day in queue order (DESIGN.md
 * §4: effective time, then issue time, then number), walked along the
 * tickets_queue index so no sort is needed and the walk stops at the first
 * eligible ticket.
 */
export const WAITING_OF_DAY_SQL = `SELECT ${QUEUED_COLUMNS} FROM tickets
  WHERE hall_id = ? AND status = 'waiting' AND business_day = ?
  ORDER BY effective_at, issued_at, number`;

function firstEligible(db: Db, req: ClaimRequest, filter: EligibilityFilter): string | null {
  for (const row of sql(db, WAITING_OF_DAY_SQL).iterate(
    req.hallId,
    req.businessDay,
  ) as IterableIterator<QueuedRow>) {
    // Leaving the loop closes the iterator, which frees the connection for the writes that follow.
    if (matchesFilter(filter, toQueued(row))) return row.id;
  }
  return null;
}

/** A repeated press: the ticket the last call-next claimed is still being called, within the time allowed. */
function isRepeat(window: WindowRow, current: Ticket, req: ClaimRequest): boolean {
  return (
    current.status === 'called' &&
    window.last_claim_ticket_id === current.id &&
    window.last_call_next_at !== null &&
    req.now - window.last_call_next_at < req.idempotencyMs
  );
}

/** Finishes the window's current ticket (started first if only called) and frees the counter. */
function completeCurrent(db: Db, window: WindowRow, current: Ticket, req: ClaimRequest): NewEvent[] {
  const events: NewEvent[] = [];
  const patch: TicketPatch = {};
  let ticket = current;
  if (ticket.status === 'called') {
    const started = lifecycle.start(ticket, req.now, req.actor);
    events.push(started.event);
    Object.assign(patch, started.patch);
    ticket = { ...ticket, ...started.patch };
  }
  const completed = lifecycle.complete(ticket, req.now, req.actor);
  events.push(completed.event);
  Object.assign(patch, completed.patch);
  applyTicketPatch(db, current, patch);
  sql(db, 'UPDATE windows SET current_ticket_id = NULL WHERE id = ?').run(window.id);
  return events;
}

/**
 * Call-next for one window as one IMMEDIATE transaction: two windows, two
 * presses or two processes never call the same ticket, and a refusal
 * changes nothing.
 */
export function claimNext(db: Db, req: ClaimRequest): ClaimResult {
  return writeTx(db, (): ClaimResult => {
    const window = getWindowRow(db, req.windowId);
    if (!window || window.hall_id !== req.hallId) throw notFound('Window', req.windowId);
    if (window.state !== 'open') {
      throw new DomainError(
        'window_not_open',
        `Window ${window.number} is ${window.state}; open it to call.`,
        {
          windowId: window.id,
          state: window.state,
        },
      );
    }

    const pending: NewEvent[] = [];
    const current = window.current_ticket_id === null ? null : getTicket(db, window.current_ticket_id);
    if (current && ACTIVE_AT_WINDOW.includes(current.status)) {
      if (isRepeat(window, current, req)) return { kind: 'repeated', ticket: current, events: [] };
      if (!req.completeCurrent) {
        throw new DomainError(
          'window_busy',
          `Window ${window.number} still has ${current.number}; finish it first.`,
          {
            windowId: window.id,
            ticketId: current.id,
            status: current.status,
          },
        );
      }
      pending.push(...completeCurrent(db, window, current, req));
    }

    for (const filter of req.filters) {
      const id = firstEligible(db, req, filter);
      if (id === null) continue;
      const ticket = getTicket(db, id) as Ticket;
      const call = lifecycle.call(ticket, window.id, req.now, req.actor);
      const called = applyTicketPatch(db, ticket, call.patch);
      sql(
        db,
        'UPDATE windows SET current_ticket_id = ?, last_call_next_at = ?, last_claim_ticket_id = ? WHERE id = ?',
      ).run(called.id, req.now, called.id, window.id);
      const events: HallEvent[] = appendEvents(db, [...pending, call.event]);
      return { kind: 'claimed', ticket: called, events };
    }

    // A stale pointer to a ticket no longer at the counter is cleared as well.
    if (window.current_ticket_id !== null) {
      sql(db, 'UPDATE windows SET current_ticket_id = NULL WHERE id = ?').run(window.id);
    }
    return { kind: 'empty', events: appendEvents(db, pending) };
  });
}
