import { createAdapter } from '@socket.io/mongo-adapter';
import type { Db } from 'mongodb';
import type { ServerOptions } from 'socket.io';
import type { Store } from '../store/port.js';
import { COLLECTIONS } from '../store/mongodb/migrations.js';

/**
 * Socket.IO across hub processes in MongoDB mode (docs/realtime.md): the
 * `@socket.io/mongo-adapter` on the capped collection a store migration
 * creates, so rooms span hubs: revoking a device or logging a user out cuts
 * its sockets on every hub, and a broadcast not taken from the log reaches
 * every hub's clients. Messages taken from the log are sent to this hub's
 * own clients only (`.local`): every hub follows the log itself.
 *
 * The embedded (SQLite) store needs no adapter: each hub process follows
 * the shared file's log and serves its own clients.
 */

interface WithMongo {
  mongo(): { db: Db };
}

function hasMongo(store: Store): store is Store & WithMongo {
  return typeof (store as Partial<WithMongo>).mongo === 'function';
}

/** How often hubs tell each other they are alive, and when a silent one counts as gone. */
export const ADAPTER_OPTIONS = {
  heartbeatInterval: 5_000,
  heartbeatTimeout: 10_000,
  requestsTimeout: 5_000,
  // Lets the capped collection be inspected by time; the adapter never reads it back.
  addCreatedAtField: true,
} as const;

/** The adapter option of the Socket.IO server for this store: the MongoDB adapter, or none (in-memory). */
export function realtimeAdapterFor(store: Store): ServerOptions['adapter'] | undefined {
  if (!hasMongo(store)) return undefined;
  const collection = store.mongo().db.collection(COLLECTIONS.socketIo);
  return createAdapter(collection, ADAPTER_OPTIONS) as unknown as ServerOptions['adapter'];
}
