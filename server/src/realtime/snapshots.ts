import { hallSnapshot, type AppDeps } from '../app/index.js';
import { SERVER_EVENTS, type DisplaySnapshot, type Response } from '../protocol/index.js';
import type { DisplaySocket } from './namespaces.js';
import { fail, failureOf, ok, type ErrorReporter } from './replies.js';

/** A socket of either namespace: both carry `display:snapshot`. */
type SnapshotTarget = Pick<DisplaySocket, 'emit'>;

const inFlight = new WeakSet<object>();

/**
 * Answers a snapshot request, at most one in flight per socket: a client
 * that asks again before the answer came is told `busy` rather than making
 * the hub read the hall twice.
 */
export async function snapshotFor(
  deps: AppDeps,
  socket: object,
  hallId: string,
  sinceSeq?: number,
): Promise<Response<DisplaySnapshot>> {
  if (inFlight.has(socket)) return fail('busy', 'A snapshot is already on its way.');
  inFlight.add(socket);
  try {
    return ok(await hallSnapshot(deps, { hallId, ...(sinceSeq !== undefined ? { sinceSeq } : {}) }));
  } finally {
    inFlight.delete(socket);
  }
}

/**
 * Pushes a snapshot. Call it after the socket joined the hall's room, so an
 * event committed in between reaches the client as a message and is not lost.
 */
export async function pushSnapshot(
  deps: AppDeps,
  socket: SnapshotTarget,
  hallId: string,
  report: ErrorReporter,
  sinceSeq?: number,
): Promise<void> {
  try {
    socket.emit(
      SERVER_EVENTS.snapshot,
      await hallSnapshot(deps, { hallId, ...(sinceSeq !== undefined ? { sinceSeq } : {}) }),
    );
  } catch (err) {
    if (failureOf(err).error.code === 'internal') report(err, `snapshot of hall ${hallId}`);
  }
}
