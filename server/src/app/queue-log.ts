import type { HallEvent } from '../domain/index.js';
import type { Unsubscribe } from '../store/port.js';
import type { AppDeps } from './deps.js';

/**
 * A queue action (issue, call, recall, serve, transfer, a window opened or
 * paused) is logged at `info` once it is committed: one line per event, on a
 * child logger that names the hall and the window, so one window's day can be
 * read back from the log when a clerk or a citizen asks what happened. The
 * lines come from the followed log: this process's commits are delivered
 * inside the request that made them (so they carry its request id), other
 * hub processes' commits as they arrive.
 */
export function logQueueEvents(deps: AppDeps, events: readonly HallEvent[]): void {
  if (!deps.log.isLevelEnabled('info')) return;
  for (const e of events) {
    if (!isQueueEvent(e)) continue;
    deps.log
      .child({ hallId: e.hallId, windowId: e.windowId })
      .info({ event: e.type, seq: e.seq, ticketId: e.ticketId, actor: e.actor }, e.type);
  }
}

function isQueueEvent(e: HallEvent): boolean {
  return e.type.startsWith('ticket.') || e.type.startsWith('window.');
}

export function startQueueLog(deps: AppDeps): Unsubscribe {
  return deps.store.followEvents({ allHalls: true }, ({ events }) => logQueueEvents(deps, events));
}
