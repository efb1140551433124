import { windowsFor, type RoutableTicket, type RoutingContext } from './eligibility.js';
import { compareQueue, reentryEffectiveTime, type QueueKey } from './ordering.js';

export type ReentryTicket = RoutableTicket & QueueKey & { id: string };

/** The available windows a ticket can be called at, as one comparable key. */
function windowKey(t: RoutableTicket, ctx: RoutingContext): string {
  return windowsFor(t, ctx)
    .map((w) => w.id)
    .sort()
    .join(' ');
}

/**
 * A ticket's eligibility group: the waiting tickets that compete with it for
 * the same windows, i.e. that can be called at exactly the windows it can be
 * called at (speciality and overflow alike). Returned in queue order.
 */
export function eligibilityGroup<T extends ReentryTicket>(
  ticket: RoutableTicket & { id: string },
  waiting: readonly T[],
  ctx: RoutingContext,
): T[] {
  const key = windowKey(ticket, ctx);
  return waiting.filter((t) => t.id !== ticket.id && windowKey(t, ctx) === key).sort(compareQueue);
}

export interface ReentryProps {
  /** The no-show ticket that comes back, with the effective time it had. */
  ticket: ReentryTicket;
  /** Every ticket waiting in the hall now. */
  waiting: readonly ReentryTicket[];
  ctx: RoutingContext;
  /** The hall's K (`rules.reentryBehind`). */
  behind: number;
  now: number;
}

/**
 * Effective time of a re-activated no-show (过号重排, DESIGN.md §4). It goes
 * behind K waiting tickets of its own eligibility group, so a window that
 * also takes overflow does not turn the whole hall into "its queue"; and it
 * never gets an effective time earlier than the one it had, so it never
 * overtakes a ticket that was ahead of it. The place is one effective time,
 * so every window (overflow windows included) sees it in the same place.
 */
export function reactivationEffectiveTime(props: ReentryProps): number {
  const group = eligibilityGroup(props.ticket, props.waiting, props.ctx);
  const behindGroup = reentryEffectiveTime(group, props.behind, props.now);
  return Math.max(behindGroup, props.ticket.effectiveAt);
}
