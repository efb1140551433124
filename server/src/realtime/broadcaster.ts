import type { BroadcastOperator } from 'socket.io';
import type { AppDeps } from '../app/index.js';
import type { HallEvent } from '../domain/index.js';
import { SERVER_EVENTS, type DisplayServerEvents, type SequencedMessage } from '../protocol/index.js';
import type { DirectoryCache } from './directory-cache.js';
import type { DisplayNamespace, StaffNamespace } from './namespaces.js';
import { buildMessages, type Outgoing } from './messages.js';
import { foldCounts } from './fold.js';
import type { ErrorReporter } from './replies.js';
import { hallRoom, ticketsRoom, windowRoom } from './rooms.js';

export interface BroadcastTargets {
  display: DisplayNamespace;
  staff: StaffNamespace;
}

export interface Broadcaster {
  /** Stops listening and waits for the messages already being prepared. */
  stop(): Promise<void>;
}

/** A longer gap is left to the clients, who fetch a snapshot. */
const MAX_BACKFILL = 500;

/** Events after which the cached names (windows, matters) may be stale. */
function touchesConfig(e: HallEvent): boolean {
  return e.type === 'config.changed' || e.type.startsWith('window.');
}

/** Either namespace's room: both carry the display messages. */
type DisplayEmitter = Pick<BroadcastOperator<DisplayServerEvents, unknown>, 'emit'>;

/** A switch on the event, so each payload is checked against its own event's type. */
function emitSequenced(to: DisplayEmitter, m: SequencedMessage): void {
  switch (m.event) {
    case 'ticket:issued':
      to.emit(m.event, m.payload);
      return;
    case 'ticket:called':
      to.emit(m.event, m.payload);
      return;
    case 'window:changed':
      to.emit(m.event, m.payload);
      return;
    case 'queue:counts':
      to.emit(m.event, m.payload);
      return;
    case 'hall:config':
      to.emit(m.event, m.payload);
      return;
  }
}

/**
 * To this process's clients only (`.local`): every hub follows the log and
 * sends it to its own clients, so a cross-hub adapter must not repeat it.
 */
function send(targets: BroadcastTargets, hallId: string, o: Outgoing, publicMessage: boolean): void {
  if (publicMessage) {
    emitSequenced(targets.display.local.to(hallRoom(hallId)), o.message);
    emitSequenced(targets.staff.local.to(hallRoom(hallId)), o.message);
  }
  if (o.ticket) {
    const rooms = [ticketsRoom(hallId), ...o.windowIds.map(windowRoom)];
    targets.staff.local.to(rooms).emit(SERVER_EVENTS.ticketChanged, o.ticket);
  }
}

/**
 * Turns committed events into messages. Preparing a message reads the store,
 * so each hall has a promise chain: a batch is sent only after the previous
 * batch of the same hall, and clients see seqs in order.
 */
export function startBroadcaster(
  deps: AppDeps,
  cache: DirectoryCache,
  targets: BroadcastTargets,
  report: ErrorReporter,
): Broadcaster {
  const chains = new Map<string, Promise<void>>();
  const lastSeen = new Map<string, number>();

  /**
   * The events to send after what was sent last: the batch without what went
   * out already, and before it whatever the log holds that this process was
   * not told about (a batch published late, another hub process, a write
   * that was not published), so clients see no gap they would have to mend.
   */
  async function contiguous(hallId: string, events: readonly HallEvent[]): Promise<HallEvent[]> {
    const last = lastSeen.get(hallId);
    const fresh = events.filter((e) => last === undefined || e.seq > last).sort((a, b) => a.seq - b.seq);
    const first = fresh[0];
    if (last !== undefined && (!first || first.seq === last + 1)) return fresh;
    cache.invalidate(hallId);
    if (last === undefined || !first) return fresh;
    const missing = await deps.store.listEvents(hallId, last, Math.min(first.seq - last - 1, MAX_BACKFILL));
    return [...missing.filter((e) => e.seq < first.seq), ...fresh];
  }

  async function publish(hallId: string, events: HallEvent[]): Promise<void> {
    const batch = await contiguous(hallId, events);
    const last = batch[batch.length - 1];
    if (!last) return;
    if (batch.some(touchesConfig)) cache.invalidate(hallId);
    lastSeen.set(hallId, last.seq);
    const out = await buildMessages(deps, cache, hallId, batch, (err, e) =>
      report(err, `presenting ${e.type} #${e.seq}`),
    );
    const folded = foldCounts(out);
    out.forEach((o, i) => send(targets, hallId, o, !folded.has(i)));
  }

  const unsubscribe = deps.store.followEvents({ allHalls: true }, ({ hallId, events }) => {
    const next = (chains.get(hallId) ?? Promise.resolve())
      .then(() => publish(hallId, events))
      .catch((err: unknown) => report(err, `broadcasting hall ${hallId}`));
    chains.set(hallId, next);
    void next.then(() => {
      if (chains.get(hallId) === next) chains.delete(hallId);
    });
  });

  return {
    async stop() {
      unsubscribe();
      await Promise.all([...chains.values()]);
    },
  };
}
