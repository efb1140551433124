import { SYSTEM, isDomainError, type HallEvent } from '../../domain/index.js';
import {
  cases,
  isBadRating,
  rectificationDeadline,
  type RectificationCase,
} from '../../domain/rectification/index.js';
import type { Evaluation } from '../../domain/index.js';
import type { AppDeps } from '../deps.js';
import { requireHall } from '../lookups.js';
import { getRectificationSettings } from './settings.js';

/**
 * Every 差评 opens one case. Two paths lead here and both are idempotent
 * (the store keeps one case per evaluation): the live path listens to
 * committed `evaluation.submitted` events; the job's catch-up finds 差评
 * without a case, so a rating whose event was never seen (the hub died just
 * after saving it) is still followed up.
 */

export async function openCaseFor(deps: AppDeps, evaluation: Evaluation): Promise<RectificationCase | null> {
  if (!isBadRating(evaluation.level)) return null;
  const hall = await requireHall(deps, evaluation.hallId);
  const ticket = await deps.store.getTicket(evaluation.ticketId);
  const settings = await getRectificationSettings(deps, hall.id);
  const now = deps.now();
  const deadline = rectificationDeadline(hall.calendar, hall.timeZone, now, settings.deadlineWorkingDays);
  const change = cases.openCase(
    deps.newId(),
    {
      evaluationId: evaluation.id,
      hallId: hall.id,
      ticketId: evaluation.ticketId,
      ticketNumber: ticket?.number ?? '',
      serviceId: evaluation.serviceId,
      windowId: evaluation.windowId ?? ticket?.windowId ?? null,
      clerkId: evaluation.clerkId,
      level: evaluation.level,
      reasons: [...evaluation.reasons],
      comment: evaluation.comment,
      ratedAt: evaluation.at,
    },
    deadline,
    now,
    SYSTEM,
  );
  const { rectification } = await deps.store.openRectification(change.next, [change.event]);
  return rectification;
}

/** Opens the cases of 差评 that have none yet; returns the cases opened. */
export async function catchUpBadRatings(
  deps: AppDeps,
  props: { hallId: string },
): Promise<RectificationCase[]> {
  const opened: RectificationCase[] = [];
  for (;;) {
    const missing = await deps.store.listUnfollowedBadRatings(props.hallId, 100);
    if (missing.length === 0) return opened;
    for (const evaluation of missing) {
      const c = await openCaseFor(deps, evaluation);
      if (c) opened.push(c);
    }
  }
}

async function onEvaluation(deps: AppDeps, e: HallEvent): Promise<void> {
  const ticketId = e.ticketId;
  if (!ticketId) return;
  const evaluation = await deps.store.getEvaluationByTicket(ticketId);
  if (evaluation && evaluation.hallId === e.hallId) await openCaseFor(deps, evaluation);
}

/**
 * Listens for committed ratings and opens their cases. Failures are reported
 * and left to the job's catch-up; they never reach the citizen who rated.
 * Returns the function that stops listening.
 */
export function watchBadRatings(
  deps: AppDeps,
  onError: (err: unknown) => void = (err) => deps.log.error({ err }, 'rectification: opening a case failed'),
): () => void {
  return deps.store.followEvents({ allHalls: true }, ({ events }) => {
    for (const e of events) {
      if (e.type !== 'evaluation.submitted') continue;
      onEvaluation(deps, e).catch((err: unknown) => {
        // A concurrent catch-up opened it first: one case per evaluation, nothing lost.
        if (!(isDomainError(err) && err.code === 'conflict')) onError(err);
      });
    }
  });
}
