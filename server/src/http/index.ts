import express, { type Express } from 'express';
import cookieParser from 'cookie-parser';
import type { AppDeps } from '../app/index.js';
import { identify } from './authn.js';
import { LoginThrottle } from './login-throttle.js';
import { createMetrics } from './metrics.js';
import { mountRoutes } from './mount.js';
import { buildOpenApi } from './openapi.js';
import type { HttpOptions } from './options.js';
import { errorHandler, routeNotFound } from './problem-response.js';
import type { HttpRuntime } from './route.js';
import { ROUTES } from './routes/index.js';

export type { HttpOptions } from './options.js';
export { ROUTES } from './routes/index.js';

/**
 * The HTTP API under /api/v1 plus /healthz, /readyz and /metrics, built from
 * the route table. Every error leaves as application/problem+json.
 */
export function createHttpApp(deps: AppDeps, options: HttpOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', options.trustProxy);
  let openapi: unknown;
  const runtime: HttpRuntime = {
    metrics: createMetrics(deps, options),
    loginThrottle: new LoginThrottle(deps.now),
    openapi: () => (openapi ??= buildOpenApi(ROUTES)),
  };

  app.use('/api', (_req, res, next) => {
    // Answers carry tokens and live queue data: never cache them.
    res.set('Cache-Control', 'no-store');
    next();
  });
  app.use(cookieParser());
  app.use('/api', identify(deps));
  const router = express.Router();
  mountRoutes(router, ROUTES, deps, options, runtime);
  app.use(router);
  app.use('/api', routeNotFound);
  app.use(errorHandler(deps.log));
  return app;
}
