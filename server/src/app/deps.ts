import { randomBytes, randomUUID } from 'node:crypto';
import { silentLogger, type Logger } from '../logger.js';
import { DEFAULT_NOTIFY_SETTINGS, logNotifier, type Notifier, type NotifySettings } from '../notify/index.js';
import type { Store } from '../store/port.js';
import { QueueViewCache } from './queue-view.js';

/** What every use case needs. Tests pass their own clock and ids. */
export interface AppDeps {
  store: Store;
  now: () => number;
  newId: () => string;
  /** An unguessable URL-safe secret. */
  newSecret: () => string;
  /** Routing and service times per hall, kept until the log says they changed. */
  queueViews: QueueViewCache;
  /** The hub's logger; a use case names the hall and window of what it logs with `log.child`. */
  log: Logger;
  /** Where confirmations and reminders of bookings go (NOTIFY_PROVIDER); the log by default. */
  notifier: Notifier;
  notify: NotifySettings;
}

export function defaultDeps(store: Store, overrides: Partial<AppDeps> = {}): AppDeps {
  const log = overrides.log ?? silentLogger();
  return {
    notifier: logNotifier(log),
    notify: DEFAULT_NOTIFY_SETTINGS,
    store,
    now: () => Date.now(),
    newId: () => randomUUID(),
    newSecret: () => randomBytes(24).toString('base64url'),
    queueViews: new QueueViewCache(store),
    // The hub passes the logger main.ts made; parts built alone (use-case tests) stay quiet.
    log,
    ...overrides,
  };
}
