import type { Actor, ServiceWindow } from '../../domain/index.js';
import type { Device, Role, Session, User } from '../../domain/index.js';
import type { AppDeps } from '../deps.js';
import { hashSecret } from './passwords.js';

/** Who is asking: a logged-in person or a device with its own token. */
export type Principal = { kind: 'user'; user: User; session: Session } | { kind: 'device'; device: Device };

export const USER_TOKEN_PREFIX = 'usr_';
export const DEVICE_TOKEN_PREFIX = 'dev_';

/** Resolves a session secret (cookie or bearer) to its user; expired sessions are removed. */
export async function resolveUserSecret(deps: AppDeps, secret: string): Promise<Principal | null> {
  const session = await deps.store.getSession(hashSecret(secret));
  if (!session) return null;
  if (session.expiresAt <= deps.now()) {
    await deps.store.deleteSession(session.tokenHash);
    return null;
  }
  const user = await deps.store.getUser(session.userId);
  if (!user || user.disabled) return null;
  return { kind: 'user', user, session };
}

/** Resolves a device token; a revoked device is refused at once. */
export async function resolveDeviceSecret(deps: AppDeps, secret: string): Promise<Principal | null> {
  const device = await deps.store.getDeviceByTokenHash(hashSecret(secret));
  if (!device || device.revokedAt !== null) return null;
  return { kind: 'device', device };
}

/** A bearer token is either a user's API token or a device token, told apart by prefix. */
export async function resolveBearer(deps: AppDeps, token: string): Promise<Principal | null> {
  if (token.startsWith(DEVICE_TOKEN_PREFIX)) return resolveDeviceSecret(deps, token);
  if (token.startsWith(USER_TOKEN_PREFIX)) return resolveUserSecret(deps, token);
  return null;
}

export function actorOf(p: Principal): Actor {
  return p.kind === 'user' ? { type: 'user', id: p.user.id } : { type: 'device', id: p.device.id };
}

export function hasRole(p: Principal, ...roles: Role[]): boolean {
  return p.kind === 'user' && roles.includes(p.user.role);
}

export function canAccessHall(p: Principal, hallId: string): boolean {
  if (p.kind === 'device') return p.device.hallId === hallId;
  if (p.user.role === 'admin' && p.user.hallIds.length === 0) return true;
  return p.user.hallIds.includes(hallId);
}

/**
 * A keypad or counter device acts only for its own window; a clerk only for
 * the windows assigned to them; supervisors and admins for any window of
 * their halls.
 */
export function canActOnWindow(p: Principal, window: ServiceWindow): boolean {
  if (!canAccessHall(p, window.hallId)) return false;
  if (p.kind === 'device') return p.device.kind === 'keypad' && p.device.windowId === window.id;
  if (p.user.role === 'clerk') return window.clerkIds.includes(p.user.id);
  return true;
}
