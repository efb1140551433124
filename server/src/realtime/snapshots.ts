import type { Socket } from 'socket.io';
import { hallSnapshot, type AppDeps } from '../app/index.js';
import { SERVER_EVENTS, type DisplaySnapshot, type Response } from '../protocol/index.js';
import { fail, failureOf, ok, type ErrorReporter } from './replies.js';

const inFlight = new WeakSet<Socket>();

/**
 * Answers a snapshot request, at most one in flight per socket: a client
 * that asks again before the answer came is told `busy` rather than making
 * the hub read the hall twice.
 */
export async function snapshotFor(
  deps: AppDeps,
  socket: Socket,
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
  socket: Socket,
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
