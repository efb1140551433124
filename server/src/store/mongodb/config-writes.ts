import {
  DomainError,
  type Hall,
  type HallEvent,
  type NewEvent,
  type Service,
  type ServiceWindow,
} from '../../domain/index.js';
import type { Device, Evaluation, Session as SessionRecord, User } from '../port.js';
import { inTransaction, notFound } from './connection.js';
import { appendEvents, col, type Ctx, type Session } from './context.js';
import { fromDoc, toDoc, type Doc, type WindowDoc } from './docs.js';

/**
 * Every configuration write of the MongoDB store, kept together: halls,
 * matters, windows, devices, users, sessions, hall settings and ratings. Each
 * is one transaction with its audit events, and returns `{ entity, events }`
 * (`{ events }` for a delete: the events as appended, which the store hands
 * to this process's followers). Uniqueness rules (matter code, window
 * number, username, device token) are checked by the use cases
 * (`domain/uniqueness.ts`); the unique indexes only refuse a racing write,
 * which `inTransaction` turns into `conflict` with nothing changed.
 */

export interface Written<T> {
  entity: T;
  events: HallEvent[];
}

export interface Appended {
  events: HallEvent[];
}

async function hallExists(ctx: Ctx, id: string, session: Session): Promise<boolean> {
  return (await col(ctx, 'halls').findOne({ _id: id }, { session, projection: { _id: 1 } })) !== null;
}

async function lastSeqIn(ctx: Ctx, hallId: string, session: Session): Promise<number> {
  const last = await col(ctx, 'events').findOne(
    { hallId },
    { session, sort: { seq: -1 }, projection: { seq: 1 } },
  );
  return (last?.seq as number | undefined) ?? 0;
}

export function saveHall(ctx: Ctx, hall: Hall, audit: readonly NewEvent[]): Promise<Written<Hall>> {
  return inTransaction(ctx.client, async (session) => {
    const { _id, ...fields } = toDoc(hall);
    // A hall created again after deletion continues its old log's seqs.
    const eventSeq = await lastSeqIn(ctx, hall.id, session);
    await col<Doc<Hall> & { eventSeq: number }>(ctx, 'halls').updateOne(
      { _id },
      { $set: fields, $setOnInsert: { eventSeq } },
      { session, upsert: true },
    );
    const events = await appendEvents(ctx, session, audit);
    return {
      entity: fromDoc<Hall>(await col<Doc<Hall>>(ctx, 'halls').findOne({ _id }, { session })) as Hall,
      events,
    };
  });
}

/** The hall's log outlives it: `audit` is appended (to the hall's seq) before the hall goes. */
export function deleteHall(ctx: Ctx, id: string, audit: readonly NewEvent[]): Promise<Appended> {
  return inTransaction(ctx.client, async (session) => {
    if (!(await hallExists(ctx, id, session))) throw notFound('Hall', id);
    for (const [collection, what] of [
      ['tickets', 'tickets'],
      ['services', 'services'],
      ['windows', 'windows'],
      ['devices', 'devices'],
      ['appointments', 'bookings'],
    ] as const) {
      const n = await col(ctx, collection).countDocuments({ hallId: id }, { session });
      if (n > 0) {
        throw new DomainError('conflict', `Hall ${id} still has ${n} ${what}; remove them first.`, {
          hallId: id,
          [what]: n,
        });
      }
    }
    const events = await appendEvents(ctx, session, audit);
    await col(ctx, 'counters').deleteMany({ hallId: id }, { session });
    await col(ctx, 'halls').deleteOne({ _id: id }, { session });
    return { events };
  });
}

export function saveService(ctx: Ctx, s: Service, audit: readonly NewEvent[]): Promise<Written<Service>> {
  return inTransaction(ctx.client, async (session) => {
    const services = col<Doc<Service>>(ctx, 'services');
    const existing = await services.findOne({ _id: s.id }, { session });
    if (existing && existing.hallId !== s.hallId) {
      throw new DomainError(
        'conflict',
        `Matter ${s.id} belongs to hall ${existing.hallId}; it cannot move to another hall.`,
      );
    }
    if (!(await hallExists(ctx, s.hallId, session))) throw notFound('Hall', s.hallId);
    await services.replaceOne({ _id: s.id }, toDoc(s), { session, upsert: true });
    const events = await appendEvents(ctx, session, audit);
    return {
      entity: fromDoc<Service>(await services.findOne({ _id: s.id }, { session })) as Service,
      events,
    };
  });
}

export function deleteService(ctx: Ctx, id: string, audit: readonly NewEvent[]): Promise<Appended> {
  return inTransaction(ctx.client, async (session) => {
    if (!(await col(ctx, 'services').findOne({ _id: id }, { session }))) throw notFound('Matter', id);
    const n = await col(ctx, 'tickets').countDocuments({ serviceId: id }, { session });
    if (n > 0) {
      throw new DomainError('conflict', `Matter ${id} has ${n} tickets; disable it instead of deleting it.`, {
        serviceId: id,
        tickets: n,
      });
    }
    await col(ctx, 'services').deleteOne({ _id: id }, { session });
    return { events: await appendEvents(ctx, session, audit) };
  });
}

/** Configuration fields of a window; state, current ticket and clerk are set by updateWindow only. */
export function windowConfigFields(w: ServiceWindow) {
  return {
    number: w.number,
    name: w.name,
    kind: w.kind,
    domains: w.domains,
    serviceIds: w.serviceIds,
    overflow: w.overflow,
    clerkIds: w.clerkIds,
    sortOrder: w.sortOrder,
  };
}

export function saveWindow(
  ctx: Ctx,
  w: ServiceWindow,
  audit: readonly NewEvent[],
): Promise<Written<ServiceWindow>> {
  return inTransaction(ctx.client, async (session) => {
    const windows = col<WindowDoc>(ctx, 'windows');
    const existing = await windows.findOne({ _id: w.id }, { session });
    if (existing && existing.hallId !== w.hallId) {
      throw new DomainError(
        'conflict',
        `Window ${w.id} belongs to hall ${existing.hallId}; it cannot move to another hall.`,
      );
    }
    if (!(await hallExists(ctx, w.hallId, session))) throw notFound('Hall', w.hallId);
    if (existing) await windows.updateOne({ _id: w.id }, { $set: windowConfigFields(w) }, { session });
    else await windows.insertOne({ ...toDoc(w), lastClaimTicketId: null }, { session });
    const events = await appendEvents(ctx, session, audit);
    return {
      entity: fromDoc<ServiceWindow>(await windows.findOne({ _id: w.id }, { session })) as ServiceWindow,
      events,
    };
  });
}

export function deleteWindow(ctx: Ctx, id: string, audit: readonly NewEvent[]): Promise<Appended> {
  return inTransaction(ctx.client, async (session) => {
    const row = await col<WindowDoc>(ctx, 'windows').findOne({ _id: id }, { session });
    if (!row) throw notFound('Window', id);
    if (row.currentTicketId !== null) {
      throw new DomainError(
        'conflict',
        `Window ${row.number} has a ticket at the counter; finish it first.`,
        {
          windowId: id,
          ticketId: row.currentTicketId,
        },
      );
    }
    const held = await col(ctx, 'tickets').countDocuments({ windowId: id, status: 'held' }, { session });
    if (held > 0) {
      throw new DomainError(
        'conflict',
        `Window ${row.number} has ${held} held tickets; call them back first.`,
        {
          windowId: id,
          held,
        },
      );
    }
    await col(ctx, 'windows').deleteOne({ _id: id }, { session });
    return { events: await appendEvents(ctx, session, audit) };
  });
}

export function saveDevice(ctx: Ctx, d: Device, audit: readonly NewEvent[]): Promise<Written<Device>> {
  return inTransaction(ctx.client, async (session) => {
    if (!(await hallExists(ctx, d.hallId, session))) throw notFound('Hall', d.hallId);
    const devices = col<Doc<Device>>(ctx, 'devices');
    await devices.replaceOne({ _id: d.id }, toDoc(d), { session, upsert: true });
    const events = await appendEvents(ctx, session, audit);
    return { entity: fromDoc<Device>(await devices.findOne({ _id: d.id }, { session })) as Device, events };
  });
}

export function deleteDevice(ctx: Ctx, id: string, audit: readonly NewEvent[]): Promise<Appended> {
  return inTransaction(ctx.client, async (session) => {
    if (await col(ctx, 'printJobs').findOne({ deviceId: id }, { session, projection: { _id: 1 } })) {
      throw new DomainError(
        'conflict',
        'This device has printed tickets; revoke it instead of deleting it.',
        {
          deviceId: id,
        },
      );
    }
    if ((await col(ctx, 'devices').deleteOne({ _id: id }, { session })).deletedCount === 0)
      throw notFound('Device', id);
    return { events: await appendEvents(ctx, session, audit) };
  });
}

export function saveUser(ctx: Ctx, user: User, audit: readonly NewEvent[]): Promise<Written<User>> {
  return inTransaction(ctx.client, async (session) => {
    const users = col<Doc<User>>(ctx, 'users');
    await users.replaceOne({ _id: user.id }, toDoc(user), { session, upsert: true });
    const events = await appendEvents(ctx, session, audit);
    return { entity: fromDoc<User>(await users.findOne({ _id: user.id }, { session })) as User, events };
  });
}

export function deleteUser(ctx: Ctx, id: string, audit: readonly NewEvent[]): Promise<Appended> {
  return inTransaction(ctx.client, async (session) => {
    if ((await col(ctx, 'users').deleteOne({ _id: id }, { session })).deletedCount === 0)
      throw notFound('User', id);
    // A user's sessions go with it.
    await col(ctx, 'sessions').deleteMany({ userId: id }, { session });
    return { events: await appendEvents(ctx, session, audit) };
  });
}

export function saveHallSetting(
  ctx: Ctx,
  hallId: string,
  key: string,
  value: unknown,
  at: number,
  audit: readonly NewEvent[],
): Promise<Appended> {
  return inTransaction(ctx.client, async (session) => {
    if (!(await hallExists(ctx, hallId, session))) throw notFound('Hall', hallId);
    // Kept as JSON text: a setting's keys may hold characters MongoDB field names refuse (`.`, `$`).
    await col(ctx, 'settings').updateOne(
      { hallId, key },
      { $set: { value: JSON.stringify(value ?? null), updatedAt: at } },
      { session, upsert: true },
    );
    return { events: await appendEvents(ctx, session, audit) };
  });
}

export function saveEvaluation(
  ctx: Ctx,
  e: Evaluation,
  events: readonly NewEvent[],
): Promise<{ evaluation: Evaluation; events: HallEvent[] }> {
  return inTransaction(ctx.client, async (session) => {
    if (
      !(await col(ctx, 'tickets').findOne(
        { _id: e.ticketId, hallId: e.hallId },
        { session, projection: { _id: 1 } },
      ))
    ) {
      throw notFound('Ticket', e.ticketId);
    }
    // Also the unique (ticketId) index, for two ratings racing.
    if (
      await col(ctx, 'evaluations').findOne({ ticketId: e.ticketId }, { session, projection: { _id: 1 } })
    ) {
      throw new DomainError('conflict', 'This service has already been rated (一次一评).', {
        ticketId: e.ticketId,
      });
    }
    await col<Doc<Evaluation>>(ctx, 'evaluations').insertOne(toDoc(e), { session });
    return { evaluation: e, events: await appendEvents(ctx, session, events) };
  });
}

/** A login takes no events; an API token takes its `token_issued` audit, in the same transaction. */
export function createSession(ctx: Ctx, s: SessionRecord, audit: readonly NewEvent[]): Promise<Appended> {
  return inTransaction(ctx.client, async (session) => {
    if (!(await col(ctx, 'users').findOne({ _id: s.userId }, { session, projection: { _id: 1 } }))) {
      throw notFound('User', s.userId);
    }
    const { tokenHash, ...rest } = s;
    await col(ctx, 'sessions').insertOne({ _id: tokenHash, ...rest }, { session });
    return { events: await appendEvents(ctx, session, audit) };
  });
}
