import { DomainError, type HallEvent, type NewEvent } from '../../domain/index.js';
import {
  appointmentSettingsProblems,
  defaultAppointmentSettings,
  LIVE_STATUSES,
  PLACE_HOLDING_STATUSES,
  maskedAppointment,
  refuseTwin,
  requireSlotPlace,
  slotRefusal,
  twinRuleApplies,
  type Appointment,
  type AppointmentSettings,
  type SlotDef,
} from '../../domain/appointments/index.js';
import type {
  AppointmentQuery,
  AppointmentUpdate,
  BookAppointmentInput,
  BookedCount,
  BookingCheckIn,
  RescheduleAppointmentInput,
} from '../port.js';
import { saveHallSetting } from './config-writes.js';
import { inTransaction, isDuplicateKey, notFound } from './connection.js';
import { appendEvents, col, type Ctx, type Session } from './context.js';
import { fromDoc, toDoc, type Doc } from './docs.js';

/**
 * Bookings (预约): one document each in `appointments`; the settings are the
 * hall setting `appointments`. A booking or move counts the slot's places and
 * writes in one transaction that also bumps the hall document's
 * `bookingWrites`: two racing bookings of one hall both write that document,
 * so the second gets a write conflict, is retried by `withTransaction`, and
 * counts again with the first one in (snapshot reads alone would let both
 * take the last place).
 */

export const APPOINTMENT_SETTINGS_KEY = 'appointments';

export const HOLDING = PLACE_HOLDING_STATUSES;
export const LIVE = LIVE_STATUSES;

type AppointmentDoc = Doc<Appointment>;

const appointments = (ctx: Ctx) => col<AppointmentDoc>(ctx, 'appointments');

export async function getAppointmentSettings(ctx: Ctx, hallId: string): Promise<AppointmentSettings> {
  const doc = await col(ctx, 'settings').findOne({ hallId, key: APPOINTMENT_SETTINGS_KEY });
  const stored = doc ? (JSON.parse(doc.value as string) as Partial<AppointmentSettings> | null) : null;
  return { ...defaultAppointmentSettings(), ...(stored ?? {}) };
}

export function saveAppointmentSettings(
  ctx: Ctx,
  hallId: string,
  settings: AppointmentSettings,
  at: number,
  audit: readonly NewEvent[],
): Promise<{ events: HallEvent[] }> {
  const problems = appointmentSettingsProblems(settings);
  if (problems.length > 0) {
    throw new DomainError('invalid_config', `Appointment settings: ${problems.join('; ')}`, { problems });
  }
  return saveHallSetting(ctx, hallId, APPOINTMENT_SETTINGS_KEY, settings, at, audit);
}

export async function getAppointment(ctx: Ctx, id: string): Promise<Appointment | null> {
  return fromDoc<Appointment>(await appointments(ctx).findOne({ _id: id }));
}

export async function getAppointmentByCode(ctx: Ctx, code: string): Promise<Appointment | null> {
  return fromDoc<Appointment>(await appointments(ctx).findOne({ code }));
}

/** The filter of the places a slot count sees: holding bookings of one matter and day, but `except`. */
export function holdingFilter(hallId: string, serviceId: string, day: string, except: string | null) {
  return {
    hallId,
    serviceId,
    day,
    status: { $in: [...HOLDING] },
    ...(except === null ? {} : { _id: { $ne: except } }),
  };
}

async function bookedByStart(
  ctx: Ctx,
  session: Session,
  a: Pick<Appointment, 'id' | 'hallId' | 'serviceId' | 'day'>,
): Promise<Map<number, number>> {
  const rows = await appointments(ctx)
    .aggregate<{ _id: number; n: number }>(
      [
        { $match: holdingFilter(a.hallId, a.serviceId, a.day, a.id) },
        { $group: { _id: '$slotStart', n: { $sum: 1 } } },
      ],
      { session },
    )
    .toArray();
  return new Map(rows.map((r) => [r._id, r.n]));
}

/**
 * Serialises the hall's booking writes (see the module comment). A new
 * booking needs its hall (`not_found`); a change of an existing one does not,
 * as in the SQLite store.
 */
async function lockHallBookings(
  ctx: Ctx,
  session: Session,
  hallId: string,
  hallRequired: boolean,
): Promise<void> {
  const done = await col(ctx, 'halls').updateOne(
    { _id: hallId },
    { $inc: { bookingWrites: 1 } },
    { session },
  );
  if (done.matchedCount === 0 && hallRequired) throw notFound('Hall', hallId);
}

async function checkPlace(
  ctx: Ctx,
  session: Session,
  a: Pick<Appointment, 'id' | 'hallId' | 'serviceId' | 'day' | 'slotStart' | 'phone'>,
  rule: { slots: SlotDef[]; maxBookedShare: number; allowDuplicates: boolean },
): Promise<void> {
  const refusal = slotRefusal(
    rule.slots,
    await bookedByStart(ctx, session, a),
    rule.maxBookedShare,
    a.slotStart,
  );
  requireSlotPlace(refusal, a);
  if (twinRuleApplies(a.phone, rule.allowDuplicates)) {
    const twin = await appointments(ctx).findOne(
      {
        hallId: a.hallId,
        phone: a.phone,
        serviceId: a.serviceId,
        day: a.day,
        status: { $in: [...LIVE] },
        _id: { $ne: a.id },
      },
      { session, projection: { _id: 1 } },
    );
    if (twin) refuseTwin();
  }
}

export async function bookAppointment(
  ctx: Ctx,
  input: BookAppointmentInput,
): Promise<{ appointment: Appointment; events: HallEvent[] }> {
  const a = input.appointment;
  try {
    return await inTransaction(ctx.client, async (session) => {
      await lockHallBookings(ctx, session, a.hallId, true);
      await checkPlace(ctx, session, a, input);
      await appointments(ctx).insertOne(toDoc(a), { session });
      return { appointment: a, events: await appendEvents(ctx, session, input.events) };
    });
  } catch (err) {
    // A code drawn twice: the caller draws another.
    if (isDuplicateKey(err) || (err instanceof DomainError && err.code === 'conflict')) {
      throw new DomainError('conflict', 'Booking id or code already taken.');
    }
    throw err;
  }
}

async function current(ctx: Ctx, session: Session, id: string, expectedVersion: number) {
  const found = fromDoc<Appointment>(await appointments(ctx).findOne({ _id: id }, { session }));
  if (!found) throw notFound('Appointment', id);
  if (found.version !== expectedVersion) {
    throw new DomainError('conflict', `Booking ${id} was changed meanwhile; reload and try again.`, {
      version: found.version,
    });
  }
  return found;
}

export function rescheduleAppointment(
  ctx: Ctx,
  input: RescheduleAppointmentInput,
): Promise<{ appointment: Appointment; events: HallEvent[] }> {
  return inTransaction(ctx.client, async (session) => {
    const was = await current(ctx, session, input.id, input.expectedVersion);
    if (was.status !== 'booked') {
      throw new DomainError('invalid_state', `A ${was.status} booking cannot be moved.`, {
        status: was.status,
      });
    }
    const next: Appointment = {
      ...was,
      day: input.day,
      slotStart: input.slotStart,
      slotEnd: input.slotEnd,
      updatedAt: input.at,
      version: was.version + 1,
    };
    await lockHallBookings(ctx, session, was.hallId, false);
    await checkPlace(ctx, session, next, input);
    await appointments(ctx).replaceOne({ _id: next.id, version: was.version }, toDoc(next), { session });
    return { appointment: next, events: await appendEvents(ctx, session, input.events) };
  });
}

/**
 * The booking half of a check-in ticket issue (port `BookingCheckIn`), in the
 * issue's transaction: the booking must be the ticket's, in its hall, at the
 * expected version. A racing check-in of the same booking writes the same
 * document, so one of the two transactions gets a write conflict, is retried
 * by `withTransaction`, and then finds the version moved: `conflict`.
 * Booked and checked in both hold a place, so the hall's bookings need no lock.
 */
export async function applyCheckIn(
  ctx: Ctx,
  session: Session,
  ticket: { hallId: string; appointmentId: string | null },
  checkIn: BookingCheckIn,
): Promise<Appointment> {
  const id = ticket.appointmentId;
  const was = id === null ? null : await current(ctx, session, id, checkIn.expectedVersion);
  if (!was || was.hallId !== ticket.hallId) {
    throw new DomainError('conflict', 'A check-in ticket needs a booking of its hall.', {
      appointmentId: id,
    });
  }
  const next: Appointment = { ...was, ...checkIn.patch, version: was.version + 1 };
  const done = await appointments(ctx).updateOne(
    { _id: was.id, version: was.version },
    { $set: { ...checkIn.patch, version: next.version } },
    { session },
  );
  if (done.matchedCount !== 1) {
    throw new DomainError('conflict', `Booking ${was.id} was changed meanwhile; reload and try again.`, {
      version: was.version,
    });
  }
  return next;
}

export function updateAppointment(
  ctx: Ctx,
  u: AppointmentUpdate,
): Promise<{ appointment: Appointment; events: HallEvent[] }> {
  return inTransaction(ctx.client, async (session) => {
    const was = await current(ctx, session, u.next.id, u.expectedVersion);
    if (u.next.hallId !== was.hallId || u.next.code !== was.code) {
      throw new DomainError('conflict', 'A booking keeps its hall and code.');
    }
    const next: Appointment = { ...u.next, version: was.version + 1 };
    // A status change frees or takes a place: serialised with the hall's bookings too.
    await lockHallBookings(ctx, session, was.hallId, false);
    await appointments(ctx).replaceOne({ _id: next.id, version: was.version }, toDoc(next), { session });
    return { appointment: next, events: await appendEvents(ctx, session, u.events) };
  });
}

/** The filter of `listAppointments`; null when nothing can match (an empty status list). */
export function appointmentFilter(hallId: string, q: AppointmentQuery = {}): Record<string, unknown> | null {
  const filter: Record<string, unknown> = { hallId };
  if (q.from || q.to) {
    filter.day = { ...(q.from ? { $gte: q.from } : {}), ...(q.to ? { $lte: q.to } : {}) };
  }
  if (q.serviceId) filter.serviceId = q.serviceId;
  if (q.statuses && q.statuses.length > 0) filter.status = { $in: [...q.statuses] };
  if (q.withPersonalData) filter.$or = [{ name: { $ne: null } }, { phone: { $ne: null } }];
  if (q.after) {
    const a = q.after;
    // After the cursor in (day, slotStart, createdAt, _id) order.
    const later = [
      { day: { $gt: a.day } },
      { day: a.day, slotStart: { $gt: a.slotStart } },
      { day: a.day, slotStart: a.slotStart, createdAt: { $gt: a.createdAt } },
      { day: a.day, slotStart: a.slotStart, createdAt: a.createdAt, _id: { $gt: a.id } },
    ];
    filter.$and = [...((filter.$and as unknown[] | undefined) ?? []), { $or: later }];
  }
  return filter;
}

export async function listAppointments(
  ctx: Ctx,
  hallId: string,
  q: AppointmentQuery = {},
): Promise<Appointment[]> {
  const filter = appointmentFilter(hallId, q);
  if (filter === null) return [];
  const limit = Math.max(1, Math.min(q.limit ?? 1000, 5000));
  const docs = await appointments(ctx)
    .find(filter, { sort: { day: 1, slotStart: 1, createdAt: 1, _id: 1 }, limit })
    .toArray();
  return docs.map((d) => maskedAppointment(fromDoc<Appointment>(d) as Appointment));
}

export async function bookedCounts(
  ctx: Ctx,
  hallId: string,
  serviceId: string,
  from: string,
  to: string,
): Promise<BookedCount[]> {
  const rows = await appointments(ctx)
    .aggregate<{ _id: { day: string; slotStart: number }; n: number }>([
      { $match: { hallId, serviceId, day: { $gte: from, $lte: to }, status: { $in: [...HOLDING] } } },
      { $group: { _id: { day: '$day', slotStart: '$slotStart' }, n: { $sum: 1 } } },
      { $sort: { '_id.day': 1, '_id.slotStart': 1 } },
    ])
    .toArray();
  return rows.map((r) => ({ day: r._id.day, slotStart: r._id.slotStart, count: r.n }));
}
