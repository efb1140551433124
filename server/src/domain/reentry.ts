import { matchesFilter, windowFilters, type RoutableTicket, type RoutingContext } from './eligibility.js';
import { compareQueue, reentryEffectiveTime, type QueueKey } from './ordering.js';

export type ReentryTicket = RoutableTicket & QueueKey & { id: string };

/**
 * The windows a ticket can be called at (closed windows aside, as in
 * `windowsFor`), as one comparable key. The filters are built once per
 * re-activation, not once per waiting ticket.
 */
function windowKeys(ctx: RoutingContext): (t: RoutableTicket) => string {
  const filters = ctx.windows
    .filter((w) => w.state !== 'closed')
    .map((w) => ({ id: w.id, filters: windowFilters(w, ctx) }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return (t) =>
    filters
      .filter((w) => w.filters.some((f) => matchesFilter(f, t)))
      .map((w) => w.id)
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
  const keyOf = windowKeys(ctx);
  const key = keyOf(ticket);
  return waiting.filter((t) => t.id !== ticket.id && keyOf(t) === key).sort(compareQueue);
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
