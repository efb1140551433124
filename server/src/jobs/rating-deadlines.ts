import { catchUpBadRatings, watchDeadlines, type AppDeps } from '../app/index.js';
import type { Job } from './job.js';

/**
 * 差评 follow-up: opens the cases of any 差评 the live listener missed, then
 * reminds on the last working day and flags cases past their deadline.
 * Idempotent: a 差评 has at most one case, and a case is reminded and
 * flagged once (both are recorded on the case).
 */
export const ratingDeadlinesJob: Job = {
  name: 'rating-deadlines',
  every: '1 minute',
  async perform(deps: AppDeps) {
    for (const hall of await deps.store.listHalls()) {
      await catchUpBadRatings(deps, { hallId: hall.id });
      await watchDeadlines(deps, { hallId: hall.id });
    }
  },
};
