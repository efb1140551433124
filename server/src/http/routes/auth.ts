import type { Response } from 'express';
import { z } from 'zod';
import { COOKIE_SESSION_MS, createUserToken, hashSecret, login, logout } from '../../app/index.js';
import { isDomainError } from '../../domain/index.js';
import { principalOf } from '../access.js';
import { SESSION_COOKIE, authOf } from '../authn.js';
import { HttpError } from '../errors.js';
import { presentPrincipal, presentUser } from '../presenters/people.js';
import { route } from '../route.js';
import { name, noBody } from '../schemas/common.js';
import { password, username } from '../schemas/config.js';

/** First admin, login and logout, who am I, API tokens. */

const loginBody = z.strictObject({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(200),
  token: z.boolean().optional().describe('true: answer with a bearer token instead of setting the cookie'),
});

/** A locked account is refused before its password is even checked, so guessing gets nowhere. */
function refuseIfLocked(retryAfterMs: number, res: Response): void {
  if (retryAfterMs <= 0) return;
  const seconds = Math.ceil(retryAfterMs / 1000);
  res.set('Retry-After', String(seconds));
  throw new HttpError('login_locked', `Too many failed logins for this account; try again in ${seconds} s.`);
}

export const authRoutes = [
  route({
    method: 'get',
    path: '/api/v1/setup',
    tag: 'Authentication',
    summary: 'Whether the first admin still has to be created',
    auth: 'public',
    response: '`{ pending }`',
    errors: [],
    handler: async ({ options }) => ({ pending: options.setup.pending }),
  }),
  route({
    method: 'post',
    path: '/api/v1/setup',
    tag: 'Authentication',
    summary: 'Create the first admin with the one-time code printed at first start',
    description: 'There is no default password. The code works once and only while no user exists.',
    auth: 'public',
    rateLimited: true,
    body: z.strictObject({
      code: z.string().regex(/^\d{8}$/, 'the 8-digit code'),
      username,
      password,
      displayName: name.optional(),
    }),
    example: { code: '12345678', username: 'admin', password: 'a long passphrase' },
    status: 201,
    response: '`{ user }`',
    errors: ['setup_code_invalid', 'conflict'],
    handler: async ({ deps, options, body }) => {
      if (!options.setup.pending) throw new HttpError('setup_code_invalid', 'Setup is done; log in instead.');
      try {
        const user = await options.setup.complete(deps, {
          code: body.code,
          username: body.username,
          password: body.password,
          ...(body.displayName ? { displayName: body.displayName } : {}),
        });
        return { user: presentUser(user) };
      } catch (err) {
        if (isDomainError(err) && err.code === 'not_found')
          throw new HttpError('setup_code_invalid', err.message);
        throw err;
      }
    },
  }),
  route({
    method: 'post',
    path: '/api/v1/auth/login',
    tag: 'Authentication',
    summary: 'Log in: session cookie plus CSRF token, or a bearer token',
    description:
      'Without `token`, sets the httpOnly cookie `hall_session` (SameSite=Lax, Secure over https) and returns `csrfToken`: send it as `X-CSRF-Token` on every POST/PUT/PATCH/DELETE made with the cookie. With `"token": true`, returns a bearer token `usr_…` for `Authorization: Bearer`. After 5 failed logins for one username, each further failure locks that username for 30 s, doubling up to 15 min: meanwhile every login for it answers 429 `login_locked` with `Retry-After` (seconds), whatever the password. A successful login clears the count.',
    auth: 'public',
    rateLimited: true,
    body: loginBody,
    example: { username: 'clerk3', password: 'a long passphrase' },
    response: '`{ user, csrfToken, expiresAt }` or `{ user, token, expiresAt }`',
    errors: ['invalid_credentials', 'login_locked'],
    handler: async ({ deps, body, req, res, runtime }) => {
      const kind = body.token ? 'bearer' : 'cookie';
      const throttle = runtime.loginThrottle;
      refuseIfLocked(throttle.retryAfterMs(body.username), res);
      const result = await login(deps, { username: body.username, password: body.password, kind }).catch(
        (err: unknown) => {
          if (isDomainError(err) && err.code === 'not_found') {
            throttle.failed(body.username);
            throw new HttpError('invalid_credentials');
          }
          throw err;
        },
      );
      throttle.succeeded(body.username);
      const user = presentUser(result.user);
      if (kind === 'bearer') return { user, token: result.secret, expiresAt: result.session.expiresAt };
      res.cookie(SESSION_COOKIE, result.secret, {
        httpOnly: true,
        sameSite: 'lax',
        secure: req.secure,
        path: '/',
        maxAge: COOKIE_SESSION_MS,
      });
      return { user, csrfToken: result.session.csrfToken, expiresAt: result.session.expiresAt };
    },
  }),
  route({
    method: 'post',
    path: '/api/v1/auth/logout',
    tag: 'Authentication',
    summary: 'End this session (cookie or bearer token)',
    auth: 'user',
    body: noBody,
    example: {},
    status: 204,
    response: 'nothing',
    errors: [],
    handler: async ({ deps, options, res }) => {
      const { secret } = authOf(res);
      if (secret) {
        await logout(deps, secret);
        options.realtime.disconnectSession(hashSecret(secret));
      }
      res.clearCookie(SESSION_COOKIE, { path: '/' });
      return undefined;
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/auth/me',
    tag: 'Authentication',
    summary: 'Who is calling: the user (with the CSRF token of a cookie session) or the device',
    auth: 'principal',
    response: '`{ kind: "user", user, csrfToken? }` or `{ kind: "device", device }`',
    errors: [],
    handler: async (ctx) => {
      const p = principalOf(ctx);
      const csrf = p.kind === 'user' && ctx.via === 'cookie' ? { csrfToken: p.session.csrfToken } : {};
      return { ...presentPrincipal(p), ...csrf };
    },
  }),
  route({
    method: 'post',
    path: '/api/v1/auth/tokens',
    tag: 'Authentication',
    summary: 'Create a bearer API token for the calling user (shown once)',
    auth: 'user',
    body: noBody,
    example: {},
    status: 201,
    response: '`{ token, expiresAt }`',
    errors: [],
    handler: async (ctx) => {
      const p = principalOf(ctx);
      if (p.kind !== 'user') throw new HttpError('forbidden');
      return createUserToken(ctx.deps, { user: p.user });
    },
  }),
];
