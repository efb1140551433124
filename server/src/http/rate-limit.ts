import { rateLimit } from 'express-rate-limit';
import type { RequestHandler } from 'express';
import type { Principal } from '../app/index.js';
import { authOf } from './authn.js';
import { sendProblem } from './problem-response.js';

/**
 * The public limit, per IP and per route, for what anyone may call without an
 * account. Ticket machines (kiosk device tokens) and logged-in staff are not
 * held to it: a busy morning at one kiosk is many citizens, not one abuser.
 */
function exempt(p: Principal | null): boolean {
  if (!p) return false;
  return p.kind === 'user' || p.device.kind === 'kiosk';
}

export function publicRateLimit(limitPerMinute: number): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit: limitPerMinute,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    skip: (_req, res) => exempt(authOf(res).principal),
    handler: (_req, res) =>
      sendProblem(res, 'rate_limited', 'Too many requests from this address; try again in a minute.'),
  });
}
