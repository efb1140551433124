import { randomBytes, randomUUID } from 'node:crypto';
import type { Store } from '../store/port.js';
import { EventBus } from './event-bus.js';

/** What every use case needs. Tests pass their own clock and ids. */
export interface AppDeps {
  store: Store;
  now: () => number;
  newId: () => string;
  /** An unguessable URL-safe secret. */
  newSecret: () => string;
  bus: EventBus;
}

export function defaultDeps(store: Store, overrides: Partial<AppDeps> = {}): AppDeps {
  return {
    store,
    now: () => Date.now(),
    newId: () => randomUUID(),
    newSecret: () => randomBytes(24).toString('base64url'),
    bus: new EventBus(),
    ...overrides,
  };
}
