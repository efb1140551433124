import type { Server as HttpServer, IncomingMessage, ServerResponse } from 'node:http';
import express from 'express';
import helmet from 'helmet';
import { defaultDeps, FirstAdminSetup, startQueueLog, watchBadRatings, type AppDeps } from './app/index.js';
import type { TrustProxy } from './config.js';
import { startHubKeypads, type HubKeypads } from './devices/keypad/hub-keypads.js';
import type { HidBinding } from './devices/keypad/port.js';
import { createHttpApp } from './http/index.js';
import { errorHandler } from './http/problem-response.js';
import { requestLog } from './http/request-log.js';
import type { Logger } from './logger.js';
import { attachRealtime, type RealtimeHub } from './realtime/index.js';
import type { AgendaBackend } from 'agenda';
import { startJobs, type JobRunner, type JobRunnerOptions } from './jobs/index.js';
import type { Store } from './store/port.js';
import { realtimeAdapterFor } from './realtime/mongo-adapter.js';
import { statusPage } from './web/status-page.js';
import { staticApps } from './web/static-apps.js';
import type { HubVoice } from './voice/espeak.js';

/** Where Socket.IO serves its transports (its default). */
const REALTIME_PATH = '/socket.io/';

export interface HubOptions {
  rateLimitPerMinute: number;
  /** Express `trust proxy`: false, a hop count, or proxy addresses/subnets (config.ts checks them). */
  trustProxy: TrustProxy;
  publicUrl?: string;
  /**
   * Run the scheduled jobs (docs/jobs.md) in this process, with Agenda on this
   * job store (main.ts: `createJobBackend(config)`); false runs none.
   */
  jobs: false | ({ backend: AgendaBackend } & JobRunnerOptions);
  /**
   * Read keypads plugged into the hub machine (`KEYPADS=hid`). Off by default:
   * most halls run keypad agents on the window PCs, or have no keypads.
   */
  keypads?: { binding: HidBinding; scanMs?: number; log?: (line: string) => void };
  /** How long to wait for a network printer's status answer after a job (`PRINTER_STATUS_WAIT_MS`). */
  printerStatusWaitMs?: number;
  /** The call-out voice for boards without a browser voice (`VOICE_ENGINE`); default: auto. */
  voice?: HubVoice;
}

export interface HubComponents {
  store: Store;
  options: HubOptions;
  /** The hub's one logger (main.ts makes it from LOG_LEVEL; tests pass a silent or capturing one). */
  log: Logger;
  /** Tests replace the clock and id sources. */
  deps?: Partial<AppDeps>;
}

export interface Hub {
  deps: AppDeps;
  setup: FirstAdminSetup;
  realtime: RealtimeHub;
  /** The hub's own keypad driver once started; null when `options.keypads` is off. */
  keypads: Promise<HubKeypads | null> | null;
  /** The scheduled jobs when `options.jobs` is on. */
  jobs: JobRunner | null;
  close(): Promise<void>;
}

/** Longer than clients and proxies keep idle connections (60 s is the usual upper end). */
export const KEEP_ALIVE_MS = 65_000;

/**
 * Builds the hub from its parts on a given HTTP server. main.ts chooses the
 * adapters; tests build the same hub with a temporary store on port 0.
 */
export function createApplication(httpServer: HttpServer, components: HubComponents): Hub {
  const deps = defaultDeps(components.store, { log: components.log, ...components.deps });
  const setup = new FirstAdminSetup();
  const adapter = realtimeAdapterFor(components.store);
  const realtime = attachRealtime(httpServer, deps, {
    ...(adapter ? { adapter } : {}),
    ...(components.options.publicUrl ? { publicUrl: components.options.publicUrl } : {}),
    ...(components.options.printerStatusWaitMs !== undefined
      ? { printerStatusWaitMs: components.options.printerStatusWaitMs }
      : {}),
  });
  const api = createHttpApp(deps, {
    setup,
    realtime,
    rateLimitPerMinute: components.options.rateLimitPerMinute,
    trustProxy: components.options.trustProxy,
    ...(components.options.publicUrl ? { publicUrl: components.options.publicUrl } : {}),
    ...(components.options.voice ? { voice: components.options.voice } : {}),
  });
  const app = express();
  app.disable('x-powered-by');
  app.use(requestLog(deps.log));
  app.use(securityHeaders());
  app.get('/', statusPage(deps));
  app.use(staticApps());
  app.use(api);
  // The screens' routes fail like the API's (a malformed path is a 400 problem), never with Express's stack-trace page.
  app.use(errorHandler(deps.log));
  // Socket.IO answers its own requests on this server; Express must not answer
  // them too, or a held long-poll gets a 404 and the late reply throws.
  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    if (req.url?.startsWith(REALTIME_PATH)) return;
    app(req, res);
  };
  httpServer.on('request', onRequest);
  // An idle keep-alive connection is closed by its client, never by the hub: a hub that closes
  // first (Node's default is after 5 s) races a client sending its next request on that socket,
  // which then fails with ECONNRESET. The race is easy to hit while the event loop is busy (the
  // close timer fires late, just as the request arrives), and behind a reverse proxy that keeps
  // upstream connections for 60 s (nginx, most load balancers) it is a steady source of 502s.
  httpServer.keepAliveTimeout = KEEP_ALIVE_MS;
  httpServer.headersTimeout = KEEP_ALIVE_MS + 1_000;
  const jobOptions = components.options.jobs;
  const jobs: JobRunner | null = jobOptions ? startJobs(deps, jobOptions.backend, jobOptions) : null;
  // Every 差评 opens a case as soon as it is committed (the job catches up what this misses).
  const stopRatingWatch = watchBadRatings(deps);
  const stopQueueLog = startQueueLog(deps);
  const keypads = components.options.keypads ? startKeypads(deps, components.options.keypads) : null;
  return {
    deps,
    setup,
    realtime,
    keypads,
    jobs,
    async close() {
      // Keypads first: a press being handled still needs the store and the realtime feed.
      await (await keypads)?.stop();
      // A running job finishes (or is given up) and this hub's job locks are released.
      await jobs?.stop();
      stopRatingWatch();
      stopQueueLog();
      deps.queueViews.close();
      await realtime.close();
      httpServer.off('request', onRequest);
    },
  };
}

/**
 * Security headers on every answer (helmet): a content security policy every
 * screen passes (scripts only from the hub, no inline script; inline styles
 * stay allowed for the pages' own <style> and Lit's style bindings; images
 * and audio from the hub, data: and blob: for generated tickets), no framing
 * by other pages (clickjacking of the consoles), no Referer (ticket status
 * links carry their token), nosniff. Not sent: HSTS and upgrade-insecure-requests,
 * since a township hub is reached by plain http on the hall's LAN; a proxy
 * that terminates https adds HSTS itself.
 */
function securityHeaders() {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        baseUri: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        mediaSrc: ["'self'", 'data:', 'blob:'],
        workerSrc: ["'self'", 'blob:'],
      },
    },
    strictTransportSecurity: false,
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
  });
}

/** A keypad layer that fails to start (no HID access) is logged; the hub serves on without it. */
function startKeypads(deps: AppDeps, o: NonNullable<HubOptions['keypads']>): Promise<HubKeypads | null> {
  const log = o.log ?? ((line: string) => deps.log.warn(line));
  return startHubKeypads(deps, o.binding, {
    log,
    ...(o.scanMs !== undefined ? { scanMs: o.scanMs } : {}),
  }).catch((err: unknown) => {
    log(`keypads on the hub did not start: ${err instanceof Error ? err.message : String(err)}`);
    return null;
  });
}
