import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defaultDeps, type AppDeps } from '../../server/src/app/index.js';
import { openSqliteStore } from '../../server/src/store/sqlite/index.js';

/** Use cases over a real SQLite file, with a clock the test moves. */
export interface AppFixture {
  deps: AppDeps;
  clock: { now: number };
  close(): Promise<void>;
}

export async function openAppFixture(start: number): Promise<AppFixture> {
  const dir = await mkdtemp(path.join(tmpdir(), 'hall-app-'));
  const store = openSqliteStore({ file: path.join(dir, 'hall.db') });
  const clock = { now: start };
  const deps = defaultDeps(store, { now: () => clock.now });
  return {
    deps,
    clock,
    async close() {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
