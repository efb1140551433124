import {
  actorOf,
  canAccessHall,
  canActOnWindow,
  requireWindow,
  type AppDeps,
  type Principal,
} from '../app/index.js';
import type { Actor, ServiceWindow } from '../domain/index.js';
import { HttpError } from './errors.js';

/**
 * The checks that need ids: which hall and which window a principal may touch.
 * The route's auth rule has already established that there is a principal.
 */

interface Ctx {
  principal: Principal | null;
  deps: AppDeps;
}

export function principalOf(ctx: Ctx): Principal {
  if (!ctx.principal) throw new HttpError('unauthenticated', 'Log in or send a bearer token.');
  return ctx.principal;
}

export function actor(ctx: Ctx): Actor {
  return actorOf(principalOf(ctx));
}

export function requireHallAccess(ctx: Ctx, hallId: string): Principal {
  const p = principalOf(ctx);
  if (!canAccessHall(p, hallId)) throw new HttpError('forbidden', 'You do not work in this hall.');
  return p;
}

/**
 * A hub admin (an admin with no halls) runs the whole hub: creating a hall is
 * theirs alone, or an admin of one hall could set up halls beyond their remit.
 */
export function requireHubAdmin(ctx: Ctx): Principal {
  const p = principalOf(ctx);
  if (p.kind !== 'user' || p.user.role !== 'admin' || p.user.hallIds.length > 0)
    throw new HttpError('forbidden', 'Only an administrator of every hall may do this.');
  return p;
}

/** Loads the window (404 when unknown) and checks the principal may act on it (403). */
export async function windowToActOn(ctx: Ctx, windowId: string): Promise<ServiceWindow> {
  const window = await requireWindow(ctx.deps, windowId);
  if (!canActOnWindow(principalOf(ctx), window)) {
    throw new HttpError('forbidden', `You may not act on window ${window.number}.`);
  }
  return window;
}

/** Loads the window and checks the principal may see its hall. */
export async function windowToRead(ctx: Ctx, windowId: string): Promise<ServiceWindow> {
  const window = await requireWindow(ctx.deps, windowId);
  requireHallAccess(ctx, window.hallId);
  return window;
}
