import type { Actor, Hall, NewEvent } from '../../domain/index.js';
import type { AppDeps } from '../deps.js';

/**
 * Configuration changes are written to the hall's log as `config.changed`
 * events, in the same atomic step as the change (the store's `audit`
 * parameter), then published on the bus for the screens. The store does not
 * hand the stored events back, so they are found again by a change id.
 */

export type Audit = (data: Record<string, unknown>, windowId?: string | null) => NewEvent;

export async function audited<T>(
  deps: AppDeps,
  hallId: string,
  actor: Actor,
  work: (audit: Audit) => Promise<T>,
): Promise<T> {
  const changeId = deps.newId();
  const before = await deps.store.lastSeq(hallId);
  const audit: Audit = (data, windowId = null) => ({
    hallId,
    type: 'config.changed',
    at: deps.now(),
    actor,
    ticketId: null,
    windowId,
    from: null,
    to: null,
    data: { ...data, changeId },
  });
  try {
    return await work(audit);
  } finally {
    // Published even when the work failed halfway: what was stored happened.
    const events = await deps.store.listEvents(hallId, before, 10_000);
    deps.bus.publish(events.filter((e) => e.type === 'config.changed' && e.data.changeId === changeId));
  }
}

/**
 * Device changes have no audit parameter in the port; re-saving the unchanged
 * hall with the event records them in the hall's log all the same.
 */
export async function auditOnly(deps: AppDeps, hall: Hall, event: NewEvent): Promise<void> {
  await deps.store.saveHall(hall, event);
}
