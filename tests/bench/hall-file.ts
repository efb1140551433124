import { copyFileSync } from 'node:fs';
import path from 'node:path';
import { defaultDeps } from '../../server/src/app/index.js';
import { seedDemoHall, type DemoHall } from '../../server/src/demo/seed.js';
import { openSqliteStore } from '../../server/src/store/sqlite/index.js';

/**
 * A data file holding the demo hall (every window kind, the real catalogue),
 * created by our own store so the schema is exactly the migrated one. Copies
 * of it give both sides of a comparison the same hall, ids included.
 */
export async function seededHallFile(
  dir: string,
  name: string,
  options: { now?: () => number; idempotencyMs?: number } = {},
): Promise<{ file: string; demo: DemoHall }> {
  const file = path.join(dir, name);
  const store = openSqliteStore({ file, synchronous: 'FULL' });
  try {
    const deps = defaultDeps(store, options.now ? { now: options.now } : {});
    const demo = await seedDemoHall(deps);
    if (options.idempotencyMs !== undefined) {
      demo.hall = (
        await store.saveHall(
          {
            ...demo.hall,
            rules: { ...demo.hall.rules, idempotencyMs: options.idempotencyMs },
          },
          [],
        )
      ).hall;
    }
    return { file, demo };
  } finally {
    // Closing checkpoints the WAL into the main file, so a plain copy is complete.
    await store.close();
  }
}

export function copyHallFile(file: string, name: string): string {
  const copy = path.join(path.dirname(file), name);
  copyFileSync(file, copy);
  return copy;
}
