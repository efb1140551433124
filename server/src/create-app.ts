import type { Server as HttpServer } from 'node:http';
import express from 'express';
import { defaultDeps, FirstAdminSetup, watchBadRatings, type AppDeps } from './app/index.js';
import { createHttpApp } from './http/index.js';
import { attachRealtime, type RealtimeHub } from './realtime/index.js';
import { startJobs, type JobRunner } from './jobs/index.js';
import type { Store } from './store/port.js';
import { statusPage } from './web/status-page.js';
import { staticApps } from './web/static-apps.js';

export interface HubOptions {
  rateLimitPerMinute: number;
  trustProxy: boolean;
  publicUrl?: string;
  /** Run scheduled jobs (end of day) in this process. */
  jobs: boolean;
}

export interface HubComponents {
  store: Store;
  options: HubOptions;
  /** Tests replace the clock and id sources. */
  deps?: Partial<AppDeps>;
}

export interface Hub {
  deps: AppDeps;
  setup: FirstAdminSetup;
  realtime: RealtimeHub;
  close(): Promise<void>;
}

/**
 * Builds the hub from its parts on a given HTTP server. main.ts chooses the
 * adapters; tests build the same hub with a temporary store on port 0.
 */
export function createApplication(httpServer: HttpServer, components: HubComponents): Hub {
  const deps = defaultDeps(components.store, components.deps);
  const setup = new FirstAdminSetup();
  const realtime = attachRealtime(httpServer, deps);
  const api = createHttpApp(deps, {
    setup,
    realtime,
    rateLimitPerMinute: components.options.rateLimitPerMinute,
    trustProxy: components.options.trustProxy,
    ...(components.options.publicUrl ? { publicUrl: components.options.publicUrl } : {}),
  });
  const app = express();
  app.disable('x-powered-by');
  app.get('/', statusPage(deps));
  app.use(staticApps());
  app.use(api);
  httpServer.on('request', app);
  const jobs: JobRunner | null = components.options.jobs ? startJobs(deps) : null;
  // Every 差评 opens a case as soon as it is committed (the job catches up what this misses).
  const stopRatingWatch = watchBadRatings(deps);
  return {
    deps,
    setup,
    realtime,
    async close() {
      jobs?.stop();
      stopRatingWatch();
      await realtime.close();
      httpServer.off('request', app);
    },
  };
}
