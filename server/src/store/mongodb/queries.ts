import { CALL_EVENT_TYPES, type QueueKey, type TicketPatch } from '../../domain/index.js';
import { ACTIVE_RECTIFICATION, BAD_LEVELS } from '../../domain/rectification/index.js';
import type {
  DayAggregateQuery,
  EvaluationQuery,
  PrintJobQuery,
  RectificationQuery,
  TicketQuery,
} from '../port.js';

/**
 * The filters, sorts, updates and pipelines of the MongoDB store, built by
 * pure functions so they are unit-tested without a server. `null` from a
 * filter builder means "matches nothing" (an empty status list), so the
 * caller skips the query.
 */

export type Filter = Record<string, unknown>;
export type Sort = Record<string, 1 | -1>;

/** Queue order (DESIGN.md §4): effective time, then issue time, then number. */
export const QUEUE_SORT: Sort = { effectiveAt: 1, issuedAt: 1, number: 1 };

/**
 * The claim query: one hall's waiting tickets of one business day in queue
 * order. Served by the `tickets_claim` index
 * `{ hallId, businessDay, status, effectiveAt, issuedAt, number }`: equality
 * fields first, then the sort, so the walk needs no in-memory sort and
 * reads only the waiting tickets of that day.
 */
export function waitingOfDayFilter(hallId: string, businessDay: string): Filter {
  return { hallId, businessDay, status: 'waiting' };
}

/** What call-next needs of a waiting ticket: enough to route and order, no more. */
export const QUEUED_PROJECTION = {
  _id: 1,
  serviceId: 1,
  categories: 1,
  assistance: 1,
  targetWindowId: 1,
  effectiveAt: 1,
  issuedAt: 1,
  number: 1,
} as const;

export const ISSUE_SORT: Sort = { issuedAt: 1, number: 1, _id: 1 };

export function ticketListFilter(hallId: string, q: TicketQuery = {}): Filter | null {
  const f: Filter = { hallId };
  if (q.statuses !== undefined) {
    if (q.statuses.length === 0) return null;
    f.status = { $in: q.statuses };
  }
  if (q.businessDay !== undefined) f.businessDay = q.businessDay;
  if (q.windowId !== undefined) f.windowId = q.windowId;
  if (q.serviceId !== undefined) f.serviceId = q.serviceId;
  if (q.after !== undefined) {
    const { issuedAt, number, id } = q.after;
    f.$or = [
      { issuedAt: { $gt: issuedAt } },
      { issuedAt, number: { $gt: number } },
      { issuedAt, number, _id: { $gt: id } },
    ];
  }
  return f;
}

/** A query limit as the SQLite store reads it: none when absent, never negative. */
export function limitOf(limit: number | undefined): number {
  return limit === undefined ? 0 : Math.max(0, Math.floor(limit));
}

/** `$set` of a ticket patch plus the version bump; an unknown field is refused. */
const PATCH_FIELDS: readonly (keyof TicketPatch)[] = [
  'status',
  'serviceId',
  'windowId',
  'targetWindowId',
  'callCount',
  'calledAt',
  'startedAt',
  'endedAt',
  'effectiveAt',
  'transferCount',
];

export function ticketPatchUpdate(patch: TicketPatch): { $set: Filter; $inc: { version: 1 } } {
  const $set: Filter = {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    if (!PATCH_FIELDS.includes(key as keyof TicketPatch)) {
      throw new Error(`A ticket patch cannot change ${key}.`);
    }
    $set[key] = value;
  }
  return { $set, $inc: { version: 1 } };
}

/** The number counter of one hall, prefix and business day. */
export function counterId(hallId: string, prefix: string, businessDay: string): string {
  return `${hallId}|${prefix}|${businessDay}`;
}

/** Takes the next number: `$inc` with upsert, so the first ticket of the day gets 1. */
export function counterUpdate(hallId: string, prefix: string, businessDay: string) {
  return {
    filter: { _id: counterId(hallId, prefix, businessDay) },
    update: { $inc: { lastSeq: 1 }, $setOnInsert: { hallId, prefix, businessDay } },
  };
}

/** Reserves `count` seqs of the hall's log at once: the returned value is the last one. */
export function eventSeqUpdate(hallId: string, count: number) {
  return { filter: { _id: hallId }, update: { $inc: { eventSeq: count } } };
}

/** The seqs handed out by an `$inc` of `count` that ended at `last`. */
export function seqsEndingAt(last: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => last - count + 1 + i);
}

/** Waiting tickets ahead of `before` in queue order. */
export function aheadOf(before: QueueKey): Filter {
  return {
    $or: [
      { effectiveAt: { $lt: before.effectiveAt } },
      { effectiveAt: before.effectiveAt, issuedAt: { $lt: before.issuedAt } },
      { effectiveAt: before.effectiveAt, issuedAt: before.issuedAt, number: { $lt: before.number } },
    ],
  };
}

/** Waiting tickets grouped by matter, priority, assistance and target window (the ETA's input). */
export function waitingGroupsPipeline(hallId: string, before?: QueueKey): Filter[] {
  const match: Filter = { hallId, status: 'waiting', ...(before ? aheadOf(before) : {}) };
  return [
    { $match: match },
    {
      $group: {
        _id: {
          serviceId: '$serviceId',
          priority: { $gt: [{ $size: '$categories' }, 0] },
          assistance: '$assistance',
          targetWindowId: '$targetWindowId',
        },
        count: { $sum: 1 },
      },
    },
    { $sort: { '_id.serviceId': 1, '_id.priority': 1, '_id.assistance': 1, '_id.targetWindowId': 1 } },
  ];
}

/** Service time per matter of tickets completed since `since`. */
export function serviceSamplesPipeline(hallId: string, since: number): Filter[] {
  return [
    {
      $match: {
        hallId,
        status: 'completed',
        endedAt: { $gte: since },
        startedAt: { $ne: null },
        $expr: { $gt: ['$endedAt', '$startedAt'] },
      },
    },
    {
      $group: {
        _id: '$serviceId',
        serviceMs: { $sum: { $subtract: ['$endedAt', '$startedAt'] } },
        count: { $sum: 1 },
      },
    },
    { $sort: { _id: 1 } },
  ];
}

export const ACTIVE_STATUSES = ['called', 'serving', 'held'] as const;

export function recentCallsFilter(hallId: string): Filter {
  return { hallId, type: { $in: [...CALL_EVENT_TYPES] } };
}

export function printJobFilter(q: PrintJobQuery): Filter | null {
  const f: Filter = {};
  if (q.hallId !== undefined) f.hallId = q.hallId;
  if (q.deviceId !== undefined) f.deviceId = q.deviceId;
  if (q.ticketId !== undefined) f.ticketId = q.ticketId;
  if (q.statuses !== undefined) {
    if (q.statuses.length === 0) return null;
    f.status = { $in: q.statuses };
  }
  return f;
}

export function evaluationFilter(hallId: string, q: EvaluationQuery = {}): Filter | null {
  const f: Filter = { hallId };
  const at: Filter = {};
  if (q.from !== undefined) at.$gte = q.from;
  if (q.to !== undefined) at.$lt = q.to;
  if (Object.keys(at).length > 0) f.at = at;
  if (q.windowId !== undefined) f.windowId = q.windowId;
  if (q.levels !== undefined) {
    if (q.levels.length === 0) return null;
    f.level = { $in: q.levels };
  }
  return f;
}

export function rectificationFilter(hallId: string, q: RectificationQuery = {}): Filter | null {
  const and: Filter[] = [{ hallId }];
  if (q.statuses !== undefined) {
    if (q.statuses.length === 0) return null;
    and.push({ status: { $in: q.statuses } });
  }
  if (q.overdueAt !== undefined) {
    and.push({ status: { $in: [...ACTIVE_RECTIFICATION] }, deadlineAt: { $lte: q.overdueAt } });
  }
  if (q.windowId !== undefined) and.push({ windowId: q.windowId });
  if (q.clerkId !== undefined) and.push({ clerkId: q.clerkId });
  if (q.assigneeId !== undefined) and.push({ assigneeId: q.assigneeId });
  return and.length === 1 ? and[0]! : { $and: and };
}

/** 差评 without a case: evaluations of levels 1–2 joined to the cases collection, oldest first. */
export function unfollowedBadRatingsPipeline(hallId: string, limit: number): Filter[] {
  return [
    { $match: { hallId, level: { $in: [...BAD_LEVELS] } } },
    { $sort: { at: 1, _id: 1 } },
    { $lookup: { from: 'rectifications', localField: '_id', foreignField: 'evaluationId', as: 'cases' } },
    { $match: { cases: { $size: 0 } } },
    { $limit: Math.max(0, Math.floor(limit)) },
    { $project: { cases: 0 } },
  ];
}

/** Aggregate rows of the period (both ends included); a null window or clerk is stored as null. */
export function dayAggregateFilter(hallId: string, q: DayAggregateQuery): Filter {
  const f: Filter = { hallId, businessDay: { $gte: q.from, $lte: q.to } };
  if (q.domain !== undefined) f.domain = q.domain;
  if (q.windowId !== undefined) f.windowId = q.windowId;
  if (q.clerkId !== undefined) f.clerkId = q.clerkId;
  return f;
}
