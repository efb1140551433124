import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MongoBackend } from '@agendajs/mongo-backend';
import { MongoClient } from 'mongodb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultDeps, type AppDeps } from '../../server/src/app/index.js';
import { createJobBackend, startJobs, type JobRunner } from '../../server/src/jobs/index.js';
import type { Job } from '../../server/src/jobs/job.js';
import { silentLogger } from '../../server/src/logger.js';
import { SqliteAgendaBackend } from '../../server/src/store/sqlite/agenda-jobs.js';
import { openSqliteStore, type SqliteStore } from '../../server/src/store/sqlite/index.js';

let dir = '';
let store: SqliteStore;
let deps: AppDeps;
let runners: JobRunner[] = [];

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'job-runner-'));
  store = openSqliteStore({ file: path.join(dir, 'hall.db'), synchronous: 'NORMAL' });
  deps = defaultDeps(store, { log: silentLogger() });
});
afterEach(async () => {
  for (const r of runners) await r.stop();
  runners = [];
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

describe('the job runner', () => {
  it('logs a failing run, keeps going and runs the job again at its next interval', async () => {
    const logged: string[] = [];
    let wake = () => {};
    const job: Job = {
      name: 'broken',
      every: 200,
      async perform() {
        throw new Error('store unavailable');
      },
    };
    const runner = startJobs(deps, new SqliteAgendaBackend({ file: store.file, synchronous: 'NORMAL' }), {
      jobs: [job],
      processEveryMs: 100,
      log: (m) => {
        logged.push(m);
        wake();
      },
    });
    runners.push(runner);
    while (logged.length < 2) await new Promise<void>((r) => (wake = r));
    expect(logged.slice(0, 2)).toEqual([
      'job broken failed: store unavailable',
      'job broken failed: store unavailable',
    ]);
  });

  it('chooses the job store from the configuration: the hall file, or MongoDB', () => {
    const sqlite = createJobBackend({ STORE: 'sqlite', dataDir: dir, SQLITE_SYNCHRONOUS: 'FULL' });
    expect(sqlite).toBeInstanceOf(SqliteAgendaBackend);
    const mongo = createJobBackend({
      STORE: 'mongodb',
      MONGODB_URI: 'mongodb://127.0.0.1:1/hall',
      dataDir: dir,
      SQLITE_SYNCHRONOUS: 'FULL',
    });
    expect(mongo).toBeInstanceOf(MongoBackend);
    expect(mongo.name).toBe('MongoDB');
    expect(() => createJobBackend({ STORE: 'mongodb', dataDir: dir, SQLITE_SYNCHRONOUS: 'FULL' })).toThrow(
      /MONGODB_URI/,
    );
  });
});

const MONGODB_URI = process.env.MONGODB_URI;

describe.skipIf(!MONGODB_URI)('jobs on MongoDB (skipped: needs MONGODB_URI, a replica set)', () => {
  it('runs each due job once with two runners on one database, and a recurring job repeatedly', async () => {
    const collection = `agendaJobs_test_${process.pid}_${Date.now()}`;
    const starts: number[] = [];
    let wake = () => {};
    const job: Job = {
      name: 'probe-every',
      every: 300,
      async perform() {
        starts.push(Date.now());
        wake();
      },
    };
    const backend = () => new MongoBackend({ address: MONGODB_URI!, collection });
    const a = startJobs(deps, backend(), { jobs: [job], processEveryMs: 100, lockLifetimeMs: 60_000 });
    const b = startJobs(deps, backend(), { jobs: [job], processEveryMs: 100, lockLifetimeMs: 60_000 });
    runners.push(a, b);
    const once: string[] = [];
    for (const r of [a, b]) r.agenda.define('probe-once', async (j) => void once.push(String(j.attrs._id)));
    await Promise.all([a.started, b.started]);
    const ids = await Promise.all(
      Array.from({ length: 10 }, async (_, i) => String((await a.agenda.now('probe-once', { i })).attrs._id)),
    );
    while (starts.length < 3 || once.length < ids.length)
      await new Promise<void>((r) => ((wake = r), setTimeout(r, 100)));
    await Promise.all([a.stop(), b.stop()]);
    runners = [];
    expect([...once].sort()).toEqual([...ids].sort());
    // Each due run of the recurring job ran once: consecutive starts are an interval apart.
    for (let i = 1; i < starts.length; i += 1)
      expect(starts[i]! - starts[i - 1]!).toBeGreaterThanOrEqual(250);
    const client = await MongoClient.connect(MONGODB_URI!);
    try {
      await client.db().collection(collection).drop();
    } finally {
      await client.close();
    }
  });
});
