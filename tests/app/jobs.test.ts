import { describe, expect, it } from 'vitest';
import { startJobs } from '../../server/src/jobs/index.js';
import type { Job } from '../../server/src/jobs/job.js';
import type { AppDeps } from '../../server/src/app/index.js';

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
    const runner = startJobs({} as AppDeps, [job], () => {});
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
    const runner = startJobs({} as AppDeps, [job], (m) => {
      logged.push(m);
      failed();
    });
    await done;
    runner.stop();
    expect(logged).toEqual(['job broken failed: store unavailable']);
  });
});
