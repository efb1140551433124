import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { JobParameters } from 'agenda';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SqliteJobRepository } from '../../server/src/store/sqlite/agenda-jobs.js';
import { SqliteAgendaBackend } from '../../server/src/store/sqlite/agenda-jobs.js';
import { openSqliteStore, type SqliteStore } from '../../server/src/store/sqlite/index.js';
import { SCHEMA_VERSION } from '../../server/src/store/sqlite/migrations.js';

let dir = '';
let store: SqliteStore;
let backends: SqliteAgendaBackend[] = [];

/** One hub process's job repository: its own connection to the hall file. */
async function repoOn(): Promise<SqliteJobRepository> {
  const backend = new SqliteAgendaBackend({ file: path.join(dir, 'hall.db'), synchronous: 'NORMAL' });
  backends.push(backend);
  await backend.connect();
  return backend.repository;
}

const job = (over: Partial<JobParameters> = {}): JobParameters => ({
  name: 'probe',
  priority: 0,
  nextRunAt: new Date(Date.now() - 1000),
  type: 'normal',
  data: { hall: 'h1' },
  ...over,
});
const BY = { lastModifiedBy: 'hub-a' };

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'job-repo-'));
  store = openSqliteStore({ file: path.join(dir, 'hall.db'), synchronous: 'NORMAL' });
});
afterEach(async () => {
  for (const b of backends) await b.disconnect();
  backends = [];
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

describe('the SQLite job repository', () => {
  it('keeps its jobs in the hall file, in the table migration 7 creates', async () => {
    expect(SCHEMA_VERSION).toBeGreaterThanOrEqual(7);
    const repo = await repoOn();
    const saved = await repo.saveJob(job(), BY);
    const row = store.db.prepare('SELECT name, type, locked_at FROM agenda_jobs WHERE id = ?').get(saved._id);
    expect(row).toEqual({ name: 'probe', type: 'normal', locked_at: null });
  });

  it('saves a job and reads it back with its dates and data', async () => {
    const repo = await repoOn();
    const lastRunAt = new Date('2026-11-27T09:00:00Z');
    const saved = await repo.saveJob(job({ lastRunAt, repeatInterval: '1 minute' }), BY);
    expect(saved._id).toEqual(expect.any(String));
    const read = await repo.getJobById(saved._id!);
    expect(read).toMatchObject({
      name: 'probe',
      type: 'normal',
      data: { hall: 'h1' },
      repeatInterval: '1 minute',
      lastRunAt,
      lastModifiedBy: 'hub-a',
    });
    expect(read?.nextRunAt).toBeInstanceOf(Date);
    expect(await repo.getJobById('no-such-job')).toBeNull();
  });

  it('keeps one row per single (recurring) job, and a second definition keeps its due time and lock', async () => {
    const a = await repoOn();
    const b = await repoOn();
    const due = new Date(Date.now() - 60_000);
    const first = await a.saveJob(job({ type: 'single', nextRunAt: due, repeatInterval: '1 minute' }), BY);
    const locked = await a.getNextJobToRun('probe', new Date(), new Date(Date.now() - 60_000), undefined, BY);
    expect(locked?._id).toBe(first._id);
    // Another hub starting defines the same job, due now: the stored due time and the lock stay.
    const again = await b.saveJob(
      job({ type: 'single', nextRunAt: new Date(), repeatInterval: '2 minutes' }),
      {
        lastModifiedBy: 'hub-b',
      },
    );
    expect(again._id).toBe(first._id);
    expect(again.nextRunAt).toEqual(due);
    expect(again.lockedAt).toEqual(locked?.lockedAt);
    expect(again.repeatInterval).toBe('2 minutes');
    expect(await a.getDistinctJobNames()).toEqual(['probe']);
    expect((await a.queryJobs()).total).toBe(1);
  });

  it('updates a job by id, and inserts only once for a unique key', async () => {
    const repo = await repoOn();
    const saved = await repo.saveJob(job(), BY);
    await repo.saveJob({ ...saved, data: { hall: 'h2' } }, BY);
    expect((await repo.getJobById(saved._id!))?.data).toEqual({ hall: 'h2' });
    const u1 = await repo.saveJob(
      job({ name: 'u', unique: { 'data.hall': 'h9' }, data: { hall: 'h9' } }),
      BY,
    );
    const u2 = await repo.saveJob(
      job({
        name: 'u',
        unique: { 'data.hall': 'h9' },
        data: { hall: 'h9', more: 1 },
        uniqueOpts: { insertOnly: true },
      }),
      BY,
    );
    expect(u2._id).toBe(u1._id);
    expect(u2.data).toEqual({ hall: 'h9' });
  });

  it('locks a due job for one caller only, across two connections to the file', async () => {
    const a = await repoOn();
    const b = await repoOn();
    await a.saveJob(job(), BY);
    const deadline = new Date(Date.now() - 60_000);
    const [ga, gb] = await Promise.all([
      a.getNextJobToRun('probe', new Date(), deadline, undefined, { lastModifiedBy: 'hub-a' }),
      b.getNextJobToRun('probe', new Date(), deadline, undefined, { lastModifiedBy: 'hub-b' }),
    ]);
    expect([ga, gb].filter(Boolean)).toHaveLength(1);
    expect((ga ?? gb)?.lockedAt).toBeInstanceOf(Date);
  });

  it('does not hand out a job that is not due before the next scan, is disabled, or is of another name', async () => {
    const repo = await repoOn();
    await repo.saveJob(job({ nextRunAt: new Date(Date.now() + 60_000) }), BY);
    await repo.saveJob(job({ disabled: true }), BY);
    await repo.saveJob(job({ name: 'other' }), BY);
    const deadline = new Date(Date.now() - 60_000);
    expect(await repo.getNextJobToRun('probe', new Date(), deadline, undefined, BY)).toBeUndefined();
    expect(
      await repo.getNextJobToRun('probe', new Date(Date.now() + 120_000), deadline, undefined, BY),
    ).toMatchObject({ name: 'probe' });
  });

  it('hands out the earliest due job first, then by priority', async () => {
    const repo = await repoOn();
    const t = Date.now() - 10_000;
    await repo.saveJob(job({ data: 'late', nextRunAt: new Date(t + 5000) }), BY);
    await repo.saveJob(job({ data: 'low', nextRunAt: new Date(t), priority: 0 }), BY);
    await repo.saveJob(job({ data: 'high', nextRunAt: new Date(t), priority: 10 }), BY);
    const order: unknown[] = [];
    for (;;) {
      const next = await repo.getNextJobToRun('probe', new Date(), new Date(t - 60_000), undefined, BY);
      if (!next) break;
      order.push(next.data);
    }
    expect(order).toEqual(['high', 'low', 'late']);
  });

  it('takes a locked job again once its lock is older than the lock lifetime (its holder died)', async () => {
    const a = await repoOn();
    const b = await repoOn();
    await a.saveJob(job(), BY);
    const lockedAt = new Date(Date.now() - 5_000);
    const mine = await a.getNextJobToRun('probe', new Date(), new Date(0), lockedAt, {
      lastModifiedBy: 'hub-a',
    });
    expect(mine?.lockedAt).toEqual(lockedAt);
    // Lock lifetime 10 s: the lock is 5 s old, still held.
    expect(
      await b.getNextJobToRun('probe', new Date(), new Date(Date.now() - 10_000), undefined, BY),
    ).toBeUndefined();
    // Lock lifetime 2 s: the lock has expired, and the job is handed out again, even with no next run set.
    await a.saveJobState({ ...mine!, nextRunAt: null }, { lastModifiedBy: 'hub-a' });
    const taken = await b.getNextJobToRun('probe', new Date(), new Date(Date.now() - 2_000), undefined, {
      lastModifiedBy: 'hub-b',
    });
    expect(taken?._id).toBe(mine?._id);
    expect(taken?.lastModifiedBy).toBe('hub-b');
  });

  it('lockJob locks an unlocked job whose next run is unchanged, and only once', async () => {
    const repo = await repoOn();
    const saved = await repo.saveJob(job(), BY);
    expect(await repo.lockJob({ ...saved, nextRunAt: new Date(0) }, BY)).toBeUndefined();
    expect((await repo.lockJob(saved, BY))?.lockedAt).toBeInstanceOf(Date);
    expect(await repo.lockJob(saved, BY)).toBeUndefined();
  });

  it('unlocks one job (not a finished one-off), several, or all one holder has', async () => {
    const repo = await repoOn();
    const deadline = new Date(Date.now() - 60_000);
    for (let i = 0; i < 3; i += 1) await repo.saveJob(job({ data: i }), BY);
    const a = await repo.getNextJobToRun('probe', new Date(), deadline, undefined, {
      lastModifiedBy: 'hub-a',
    });
    const b = await repo.getNextJobToRun('probe', new Date(), deadline, undefined, {
      lastModifiedBy: 'hub-a',
    });
    const c = await repo.getNextJobToRun('probe', new Date(), deadline, undefined, {
      lastModifiedBy: 'hub-b',
    });
    await repo.unlockJob(a!);
    expect((await repo.getJobById(a!._id!))?.lockedAt).toBeUndefined();
    await repo.unlockJobs([c!._id!]);
    expect((await repo.getJobById(c!._id!))?.lockedAt).toBeUndefined();
    await repo.getNextJobToRun('probe', new Date(), deadline, undefined, { lastModifiedBy: 'hub-a' });
    // hub-a stops in the middle of a run whose next run Agenda had already cleared: it is due again.
    const now = Date.now();
    await repo.saveJobState({ ...b!, nextRunAt: null, lockedAt: b!.lockedAt! }, { lastModifiedBy: 'hub-a' });
    expect(repo.unlockJobsOf('hub-a', now)).toBe(2);
    expect(repo.snapshot().filter((j) => j.lockedAt)).toEqual([]);
    expect((await repo.getJobById(b!._id!))?.nextRunAt).toEqual(new Date(now));
    // A one-off that ran (no next run) keeps its lock on unlockJob, as Agenda expects.
    const done = await repo.getNextJobToRun('probe', new Date(), deadline, undefined, BY);
    await repo.saveJobState({ ...done!, nextRunAt: null }, BY);
    await repo.unlockJob(done!);
    expect((await repo.getJobById(done!._id!))?.lockedAt).toBeInstanceOf(Date);
  });

  it('saves a run state (next run, lock, last run, failure), and refuses a job that is gone', async () => {
    const repo = await repoOn();
    const saved = await repo.saveJob(job(), BY);
    const failedAt = new Date('2026-11-27T10:00:00Z');
    await repo.saveJobState(
      {
        ...saved,
        nextRunAt: new Date(failedAt.getTime() + 60_000),
        failedAt,
        failCount: 2,
        failReason: 'store down',
      },
      BY,
    );
    expect(await repo.getJobById(saved._id!)).toMatchObject({
      failedAt,
      failCount: 2,
      failReason: 'store down',
      nextRunAt: new Date(failedAt.getTime() + 60_000),
    });
    await repo.removeJobs({ id: saved._id! });
    await expect(repo.saveJobState(saved, BY)).rejects.toThrow(/does not exist/);
  });

  it('queries by name, state, data and page, and counts per name', async () => {
    const repo = await repoOn();
    await repo.saveJob(job({ data: { hall: 'h1' } }), BY);
    await repo.saveJob(job({ data: { hall: 'h2' }, nextRunAt: new Date(Date.now() + 60_000) }), BY);
    await repo.saveJob(job({ name: 'other', disabled: true }), BY);
    expect((await repo.queryJobs({ name: 'probe' })).total).toBe(2);
    expect((await repo.queryJobs({ data: { hall: 'h2' } })).jobs.map((j) => j.data)).toEqual([
      { hall: 'h2' },
    ]);
    expect((await repo.queryJobs({ state: 'scheduled' })).jobs.map((j) => j.data)).toEqual([{ hall: 'h2' }]);
    expect((await repo.queryJobs({ state: 'paused' })).jobs.map((j) => j.name)).toEqual(['other']);
    expect((await repo.queryJobs({ includeDisabled: false })).total).toBe(2);
    const page = await repo.queryJobs({ sort: { nextRunAt: 'asc' }, skip: 1, limit: 1 });
    expect(page.total).toBe(3);
    expect(page.jobs).toHaveLength(1);
    expect(await repo.getQueueSize()).toBe(2);
    const overview = await repo.getJobsOverview();
    expect(overview.find((o) => o.name === 'probe')).toMatchObject({ total: 2, queued: 1, scheduled: 1 });
    expect(overview.find((o) => o.name === 'other')).toMatchObject({ total: 1, paused: 1 });
  });

  it('disables, enables and removes by filter, never everything without one', async () => {
    const repo = await repoOn();
    await repo.saveJob(job(), BY);
    await repo.saveJob(job({ name: 'other' }), BY);
    expect(await repo.removeJobs({})).toBe(0);
    expect(await repo.disableJobs({ name: 'probe' })).toBe(1);
    expect(await repo.getNextJobToRun('probe', new Date(), new Date(0), undefined, BY)).toBeUndefined();
    expect(await repo.enableJobs({ names: ['probe'] })).toBe(1);
    expect(await repo.removeJobs({ notNames: ['probe'] })).toBe(1);
    expect(await repo.getDistinctJobNames()).toEqual(['probe']);
    expect(await repo.purgeAllJobs()).toBe(1);
  });
});
