import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe } from 'vitest';
import { startHubProcess, type HubProcess } from '../helpers/hub-process.js';
import { PASSWORD, twoHubChecks } from './two-hub-checks.js';

/**
 * Two hub processes with STORE=mongodb on one replica set behave as one hub:
 * what is done through one reaches screens connected to the other, in order,
 * once (change streams carry the log, the Socket.IO adapter the rooms). Each
 * run uses a database of its own, dropped afterwards. Needs MONGODB_URI (a
 * replica set; `docker compose --profile test run --rm test` provides one).
 */
const MONGODB_URI = process.env.MONGODB_URI ?? '';

/** The same servers and options, another database. */
function withDatabase(uri: string, name: string): string {
  const m = /^(mongodb(?:\+srv)?:\/\/[^/?]+)\/?([^?]*)(\?.*)?$/.exec(uri);
  if (!m) throw new Error(`MONGODB_URI is not a MongoDB connection string: ${uri}`);
  return `${m[1]}/${name}${m[3] ?? ''}`;
}

let dir = '';
let uri = '';
let a: HubProcess;
let b: HubProcess;

describe.skipIf(!MONGODB_URI)(
  MONGODB_URI
    ? 'two hub processes on one MongoDB replica set'
    : 'two hubs on MongoDB: not run, MONGODB_URI is not set',
  () => {
    beforeAll(async () => {
      dir = await mkdtemp(path.join(tmpdir(), 'mongodb-two-hubs-'));
      uri = withDatabase(MONGODB_URI, `hall_two_hubs_${randomBytes(4).toString('hex')}`);
      const env = {
        STORE: 'mongodb',
        MONGODB_URI: uri,
        DATA_DIR: dir,
        HUB_ADMIN_PASSWORD: PASSWORD,
        RATE_LIMIT_PER_MINUTE: '100000',
        VIRTUAL_PRINTER_PORT: 'off',
      };
      // The first creates the demo hall in the fresh database; the second finds it.
      a = await startHubProcess(env);
      b = await startHubProcess(env);
    }, 120_000);

    afterAll(async () => {
      for (const h of [a, b]) if (h && h.child.exitCode === null) h.child.kill('SIGTERM');
      await Promise.all([a?.exited, b?.exited]);
      if (uri) {
        const client = new MongoClient(uri);
        try {
          await client.db().dropDatabase();
        } finally {
          await client.close();
        }
      }
      if (dir) await rm(dir, { recursive: true, force: true });
    }, 60_000);

    twoHubChecks(() => ({ a, b }));
  },
);
