import {
  DomainError,
  type HallEvent,
  type NewEvent,
  type QueueGroup,
  type QueueKey,
  type ServiceSample,
} from '../../domain/index.js';
import type { RectificationCase } from '../../domain/rectification/index.js';
import { monthsOfDays, type DayAggregate, type TicketFact } from '../../domain/stats/index.js';
import type {
  DayAggregateQuery,
  MonthAggregatesUpdate,
  Evaluation,
  EvaluationQuery,
  HallSnapshot,
  PrintJob,
  PrintJobQuery,
  PrintJobUpdate,
  RectificationQuery,
  RectificationUpdate,
  StatsCursor,
  StatsRollupUpdate,
  TicketFactQuery,
} from '../port.js';
import type { Ticket } from '../../domain/index.js';
import { inTransaction, notFound } from './connection.js';
import { appendEvents, col, type Ctx } from './context.js';
import { fromDoc, fromDocs, fromEventDoc, toDoc, type Doc, type EventDoc } from './docs.js';
import {
  ACTIVE_STATUSES,
  dayAggregateFilter,
  evaluationFilter,
  limitOf,
  printJobFilter,
  QUEUE_SORT,
  QUEUED_PROJECTION,
  recentCallsFilter,
  rectificationFilter,
  serviceSamplesPipeline,
  unfollowedBadRatingsPipeline,
  waitingGroupsPipeline,
} from './queries.js';
import { toQueued } from './queue.js';

/** The log's reads, snapshots, printing, statistics and cases. */

export async function listEvents(
  ctx: Ctx,
  hallId: string,
  afterSeq: number,
  limit: number,
): Promise<HallEvent[]> {
  const n = Math.max(0, Math.floor(limit));
  if (n === 0) return [];
  const docs = await col<EventDoc>(ctx, 'events')
    .find({ hallId, seq: { $gt: afterSeq } }, { sort: { seq: 1 }, limit: n })
    .toArray();
  return docs.map(fromEventDoc);
}

export async function listTicketEvents(ctx: Ctx, ticketId: string): Promise<HallEvent[]> {
  const docs = await col<EventDoc>(ctx, 'events')
    .find({ ticketId }, { sort: { seq: 1 } })
    .toArray();
  return docs.map(fromEventDoc);
}

/** Read from the log itself, so it also answers for a hall that has been deleted. */
export async function lastSeq(ctx: Ctx, hallId: string): Promise<number> {
  const last = await col<EventDoc>(ctx, 'events').findOne(
    { hallId },
    { sort: { seq: -1 }, projection: { seq: 1 } },
  );
  return last?.seq ?? 0;
}

export function appendOnly(ctx: Ctx, events: NewEvent[]): Promise<HallEvent[]> {
  return inTransaction(ctx.client, (session) => appendEvents(ctx, session, events));
}

export async function listWaiting(ctx: Ctx, hallId: string) {
  const docs = await col(ctx, 'tickets')
    .find({ hallId, status: 'waiting' }, { sort: QUEUE_SORT, projection: QUEUED_PROJECTION })
    .toArray();
  return docs.map(toQueued);
}

export async function waitingGroups(ctx: Ctx, hallId: string, before?: QueueKey): Promise<QueueGroup[]> {
  const rows = await col(ctx, 'tickets').aggregate(waitingGroupsPipeline(hallId, before)).toArray();
  return rows.map((r) => {
    const key = r._id as {
      serviceId: string;
      priority: boolean;
      assistance: boolean;
      targetWindowId?: string | null;
    };
    return {
      serviceId: key.serviceId,
      priority: key.priority,
      assistance: key.assistance,
      targetWindowId: key.targetWindowId ?? null,
      count: r.count as number,
    };
  });
}

export async function serviceSamples(ctx: Ctx, hallId: string, since: number): Promise<ServiceSample[]> {
  const rows = await col(ctx, 'tickets').aggregate(serviceSamplesPipeline(hallId, since)).toArray();
  return rows.map((r) => ({
    serviceId: r._id as string,
    serviceMs: r.serviceMs as number,
    count: r.count as number,
  }));
}

/** One snapshot-isolated read: a transaction with snapshot read concern, so no partial write shows. */
export function hallSnapshot(ctx: Ctx, hallId: string, recentCallCount: number): Promise<HallSnapshot> {
  return inTransaction(ctx.client, async (session) => {
    if (!(await col(ctx, 'halls').findOne({ _id: hallId }, { session }))) throw notFound('Hall', hallId);
    const last = await col<EventDoc>(ctx, 'events').findOne({ hallId }, { session, sort: { seq: -1 } });
    const windows = await col(ctx, 'windows')
      .find({ hallId }, { session, sort: { sortOrder: 1, number: 1 } })
      .toArray();
    const active = await col(ctx, 'tickets')
      .find({ hallId, status: { $in: [...ACTIVE_STATUSES] } }, { session, sort: { calledAt: 1, number: 1 } })
      .toArray();
    const waiting = await col(ctx, 'tickets')
      .find({ hallId, status: 'waiting' }, { session, sort: QUEUE_SORT, projection: QUEUED_PROJECTION })
      .toArray();
    const n = Math.max(0, Math.floor(recentCallCount));
    const calls =
      n === 0
        ? []
        : await col<EventDoc>(ctx, 'events')
            .find(recentCallsFilter(hallId), { session, sort: { seq: -1 }, limit: n })
            .toArray();
    return {
      seq: last?.seq ?? 0,
      windows: fromDocs(windows as Doc<HallSnapshot['windows'][number]>[]),
      activeTickets: fromDocs(active as Doc<Ticket>[]),
      waiting: waiting.map(toQueued),
      recentCalls: calls.map(fromEventDoc),
    };
  });
}

// Printing.

export function createPrintJob(ctx: Ctx, job: PrintJob, events: readonly NewEvent[]) {
  return inTransaction(ctx.client, async (session) => {
    if (!(await col(ctx, 'halls').findOne({ _id: job.hallId }, { session })))
      throw notFound('Hall', job.hallId);
    if (!(await col(ctx, 'devices').findOne({ _id: job.deviceId, hallId: job.hallId }, { session }))) {
      throw notFound('Device', job.deviceId);
    }
    if (!(await col(ctx, 'tickets').findOne({ _id: job.ticketId, hallId: job.hallId }, { session }))) {
      throw notFound('Ticket', job.ticketId);
    }
    await col<Doc<PrintJob>>(ctx, 'printJobs').insertOne(toDoc(job), { session });
    return { job, events: await appendEvents(ctx, session, events) };
  });
}

export function updatePrintJob(ctx: Ctx, u: PrintJobUpdate) {
  return inTransaction(ctx.client, async (session) => {
    const jobs = col<Doc<PrintJob>>(ctx, 'printJobs');
    const job = fromDoc<PrintJob>(await jobs.findOne({ _id: u.id }, { session }));
    if (!job) throw notFound('Print job', u.id);
    if (!u.expectedStatuses.includes(job.status)) {
      throw new DomainError(
        'conflict',
        `Print job ${u.id} is ${job.status}, not ${u.expectedStatuses.join(' or ')}.`,
        {
          status: job.status,
        },
      );
    }
    const next: PrintJob = { ...job, ...u.patch };
    await jobs.replaceOne({ _id: u.id }, toDoc(next), { session });
    return { job: next, events: await appendEvents(ctx, session, u.events) };
  });
}

export async function getPrintJob(ctx: Ctx, id: string): Promise<PrintJob | null> {
  return fromDoc<PrintJob>(await col<Doc<PrintJob>>(ctx, 'printJobs').findOne({ _id: id }));
}

export async function listPrintJobs(ctx: Ctx, q: PrintJobQuery): Promise<PrintJob[]> {
  const filter = printJobFilter(q);
  if (filter === null || (q.limit !== undefined && limitOf(q.limit) === 0)) return [];
  const docs = await col<Doc<PrintJob>>(ctx, 'printJobs')
    .find(filter, { sort: { createdAt: 1, copy: 1, _id: 1 }, limit: limitOf(q.limit) })
    .toArray();
  return fromDocs<PrintJob>(docs);
}

// Ratings.

export async function getEvaluationByTicket(ctx: Ctx, ticketId: string): Promise<Evaluation | null> {
  return fromDoc<Evaluation>(await col<Doc<Evaluation>>(ctx, 'evaluations').findOne({ ticketId }));
}

export async function listEvaluations(
  ctx: Ctx,
  hallId: string,
  q: EvaluationQuery = {},
): Promise<Evaluation[]> {
  const filter = evaluationFilter(hallId, q);
  if (filter === null || (q.limit !== undefined && limitOf(q.limit) === 0)) return [];
  const docs = await col<Doc<Evaluation>>(ctx, 'evaluations')
    .find(filter, { sort: { at: 1, _id: 1 }, limit: limitOf(q.limit) })
    .toArray();
  return fromDocs<Evaluation>(docs);
}

// Statistics roll-up.

export async function getStatsCursor(ctx: Ctx, hallId: string): Promise<StatsCursor> {
  const doc = await col(ctx, 'statsCursors').findOne({ _id: hallId });
  if (!doc) return { seq: 0, windowClerks: {} };
  return {
    seq: doc.seq as number,
    windowClerks: JSON.parse(doc.windowClerks as string) as StatsCursor['windowClerks'],
  };
}

function stripId<T>(doc: Record<string, unknown>): T {
  const { _id, ...rest } = doc;
  void _id;
  return rest as T;
}

export async function listTicketFacts(ctx: Ctx, hallId: string, q: TicketFactQuery): Promise<TicketFact[]> {
  const or: Record<string, unknown>[] = [];
  if (q.ticketIds && q.ticketIds.length > 0) or.push({ _id: { $in: q.ticketIds } });
  if (q.days && q.days.length > 0) or.push({ businessDay: { $in: q.days } });
  if (or.length === 0) return [];
  const docs = await col(ctx, 'ticketFacts').find({ hallId, $or: or }).toArray();
  return docs.map((d) => stripId<TicketFact>(d));
}

export function saveStatsRollup(ctx: Ctx, u: StatsRollupUpdate): Promise<void> {
  return inTransaction(ctx.client, async (session) => {
    const cursor = await col(ctx, 'statsCursors').findOne({ _id: u.hallId }, { session });
    const seq = (cursor?.seq as number | undefined) ?? 0;
    if (seq !== u.expectedSeq) {
      throw new DomainError('conflict', 'The statistics roll-up moved meanwhile; read it again.', {
        hallId: u.hallId,
        seq,
        expectedSeq: u.expectedSeq,
      });
    }
    const days = new Set(u.days);
    for (const a of u.aggregates) {
      if (a.hallId !== u.hallId || !days.has(a.businessDay)) {
        throw new DomainError('conflict', `An aggregate of ${a.businessDay} is outside the days replaced.`);
      }
    }
    for (const f of u.facts) {
      if (f.hallId !== u.hallId) throw new DomainError('conflict', `Fact ${f.ticketId} is of another hall.`);
      await col(ctx, 'ticketFacts').replaceOne(
        { _id: f.ticketId },
        { _id: f.ticketId, ...f },
        { session, upsert: true },
      );
    }
    if (days.size > 0) {
      await col(ctx, 'statsDaily').deleteMany(
        { hallId: u.hallId, businessDay: { $in: [...days] } },
        { session },
      );
    }
    if (u.aggregates.length > 0)
      await col(ctx, 'statsDaily').insertMany(
        u.aggregates.map((a) => ({ ...a })),
        { session },
      );
    const months = monthsOfDays(days);
    if (months.length > 0) {
      await col(ctx, 'statsMonthly').deleteMany(
        { hallId: u.hallId, businessDay: { $in: months } },
        { session },
      );
      await col(ctx, 'statsMonths').deleteMany({ hallId: u.hallId, month: { $in: months } }, { session });
    }
    await col(ctx, 'statsCursors').replaceOne(
      { _id: u.hallId },
      { seq: u.cursor.seq, windowClerks: JSON.stringify(u.cursor.windowClerks) },
      { session, upsert: true },
    );
  });
}

export async function listDayAggregates(
  ctx: Ctx,
  hallId: string,
  q: DayAggregateQuery,
): Promise<DayAggregate[]> {
  const docs = await col(ctx, 'statsDaily')
    .find(dayAggregateFilter(hallId, q), { sort: { businessDay: 1, _id: 1 } })
    .toArray();
  return docs.map((d) => stripId<DayAggregate>(d));
}

export async function listMonthAggregates(
  ctx: Ctx,
  hallId: string,
  q: DayAggregateQuery,
): Promise<{ months: string[]; aggregates: DayAggregate[] }> {
  return inTransaction(ctx.client, async (session) => {
    const kept = await col(ctx, 'statsMonths')
      .find({ hallId, month: { $gte: q.from, $lte: q.to } }, { session, sort: { month: 1 } })
      .toArray();
    const months = kept.map((d) => d.month as string);
    if (months.length === 0) return { months, aggregates: [] };
    const docs = await col(ctx, 'statsMonthly')
      .find(dayAggregateFilter(hallId, q), { session, sort: { businessDay: 1, _id: 1 } })
      .toArray();
    return { months, aggregates: docs.map((d) => stripId<DayAggregate>(d)) };
  });
}

export function saveMonthAggregates(ctx: Ctx, u: MonthAggregatesUpdate): Promise<boolean> {
  for (const a of u.aggregates) {
    if (a.hallId !== u.hallId || a.businessDay !== u.month) {
      throw new DomainError('conflict', `A sum of ${a.businessDay} is not of ${u.month}.`);
    }
  }
  return inTransaction(ctx.client, async (session) => {
    const cursor = await col(ctx, 'statsCursors').findOne({ _id: u.hallId }, { session });
    if (((cursor?.seq as number | undefined) ?? 0) !== u.expectedSeq) return false;
    await col(ctx, 'statsMonthly').deleteMany({ hallId: u.hallId, businessDay: u.month }, { session });
    await col(ctx, 'statsMonths').deleteMany({ hallId: u.hallId, month: u.month }, { session });
    if (u.aggregates.length > 0)
      await col(ctx, 'statsMonthly').insertMany(
        u.aggregates.map((a) => ({ ...a })),
        { session },
      );
    await col(ctx, 'statsMonths').insertOne({ hallId: u.hallId, month: u.month }, { session });
    return true;
  });
}

// 整改 cases: stored whole, with the fields queries filter on at the top level (they are the case's own fields).

type CaseDoc = Doc<RectificationCase>;

export async function getRectification(ctx: Ctx, id: string): Promise<RectificationCase | null> {
  return fromDoc<RectificationCase>(await col<CaseDoc>(ctx, 'rectifications').findOne({ _id: id }));
}

export async function getRectificationByTicket(
  ctx: Ctx,
  ticketId: string,
): Promise<RectificationCase | null> {
  return fromDoc<RectificationCase>(await col<CaseDoc>(ctx, 'rectifications').findOne({ ticketId }));
}

export function openRectification(ctx: Ctx, c: RectificationCase, events: readonly NewEvent[]) {
  return inTransaction(ctx.client, async (session) => {
    const cases = col<CaseDoc>(ctx, 'rectifications');
    const existing = fromDoc<RectificationCase>(
      await cases.findOne({ evaluationId: c.evaluationId }, { session }),
    );
    if (existing) return { rectification: existing, events: [] as HallEvent[], created: false };
    if (!(await col(ctx, 'halls').findOne({ _id: c.hallId }, { session }))) throw notFound('Hall', c.hallId);
    if (await cases.findOne({ _id: c.id }, { session }))
      throw new DomainError('conflict', `Case ${c.id} already exists.`);
    await cases.insertOne(toDoc(c), { session });
    return { rectification: c, events: await appendEvents(ctx, session, events), created: true };
  });
}

export function updateRectification(ctx: Ctx, u: RectificationUpdate) {
  return inTransaction(ctx.client, async (session) => {
    const cases = col<CaseDoc>(ctx, 'rectifications');
    const current = fromDoc<RectificationCase>(await cases.findOne({ _id: u.next.id }, { session }));
    if (!current) throw notFound('Case', u.next.id);
    if (current.version !== u.expectedVersion || u.next.hallId !== current.hallId) {
      throw new DomainError('conflict', `Case ${current.id} was changed meanwhile; reload and try again.`, {
        caseId: current.id,
        version: current.version,
      });
    }
    await cases.replaceOne({ _id: u.next.id }, toDoc(u.next), { session });
    return { rectification: u.next, events: await appendEvents(ctx, session, u.events) };
  });
}

export async function listRectifications(
  ctx: Ctx,
  hallId: string,
  q: RectificationQuery = {},
): Promise<RectificationCase[]> {
  const filter = rectificationFilter(hallId, q);
  if (filter === null || (q.limit !== undefined && limitOf(q.limit) === 0)) return [];
  const docs = await col<CaseDoc>(ctx, 'rectifications')
    .find(filter, { sort: { openedAt: 1, _id: 1 }, limit: limitOf(q.limit) })
    .toArray();
  return fromDocs<RectificationCase>(docs);
}

export async function listUnfollowedBadRatings(
  ctx: Ctx,
  hallId: string,
  limit: number,
): Promise<Evaluation[]> {
  if (Math.max(0, Math.floor(limit)) === 0) return [];
  const docs = await col(ctx, 'evaluations').aggregate(unfollowedBadRatingsPipeline(hallId, limit)).toArray();
  return fromDocs<Evaluation>(docs as Doc<Evaluation>[]);
}
