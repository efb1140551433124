import { z } from 'zod';
import { canAccessHall, type AppDeps, type Principal } from '../app/index.js';
import { CLIENT_EVENTS } from '../protocol/index.js';
import type { NamespaceContext } from './display-namespace.js';
import type { StaffData, StaffNamespace, StaffSocket } from './namespaces.js';
import { connectError, fail, request } from './replies.js';
import { deviceRoom, hallRoom, sessionRoom, ticketsRoom, userRoom, windowRoom } from './rooms.js';
import { pushSnapshot, snapshotFor } from './snapshots.js';
import { authenticate, stillValid, summarize } from './staff-auth.js';

const hallId = z.string().trim().min(1).max(100);
const authSchema = z.object({ token: z.string().min(1).max(200).optional(), hallId: hallId.optional() });
const snapshotSchema = z.object({ hallId: hallId.optional() }).strict();

function dataOf(socket: StaffSocket): StaffData {
  return socket.data;
}

/** The halls a principal follows: the one asked for, else all it may access. */
async function hallsOf(
  deps: AppDeps,
  p: Principal,
  wanted: string | undefined,
): Promise<string[] | 'forbidden'> {
  if (wanted !== undefined)
    return canAccessHall(p, wanted) && (await deps.store.getHall(wanted)) ? [wanted] : 'forbidden';
  if (p.kind === 'device') return [p.device.hallId];
  if (p.user.role === 'admin' && p.user.hallIds.length === 0)
    return (await deps.store.listHalls()).map((h) => h.id);
  return [...p.user.hallIds];
}

/** Devices see their hall's public messages and their own window's tickets; staff see every ticket of their halls. */
function roomsOf(data: StaffData): string[] {
  const p = data.principal;
  const rooms = data.hallIds.map(hallRoom);
  if (p.kind === 'device') {
    rooms.push(deviceRoom(p.deviceId));
    if (p.windowId) rooms.push(windowRoom(p.windowId));
  } else {
    rooms.push(userRoom(p.userId), sessionRoom(p.sessionHash), ...data.hallIds.map(ticketsRoom));
  }
  return rooms;
}

/**
 * A replayed session must not hand what was missed to a device revoked, or a
 * session ended, while it was away (the handshake check comes after replay).
 */
function guardRecovery(nsp: StaffNamespace, deps: AppDeps): void {
  const adapter = nsp.adapter;
  const restore = adapter.restoreSession.bind(adapter);
  adapter.restoreSession = async (pid, offset) => {
    const session = await restore(pid, offset);
    if (!session) return session;
    const data = session.data as Partial<StaffData> | undefined;
    return (await stillValid(deps, data?.principal)) ? session : (null as unknown as typeof session);
  };
}

/** The authenticated namespace for clerks' consoles, supervisors and devices. */
export function setupStaffNamespace(nsp: StaffNamespace, ctx: NamespaceContext): void {
  guardRecovery(nsp, ctx.deps);

  nsp.use((socket, next) => {
    const auth = authSchema.safeParse(socket.handshake.auth ?? {});
    if (!auth.success) return next(connectError('unauthenticated', 'auth.token must be a token.'));
    (async () => {
      const principal = await authenticate(ctx.deps, socket.handshake, auth.data.token);
      if (!principal) return next(connectError('unauthenticated', 'Log in, or use a valid token.'));
      const hallIds = await hallsOf(ctx.deps, principal, auth.data.hallId);
      if (hallIds === 'forbidden') return next(connectError('forbidden', 'You may not follow that hall.'));
      socket.data = { principal: summarize(principal), hallIds } satisfies StaffData;
      if (principal.kind === 'device') {
        ctx.deps.store
          .touchDevice(principal.device.id, ctx.deps.now())
          .catch((err: unknown) => ctx.report(err, 'touch device'));
      }
      next();
    })().catch((err: unknown) => {
      ctx.report(err, 'staff handshake');
      next(connectError('internal', 'The hub could not answer; try again.'));
    });
  });

  nsp.on('connection', (socket) => {
    const data = dataOf(socket);
    if (!socket.recovered) {
      void socket.join(roomsOf(data));
      for (const id of data.hallIds) void pushSnapshot(ctx.deps, socket, id, ctx.report);
    }
    socket.on(
      CLIENT_EVENTS.snapshot,
      request(
        snapshotSchema,
        async (input) => {
          const id = input.hallId ?? (data.hallIds.length === 1 ? data.hallIds[0] : undefined);
          if (id === undefined)
            return fail('invalid_payload', 'hallId: name the hall.', { fields: ['hallId'] });
          if (!data.hallIds.includes(id)) return fail('forbidden', 'This socket does not follow that hall.');
          return snapshotFor(ctx.deps, socket, id);
        },
        ctx.report,
        CLIENT_EVENTS.snapshot,
      ),
    );
  });
}
