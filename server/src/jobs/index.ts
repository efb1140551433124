import { randomUUID } from 'node:crypto';
import type { AppDeps } from '../app/index.js';
import { endOfDayJob } from './end-of-day.js';
import type { Job } from './job.js';
import { ratingDeadlinesJob } from './rating-deadlines.js';

export const JOBS: readonly Job[] = [endOfDayJob, ratingDeadlinesJob];

export interface JobRunner {
  stop(): void;
}

/**
 * Runs the jobs on timers in the hub process, each once right after start
 * (yesterday's leftovers are closed before anyone counts them) and then at
 * its interval. A run never overlaps the previous run of the same job, and a
 * failing run is logged and retried at the next tick; jobs never sit in the
 * call-out path. Several hub processes on one store each run this, but a job
 * runs only in the process holding its lease in the store (renewed at every
 * run, taken over by another process two intervals after its holder stops).
 */
export function startJobs(
  deps: AppDeps,
  jobs: readonly Job[] = JOBS,
  log: (msg: string, err: unknown) => void = (msg, err) => deps.log.error({ err }, msg),
): JobRunner {
  const timers: NodeJS.Timeout[] = [];
  const holder = `hub-${randomUUID()}`;
  for (const job of jobs) {
    let running = false;
    const tick = async () => {
      if (running) return;
      running = true;
      try {
        const mine = await deps.store.acquireLease(`job:${job.name}`, holder, deps.now(), job.everyMs * 2);
        if (mine) await job.perform(deps);
      } catch (err) {
        log(`job ${job.name} failed: ${err instanceof Error ? err.message : String(err)}`, err);
      } finally {
        running = false;
      }
    };
    const first = setTimeout(() => void tick(), 0);
    const timer = setInterval(() => void tick(), job.everyMs);
    first.unref();
    timer.unref();
    timers.push(first, timer);
  }
  return {
    stop() {
      // clearInterval and clearTimeout clear either kind of timer.
      timers.forEach(clearInterval);
      for (const job of jobs) void deps.store.releaseLease(`job:${job.name}`, holder).catch(() => undefined);
    },
  };
}
