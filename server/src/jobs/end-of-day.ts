import { expireDay, type AppDeps } from '../app/index.js';
import type { Job } from './job.js';

/**
 * Closes what still waits after the hall's closing time (DESIGN.md §4, end
 * of day). Idempotent: a ticket already expired no longer waits, so a
 * second run finds nothing to do.
 */
export const endOfDayJob: Job = {
  name: 'end-of-day',
  every: '1 minute',
  async perform(deps: AppDeps) {
    for (const hall of await deps.store.listHalls()) await expireDay(deps, { hallId: hall.id });
  },
};
