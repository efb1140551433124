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

function at(value: unknown, path: readonly PropertyKey[]): unknown {
  let v = value;
  for (const k of path)
    v = typeof v === 'object' && v !== null ? (v as Record<PropertyKey, unknown>)[k] : undefined;
  return v;
}

/** A zod issue as a stable reason and the limits a screen may name. */
function reasonOf(i: z.core.$ZodIssue, value: unknown): Pick<FieldIssue, 'code' | 'params'> {
  switch (i.code) {
    case 'invalid_type':
      return at(value, i.path) === undefined
        ? { code: 'required' }
        : { code: 'invalid_type', params: { expected: String(i.expected) } };
    case 'too_small':
      return { code: 'too_small', params: { minimum: Number(i.minimum), origin: String(i.origin) } };
    case 'too_big':
      return { code: 'too_big', params: { maximum: Number(i.maximum), origin: String(i.origin) } };
    case 'invalid_format':
      return { code: 'invalid_format' };
    case 'invalid_value':
      return { code: 'invalid_value' };
    case 'unrecognized_keys':
      return { code: 'unknown_field', params: { keys: [...i.keys] } };
    default:
      return { code: 'invalid' };
  }
}

function check(where: string, schema: z.ZodType, value: unknown, issues: FieldIssue[]): unknown {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  for (const i of result.error.issues) {
    issues.push({ in: where, path: i.path.map(String).join('.'), message: i.message, ...reasonOf(i, value) });
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
