import type { ClientSession, Collection, Db, Document, MongoClient } from 'mongodb';
import type { HallEvent, NewEvent } from '../../domain/index.js';
import { notFound } from './connection.js';
import { toEventDoc, type EventDoc } from './docs.js';
import { COLLECTIONS } from './migrations.js';
import { eventSeqUpdate, seqsEndingAt } from './queries.js';

/** What every part of the MongoDB store works with. */
export interface Ctx {
  client: MongoClient;
  db: Db;
}

export type Session = ClientSession;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function col<T extends Document = any>(ctx: Ctx, name: keyof typeof COLLECTIONS): Collection<T> {
  return ctx.db.collection<T>(COLLECTIONS[name]);
}

/**
 * Appends events to their halls' logs inside the caller's transaction. Each
 * hall's `eventSeq` is bumped with one `$inc`; two transactions appending to
 * one hall both write its hall document, so the second gets a write
 * conflict and `withTransaction` retries it: seqs are gap-free and commit
 * in seq order. The unique (hallId, seq) index is the safety net.
 */
export async function appendEvents(
  ctx: Ctx,
  session: Session,
  events: readonly NewEvent[],
): Promise<HallEvent[]> {
  if (events.length === 0) return [];
  const byHall = new Map<string, NewEvent[]>();
  for (const e of events) {
    const list = byHall.get(e.hallId);
    if (list) list.push(e);
    else byHall.set(e.hallId, [e]);
  }
  const seqOf = new Map<NewEvent, number>();
  for (const [hallId, list] of byHall) {
    const { filter, update } = eventSeqUpdate(hallId, list.length);
    const hall = await col<{ _id: string; eventSeq: number }>(ctx, 'halls').findOneAndUpdate(filter, update, {
      session,
      returnDocument: 'after',
      projection: { eventSeq: 1 },
    });
    if (!hall) throw notFound('Hall', hallId);
    seqsEndingAt(hall.eventSeq, list.length).forEach((seq, i) => seqOf.set(list[i]!, seq));
  }
  const docs: EventDoc[] = events.map((e) => toEventDoc(e, seqOf.get(e)!));
  await col<EventDoc>(ctx, 'events').insertMany(docs, { session });
  return events.map((e) => ({ ...e, seq: seqOf.get(e)! }) as HallEvent);
}
