import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from '../../server/src/store/sqlite/index.js';
import { runStoreContract } from './contract.js';

runStoreContract('sqlite', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'hall-store-'));
  const store = openSqliteStore({ file: join(dir, 'hall.db') });
  return {
    store,
    cleanup: async () => {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
});
