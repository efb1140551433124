import type { Socket } from 'socket.io';
import { resolveBearer, resolveUserSecret, type AppDeps, type Principal } from '../app/index.js';
import { SESSION_COOKIE } from '../protocol/index.js';

type Handshake = Socket['handshake'];

/** What a staff socket keeps about its principal (persisted with the socket for recovery: no secrets). */
export type StaffPrincipal =
  | { kind: 'user'; userId: string; sessionHash: string; scope: string }
  | { kind: 'device'; deviceId: string; windowId: string | null };

/** What a user's rooms were chosen from: a socket built on another role or halls is stale. */
function userScope(user: { role: string; hallIds: readonly string[] }): string {
  return `${user.role}:${[...user.hallIds].sort().join(',')}`;
}

export function summarize(p: Principal): StaffPrincipal {
  return p.kind === 'user'
    ? { kind: 'user', userId: p.user.id, sessionHash: p.session.tokenHash, scope: userScope(p.user) }
    : { kind: 'device', deviceId: p.device.id, windowId: p.device.windowId };
}

function cookieValue(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    try {
      return decodeURIComponent(part.slice(eq + 1).trim());
    } catch {
      return null;
    }
  }
  return null;
}

/**
 * A browser sends the session cookie with any page's WebSocket, so a cookie
 * is only trusted from the hub's own pages (cross-site WebSocket hijacking).
 */
function sameOrigin(handshake: Handshake): boolean {
  const origin = handshake.headers.origin;
  if (origin === undefined) return true;
  try {
    return new URL(origin).host === handshake.headers.host;
  } catch {
    return false;
  }
}

/** A bearer token (`auth.token`: usr_… or dev_…), else the session cookie. */
export async function authenticate(
  deps: AppDeps,
  handshake: Handshake,
  token: string | undefined,
): Promise<Principal | null> {
  if (token !== undefined) return resolveBearer(deps, token);
  const secret = cookieValue(handshake.headers.cookie, SESSION_COOKIE);
  if (secret === null || !sameOrigin(handshake)) return null;
  return resolveUserSecret(deps, secret);
}

/**
 * Whether a principal saved with a disconnected socket may still have what it
 * missed replayed, in the rooms it had: not when the device was revoked or
 * moved to another window, nor when the user's role or halls changed meanwhile
 * (the socket then connects afresh and is scoped anew).
 */
export async function stillValid(deps: AppDeps, p: StaffPrincipal | undefined): Promise<boolean> {
  if (!p) return false;
  if (p.kind === 'device') {
    const device = await deps.store.getDevice(p.deviceId);
    return device !== null && device.revokedAt === null && device.windowId === p.windowId;
  }
  const session = await deps.store.getSession(p.sessionHash);
  if (!session || session.expiresAt <= deps.now()) return false;
  const user = await deps.store.getUser(p.userId);
  return user !== null && !user.disabled && userScope(user) === p.scope;
}
