import { randomBytes, randomUUID } from 'node:crypto';
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
}

export function defaultDeps(store: Store, overrides: Partial<AppDeps> = {}): AppDeps {
  return {
    store,
    now: () => Date.now(),
    newId: () => randomUUID(),
    newSecret: () => randomBytes(24).toString('base64url'),
    queueViews: new QueueViewCache(store),
    ...overrides,
  };
}
