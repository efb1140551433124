import { SYSTEM, isDomainError } from '../../domain/index.js';
import { cases, startOfLocalDay, type RectificationCase } from '../../domain/rectification/index.js';
import { ACTIVE_RECTIFICATION } from '../../domain/rectification/index.js';
import type { AppDeps } from '../deps.js';
import { requireHall } from '../lookups.js';

/**
 * Deadline watch for open cases: a reminder once the last working day has
 * begun, and the overdue flag once it has passed. Each is appended to the
 * log once per case.
 */

export interface DeadlineRun {
  reminded: RectificationCase[];
  overdue: RectificationCase[];
}

export async function watchDeadlines(deps: AppDeps, props: { hallId: string }): Promise<DeadlineRun> {
  const hall = await requireHall(deps, props.hallId);
  const run: DeadlineRun = { reminded: [], overdue: [] };
  const active = await deps.store.listRectifications(hall.id, { statuses: [...ACTIVE_RECTIFICATION] });
  for (const c of active) {
    const now = deps.now();
    const change =
      cases.flagOverdue(c, now, SYSTEM) ??
      cases.remindDue(c, now, startOfLocalDay(c.deadlineDay, hall.timeZone), SYSTEM);
    if (!change) continue;
    try {
      const { rectification } = await deps.store.updateRectification({
        next: change.next,
        expectedVersion: c.version,
        events: [change.event],
      });
      (change.event.type === 'rectification.overdue' ? run.overdue : run.reminded).push(rectification);
    } catch (err) {
      // A supervisor acted on the case meanwhile: theirs wins, the next run looks again.
      if (!(isDomainError(err) && err.code === 'conflict')) throw err;
    }
  }
  return run;
}
