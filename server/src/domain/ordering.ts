import type { HeadStarts, PriorityCategory, Ticket } from './types.js';

const MINUTE = 60_000;

/**
 * Head start of a ticket in minutes: the largest of its classes. Priority
 * for 老、幼、病、残、孕、军 and the green channel is a head start, not an
 * absolute rank, so a priority applicant overtakes everyone who came in the
 * last N minutes and nobody else: a normal ticket waits behind at most N
 * minutes' worth of priority arrivals, however many come.
 */
export function headStartMinutes(
  categories: readonly PriorityCategory[],
  headStarts: HeadStarts,
  appointmentNearSlot = false,
): number {
  let best = appointmentNearSlot ? headStarts.appointment : 0;
  for (const c of categories) best = Math.max(best, headStarts[c]);
  return best;
}

export function effectiveTime(
  issuedAt: number,
  categories: readonly PriorityCategory[],
  headStarts: HeadStarts,
  appointmentNearSlot = false,
): number {
  return issuedAt - headStartMinutes(categories, headStarts, appointmentNearSlot) * MINUTE;
}

export type QueueKey = Pick<Ticket, 'effectiveAt' | 'issuedAt' | 'number'>;

/** Earliest effective time first; ties by issue time, then number. */
export function compareQueue(a: QueueKey, b: QueueKey): number {
  if (a.effectiveAt !== b.effectiveAt) return a.effectiveAt - b.effectiveAt;
  if (a.issuedAt !== b.issuedAt) return a.issuedAt - b.issuedAt;
  return a.number < b.number ? -1 : a.number > b.number ? 1 : 0;
}

export function isPriority(t: Pick<Ticket, 'categories'>): boolean {
  return t.categories.length > 0;
}

/**
 * Effective time for a no-show ticket that comes back (过号重排): it goes
 * behind the first `behind` tickets of its queue, and after everyone if the
 * queue is shorter. `queue` is that queue in order.
 */
export function reentryEffectiveTime(queue: readonly QueueKey[], behind: number, now: number): number {
  if (behind <= 0) return queue.length > 0 ? Math.min(now, (queue[0] as QueueKey).effectiveAt - 1) : now;
  if (queue.length > behind) {
    const last = queue[behind - 1] as QueueKey;
    const next = queue[behind] as QueueKey;
    // Between the K-th and the (K+1)-th ticket; the midpoint keeps both orders strict.
    if (next.effectiveAt - last.effectiveAt >= 2)
      return Math.floor((last.effectiveAt + next.effectiveAt) / 2);
    return last.effectiveAt + 1;
  }
  const tail = queue[queue.length - 1];
  return tail ? Math.max(now, tail.effectiveAt + 1) : now;
}
