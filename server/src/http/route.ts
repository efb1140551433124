import type { Request, Response } from 'express';
import type { z } from 'zod';
import type { AppDeps, Principal } from '../app/index.js';
import type { DeviceKind, Role } from '../domain/index.js';
import type { ErrorCode } from './errors.js';
import type { LoginThrottle } from './login-throttle.js';
import type { HubMetrics } from './metrics.js';
import type { HttpOptions } from './options.js';

/**
 * A route is data: method, path, who may call it, one schema per input, the
 * errors it can give, and a handler that returns what the presenter made.
 * The router, the OpenAPI document, docs/api.md and the bad-input tests are
 * all built from the same table, so they cannot drift apart.
 */

/**
 * - `public`: anyone; credentials, if sent, are still checked and used.
 * - `user`: any logged-in person; `principal`: a person or a device.
 * - `{ roles, devices }`: people with one of the roles, devices of one of the kinds.
 * Hall and window checks come on top, in the handler, once the ids are known.
 */
export type AuthRule =
  'public' | 'user' | 'principal' | { roles: readonly Role[]; devices?: readonly DeviceKind[] };

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface RouteContext<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  principal: Principal | null;
  /** How the principal authenticated; cookie sessions need the CSRF header on changes. */
  via: 'cookie' | 'bearer' | null;
  deps: AppDeps;
  options: HttpOptions;
  runtime: HttpRuntime;
  req: Request;
  res: Response;
}

/** Parts of the running HTTP app that some handlers need. */
export interface HttpRuntime {
  metrics: HubMetrics;
  /** Failed logins per username (backoff, then a temporary lock). */
  loginThrottle: LoginThrottle;
  /** The OpenAPI document of the route table. */
  openapi: () => unknown;
}

/** A handler that wrote the response itself (text, redirects) returns this. */
export const SENT = Symbol('sent');

export interface RouteSpec<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType> {
  method: Method;
  /** Express path, `:name` for parameters. */
  path: string;
  /** Section of docs/api.md. */
  tag: string;
  summary: string;
  description?: string;
  auth: AuthRule;
  /** Public routes are limited per IP (HttpOptions.rateLimitPerMinute). */
  rateLimited?: boolean;
  params?: P;
  query?: Q;
  body?: B;
  /** Largest accepted body in bytes; default BODY_LIMIT (64 kB). */
  bodyLimit?: number;
  /** A valid body, shown in the docs and used by the bad-input tests. */
  example?: z.input<B>;
  /** Success status; 204 sends no body. */
  status?: number;
  /** What the success body holds, in words (types are in the presenters). */
  response: string;
  /** Errors specific to this route; auth, validation and body errors are added from the other fields. */
  errors: readonly ErrorCode[];
  handler: (ctx: RouteContext<z.output<P>, z.output<Q>, z.output<B>>) => Promise<unknown>;
}

/** The table holds routes with their types erased; `route()` checks them at definition. */
export type AnyRoute = RouteSpec<z.ZodType, z.ZodType, z.ZodType>;

export function route<
  P extends z.ZodType = z.ZodObject<Record<string, never>>,
  Q extends z.ZodType = z.ZodObject<Record<string, never>>,
  B extends z.ZodType = z.ZodObject<Record<string, never>>,
>(spec: RouteSpec<P, Q, B>): AnyRoute {
  return spec as unknown as AnyRoute;
}

/** Request bodies are small JSON documents; only a hall configuration file may be larger. */
export const BODY_LIMIT = 64 * 1024;

export function bodyLimit(r: AnyRoute): number {
  return r.bodyLimit ?? BODY_LIMIT;
}

export function hasBody(r: Pick<AnyRoute, 'method'>): boolean {
  return r.method === 'post' || r.method === 'put' || r.method === 'patch';
}

/** The codes a route can answer with, derived from its shape plus its own list. */
export function routeErrors(r: AnyRoute): ErrorCode[] {
  const codes = new Set<ErrorCode>();
  if (r.params || r.query || hasBody(r)) codes.add('validation_failed');
  if (hasBody(r))
    ['malformed_json', 'payload_too_large', 'unsupported_media_type'].forEach((c) =>
      codes.add(c as ErrorCode),
    );
  if (r.auth !== 'public') {
    codes.add('unauthenticated');
    codes.add('forbidden');
    if (r.method !== 'get') codes.add('csrf_failed');
  }
  if (r.rateLimited) codes.add('rate_limited');
  r.errors.forEach((c) => codes.add(c));
  return [...codes];
}
