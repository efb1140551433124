import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import type { Request, RequestHandler, Response } from 'express';
import type { Principal } from '../app/index.js';
import { authOf } from './authn.js';
import { sendProblem } from './problem-response.js';

/**
 * The public limit, per route and per caller, for what anyone may call
 * without an account. Only logged-in staff are not held to it. A device token
 * is no proof of trust (a kiosk's token is in its page address, a board's in
 * its URL): a device is counted on its own budget, keyed by the device rather
 * than the address, so a busy kiosk behind a shared address is not starved by
 * the citizens' phones on the same network, and a leaked token buys no more
 * than one kiosk's worth of requests.
 */
function exempt(p: Principal | null): boolean {
  return p?.kind === 'user';
}

function keyOf(req: Request, res: Response): string {
  const p = authOf(res).principal;
  if (p?.kind === 'device') return `device:${p.device.id}`;
  return `ip:${ipKeyGenerator(req.ip ?? '')}`;
}

export function publicRateLimit(limitPerMinute: number): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit: limitPerMinute,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    skip: (_req, res) => exempt(authOf(res).principal),
    keyGenerator: keyOf,
    handler: (_req, res) =>
      sendProblem(
        res,
        'rate_limited',
        'Too many requests from this address or device; try again in a minute.',
      ),
  });
}
