import { DomainError, type Actor } from '../../domain/index.js';
import {
  cases,
  type CaseChange,
  type ContactChannel,
  type RectificationCase,
} from '../../domain/rectification/index.js';
import type { AppDeps } from '../deps.js';

/**
 * A supervisor's steps on a case. Each reads the case, lets the state
 * machine decide, and writes with compare-and-set plus its audit event, so a
 * step that raced with another changes nothing and is refused.
 */

/** A case is named by its ticket: a ticket is rated once (一次一评), so it has at most one case. */
export interface CaseRef {
  hallId: string;
  ticketId: string;
  actor: Actor;
}

export async function requireCase(
  deps: AppDeps,
  hallId: string,
  ticketId: string,
): Promise<RectificationCase> {
  const c = await deps.store.getRectificationByTicket(ticketId);
  if (!c || c.hallId !== hallId) {
    throw new DomainError('not_found', `Ticket ${ticketId} has no rectification case in this hall.`, {
      ticketId,
    });
  }
  return c;
}

async function apply(
  deps: AppDeps,
  ref: CaseRef,
  decide: (c: RectificationCase, now: number) => CaseChange | Promise<CaseChange>,
): Promise<RectificationCase> {
  const c = await requireCase(deps, ref.hallId, ref.ticketId);
  const change = await decide(c, deps.now());
  const { rectification } = await deps.store.updateRectification({
    next: change.next,
    expectedVersion: c.version,
    events: [change.event],
  });
  return rectification;
}

/** The assignee must be an active person who works in the hall. */
export async function assignCase(
  deps: AppDeps,
  props: CaseRef & { assigneeId: string },
): Promise<RectificationCase> {
  const user = await deps.store.getUser(props.assigneeId);
  const works =
    user &&
    !user.disabled &&
    (user.hallIds.includes(props.hallId) || (user.role === 'admin' && user.hallIds.length === 0));
  if (!works) {
    throw new DomainError('not_found', `No active person ${props.assigneeId} works in this hall.`, {
      assigneeId: props.assigneeId,
    });
  }
  return apply(deps, props, (c, now) => cases.assign(c, props.assigneeId, now, props.actor));
}

export async function recordCaseContact(
  deps: AppDeps,
  props: CaseRef & { channel: ContactChannel; note: string },
): Promise<RectificationCase> {
  return apply(deps, props, (c, now) =>
    cases.recordContact(c, { channel: props.channel, note: props.note }, now, props.actor),
  );
}

export async function closeCase(
  deps: AppDeps,
  props: CaseRef & { rectification: string },
): Promise<RectificationCase> {
  return apply(deps, props, (c, now) => cases.close(c, props.rectification, now, props.actor));
}

export async function appealCase(
  deps: AppDeps,
  props: CaseRef & { reason: string },
): Promise<RectificationCase> {
  return apply(deps, props, (c, now) => cases.appeal(c, props.reason, now, props.actor));
}

export async function decideCaseAppeal(
  deps: AppDeps,
  props: CaseRef & { decision: 'approved' | 'rejected'; note: string },
): Promise<RectificationCase> {
  return apply(deps, props, (c, now) => cases.decideAppeal(c, props.decision, props.note, now, props.actor));
}
