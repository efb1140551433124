import { DomainError } from '../errors.js';
import { newEvent, type EventData, type NewEvent, type RectificationRef } from '../events.js';
import type { Actor } from '../types.js';
import type { Deadline } from './deadline.js';
import {
  ACTIVE_RECTIFICATION,
  BAD_LEVELS,
  type ContactChannel,
  type RectificationCase,
  type RectificationStatus,
} from './types.js';

/**
 * The case state machine. Each step checks the state and returns the new
 * case and the audit event; the store writes both only if the case's
 * version is still the one read, so a stale step changes nothing.
 */

export interface CaseChange {
  next: RectificationCase;
  event: NewEvent;
}

export interface RatingToFollow {
  evaluationId: string;
  hallId: string;
  ticketId: string;
  ticketNumber: string;
  serviceId: string;
  windowId: string | null;
  clerkId: string | null;
  level: number;
  reasons: string[];
  comment: string;
  ratedAt: number;
}

export function isBadRating(level: number): boolean {
  return BAD_LEVELS.includes(level);
}

type CaseEventType = Extract<keyof EventData, `rectification.${string}`>;
type CaseDetail<T extends CaseEventType> = Omit<EventData[T], keyof RectificationRef>;

function event<T extends CaseEventType>(
  c: RectificationCase,
  type: T,
  at: number,
  actor: Actor,
  from: string | null,
  detail: CaseDetail<T>,
): NewEvent {
  const data = {
    caseId: c.id,
    ticketId: c.ticketId,
    evaluationId: c.evaluationId,
    ...detail,
  } as EventData[T];
  // Ticket-less on purpose: screens must not read a case step as a ticket change.
  return newEvent(type, { hallId: c.hallId, at, actor, from, to: c.status }, data) as NewEvent;
}

function requireStatus(c: RectificationCase, allowed: readonly RectificationStatus[], action: string): void {
  if (!allowed.includes(c.status)) {
    throw new DomainError(
      'invalid_state',
      `Case ${c.id} is ${c.status}; ${action} needs it ${allowed.join(' or ')}.`,
      { caseId: c.id, status: c.status, allowed },
    );
  }
}

function step<T extends CaseEventType>(
  c: RectificationCase,
  patch: Partial<RectificationCase>,
  type: T,
  at: number,
  actor: Actor,
  detail: CaseDetail<T>,
): CaseChange {
  const next: RectificationCase = { ...c, ...patch, updatedAt: at, version: c.version + 1 };
  return { next, event: event(next, type, at, actor, c.status, detail) };
}

export function openCase(
  id: string,
  rating: RatingToFollow,
  deadline: Deadline,
  at: number,
  actor: Actor,
): CaseChange {
  if (!isBadRating(rating.level)) {
    throw new DomainError('invalid_state', `A level ${rating.level} rating is not 差评.`, {
      evaluationId: rating.evaluationId,
    });
  }
  const c: RectificationCase = {
    id,
    ...rating,
    status: 'open',
    openedAt: at,
    deadlineDay: deadline.day,
    deadlineAt: deadline.at,
    assigneeId: null,
    contacts: [],
    rectification: null,
    closedAt: null,
    closedBy: null,
    appeal: null,
    overdueAt: null,
    remindedAt: null,
    updatedAt: at,
    version: 1,
  };
  return {
    next: c,
    event: event(c, 'rectification.opened', at, actor, null, {
      level: c.level,
      windowId: c.windowId,
      clerkId: c.clerkId,
      deadlineDay: c.deadlineDay,
    }),
  };
}

export function assign(c: RectificationCase, assigneeId: string, at: number, actor: Actor): CaseChange {
  requireStatus(c, ['open', 'assigned', 'contacted'], 'assigning');
  const status = c.status === 'open' ? 'assigned' : c.status;
  return step(c, { assigneeId, status }, 'rectification.assigned', at, actor, { assigneeId });
}

export function recordContact(
  c: RectificationCase,
  contact: { channel: ContactChannel; note: string },
  at: number,
  by: Actor,
): CaseChange {
  requireStatus(c, ['assigned', 'contacted'], 'recording a contact');
  const record = { at, by: by.id ?? '', channel: contact.channel, note: contact.note };
  return step(
    c,
    { contacts: [...c.contacts, record], status: 'contacted' },
    'rectification.contacted',
    at,
    by,
    {
      channel: contact.channel,
    },
  );
}

/** Closing needs a recorded contact with the citizen: a case is not closed on paper only. */
export function close(c: RectificationCase, rectification: string, at: number, by: Actor): CaseChange {
  requireStatus(c, ['contacted'], 'closing');
  return step(
    c,
    { status: 'closed', rectification, closedAt: at, closedBy: by.id },
    'rectification.closed',
    at,
    by,
    { late: at >= c.deadlineAt },
  );
}

/** 申诉: once per case, by a supervisor who believes the rating mistaken or malicious. */
export function appeal(c: RectificationCase, reason: string, at: number, by: Actor): CaseChange {
  requireStatus(c, ['open', 'assigned', 'contacted'], 'appealing');
  if (c.appeal !== null) {
    throw new DomainError('invalid_state', `Case ${c.id} has already been appealed once.`, { caseId: c.id });
  }
  const filed = {
    by: by.id ?? '',
    at,
    reason,
    statusBefore: c.status,
    decidedBy: null,
    decidedAt: null,
    decision: null,
    note: null,
  };
  return step(c, { status: 'appealed', appeal: filed }, 'rectification.appealed', at, by, {});
}

/** Whether `decider` may decide the appeal: anyone but the person who filed it. */
export function canDecideAppeal(c: RectificationCase, deciderId: string | null): boolean {
  return c.appeal !== null && deciderId !== null && deciderId !== c.appeal.by;
}

export function decideAppeal(
  c: RectificationCase,
  decision: 'approved' | 'rejected',
  note: string,
  at: number,
  by: Actor,
): CaseChange {
  requireStatus(c, ['appealed'], 'deciding an appeal');
  const filed = c.appeal;
  if (!filed) throw new DomainError('invalid_state', `Case ${c.id} has no appeal.`, { caseId: c.id });
  if (!canDecideAppeal(c, by.id)) {
    throw new DomainError('invalid_state', 'An appeal needs a second person to decide it.', { caseId: c.id });
  }
  const decided = { ...filed, decidedBy: by.id, decidedAt: at, decision, note };
  const patch: Partial<RectificationCase> =
    decision === 'approved'
      ? { status: 'voided', appeal: decided, closedAt: at, closedBy: by.id }
      : { status: filed.statusBefore, appeal: decided };
  return step(c, patch, 'rectification.appeal_decided', at, by, { decision });
}

export function isOverdue(c: RectificationCase, now: number): boolean {
  return ACTIVE_RECTIFICATION.includes(c.status) && now >= c.deadlineAt;
}

/** Flags an active case past its deadline, once. */
export function flagOverdue(c: RectificationCase, now: number, by: Actor): CaseChange | null {
  if (!isOverdue(c, now) || c.overdueAt !== null) return null;
  return step(c, { overdueAt: now }, 'rectification.overdue', now, by, { deadlineDay: c.deadlineDay });
}

/** Reminds once on the last working day (the deadline day has begun in the hall). */
export function remindDue(
  c: RectificationCase,
  now: number,
  dayStartsAt: number,
  by: Actor,
): CaseChange | null {
  if (!ACTIVE_RECTIFICATION.includes(c.status) || c.remindedAt !== null) return null;
  if (now < dayStartsAt || now >= c.deadlineAt) return null;
  return step(c, { remindedAt: now }, 'rectification.reminded', now, by, { deadlineDay: c.deadlineDay });
}
