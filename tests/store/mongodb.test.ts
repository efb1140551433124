import { randomUUID } from 'node:crypto';
import { describe } from 'vitest';
import { openMongoStore } from '../../server/src/store/mongodb/index.js';
import { runStoreContract } from './contract.js';

/**
 * The store contract against MongoDB (a replica set: a single node is
 * enough), each test in a fresh database dropped after. Without
 * MONGODB_URI the suite shows as skipped, with the reason in its name.
 */
const uri = process.env.MONGODB_URI;

describe.skipIf(!uri)('MongoDB store contract (needs MONGODB_URI)', () => {
  runStoreContract('mongodb', async () => {
    const dbName = `hall_test_${randomUUID().replaceAll('-', '')}`;
    const store = await openMongoStore({ uri: uri as string, dbName });
    return {
      store,
      cleanup: async () => {
        await store.mongo().db.dropDatabase();
        await store.close();
      },
    };
  });
});
