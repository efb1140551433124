import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MongoClient } from 'mongodb';
import { afterAll, describe, expect, it } from 'vitest';
import { DomainError } from '../../../server/src/domain/index.js';
import { realtimeAdapterFor } from '../../../server/src/realtime/mongo-adapter.js';
import { openConfiguredStore, storeReadiness } from '../../../server/src/store/index.js';
import { MongoStore } from '../../../server/src/store/mongodb/index.js';
import { mapWriteError } from '../../../server/src/store/mongodb/connection.js';
import { isUpsertRace, retryUpsertRace } from '../../../server/src/store/mongodb/queue.js';

function duplicate(index: string) {
  return mapWriteError(
    Object.assign(new Error(`E11000 duplicate key error collection: hall.x index: ${index} dup key: { }`), {
      code: 11000,
    }),
  );
}

describe('MongoDB store: issuing when two first tickets of a day race', () => {
  it('runs the step again when an upsert lost the race on _id or the idempotency key', async () => {
    let calls = 0;
    const result = await retryUpsertRace(async () => {
      calls += 1;
      if (calls === 1) throw duplicate('_id_');
      return 'issued';
    });
    expect([result, calls]).toEqual(['issued', 2]);
    expect(isUpsertRace(duplicate('issue_keys_key'))).toBe(true);
  });

  it('keeps a clash on the ticket number a conflict, and gives up after three tries', async () => {
    let calls = 0;
    const numberClash = retryUpsertRace(async () => {
      calls += 1;
      throw duplicate('tickets_number');
    });
    await expect(numberClash).rejects.toMatchObject({
      code: 'conflict',
      details: { index: 'tickets_number' },
    });
    expect(calls).toBe(1);
    let tries = 0;
    await expect(
      retryUpsertRace(async () => {
        tries += 1;
        throw duplicate('_id_');
      }),
    ).rejects.toBeInstanceOf(DomainError);
    expect(tries).toBe(3);
  });
});

describe('choosing the store and the Socket.IO adapter', () => {
  const dirs: string[] = [];
  const clients: MongoClient[] = [];
  afterAll(async () => {
    for (const c of clients) await c.close();
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it('uses the SQLite store, no adapter and reports sqlite on /readyz in embedded mode', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'store-choice-'));
    dirs.push(dir);
    const store = await openConfiguredStore(
      { STORE: 'sqlite', dataDir: dir, SQLITE_SYNCHRONOUS: 'NORMAL' },
      () => undefined,
    );
    try {
      expect(realtimeAdapterFor(store)).toBeUndefined();
      expect(await storeReadiness(store)).toEqual({ store: 'sqlite' });
    } finally {
      await store.close();
    }
  });

  it('gives a MongoDB store the MongoDB adapter and hands its client and database out', () => {
    // Not connected: creating the client, the store object and the adapter factory contacts no server.
    const client = new MongoClient('mongodb://127.0.0.1:1/?replicaSet=rs0');
    clients.push(client);
    const db = client.db('hall');
    const store = new MongoStore(client, db, 'rs0', () => undefined);
    expect(store.mongo()).toEqual({ client, db });
    expect(typeof realtimeAdapterFor(store)).toBe('function');
  });
});

describe('MONGODB_URI in the configuration', () => {
  it('takes a replica set URI naming several hosts with ports, and mongodb+srv', async () => {
    const { loadConfig } = await import('../../../server/src/config.js');
    const uri = 'mongodb://db1:27017,db2:27017,db3:27017/hall?replicaSet=rs0';
    expect(loadConfig({ STORE: 'mongodb', MONGODB_URI: uri }).MONGODB_URI).toBe(uri);
    expect(
      loadConfig({ STORE: 'mongodb', MONGODB_URI: 'mongodb+srv://u:p@cluster.example/hall' }).STORE,
    ).toBe('mongodb');
  });

  it('refuses what is not a MongoDB connection string, naming the variable', async () => {
    const { loadConfig } = await import('../../../server/src/config.js');
    expect(() => loadConfig({ STORE: 'mongodb', MONGODB_URI: 'http://db/hall' })).toThrow(
      /MONGODB_URI: must be a mongodb:\/\/ or mongodb\+srv:\/\/ connection string/,
    );
  });
});
