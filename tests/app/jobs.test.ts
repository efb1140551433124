import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startJobs } from '../../server/src/jobs/index.js';
import type { Job } from '../../server/src/jobs/job.js';
import { defaultDeps, type AppDeps } from '../../server/src/app/index.js';
import { openSqliteStore } from '../../server/src/store/sqlite/index.js';
import type { Store } from '../../server/src/store/port.js';

let dir = '';
const stores: Store[] = [];
/** A hub process's view of the shared file: its own connection, the test's clock. */
const hubOn = (clock: { now: number }): AppDeps => {
  const store = openSqliteStore({ file: path.join(dir, 'hall.db') });
  stores.push(store);
  return defaultDeps(store, { now: () => clock.now });
};
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'jobs-'));
});
afterAll(async () => {
  for (const s of stores) await s.close();
  await rm(dir, { recursive: true, force: true });
});

describe('the job runner', () => {
  it('runs each job once right after start, not only after its first interval', async () => {
    let runs = 0;
    let ran: () => void = () => {};
    const done = new Promise<void>((resolve) => (ran = resolve));
    const job: Job = {
      name: 'probe',
      everyMs: 60 * 60_000,
      async perform() {
        runs += 1;
        ran();
      },
    };
    const runner = startJobs(hubOn({ now: Date.now() }), [job], () => {});
    await done;
    runner.stop();
    expect(runs).toBe(1);
  });

  it('logs a failing run and keeps the hub going', async () => {
    const logged: string[] = [];
    let failed: () => void = () => {};
    const done = new Promise<void>((resolve) => (failed = resolve));
    const job: Job = {
      name: 'broken',
      everyMs: 60 * 60_000,
      async perform() {
        throw new Error('store unavailable');
      },
    };
    const runner = startJobs(hubOn({ now: Date.now() }), [job], (m) => {
      logged.push(m);
      failed();
    });
    await done;
    runner.stop();
    expect(logged).toEqual(['job broken failed: store unavailable']);
  });

  it('runs a job in one of two hub processes sharing the store, and the other takes over when it stops', async () => {
    const clock = { now: Date.now() };
    const runs: string[] = [];
    const probe = (who: string): Job => ({
      name: 'shared-probe',
      everyMs: 40,
      async perform() {
        runs.push(who);
      },
    });
    const a = startJobs(hubOn(clock), [probe('a')], () => {});
    const b = startJobs(hubOn(clock), [probe('b')], () => {});
    while (runs.length < 5) await new Promise((r) => setTimeout(r, 20));
    const holder = runs[0]!;
    expect(new Set(runs)).toEqual(new Set([holder]));
    (holder === 'a' ? a : b).stop();
    const other = holder === 'a' ? 'b' : 'a';
    // Its lease is given up at stop; without that it would pass after two intervals of the clock.
    clock.now += 100;
    while (!runs.includes(other)) await new Promise((r) => setTimeout(r, 20));
    (holder === 'a' ? b : a).stop();
    const after = runs.slice(runs.indexOf(other));
    expect(new Set(after)).toEqual(new Set([other]));
  });
});
