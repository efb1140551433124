import type { Request } from 'express';
import { z } from 'zod';
import { HttpError, type FieldIssue } from './errors.js';
import { hasBody, type AnyRoute } from './route.js';

/** Checks params, query and body against the route's schemas; all issues are reported at once. */

const NO_INPUT = z.object({});
/** Routes that change something and take no fields still refuse unknown ones. */
const EMPTY_BODY = z.strictObject({});

export interface ValidInput {
  params: unknown;
  query: unknown;
  body: unknown;
}

function check(where: string, schema: z.ZodType, value: unknown, issues: FieldIssue[]): unknown {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  for (const i of result.error.issues) {
    issues.push({ in: where, path: i.path.map(String).join('.'), message: i.message });
  }
  return undefined;
}

/** A POST with `content-length: 0` (what fetch sends without a body) has no body to type. */
function emptyBody(req: Request): boolean {
  return req.headers['content-length'] === '0' && req.headers['transfer-encoding'] === undefined;
}

export function validateInput(r: AnyRoute, req: Request): ValidInput {
  if (hasBody(r) && !emptyBody(req) && req.is('application/json') === false) {
    throw new HttpError('unsupported_media_type', 'Send the body as application/json.');
  }
  const issues: FieldIssue[] = [];
  const params = check('params', r.params ?? NO_INPUT, req.params, issues);
  const query = check('query', r.query ?? NO_INPUT, req.query, issues);
  const body = hasBody(r) ? check('body', r.body ?? EMPTY_BODY, req.body ?? {}, issues) : undefined;
  if (issues.length > 0) throw new HttpError('validation_failed', 'The request has invalid fields.', issues);
  return { params, query, body };
}
