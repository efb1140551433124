import type { ErrorRequestHandler, Request, RequestHandler, Response } from 'express';
import { isDomainError } from '../domain/index.js';
import type { Logger } from '../logger.js';
import {
  ERROR_TYPES,
  HttpError,
  problem,
  type ErrorCode,
  type FieldIssue,
  type ProblemParam,
} from './errors.js';
import { requestIdOf } from './request-log.js';

/** Turns anything thrown into a problem+json answer; internals never leave the process. */

export function sendProblem(
  res: Response,
  code: ErrorCode,
  detail?: string,
  issues?: FieldIssue[],
  params?: Record<string, ProblemParam>,
): void {
  const body = problem(code, detail, issues, params);
  // The hub's fault: the caller gets the id under which it is logged.
  const requestId = body.status >= 500 ? requestIdOf(res) : undefined;
  if (requestId) body.requestId = requestId;
  res.status(body.status).type('application/problem+json').send(JSON.stringify(body));
}

/** Body-parser errors carry a `type`; their status says which of our codes applies. */
function parserCode(err: { type?: unknown; status?: unknown }): ErrorCode | null {
  switch (err.type) {
    case 'entity.too.large':
      return 'payload_too_large';
    case 'entity.parse.failed':
    case 'request.size.invalid':
    case 'request.aborted':
      return 'malformed_json';
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return 'unsupported_media_type';
    default:
      return typeof err.type === 'string' && err.status === 400 ? 'malformed_json' : null;
  }
}

/** Domain details that are safe to show: the ids and states the caller already knows about. */
function domainIssues(details: Record<string, unknown>): FieldIssue[] | undefined {
  const issues = details.issues;
  if (!Array.isArray(issues)) return undefined;
  return issues.filter(
    (i): i is FieldIssue =>
      typeof i === 'object' && i !== null && typeof i.path === 'string' && typeof i.message === 'string',
  );
}

/**
 * The refusal's parameters screens may word it with: plain values the caller
 * already knows about (a ticket number and status, a category, a limit).
 * Internal ids and nested structures stay in the process.
 */
export function domainParams(details: Record<string, unknown>): Record<string, ProblemParam> {
  const out: Record<string, ProblemParam> = {};
  for (const [key, value] of Object.entries(details)) {
    if (key === 'issues' || /Ids?$/.test(key)) continue;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
      out[key] = value;
    else if (Array.isArray(value) && value.every((v) => typeof v === 'string')) out[key] = [...value];
  }
  return out;
}

export function errorHandler(log: Logger): ErrorRequestHandler {
  return (err: unknown, req: Request, res: Response, next) => {
    if (res.headersSent) {
      next(err);
      return;
    }
    if (err instanceof HttpError) {
      // A 5xx answer gives the caller a request id to quote; the log must hold a line for it.
      if (ERROR_TYPES[err.code].status >= 500)
        log.warn(
          {
            reqId: requestIdOf(res),
            method: req.method,
            path: req.path,
            code: err.code,
            detail: err.message,
          },
          'request not served',
        );
      return sendProblem(res, err.code, err.message, err.issues);
    }
    // The router decodes path parameters before any route runs: `%E0%A4%A` is the caller's mistake.
    if (err instanceof URIError)
      return sendProblem(res, 'malformed_path', 'A path segment is not valid percent-encoded UTF-8.');
    if (isDomainError(err)) {
      return sendProblem(res, err.code, err.message, domainIssues(err.details), domainParams(err.details));
    }
    if (typeof err === 'object' && err !== null) {
      const code = parserCode(err as { type?: unknown; status?: unknown });
      if (code) return sendProblem(res, code);
    }
    log.error({ err, reqId: requestIdOf(res), method: req.method, path: req.path }, 'request failed');
    sendProblem(res, 'internal', 'Something went wrong on the hub; it has been logged.');
  };
}

/** Unknown routes under the API answer in the same format as every other error. */
export const routeNotFound: RequestHandler = (req, res) => {
  sendProblem(res, 'route_not_found', `No route ${req.method} ${req.path}.`);
};
