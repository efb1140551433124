/**
 * 整改: the follow-up of one 差评 (level 1 非常不满意 or 2 不满意).
 *
 * open → assigned → contacted → closed, with reassignment allowed before
 * closing; from open, assigned or contacted a supervisor may appeal (申诉) a
 * rating they believe mistaken or malicious, once; a second person decides:
 * approved voids the case, rejected returns it to where it was.
 */

export const RECTIFICATION_STATUSES = [
  'open',
  'assigned',
  'contacted',
  'appealed',
  'closed',
  'voided',
] as const;
export type RectificationStatus = (typeof RECTIFICATION_STATUSES)[number];

/** Cases that still need work; the deadline runs for them. */
export const ACTIVE_RECTIFICATION: readonly RectificationStatus[] = [
  'open',
  'assigned',
  'contacted',
  'appealed',
];

export const CONTACT_CHANNELS = ['phone', 'sms', 'visit', 'other'] as const;
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];

/** Levels that are 差评 and open a case. */
export const BAD_LEVELS: readonly number[] = [1, 2];

export interface ContactRecord {
  at: number;
  by: string;
  channel: ContactChannel;
  note: string;
}

export interface Appeal {
  by: string;
  at: number;
  reason: string;
  /** Where the case goes back to if the appeal is rejected. */
  statusBefore: RectificationStatus;
  decidedBy: string | null;
  decidedAt: number | null;
  decision: 'approved' | 'rejected' | null;
  note: string | null;
}

export interface RectificationCase {
  id: string;
  hallId: string;
  /** One case per evaluation: the unique key that makes opening idempotent. */
  evaluationId: string;
  ticketId: string;
  ticketNumber: string;
  serviceId: string;
  windowId: string | null;
  clerkId: string | null;
  level: number;
  reasons: string[];
  comment: string;
  ratedAt: number;
  status: RectificationStatus;
  openedAt: number;
  deadlineDay: string;
  deadlineAt: number;
  assigneeId: string | null;
  contacts: ContactRecord[];
  /** What was done about it, written when closing. */
  rectification: string | null;
  closedAt: number | null;
  closedBy: string | null;
  appeal: Appeal | null;
  /** When the job found it past its deadline (kept after a late close). */
  overdueAt: number | null;
  /** When the job reminded that the deadline is today. */
  remindedAt: number | null;
  updatedAt: number;
  version: number;
}
