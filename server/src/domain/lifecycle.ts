import { DomainError } from './errors.js';
import { newEvent, type EventData, type EventType, type NewEvent } from './events.js';
import type { Actor, QueueRules, Ticket, TicketStatus } from './types.js';

/**
 * The ticket lifecycle (DESIGN.md §4):
 * waiting → called → serving → completed; called → recall | no_show;
 * waiting/called/serving → transfer (back to waiting, same issue time) | cancelled;
 * serving → held → called back; no_show → waiting (re-activated, behind K).
 * Each function checks the state, and returns the changed fields and the event;
 * it never mutates. The store applies the change only if the ticket's version
 * is still the one read, so a stale action changes nothing.
 */

export type TicketPatch = Partial<
  Pick<
    Ticket,
    | 'status'
    | 'serviceId'
    | 'windowId'
    | 'targetWindowId'
    | 'callCount'
    | 'calledAt'
    | 'startedAt'
    | 'endedAt'
    | 'effectiveAt'
    | 'transferCount'
  >
>;

export interface TicketChange {
  patch: TicketPatch;
  event: NewEvent;
}

export const TERMINAL_STATUSES: readonly TicketStatus[] = ['completed', 'no_show', 'cancelled', 'expired'];

/** Statuses in which a ticket occupies its window. */
export const ACTIVE_AT_WINDOW: readonly TicketStatus[] = ['called', 'serving'];

function requireStatus(t: Ticket, allowed: readonly TicketStatus[], action: string): void {
  if (!allowed.includes(t.status)) {
    throw new DomainError(
      'invalid_state',
      `Ticket ${t.number} is ${t.status}; ${action} needs it to be ${allowed.join(' or ')}.`,
      { ticketId: t.id, number: t.number, status: t.status, allowed, action },
    );
  }
}

function event<T extends EventType>(
  t: Ticket,
  type: T,
  to: TicketStatus,
  at: number,
  actor: Actor,
  windowId: string | null,
  data: EventData[T],
): NewEvent {
  return newEvent(
    type,
    { hallId: t.hallId, at, actor, ticketId: t.id, windowId, from: t.status, to },
    data,
  ) as NewEvent;
}

export function call(
  t: Ticket,
  windowId: string,
  at: number,
  actor: Actor,
  how: { specific?: boolean } = {},
): TicketChange {
  requireStatus(t, ['waiting'], 'call');
  return {
    patch: { status: 'called', windowId, targetWindowId: null, callCount: 1, calledAt: at },
    event: event(t, 'ticket.called', 'called', at, actor, windowId, {
      number: t.number,
      serviceId: t.serviceId,
      specific: how.specific ?? false,
    }),
  };
}

export function recall(t: Ticket, rules: QueueRules, at: number, actor: Actor): TicketChange {
  requireStatus(t, ['called'], 'recall');
  if (t.callCount > rules.recallLimit) {
    throw new DomainError(
      'recall_limit_reached',
      `Ticket ${t.number} has been called ${t.callCount} times; mark it no-show instead.`,
      { ticketId: t.id, number: t.number, callCount: t.callCount, recallLimit: rules.recallLimit },
    );
  }
  return {
    patch: { callCount: t.callCount + 1, calledAt: at },
    event: event(t, 'ticket.recalled', 'called', at, actor, t.windowId, {
      number: t.number,
      serviceId: t.serviceId,
      specific: false,
      callCount: t.callCount + 1,
    }),
  };
}

export function start(t: Ticket, at: number, actor: Actor): TicketChange {
  requireStatus(t, ['called'], 'start');
  return {
    patch: { status: 'serving', startedAt: at },
    event: event(t, 'ticket.started', 'serving', at, actor, t.windowId, {}),
  };
}

export function complete(t: Ticket, at: number, actor: Actor): TicketChange {
  requireStatus(t, ['serving'], 'complete');
  return {
    patch: { status: 'completed', endedAt: at },
    event: event(t, 'ticket.completed', 'completed', at, actor, t.windowId, {
      serviceId: t.serviceId,
      serviceMs: t.startedAt === null ? null : at - t.startedAt,
      started: true,
    }),
  };
}

/**
 * Finishes the ticket at the counter before the window calls another: a
 * served ticket is completed; one that was called and never started is
 * completed as not started (no service time), so statistics tell it apart
 * from a real service and credit it to whoever pressed.
 */
export function finishAtCounter(t: Ticket, at: number, actor: Actor): TicketChange {
  if (t.status === 'serving') return complete(t, at, actor);
  requireStatus(t, ['called'], 'finish');
  return {
    patch: { status: 'completed', endedAt: at },
    event: event(t, 'ticket.completed', 'completed', at, actor, t.windowId, {
      serviceId: t.serviceId,
      serviceMs: null,
      started: false,
    }),
  };
}

export function noShow(t: Ticket, at: number, actor: Actor): TicketChange {
  requireStatus(t, ['called'], 'no-show');
  return {
    patch: { status: 'no_show', endedAt: at },
    event: event(t, 'ticket.no_show', 'no_show', at, actor, t.windowId, {}),
  };
}

/** 过号重排: a no-show ticket comes back within the allowed time, behind K waiting tickets. */
export function reactivate(
  t: Ticket,
  rules: QueueRules,
  effectiveAt: number,
  at: number,
  actor: Actor,
): TicketChange {
  requireStatus(t, ['no_show'], 're-activate');
  const since = at - (t.endedAt ?? at);
  if (since > rules.noShowReactivateMinutes * 60_000) {
    throw new DomainError(
      'reactivation_expired',
      `Ticket ${t.number} missed its call more than ${rules.noShowReactivateMinutes} minutes ago; take a new ticket.`,
      { ticketId: t.id },
    );
  }
  return {
    patch: { status: 'waiting', windowId: null, callCount: 0, calledAt: null, endedAt: null, effectiveAt },
    event: event(t, 'ticket.reactivated', 'waiting', at, actor, null, { behind: rules.reentryBehind }),
  };
}

export interface TransferTarget {
  serviceId: string;
  windowId: string | null;
  reason: string;
}

/** Back to waiting for another matter or window; the issue time and queue place are kept. */
export function transfer(t: Ticket, target: TransferTarget, at: number, actor: Actor): TicketChange {
  requireStatus(t, ['waiting', 'called', 'serving'], 'transfer');
  if (target.serviceId === t.serviceId && target.windowId === null) {
    throw new DomainError('invalid_transfer', 'A transfer must name another matter or a window.', {
      ticketId: t.id,
    });
  }
  return {
    patch: {
      status: 'waiting',
      serviceId: target.serviceId,
      targetWindowId: target.windowId,
      windowId: null,
      callCount: 0,
      calledAt: null,
      startedAt: null,
      transferCount: t.transferCount + 1,
    },
    event: event(t, 'ticket.transferred', 'waiting', at, actor, t.windowId, {
      fromServiceId: t.serviceId,
      toServiceId: target.serviceId,
      toWindowId: target.windowId,
      reason: target.reason,
    }),
  };
}

/** 挂起: the citizen fetches a missing paper; the ticket stays with this window. */
export function hold(t: Ticket, reason: string, at: number, actor: Actor): TicketChange {
  requireStatus(t, ['serving'], 'hold');
  return {
    patch: { status: 'held' },
    event: event(t, 'ticket.held', 'held', at, actor, t.windowId, { reason }),
  };
}

/** 回呼: the held citizen is back; called again to the same window, ahead of the queue. */
export function callBack(t: Ticket, at: number, actor: Actor): TicketChange {
  requireStatus(t, ['held'], 'call back');
  return {
    patch: { status: 'called', callCount: 1, calledAt: at },
    event: event(t, 'ticket.called_back', 'called', at, actor, t.windowId, {
      number: t.number,
      serviceId: t.serviceId,
      specific: false,
    }),
  };
}

export function cancel(t: Ticket, reason: string, at: number, actor: Actor): TicketChange {
  requireStatus(t, ['waiting', 'called', 'serving', 'held'], 'cancel');
  return {
    patch: { status: 'cancelled', endedAt: at },
    event: event(t, 'ticket.cancelled', 'cancelled', at, actor, t.windowId, { reason }),
  };
}

/** End of day: what still waits after closing is closed as expired, never deleted. */
export function expire(t: Ticket, at: number, actor: Actor): TicketChange {
  requireStatus(t, ['waiting', 'called', 'held'], 'expire');
  return {
    patch: { status: 'expired', endedAt: at },
    event: event(t, 'ticket.expired', 'expired', at, actor, t.windowId, {}),
  };
}

/** Whether a change takes the ticket off its window's counter. */
export function leavesWindow(from: TicketStatus, to: TicketStatus | undefined): boolean {
  return to !== undefined && ACTIVE_AT_WINDOW.includes(from) && !ACTIVE_AT_WINDOW.includes(to);
}

/** Whether a change puts the ticket at its window's counter (a call, a call-back). */
export function entersWindow(from: TicketStatus, to: TicketStatus | undefined): boolean {
  return to !== undefined && !ACTIVE_AT_WINDOW.includes(from) && ACTIVE_AT_WINDOW.includes(to);
}
