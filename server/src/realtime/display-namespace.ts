import { z } from 'zod';
import type { AppDeps } from '../app/index.js';
import { CLIENT_EVENTS, type DisplaySnapshot, type Response } from '../protocol/index.js';
import type { DirectoryCache } from './directory-cache.js';
import type { DisplayData, DisplayNamespace, DisplaySocket } from './namespaces.js';
import { connectError, fail, request, type ErrorReporter } from './replies.js';
import { hallRoom } from './rooms.js';
import { pushSnapshot, snapshotFor } from './snapshots.js';

const hallId = z.string().trim().min(1).max(100);
/** The last seq a returning display has: its snapshot then carries the calls it missed. */
const sinceSeq = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
/** Unknown keys are allowed: the client adds its own (`pid`, `offset` for recovery). */
const authSchema = z.object({ hallId: hallId.optional(), sinceSeq: sinceSeq.optional() });
const joinSchema = z.object({ hallId }).strict();
const snapshotSchema = z.object({ hallId: hallId.optional(), sinceSeq: sinceSeq.optional() }).strict();

export interface NamespaceContext {
  deps: AppDeps;
  cache: DirectoryCache;
  report: ErrorReporter;
}

function dataOf(socket: DisplaySocket): DisplayData {
  return socket.data;
}

/** Follows one hall at a time: joining another leaves the previous room. */
async function join(
  ctx: NamespaceContext,
  socket: DisplaySocket,
  id: string,
): Promise<Response<DisplaySnapshot>> {
  if (!(await ctx.cache.get(id))) return fail('hall_not_found', 'No such hall.');
  const previous = dataOf(socket).hallId;
  if (previous && previous !== id) await socket.leave(hallRoom(previous));
  dataOf(socket).hallId = id;
  await socket.join(hallRoom(id));
  return snapshotFor(ctx.deps, socket, id);
}

/**
 * The public namespace for lobby boards and counter screens. No login: it
 * carries only what the hall shows on its walls anyway.
 */
export function setupDisplayNamespace(nsp: DisplayNamespace, ctx: NamespaceContext): void {
  nsp.use((socket, next) => {
    const auth = authSchema.safeParse(socket.handshake.auth ?? {});
    if (!auth.success)
      return next(
        connectError('invalid_payload', 'auth.hallId must be a hall id and auth.sinceSeq a seq number.'),
      );
    const id = auth.data.hallId;
    if (auth.data.sinceSeq !== undefined) dataOf(socket).sinceSeq = auth.data.sinceSeq;
    if (id === undefined) return next();
    ctx.cache.get(id).then(
      (hall) => {
        if (!hall) return next(connectError('hall_not_found', 'No such hall.'));
        dataOf(socket).hallId = id;
        next();
      },
      (err: unknown) => {
        ctx.report(err, 'display handshake');
        next(connectError('internal', 'The hub could not answer; try again.'));
      },
    );
  });

  nsp.on('connection', (socket) => {
    const id = dataOf(socket).hallId;
    // A recovered socket is back in its rooms and has been sent what it missed.
    if (id && !socket.recovered) {
      void socket.join(hallRoom(id));
      void pushSnapshot(ctx.deps, socket, id, ctx.report, dataOf(socket).sinceSeq);
    }

    socket.on(
      CLIENT_EVENTS.join,
      request(joinSchema, (input) => join(ctx, socket, input.hallId), ctx.report, CLIENT_EVENTS.join),
    );
    socket.on(
      CLIENT_EVENTS.snapshot,
      request(
        snapshotSchema,
        async (input) => {
          const joined = dataOf(socket).hallId;
          if (!joined) return fail('not_joined', 'Join a hall first.');
          if (input.hallId !== undefined && input.hallId !== joined)
            return fail('not_joined', 'This socket follows another hall.');
          return snapshotFor(ctx.deps, socket, joined, input.sinceSeq);
        },
        ctx.report,
        CLIENT_EVENTS.snapshot,
      ),
    );
  });
}
