import { localTime } from '../numbering.js';
import type { EventOf, HallEvent } from '../events.js';

/**
 * One row per ticket, folded from the hall's event log: where and when it
 * was issued, the window and clerk that dealt with it, how long it waited
 * and was served, and how it ended. Statistics sum these, never the raw log.
 */

export const FACT_OUTCOMES = ['completed', 'no_show', 'cancelled', 'expired'] as const;
export type FactOutcome = (typeof FACT_OUTCOMES)[number];

export interface TicketFact {
  ticketId: string;
  hallId: string;
  /** Hall-local date of issue: the period a ticket counts in. */
  businessDay: string;
  /** Hall-local hour of issue, 0–23. */
  issueHour: number;
  /** The matter the ticket ended with (after transfers). */
  serviceId: string;
  domain: string;
  /** The last window it was called to; null while never called. */
  windowId: string | null;
  /** The clerk who started or completed it, else the clerk at the window when it was called. */
  clerkId: string | null;
  /** A person who started or completed the service (keypad presses are device actors). */
  actorClerkId: string | null;
  /** Who the window's clerk was when the ticket was last called. */
  callClerkId: string | null;
  priority: boolean;
  issuedAt: number;
  /** Issue → first call; null while never called. */
  waitMs: number | null;
  startedAt: number | null;
  /** Last start → complete, completed tickets only. */
  serviceMs: number | null;
  outcome: FactOutcome | null;
  /** Hall-local hour the ticket ended in. */
  endHour: number | null;
  transfers: number;
  /** 好差评 level 1–5, from the evaluations table. */
  rating: number | null;
}

/** What the fold needs besides the events: the hall's clock and catalogue, the windows' clerks. */
export interface FoldContext {
  timeZone: string;
  domainOf(serviceId: string): string;
  /** The rating saved for a ticket (looked up when its `evaluation.submitted` event is folded). */
  ratings: ReadonlyMap<string, number>;
  /** Window → its clerk, kept up to date from window events by the fold itself. */
  windowClerks: Map<string, string | null>;
}

function hourOf(at: number, timeZone: string): number {
  return Math.floor(localTime(at, timeZone).minutes / 60);
}

function userOf(e: HallEvent): string | null {
  return e.actor.type === 'user' ? e.actor.id : null;
}

function withClerk(f: TicketFact): TicketFact {
  return { ...f, clerkId: f.actorClerkId ?? f.callClerkId };
}

function ticketIdOf(e: HallEvent): string | null {
  return e.ticketId;
}

/** The new fact of a ticket from `ticket.issued`. */
export function factFromIssue(e: EventOf<'ticket.issued'>, ctx: FoldContext): TicketFact | null {
  const ticketId = e.ticketId;
  if (!ticketId) return null;
  const { serviceId, categories } = e.data;
  return {
    ticketId,
    hallId: e.hallId,
    businessDay: localTime(e.at, ctx.timeZone).day,
    issueHour: hourOf(e.at, ctx.timeZone),
    serviceId,
    domain: ctx.domainOf(serviceId),
    windowId: null,
    clerkId: null,
    actorClerkId: null,
    callClerkId: null,
    priority: categories.length > 0,
    issuedAt: e.at,
    waitMs: null,
    startedAt: null,
    serviceMs: null,
    outcome: null,
    endHour: null,
    transfers: 0,
    rating: null,
  };
}

/** Keeps the window → clerk map current; returns true when the event was a window event. */
export function foldWindowEvent(e: HallEvent, ctx: FoldContext): boolean {
  if (!e.windowId || !e.type.startsWith('window.')) return false;
  if (e.type === 'window.opened') {
    const named = e.data.clerkId;
    ctx.windowClerks.set(e.windowId, named ?? userOf(e));
  } else if (e.type === 'window.closed') {
    ctx.windowClerks.set(e.windowId, null);
  }
  return true;
}

/** Applies one ticket event to its fact; events that change nothing return the fact as it was. */
export function foldTicketEvent(f: TicketFact, e: HallEvent, ctx: FoldContext): TicketFact {
  const ended = (outcome: FactOutcome): TicketFact => ({
    ...f,
    outcome,
    endHour: hourOf(e.at, ctx.timeZone),
  });
  switch (e.type) {
    case 'ticket.called': {
      const windowId = e.windowId ?? f.windowId;
      const callClerkId = userOf(e) ?? (windowId ? (ctx.windowClerks.get(windowId) ?? null) : null);
      return withClerk({
        ...f,
        windowId,
        callClerkId,
        waitMs: f.waitMs ?? e.at - f.issuedAt,
      });
    }
    case 'ticket.started':
      return withClerk({ ...f, startedAt: e.at, actorClerkId: userOf(e) ?? f.actorClerkId });
    case 'ticket.completed':
      return withClerk({
        ...ended('completed'),
        serviceMs: f.startedAt === null ? null : e.at - f.startedAt,
        actorClerkId: userOf(e) ?? f.actorClerkId,
      });
    case 'ticket.no_show':
      return ended('no_show');
    case 'ticket.cancelled':
      return ended('cancelled');
    case 'ticket.expired':
      return ended('expired');
    case 'ticket.reactivated':
      return { ...f, outcome: null, endHour: null };
    case 'ticket.transferred': {
      const serviceId = e.data.toServiceId || f.serviceId;
      // Whoever takes it next is the one who serves it.
      return withClerk({
        ...f,
        serviceId,
        domain: ctx.domainOf(serviceId),
        transfers: f.transfers + 1,
        startedAt: null,
        actorClerkId: null,
      });
    }
    case 'evaluation.submitted': {
      const rating = ctx.ratings.get(f.ticketId);
      return rating === undefined ? f : { ...f, rating };
    }
    default:
      return f;
  }
}

/** The ticket an event is about, if it moves a fact. */
export function factTicketOf(e: HallEvent): string | null {
  if (!e.type.startsWith('ticket.') && e.type !== 'evaluation.submitted') return null;
  return ticketIdOf(e);
}
