import { matchesFilter, type EligibilityFilter } from './eligibility.js';
import { DomainError } from './errors.js';
import { ACTIVE_AT_WINDOW, call, callBack, finishAtCounter, type TicketChange } from './lifecycle.js';
import type { QueuedTicket } from './eta.js';
import type { Actor, Ticket, WindowState } from './types.js';

/**
 * The rules of calling a ticket to a window (DESIGN.md §4, "Claim"), in one
 * place for call-next, call-back (回呼) and call-by-number. A store adapter
 * reads the window and its ticket inside its atomic step, asks these
 * functions what to do, and writes the answer; it knows no rule itself.
 */

/** What a claim reads about the window. */
export interface Counter {
  id: string;
  number: number;
  state: WindowState;
  /** The ticket called or served here, as the window row says (may be stale). */
  currentTicketId: string | null;
  /** When the last call-next claimed a ticket here, and which. */
  lastCallNextAt: number | null;
  lastClaimTicketId: string | null;
}

export interface FreeRules {
  now: number;
  actor: Actor;
  /** Finish the window's ticket before the next call (hall rule `completeOnNext`); else refuse. */
  completeCurrent: boolean;
}

export function requireOpen(window: Counter): void {
  if (window.state !== 'open') {
    throw new DomainError('window_not_open', `Window ${window.number} is ${window.state}; open it to call.`, {
      windowId: window.id,
      window: window.number,
      state: window.state,
    });
  }
}

/**
 * A repeated press (two channels, a double tap): the ticket the last
 * call-next claimed is still only called, within the time allowed. It is
 * answered with the same ticket, so no citizen is skipped.
 */
export function isRepeatPress(
  window: Counter,
  current: Ticket | null,
  now: number,
  idempotencyMs: number,
): boolean {
  return (
    current !== null &&
    current.status === 'called' &&
    window.lastClaimTicketId === current.id &&
    window.lastCallNextAt !== null &&
    now - window.lastCallNextAt < idempotencyMs
  );
}

/**
 * What a new call does to the window's present ticket: nothing when the
 * counter is free (a pointer to a ticket no longer at the counter is stale and
 * is cleared), finishing it when the hall's rule says so, else a refusal.
 */
export function freeCounter(
  window: Counter,
  current: Ticket | null,
  rules: FreeRules,
): { finish: TicketChange | null; clearStale: boolean } {
  const atCounter = current !== null && ACTIVE_AT_WINDOW.includes(current.status) ? current : null;
  if (!atCounter) return { finish: null, clearStale: window.currentTicketId !== null };
  if (!rules.completeCurrent) {
    throw new DomainError(
      'window_busy',
      `Window ${window.number} still has ${atCounter.number}; finish it first.`,
      {
        windowId: window.id,
        window: window.number,
        ticketId: atCounter.id,
        number: atCounter.number,
        status: atCounter.status,
      },
    );
  }
  return { finish: finishAtCounter(atCounter, rules.now, rules.actor), clearStale: false };
}

/**
 * The first ticket a window may call: its speciality first, then overflow
 * (the filters in order), each walked in queue order. `waitingInOrder` gives
 * the day's waiting tickets by effective time, issue time, number; it is told
 * which filter is being walked and may leave out tickets that cannot match it
 * (see `filterCandidates`), never more.
 */
export function firstEligible(
  filters: readonly EligibilityFilter[],
  waitingInOrder: (filter: EligibilityFilter) => Iterable<QueuedTicket>,
): string | null {
  for (const filter of filters) {
    for (const t of waitingInOrder(filter)) if (matchesFilter(filter, t)) return t.id;
  }
  return null;
}

export type TicketClaimMode = 'call_back' | 'by_number';

/**
 * Calling one given ticket: 回呼 of a ticket held at this window, or a
 * waiting ticket called by its number. Refused (changing nothing) when the
 * ticket is not in that state any more.
 */
export function claimGiven(
  window: Counter,
  ticket: Ticket,
  mode: TicketClaimMode,
  now: number,
  actor: Actor,
): TicketChange {
  if (mode === 'call_back') {
    if (ticket.windowId !== window.id || ticket.status !== 'held') {
      throw new DomainError(
        'invalid_state',
        `Ticket ${ticket.number} is not held at window ${window.number}.`,
        {
          ticketId: ticket.id,
          status: ticket.status,
        },
      );
    }
    return callBack(ticket, now, actor);
  }
  if (ticket.status !== 'waiting') {
    throw new DomainError('invalid_state', `Ticket ${ticket.number} is ${ticket.status}, not waiting.`, {
      ticketId: ticket.id,
      number: ticket.number,
      status: ticket.status,
    });
  }
  return call(ticket, window.id, now, actor, { specific: true });
}
