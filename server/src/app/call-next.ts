import { windowFilters, type Actor, type Ticket } from '../domain/index.js';
import type { AppDeps } from './deps.js';
import { requireHall, requireWindow, routingContext, today } from './lookups.js';
import { logQueueEvents } from './queue-log.js';

export interface CallNextProps {
  windowId: string;
  actor: Actor;
}

export interface CallNextResult {
  /** `repeated`: a second press inside the idempotency window, answered with the same ticket. */
  outcome: 'called' | 'repeated' | 'empty';
  ticket: Ticket | null;
}

/**
 * Calls the next eligible ticket to a window. The claim is one atomic step in
 * the store, so two windows, two presses or two hub processes never call the
 * same ticket, and a double press does not skip a citizen.
 */
export async function callNext(deps: AppDeps, props: CallNextProps): Promise<CallNextResult> {
  const window = await requireWindow(deps, props.windowId);
  const hall = await requireHall(deps, window.hallId);
  const ctx = await routingContext(deps, hall.id);
  const result = await deps.store.claimNext({
    hallId: hall.id,
    windowId: window.id,
    filters: windowFilters(window, ctx),
    businessDay: today(deps, hall),
    now: deps.now(),
    actor: props.actor,
    idempotencyMs: hall.rules.idempotencyMs,
    completeCurrent: hall.rules.completeOnNext,
  });
  deps.bus.publish(result.events);
  logQueueEvents(deps, result.events);
  if (result.kind === 'empty') return { outcome: 'empty', ticket: null };
  return { outcome: result.kind === 'claimed' ? 'called' : 'repeated', ticket: result.ticket };
}
