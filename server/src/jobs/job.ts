import type { AppDeps } from '../app/index.js';

/**
 * One scheduled job, in a file of its own under `server/src/jobs/`:
 *
 * - `name`: its stable name, the key of its row in the job store (renaming a
 *   job leaves the old row behind: remove it with the hub stopped).
 * - `every`: how often it runs, as Agenda reads it: milliseconds, a human
 *   interval ('1 minute') or a cron line ('30 17 * * *', with `timezone`).
 * - `perform(deps)`: the work. It must be idempotent: a run may be repeated
 *   after a hub dies mid-run (its lock expires and another hub runs it again),
 *   and two runs must leave the store as one run does. Each job here reads
 *   what is still to do from the store (tickets still waiting, cases not yet
 *   reminded) rather than remembering what it did.
 * - `lockLifetimeMs`: how long a run may take before another hub presumes
 *   its holder dead and runs it again (default: DEFAULT_LOCK_LIFETIME_MS).
 *
 * Add the job to JOBS in `./index.ts`; docs/jobs.md lists what runs.
 */
export interface Job {
  name: string;
  every: string | number;
  timezone?: string;
  lockLifetimeMs?: number;
  perform(deps: AppDeps): Promise<void>;
}
