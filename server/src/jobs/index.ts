import { randomUUID } from 'node:crypto';
import { Agenda, type AgendaBackend } from 'agenda';
import type { AppDeps } from '../app/index.js';
import { bookingDataPurgeJob } from './booking-data-purge.js';
import { bookingNotificationsJob } from './booking-notifications.js';
import { endOfDayJob } from './end-of-day.js';
import type { Job } from './job.js';
import { missedBookingsJob } from './missed-bookings.js';
import { ratingDeadlinesJob } from './rating-deadlines.js';

export { createJobBackend } from './backend.js';

/** Every scheduled job of the hub (docs/jobs.md). */
export const JOBS: readonly Job[] = [
  endOfDayJob,
  ratingDeadlinesJob,
  missedBookingsJob,
  bookingDataPurgeJob,
  bookingNotificationsJob,
];

/** How long a run may hold its job before another hub presumes its holder dead. */
export const DEFAULT_LOCK_LIFETIME_MS = 10 * 60_000;
/** How often each hub looks for due jobs. */
export const DEFAULT_PROCESS_EVERY_MS = 5_000;
/** How long a stopping hub waits for a running job before giving its lock up. */
export const DEFAULT_DRAIN_MS = 10_000;

export interface JobRunnerOptions {
  jobs?: readonly Job[];
  lockLifetimeMs?: number;
  processEveryMs?: number;
  drainMs?: number;
  /** This process's name in the job store (who holds a lock); unique per process by default. */
  holder?: string;
  log?: (msg: string, err: unknown) => void;
}

export interface JobRunner {
  agenda: Agenda;
  holder: string;
  /** Resolves once the jobs are defined and scheduled in the store. */
  started: Promise<void>;
  /** Stops looking for jobs, lets a running one finish (up to `drainMs`), then gives every lock up. */
  stop(): Promise<void>;
}

/**
 * A job store that gives up every lock of one holder in one step and makes
 * its unfinished runs due again (ours on SQLite); on others the runner
 * unlocks the holder's jobs one by one.
 */
interface ReleasingRepository {
  unlockJobsOf(holder: string): number;
}
const releases = (r: unknown): r is ReleasingRepository =>
  typeof (r as Partial<ReleasingRepository>).unlockJobsOf === 'function';

/**
 * Runs the hub's scheduled jobs with Agenda on the given backend (the hall's
 * SQLite file, or MongoDB). Each job is one recurring Agenda job: a run is
 * locked in the store before it starts, so of several hub processes on one
 * store exactly one runs each due run; a run whose hub died is run again by
 * another hub once its lock lifetime has passed. A failing run is logged and
 * retried at the next interval; jobs never sit in the call-out path.
 */
export function startJobs(deps: AppDeps, backend: AgendaBackend, options: JobRunnerOptions = {}): JobRunner {
  const jobs = options.jobs ?? JOBS;
  const holder = options.holder ?? `hub-${process.pid}-${randomUUID().slice(0, 8)}`;
  const log = options.log ?? ((msg, err) => deps.log.error({ err }, msg));
  const agenda = new Agenda({
    backend,
    name: holder,
    processEvery: options.processEveryMs ?? DEFAULT_PROCESS_EVERY_MS,
    defaultLockLifetime: options.lockLifetimeMs ?? DEFAULT_LOCK_LIFETIME_MS,
    defaultConcurrency: 1,
  });
  agenda.on('fail', (err: Error | string, job: { attrs?: { name?: string }; jobName?: string }) => {
    const name = job.attrs?.name ?? job.jobName ?? '?';
    log(`job ${name} failed: ${err instanceof Error ? err.message : String(err)}`, err);
  });
  agenda.on('error', (err: Error) => log(`job store: ${err.message}`, err));
  for (const job of jobs) {
    agenda.define(job.name, async () => job.perform(deps), {
      concurrency: 1,
      lockLimit: 1,
      ...(job.lockLifetimeMs ? { lockLifetime: job.lockLifetimeMs } : {}),
    });
  }
  const started = (async () => {
    await agenda.start();
    for (const job of jobs) {
      await agenda.every(
        job.every,
        job.name,
        undefined,
        job.timezone ? { timezone: job.timezone } : undefined,
      );
    }
  })();
  started.catch((err: unknown) =>
    log(`jobs did not start: ${err instanceof Error ? err.message : String(err)}`, err),
  );
  let stopping: Promise<void> | null = null;
  return {
    agenda,
    holder,
    started,
    stop() {
      stopping ??= (async () => {
        await started.catch(() => undefined);
        await agenda.drain({ timeout: options.drainMs ?? DEFAULT_DRAIN_MS, closeConnection: false });
        const repo = backend.repository;
        if (releases(repo)) {
          repo.unlockJobsOf(holder);
        } else {
          const { jobs: held } = await repo.queryJobs({ names: Object.keys(agenda.definitions) });
          await repo.unlockJobs(
            held.filter((j) => j.lockedAt && j.lastModifiedBy === holder).map((j) => j._id),
          );
        }
        await backend.disconnect();
      })();
      return stopping;
    },
  };
}
