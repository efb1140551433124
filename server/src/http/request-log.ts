import { randomBytes } from 'node:crypto';
import type { RequestHandler, Response } from 'express';
import { inRequest, type Logger } from '../logger.js';

/**
 * Every HTTP request gets an id: the one a proxy or client sent in
 * `X-Request-Id` when it is plain and short, else a new one. It goes back in
 * the same header, into every log line written while the request is served,
 * and into the body of a 5xx answer, so a clerk can quote it to whoever reads
 * the log.
 */

export const REQUEST_ID_HEADER = 'X-Request-Id';

/** Letters, digits and `. _ : -`, up to 64: what proxies and tracing headers send, and nothing that could forge a log line. */
const WELL_FORMED = /^[A-Za-z0-9._:-]{1,64}$/;

export function requestIdFrom(header: unknown): string {
  // Twelve hex digits: short enough to read out over the phone, unique enough for a day's log.
  return typeof header === 'string' && WELL_FORMED.test(header) ? header : randomBytes(6).toString('hex');
}

/** The id given to the request this response answers, once requestLog has run. */
export function requestIdOf(res: Response): string | undefined {
  const id = res.getHeader(REQUEST_ID_HEADER);
  return typeof id === 'string' ? id : undefined;
}

/** The path without the query string: queries may carry tokens that do not belong in a log. */
function pathOf(url: string): string {
  const q = url.indexOf('?');
  return q === -1 ? url : url.slice(0, q);
}

export function requestLog(log: Logger): RequestHandler {
  return (req, res, next) => {
    const reqId = requestIdFrom(req.get(REQUEST_ID_HEADER));
    res.setHeader(REQUEST_ID_HEADER, reqId);
    const started = performance.now();
    res.on('close', () => {
      log.debug(
        {
          reqId,
          method: req.method,
          path: pathOf(req.originalUrl),
          status: res.statusCode,
          ms: Math.round(performance.now() - started),
          ...(res.writableFinished ? {} : { aborted: true }),
        },
        'request',
      );
    });
    // Following the request through its async work, so the queue actions it makes are logged
    // under its id, costs something on every promise (Node 20's async hooks): only when such
    // lines are written. Lines the HTTP layer writes itself name the request in any case.
    if (log.isLevelEnabled('info')) inRequest(reqId, next);
    else next();
  };
}
