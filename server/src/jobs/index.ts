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
 * call-out path.
 */
export function startJobs(
  deps: AppDeps,
  jobs: readonly Job[] = JOBS,
  log: (msg: string, err: unknown) => void = (msg, err) => deps.log.error({ err }, msg),
): JobRunner {
  const timers: NodeJS.Timeout[] = [];
  for (const job of jobs) {
    let running = false;
    const tick = async () => {
      if (running) return;
      running = true;
      try {
        await job.perform(deps);
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
  // clearInterval and clearTimeout clear either kind of timer.
  return { stop: () => timers.forEach(clearInterval) };
}
