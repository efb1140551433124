import express, { type RequestHandler, type Router } from 'express';
import type { AppDeps } from '../app/index.js';
import { authOf, authorize } from './authn.js';
import type { HttpOptions } from './options.js';
import { publicRateLimit } from './rate-limit.js';
import { SENT, bodyLimit, hasBody, type AnyRoute, type HttpRuntime } from './route.js';
import { validateInput } from './validate.js';

/**
 * Mounts the route table: rate limit → auth → parse → validate → handler → send what
 * the presenter returned. Express 5 passes a rejected handler to the error
 * handler, so handlers just throw.
 */
export function mountRoutes(
  router: Router,
  routes: readonly AnyRoute[],
  deps: AppDeps,
  options: HttpOptions,
  runtime: HttpRuntime,
): void {
  for (const r of routes) {
    const chain: RequestHandler[] = [];
    chain.push((_req, res, next) => {
      res.on('finish', () => runtime.metrics.observe(r.method, r.path, res.statusCode));
      next();
    });
    if (r.rateLimited) chain.push(publicRateLimit(options.rateLimitPerMinute));
    chain.push(authorize(r.auth));
    // Parsed after auth, so only callers allowed on the route can make the hub read a large body.
    if (hasBody(r)) chain.push(express.json({ limit: bodyLimit(r) }));
    chain.push(async (req, res) => {
      const input = validateInput(r, req);
      const auth = authOf(res);
      const out = await r.handler({
        ...input,
        principal: auth.principal,
        via: auth.via,
        deps,
        options,
        runtime,
        req,
        res,
      });
      if (out === SENT) return;
      const status = r.status ?? 200;
      if (status === 204) res.status(204).end();
      else res.status(status).json(out);
    });
    router[r.method](r.path, ...chain);
  }
}
