import {
  claimGiven,
  filterCandidates,
  firstEligible,
  freeCounter,
  isRepeatPress,
  lifecycle,
  requireOpen,
  DomainError,
  type Counter,
  type EligibilityFilter,
  type HallEvent,
  type NewEvent,
  type QueuedTicket,
  type Ticket,
} from '../../domain/index.js';
import type { ClaimRequest, ClaimResult, TicketClaimRequest } from '../port.js';
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

/**
 * The same walk, leaving out in SQLite the tickets that cannot match a filter
 * (`filterCandidates`): a window for a few matters does not read the whole
 * queue into JavaScript to find its first ticket.
 */
export const CANDIDATES_OF_DAY_SQL = `SELECT ${QUEUED_COLUMNS} FROM tickets INDEXED BY tickets_queue
  WHERE hall_id = ? AND status = 'waiting' AND business_day = ?
  AND (target_window_id = ? OR service_id IN (SELECT value FROM json_each(?)))
  ORDER BY effective_at, issued_at, number`;

function* waitingInOrder(
  db: Db,
  hallId: string,
  businessDay: string,
  filter: EligibilityFilter,
): Generator<QueuedTicket> {
  const candidates = filterCandidates(filter);
  const rows = candidates
    ? sql(db, CANDIDATES_OF_DAY_SQL).iterate(
        hallId,
        businessDay,
        candidates.windowId,
        JSON.stringify(candidates.serviceIds),
      )
    : sql(db, WAITING_OF_DAY_SQL).iterate(hallId, businessDay);
  // Leaving the loop early closes the iterator, which frees the connection for the writes that follow.
  for (const row of rows as IterableIterator<QueuedRow>) yield toQueued(row);
}

function counterOf(row: WindowRow): Counter {
  return {
    id: row.id,
    number: row.number,
    state: row.state as Counter['state'],
    currentTicketId: row.current_ticket_id,
    lastCallNextAt: row.last_call_next_at,
    lastClaimTicketId: row.last_claim_ticket_id,
  };
}

/** Reads the window and its ticket, and frees the counter as the domain decides. */
function prepareCounter(
  db: Db,
  req: {
    hallId: string;
    windowId: string;
    now: number;
    actor: ClaimRequest['actor'];
    completeCurrent: boolean;
  },
  repeat?: (window: Counter, current: Ticket | null) => boolean,
): { window: Counter; pending: NewEvent[]; repeated: Ticket | null } {
  const row = getWindowRow(db, req.windowId);
  if (!row || row.hall_id !== req.hallId) throw notFound('Window', req.windowId);
  const window = counterOf(row);
  requireOpen(window);
  const current = window.currentTicketId === null ? null : getTicket(db, window.currentTicketId);
  if (repeat?.(window, current)) return { window, pending: [], repeated: current };
  const { finish, clearStale } = freeCounter(window, current, req);
  const pending: NewEvent[] = [];
  if (finish && current) {
    applyTicketPatch(db, current, finish.patch);
    pending.push(finish.event);
  }
  if (finish || clearStale)
    sql(db, 'UPDATE windows SET current_ticket_id = NULL WHERE id = ?').run(window.id);
  return { window, pending, repeated: null };
}

/**
 * Call-next for one window as one IMMEDIATE transaction: two windows, two
 * presses or two processes never call the same ticket, and a refusal
 * changes nothing. Every rule is the domain's (domain/claim.ts).
 */
export function claimNext(db: Db, req: ClaimRequest): ClaimResult {
  return writeTx(db, (): ClaimResult => {
    const { window, pending, repeated } = prepareCounter(db, req, (w, current) =>
      isRepeatPress(w, current, req.now, req.idempotencyMs),
    );
    if (repeated) return { kind: 'repeated', ticket: repeated, events: [] };
    const id = firstEligible(req.filters, (filter) =>
      waitingInOrder(db, req.hallId, req.businessDay, filter),
    );
    if (id === null) return { kind: 'empty', events: appendEvents(db, pending) };
    const ticket = getTicket(db, id) as Ticket;
    const call = lifecycle.call(ticket, window.id, req.now, req.actor);
    const called = applyTicketPatch(db, ticket, call.patch);
    sql(
      db,
      'UPDATE windows SET current_ticket_id = ?, last_call_next_at = ?, last_claim_ticket_id = ? WHERE id = ?',
    ).run(called.id, req.now, called.id, window.id);
    const events: HallEvent[] = appendEvents(db, [...pending, call.event]);
    return { kind: 'claimed', ticket: called, events };
  });
}

/**
 * Calls one given ticket to a window (回呼 of a held ticket, or a waiting one
 * by its number) in one transaction with freeing the counter, as atomic as
 * call-next: two presses or two hubs never call it twice.
 */
export function claimTicket(db: Db, req: TicketClaimRequest): { ticket: Ticket; events: HallEvent[] } {
  return writeTx(db, () => {
    const target = getTicket(db, req.ticketId);
    if (!target || target.hallId !== req.hallId) throw notFound('Ticket', req.ticketId);
    if (req.mode === 'by_number' && target.businessDay !== req.businessDay) {
      throw new DomainError('not_found', `No ticket ${target.number} today.`, { number: target.number });
    }
    const { window, pending } = prepareCounter(db, req);
    // Finishing the counter's ticket may have been this very ticket's row: read it again.
    const fresh = getTicket(db, req.ticketId) as Ticket;
    const change = claimGiven(window, fresh, req.mode, req.now, req.actor);
    const called = applyTicketPatch(db, fresh, change.patch);
    sql(db, 'UPDATE windows SET current_ticket_id = ? WHERE id = ?').run(called.id, window.id);
    return { ticket: called, events: appendEvents(db, [...pending, change.event]) };
  });
}
