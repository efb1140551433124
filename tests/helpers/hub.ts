import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createApplication, type Hub, type HubOptions } from '../../server/src/create-app.js';
import { openSqliteStore } from '../../server/src/store/sqlite/index.js';
import type { AppDeps } from '../../server/src/app/index.js';
import { silentLogger, type Logger } from '../../server/src/logger.js';
import type { Store } from '../../server/src/store/port.js';

export interface TestHub {
  url: string;
  port: number;
  hub: Hub;
  store: Store;
  deps: AppDeps;
  server: Server;
  dataDir: string;
  close(): Promise<void>;
}

/**
 * A real hub on a real SQLite file in a temporary folder, listening on a free
 * loopback port. Pass `deps.now` to drive the clock. It logs nothing unless
 * given a logger (`createLogger(level, stream)` to read the lines).
 */
export async function startTestHub(
  opts: { options?: Partial<HubOptions>; deps?: Partial<AppDeps>; dataDir?: string; log?: Logger } = {},
): Promise<TestHub> {
  const dataDir = opts.dataDir ?? (await mkdtemp(path.join(tmpdir(), 'hall-hub-')));
  const store = openSqliteStore({ file: path.join(dataDir, 'hall.db') });
  const server = createServer();
  const hub = createApplication(server, {
    store,
    log: opts.log ?? silentLogger(),
    options: { rateLimitPerMinute: 10_000, trustProxy: false, jobs: false, ...opts.options },
    ...(opts.deps ? { deps: opts.deps } : {}),
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    hub,
    store,
    deps: hub.deps,
    server,
    dataDir,
    async close() {
      await hub.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await store.close();
      if (!opts.dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}
