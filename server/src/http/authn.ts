import { timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import { hasRole, resolveBearer, resolveUserSecret, type AppDeps, type Principal } from '../app/index.js';
import { HttpError } from './errors.js';
import type { AuthRule } from './route.js';

/**
 * Who is asking. A bearer token (`usr_…` for people, `dev_…` for devices)
 * wins over the session cookie. A bad bearer token is refused outright (a
 * revoked kiosk must not quietly become an anonymous citizen); a stale cookie
 * just leaves the request anonymous.
 */

export const SESSION_COOKIE = 'hall_session';
export const CSRF_HEADER = 'X-CSRF-Token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Devices report in often; writing lastSeenAt at most once a minute keeps a keypad press cheap. */
const TOUCH_EVERY_MS = 60_000;

export interface AuthState {
  principal: Principal | null;
  via: 'cookie' | 'bearer' | null;
  /** The session secret the request came with, for logout. */
  secret: string | null;
}

const ANONYMOUS: AuthState = { principal: null, via: null, secret: null };

export function authOf(res: Response): AuthState {
  return (res.locals.auth as AuthState | undefined) ?? ANONYMOUS;
}

export function identify(deps: AppDeps): RequestHandler {
  return async (req, res, next) => {
    const header = req.get('authorization');
    if (header !== undefined) {
      const token = /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1];
      const principal = token ? await resolveBearer(deps, token) : null;
      if (!principal || (principal.kind === 'user' && principal.session.kind !== 'bearer')) {
        throw new HttpError('unauthenticated', 'The bearer token is unknown, expired or revoked.');
      }
      if (principal.kind === 'device') {
        const now = deps.now();
        if ((principal.device.lastSeenAt ?? 0) + TOUCH_EVERY_MS <= now)
          await deps.store.touchDevice(principal.device.id, now);
      }
      res.locals.auth = { principal, via: 'bearer', secret: token ?? null } satisfies AuthState;
      return next();
    }
    const cookie: unknown = req.cookies?.[SESSION_COOKIE];
    if (typeof cookie === 'string' && cookie !== '') {
      const principal = await resolveUserSecret(deps, cookie);
      if (principal?.kind === 'user' && principal.session.kind === 'cookie') {
        res.locals.auth = { principal, via: 'cookie', secret: cookie } satisfies AuthState;
      }
    }
    next();
  };
}

function csrfValid(req: Request, principal: Principal | null): boolean {
  const expected = principal?.kind === 'user' ? principal.session.csrfToken : null;
  const given = req.get(CSRF_HEADER);
  if (!expected || !given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function allowed(rule: Exclude<AuthRule, 'public'>, p: Principal): boolean {
  if (rule === 'principal') return true;
  if (rule === 'user') return p.kind === 'user';
  if (p.kind === 'user') return hasRole(p, ...rule.roles);
  return (rule.devices ?? []).includes(p.device.kind);
}

/**
 * Double-submit CSRF: a change made with the session cookie must repeat the
 * session's CSRF token in a header, which another site cannot read. On a
 * public route such a request simply loses its cookie identity.
 */
export function authorize(rule: AuthRule): RequestHandler {
  return (req, res, next) => {
    const auth = authOf(res);
    if (auth.via === 'cookie' && !SAFE_METHODS.has(req.method) && !csrfValid(req, auth.principal)) {
      if (rule !== 'public')
        throw new HttpError('csrf_failed', `Send the session's CSRF token in ${CSRF_HEADER}.`);
      res.locals.auth = ANONYMOUS;
    }
    if (rule === 'public') return next();
    if (!auth.principal) throw new HttpError('unauthenticated', 'Log in or send a bearer token.');
    if (!allowed(rule, auth.principal)) throw new HttpError('forbidden', 'Your role does not allow this.');
    next();
  };
}
