import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD } from '../helpers/api-fixtures.js';
import { startHubProcess, type HubProcess } from '../helpers/hub-process.js';
import { buildSourceHall, DAYS, runTransferCli, type SourceHall } from './support.js';

/**
 * A hall moved from SQLite to MongoDB with `hall:export` and `hall:import`:
 * exported again from MongoDB it is the same file record for record, and a hub
 * on MongoDB reports the same statistics byte for byte as the source hub.
 * Needs MONGODB_URI (a replica set); each run uses a database of its own,
 * dropped afterwards.
 */
const MONGODB_URI = process.env.MONGODB_URI ?? '';

function withDatabase(uri: string, name: string): string {
  const m = /^(mongodb(?:\+srv)?:\/\/[^/?]+)\/?([^?]*)(\?.*)?$/.exec(uri);
  if (!m) throw new Error(`MONGODB_URI is not a MongoDB connection string: ${uri}`);
  return `${m[1]}/${name}${m[3] ?? ''}`;
}

const records = async (file: string) =>
  (await readFile(file, 'utf8'))
    .split('\n')
    .slice(1)
    .filter((l) => l !== '');

async function statsOver(url: string, username: string, hallId: string): Promise<string> {
  const login = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD, token: true }),
  });
  if (!login.ok) throw new Error(`login at ${url}: ${login.status} ${await login.text()}`);
  const { token } = (await login.json()) as { token: string };
  const res = await fetch(`${url}/api/v1/halls/${hallId}/stats?from=${DAYS[0]!.day}&to=${DAYS.at(-1)!.day}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  if (!res.ok) throw new Error(`stats at ${url}: ${res.status} ${await res.text()}`);
  return res.text();
}

describe.skipIf(!MONGODB_URI)(
  MONGODB_URI
    ? 'a hall moved from SQLite to MongoDB'
    : 'SQLite → MongoDB hall move: not run, MONGODB_URI is not set',
  () => {
    let source: SourceHall;
    let work = '';
    let uri = '';
    let hub: HubProcess | null = null;

    beforeAll(async () => {
      source = await buildSourceHall();
      work = await mkdtemp(path.join(tmpdir(), 'hall-to-mongodb-'));
      uri = withDatabase(MONGODB_URI, `hall_transfer_${randomBytes(4).toString('hex')}`);
    }, 240_000);

    afterAll(async () => {
      if (hub && hub.child.exitCode === null) hub.child.kill('SIGTERM');
      await hub?.exited;
      await source?.t.close();
      if (uri) {
        const client = new MongoClient(uri);
        try {
          await client.db().dropDatabase();
        } finally {
          await client.close();
        }
      }
      if (work) await rm(work, { recursive: true, force: true });
    }, 60_000);

    it('imports into an empty database and exports back record for record', async () => {
      const file = path.join(work, 'from-sqlite.jsonl');
      const back = path.join(work, 'from-mongodb.jsonl');
      const mongo = { STORE: 'mongodb', MONGODB_URI: uri, DATA_DIR: work };
      const out = await runTransferCli(['export', '--hall', source.hallId, '--out', file], {
        DATA_DIR: source.t.dataDir,
      });
      expect(out.code, out.stderr).toBe(0);
      const imported = await runTransferCli(['import', '--in', file], mongo);
      expect(imported.code, imported.stderr).toBe(0);
      const exported = await runTransferCli(['export', '--hall', source.hallId, '--out', back], mongo);
      expect(exported.code, exported.stderr).toBe(0);
      expect(await records(back)).toEqual(await records(file));

      // A second import finds the hall and changes nothing.
      const again = await runTransferCli(['import', '--in', file], mongo);
      expect(again.code).toBe(1);
      expect(again.stderr).toContain(source.hallId);
      const unchanged = path.join(work, 'after-refusal.jsonl');
      expect(
        (await runTransferCli(['export', '--hall', source.hallId, '--out', unchanged], mongo)).code,
      ).toBe(0);
      expect(await records(unchanged)).toEqual(await records(file));
    }, 120_000);

    it('reports the same statistics byte for byte from a hub on MongoDB', async () => {
      hub = await startHubProcess({
        STORE: 'mongodb',
        MONGODB_URI: uri,
        DATA_DIR: work,
        DEMO: 'false',
        VIRTUAL_PRINTER_PORT: 'off',
        HUB_ADMIN_PASSWORD: 'another admin password',
      });
      const expected = await statsOver(source.t.url, source.supervisor, source.hallId);
      expect(expected).toContain('"issued"');
      expect(await statsOver(hub.url, source.supervisor, source.hallId)).toBe(expected);
    }, 120_000);
  },
);
