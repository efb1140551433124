import type { HallEvent } from '../domain/index.js';
import type { AppDeps } from './deps.js';

/**
 * A queue action (issue, call, recall, serve, transfer, a window opened or
 * paused) is logged at `info` once it is committed: one line per event, on a
 * child logger that names the hall and the window, so one window's day can be
 * read back from the log when a clerk or a citizen asks what happened.
 */
export function logQueueEvents(deps: AppDeps, events: readonly HallEvent[]): void {
  if (!deps.log.isLevelEnabled('info')) return;
  for (const e of events) {
    deps.log
      .child({ hallId: e.hallId, windowId: e.windowId })
      .info({ event: e.type, seq: e.seq, ticketId: e.ticketId, actor: e.actor }, e.type);
  }
}
