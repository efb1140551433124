import { MongoServerError } from 'mongodb';
import type { NewOutboxMessage, NotificationOutcome, OutboxMessage } from '../port.js';
import { col, type Ctx } from './context.js';
import { fromDoc, fromDocs } from './docs.js';

/** The notification outbox: one document per message (see NotificationStore in ../port.ts). */

const DUPLICATE_KEY = 11000;
const outbox = (ctx: Ctx) => col(ctx, 'notifications');

export async function queueNotifications(ctx: Ctx, messages: NewOutboxMessage[]): Promise<number> {
  let inserted = 0;
  for (const m of messages) {
    const { id, ...rest } = m;
    try {
      await outbox(ctx).insertOne({
        _id: id,
        ...rest,
        status: 'queued',
        attempts: 0,
        lastError: null,
        updatedAt: m.createdAt,
        sentAt: null,
      });
      inserted++;
    } catch (err) {
      if (!(err instanceof MongoServerError && err.code === DUPLICATE_KEY)) throw err;
    }
  }
  return inserted;
}

export async function dueNotifications(ctx: Ctx, now: number, limit: number): Promise<OutboxMessage[]> {
  return fromDocs<OutboxMessage>(
    await outbox(ctx)
      .find({ status: 'queued', dueAt: { $lte: now } })
      .sort({ dueAt: 1, _id: 1 })
      .limit(limit)
      .toArray(),
  );
}

export async function claimNotification(
  ctx: Ctx,
  id: string,
  attempts: number,
  leaseUntil: number,
): Promise<boolean> {
  const r = await outbox(ctx).updateOne(
    { _id: id, status: 'queued', attempts },
    { $inc: { attempts: 1 }, $set: { dueAt: leaseUntil } },
  );
  return r.modifiedCount === 1;
}

export async function settleNotification(ctx: Ctx, o: NotificationOutcome): Promise<void> {
  const set: Record<string, unknown> = { status: o.status, updatedAt: o.at };
  if (o.dueAt !== undefined) set.dueAt = o.dueAt;
  if (o.lastError !== undefined) set.lastError = o.lastError;
  if (o.status === 'sent') set.sentAt = o.at;
  await outbox(ctx).updateOne({ _id: o.id }, { $set: set });
}

export async function getNotification(ctx: Ctx, id: string): Promise<OutboxMessage | null> {
  return fromDoc<OutboxMessage>(await outbox(ctx).findOne({ _id: id }));
}

export async function listNotifications(ctx: Ctx, hallId: string, limit: number): Promise<OutboxMessage[]> {
  return fromDocs<OutboxMessage>(
    await outbox(ctx).find({ hallId }).sort({ createdAt: -1, _id: -1 }).limit(limit).toArray(),
  );
}
