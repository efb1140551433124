import path from 'node:path';
import type { Store } from './port.js';
import type { ReplicaSetStatus } from './mongodb/index.js';

/**
 * Chooses the store adapter from the configuration (STORE): the embedded
 * SQLite file in DATA_DIR, or MongoDB at MONGODB_URI. The MongoDB driver is
 * loaded only when it is used.
 */
export interface StoreChoice {
  STORE: 'sqlite' | 'mongodb';
  MONGODB_URI?: string | undefined;
  dataDir: string;
  SQLITE_SYNCHRONOUS: 'FULL' | 'NORMAL';
}

export async function openConfiguredStore(
  config: StoreChoice,
  onFollowerError: (err: unknown) => void,
): Promise<Store> {
  if (config.STORE === 'mongodb') {
    const { openMongoStore } = await import('./mongodb/index.js');
    return openMongoStore({ uri: config.MONGODB_URI as string, onFollowerError });
  }
  const { openSqliteStore } = await import('./sqlite/index.js');
  return openSqliteStore({
    file: path.join(config.dataDir, 'hall.db'),
    synchronous: config.SQLITE_SYNCHRONOUS,
    onFollowerError,
  });
}

/** What /readyz says of the store beyond "ready": the kind, and for MongoDB the replica set. */
export interface StoreReadiness {
  store: 'sqlite' | 'mongodb';
  replicaSet?: ReplicaSetStatus;
}

interface WithReplicaSet {
  replicaSetStatus(): Promise<ReplicaSetStatus>;
}

function hasReplicaSet(store: Store): store is Store & WithReplicaSet {
  return typeof (store as Partial<WithReplicaSet>).replicaSetStatus === 'function';
}

export async function storeReadiness(store: Store): Promise<StoreReadiness> {
  if (hasReplicaSet(store)) return { store: 'mongodb', replicaSet: await store.replicaSetStatus() };
  return { store: 'sqlite' };
}
