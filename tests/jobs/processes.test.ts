import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqliteAgendaBackend, type SqliteJobRepository } from '../../server/src/store/sqlite/agenda-jobs.js';
import { openSqliteStore, type SqliteStore } from '../../server/src/store/sqlite/index.js';
import { RunnerLog, startRunner, type RunnerProcess } from './runner-processes.js';

/**
 * The job runner in real OS processes sharing one hall file, as two hubs on
 * one township PC do. Every wait is on a reported event or a stored row.
 */

let dir = '';
let file = '';
let store: SqliteStore;
let backend: SqliteAgendaBackend;
let repo: SqliteJobRepository;
let runners: RunnerProcess[] = [];

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'job-procs-'));
  file = path.join(dir, 'hall.db');
  // The hall file exists and is migrated before any hub starts, as main.ts does.
  store = openSqliteStore({ file, synchronous: 'NORMAL' });
  backend = new SqliteAgendaBackend({ file, synchronous: 'NORMAL' });
  await backend.connect();
  repo = backend.repository;
});
afterEach(async () => {
  for (const r of runners) {
    if (r.child.exitCode === null && r.child.signalCode === null) r.child.kill('SIGKILL');
    await r.exited;
  }
  runners = [];
  await backend.disconnect();
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

const run = async (log: RunnerLog, env: Record<string, string>) => {
  const r = await startRunner(log, { HALL_FILE: file, PROCESS_EVERY_MS: '100', ...env });
  runners.push(r);
  return r;
};

/** Puts one-off `probe-once` jobs in the store, due now. */
async function dueJobs(n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i += 1) {
    const saved = await repo.saveJob(
      { name: 'probe-once', type: 'normal', priority: 0, nextRunAt: new Date(), data: { i } },
      { lastModifiedBy: 'test' },
    );
    ids.push(String(saved._id));
  }
  return ids;
}

/** Resolves once `test` holds for the stored job rows (the store is the shared truth). */
async function rowsUntil(test: () => boolean): Promise<void> {
  while (!test()) await new Promise((r) => setTimeout(r, 25));
}

describe('jobs in two processes on one hall file', () => {
  it('runs each due job once, though both processes look for it', async () => {
    const log = new RunnerLog();
    const [a, b] = await Promise.all([run(log, { LOCK_MS: '60000' }), run(log, { LOCK_MS: '60000' })]);
    const ids = await dueJobs(12);
    await log.until((es) => es.filter((e) => e.ev === 'done' && e.name === 'probe-once').length >= 12);
    await rowsUntil(() => repo.snapshot().every((j) => !j.lockedAt));
    const started = log.of('start', 'probe-once').map((e) => e.id);
    expect([...started].sort()).toEqual([...ids].sort());
    expect(log.of('error')).toEqual([]);
    await Promise.all([a.stop(), b.stop()]);
  });

  it('runs a recurring job again and again, one run at a time across both processes', async () => {
    const log = new RunnerLog();
    const env = { LOCK_MS: '60000', EVERY_MS: '300', WORK_MS: '50' };
    const [a, b] = await Promise.all([run(log, env), run(log, env)]);
    await log.until((es) => es.filter((e) => e.ev === 'done' && e.name === 'probe-every').length >= 6);
    await Promise.all([a.stop(), b.stop()]);
    const runs = log.events.filter((e) => e.name === 'probe-every' && (e.ev === 'start' || e.ev === 'done'));
    // Starts and ends alternate: no run began while another (in either process) was going.
    const kinds = runs.map((e) => e.ev);
    expect(kinds.slice(0, 12)).toEqual(
      Array.from({ length: 12 }, (_, i) => (i % 2 === 0 ? 'start' : 'done')),
    );
    // Each due run ran once: consecutive starts are an interval apart (two runs of one slot would not be).
    const starts = log.of('start', 'probe-every').map((e) => e.t);
    for (let i = 1; i < starts.length; i += 1)
      expect(starts[i]! - starts[i - 1]!).toBeGreaterThanOrEqual(250);
    expect(repo.snapshot().filter((j) => j.name === 'probe-every')).toHaveLength(1);
    expect(log.of('stopped')).toHaveLength(2);
  });

  it('runs a job again in another process once the lock of a process killed mid-run (kill -9) expires', async () => {
    const log = new RunnerLog();
    const lockMs = 1500;
    const a = await run(log, { LOCK_MS: String(lockMs), HANG: '1' });
    const [id] = await dueJobs(1);
    await log.until((es) => es.some((e) => e.ev === 'start' && e.pid === a.pid));
    const lockedAt = (await repo.getJobById(id!))!.lockedAt!.getTime();
    a.child.kill('SIGKILL');
    expect((await a.exited).signal).toBe('SIGKILL');
    // Still locked by the dead process: nobody has finished it.
    expect((await repo.getJobById(id!))?.lockedAt?.getTime()).toBe(lockedAt);
    const b = await run(log, { LOCK_MS: String(lockMs) });
    await log.until((es) => es.some((e) => e.ev === 'done' && e.pid === b.pid && e.id === id));
    const retried = log.events.find((e) => e.ev === 'start' && e.pid === b.pid)!;
    expect(retried.id).toBe(id);
    expect(retried.t - lockedAt).toBeGreaterThanOrEqual(lockMs);
    await rowsUntil(() => !repo.snapshot().find((j) => String(j._id) === id)?.lockedAt);
    await b.stop();
  });

  it('gives its locks up when it stops, so another process does the unfinished work at once', async () => {
    const log = new RunnerLog();
    // A lock lifetime far beyond the test's time: only the release lets the second process run it.
    const a = await run(log, { LOCK_MS: '600000', HANG: '1', DRAIN_MS: '200' });
    const [id] = await dueJobs(1);
    await log.until((es) => es.some((e) => e.ev === 'start' && e.pid === a.pid));
    await a.stop();
    expect(log.of('stopped').map((e) => e.pid)).toEqual([a.pid]);
    expect((await repo.getJobById(id!))?.lockedAt).toBeUndefined();
    const b = await run(log, { LOCK_MS: '600000' });
    await log.until((es) => es.some((e) => e.ev === 'done' && e.pid === b.pid && e.id === id));
    await b.stop();
  });
});
