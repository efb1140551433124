import type { ErrorRequestHandler, Request, RequestHandler, Response } from 'express';
import { isDomainError } from '../domain/index.js';
import { HttpError, problem, type ErrorCode, type FieldIssue } from './errors.js';

/** Turns anything thrown into a problem+json answer; internals never leave the process. */

export function sendProblem(res: Response, code: ErrorCode, detail?: string, issues?: FieldIssue[]): void {
  const body = problem(code, detail, issues);
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

export function errorHandler(log: (msg: string, err: unknown) => void): ErrorRequestHandler {
  return (err: unknown, req: Request, res: Response, next) => {
    if (res.headersSent) {
      next(err);
      return;
    }
    if (err instanceof HttpError) return sendProblem(res, err.code, err.message, err.issues);
    // The router decodes path parameters before any route runs: `%E0%A4%A` is the caller's mistake.
    if (err instanceof URIError)
      return sendProblem(res, 'malformed_path', 'A path segment is not valid percent-encoded UTF-8.');
    if (isDomainError(err)) return sendProblem(res, err.code, err.message, domainIssues(err.details));
    if (typeof err === 'object' && err !== null) {
      const code = parserCode(err as { type?: unknown; status?: unknown });
      if (code) return sendProblem(res, code);
    }
    log(`${req.method} ${req.originalUrl} failed`, err);
    sendProblem(res, 'internal', 'Something went wrong on the hub; it has been logged.');
  };
}

/** Unknown routes under the API answer in the same format as every other error. */
export const routeNotFound: RequestHandler = (req, res) => {
  sendProblem(res, 'route_not_found', `No route ${req.method} ${req.path}.`);
};
