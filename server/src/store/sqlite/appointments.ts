import { DomainError, type HallEvent } from '../../domain/index.js';
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
  type AppointmentStatus,
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
import { isUniqueViolation, notFound, readTx, sql, writeTx, type Db } from './connection.js';
import { appendEvents } from './events.js';
import { getHallSetting, saveHallSetting } from './settings.js';

/** Bookings (预约): one row each; the settings are a hall setting document. */

const SETTINGS_KEY = 'appointments';

const HOLDING = PLACE_HOLDING_STATUSES;
const LIVE = LIVE_STATUSES;

interface Row {
  id: string;
  hall_id: string;
  service_id: string;
  code: string;
  day: string;
  slot_start: number;
  slot_end: number;
  status: AppointmentStatus;
  name: string | null;
  phone: string | null;
  ticket_id: string | null;
  created_at: number;
  updated_at: number;
  checked_in_at: number | null;
  purged_at: number | null;
  version: number;
}

function toAppointment(r: Row): Appointment {
  return {
    id: r.id,
    hallId: r.hall_id,
    serviceId: r.service_id,
    code: r.code,
    day: r.day,
    slotStart: r.slot_start,
    slotEnd: r.slot_end,
    status: r.status,
    name: r.name,
    phone: r.phone,
    ticketId: r.ticket_id,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    checkedInAt: r.checked_in_at,
    purgedAt: r.purged_at,
    version: r.version,
  };
}

export function getAppointmentSettings(db: Db, hallId: string): AppointmentSettings {
  const stored = getHallSetting(db, hallId, SETTINGS_KEY) as Partial<AppointmentSettings> | null;
  return { ...defaultAppointmentSettings(), ...(stored ?? {}) };
}

export function saveAppointmentSettings(
  db: Db,
  hallId: string,
  settings: AppointmentSettings,
  at: number,
  audit: Parameters<typeof saveHallSetting>[5],
): { events: HallEvent[] } {
  const problems = appointmentSettingsProblems(settings);
  if (problems.length > 0) {
    throw new DomainError('invalid_config', `Appointment settings: ${problems.join('; ')}`, { problems });
  }
  return saveHallSetting(db, hallId, SETTINGS_KEY, settings, at, audit);
}

export function getAppointment(db: Db, id: string): Appointment | null {
  const row = sql(db, 'SELECT * FROM appointments WHERE id = ?').get(id) as Row | undefined;
  return row ? toAppointment(row) : null;
}

export function getAppointmentByCode(db: Db, code: string): Appointment | null {
  const row = sql(db, 'SELECT * FROM appointments WHERE code = ?').get(code) as Row | undefined;
  return row ? toAppointment(row) : null;
}

const inList = (xs: readonly string[]): string => xs.map(() => '?').join(', ');

function bookedByStart(db: Db, hallId: string, serviceId: string, day: string, except: string | null) {
  const rows = sql(
    db,
    `SELECT slot_start, COUNT(*) AS n FROM appointments
     WHERE hall_id = ? AND service_id = ? AND day = ? AND status IN (${inList(HOLDING)}) AND id != ?
     GROUP BY slot_start`,
  ).all(hallId, serviceId, day, ...HOLDING, except ?? '') as { slot_start: number; n: number }[];
  return new Map(rows.map((r) => [r.slot_start, r.n]));
}

function checkPlace(
  db: Db,
  a: Pick<Appointment, 'id' | 'hallId' | 'serviceId' | 'day' | 'slotStart' | 'phone'>,
  rule: { slots: SlotDef[]; maxBookedShare: number; allowDuplicates: boolean },
): void {
  const refusal = slotRefusal(
    rule.slots,
    bookedByStart(db, a.hallId, a.serviceId, a.day, a.id),
    rule.maxBookedShare,
    a.slotStart,
  );
  requireSlotPlace(refusal, a);
  if (twinRuleApplies(a.phone, rule.allowDuplicates)) {
    const twin = sql(
      db,
      `SELECT 1 FROM appointments WHERE hall_id = ? AND phone = ? AND service_id = ? AND day = ?
       AND status IN (${inList(LIVE)}) AND id != ?`,
    ).get(a.hallId, a.phone, a.serviceId, a.day, ...LIVE, a.id);
    if (twin) refuseTwin();
  }
}

function columns(a: Appointment): unknown[] {
  return [
    a.serviceId,
    a.day,
    a.slotStart,
    a.slotEnd,
    a.status,
    a.name,
    a.phone,
    a.ticketId,
    a.updatedAt,
    a.checkedInAt,
    a.purgedAt,
    a.version,
  ];
}

export function bookAppointment(
  db: Db,
  input: BookAppointmentInput,
): { appointment: Appointment; events: HallEvent[] } {
  const a = input.appointment;
  return writeTx(db, () => {
    if (!sql(db, 'SELECT 1 FROM halls WHERE id = ?').get(a.hallId)) throw notFound('Hall', a.hallId);
    checkPlace(db, a, input);
    try {
      sql(
        db,
        `INSERT INTO appointments (id, hall_id, code, created_at, service_id, day, slot_start, slot_end, status,
           name, phone, ticket_id, updated_at, checked_in_at, purged_at, version)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(a.id, a.hallId, a.code, a.createdAt, ...columns(a));
    } catch (err) {
      // A code drawn twice: the caller draws another.
      if (isUniqueViolation(err)) throw new DomainError('conflict', 'Booking id or code already taken.');
      throw err;
    }
    return { appointment: a, events: appendEvents(db, input.events) };
  });
}

function current(db: Db, id: string, expectedVersion: number): Appointment {
  const found = getAppointment(db, id);
  if (!found) throw notFound('Appointment', id);
  if (found.version !== expectedVersion) {
    throw new DomainError('conflict', `Booking ${id} was changed meanwhile; reload and try again.`, {
      version: found.version,
    });
  }
  return found;
}

function write(db: Db, a: Appointment): void {
  sql(
    db,
    `UPDATE appointments SET service_id = ?, day = ?, slot_start = ?, slot_end = ?, status = ?, name = ?,
       phone = ?, ticket_id = ?, updated_at = ?, checked_in_at = ?, purged_at = ?, version = ?
     WHERE id = ?`,
  ).run(...columns(a), a.id);
}

export function rescheduleAppointment(
  db: Db,
  input: RescheduleAppointmentInput,
): { appointment: Appointment; events: HallEvent[] } {
  return writeTx(db, () => {
    const was = current(db, input.id, input.expectedVersion);
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
    checkPlace(db, next, input);
    write(db, next);
    return { appointment: next, events: appendEvents(db, input.events) };
  });
}

/**
 * The booking half of a check-in ticket issue (port `BookingCheckIn`): the
 * booking must be the ticket's, in its hall, at the expected version. Call
 * only inside the write transaction.
 */
export function applyCheckIn(
  db: Db,
  ticket: { hallId: string; appointmentId: string | null },
  checkIn: BookingCheckIn,
): Appointment {
  const id = ticket.appointmentId;
  const was = id === null ? null : current(db, id, checkIn.expectedVersion);
  if (!was || was.hallId !== ticket.hallId) {
    throw new DomainError('conflict', 'A check-in ticket needs a booking of its hall.', {
      appointmentId: id,
    });
  }
  const next: Appointment = { ...was, ...checkIn.patch, version: was.version + 1 };
  write(db, next);
  return next;
}

export function updateAppointment(
  db: Db,
  u: AppointmentUpdate,
): { appointment: Appointment; events: HallEvent[] } {
  return writeTx(db, () => {
    const was = current(db, u.next.id, u.expectedVersion);
    if (u.next.hallId !== was.hallId || u.next.code !== was.code) {
      throw new DomainError('conflict', 'A booking keeps its hall and code.');
    }
    const next = { ...u.next, version: was.version + 1 };
    write(db, next);
    return { appointment: next, events: appendEvents(db, u.events) };
  });
}

export function listAppointments(db: Db, hallId: string, q: AppointmentQuery = {}): Appointment[] {
  const where = ['hall_id = ?'];
  const args: unknown[] = [hallId];
  const add = (clause: string, value: unknown): void => {
    where.push(clause);
    args.push(value);
  };
  if (q.from) add('day >= ?', q.from);
  if (q.to) add('day <= ?', q.to);
  if (q.serviceId) add('service_id = ?', q.serviceId);
  if (q.statuses && q.statuses.length > 0) {
    where.push(`status IN (${inList(q.statuses)})`);
    args.push(...q.statuses);
  }
  if (q.withPersonalData) where.push('(name IS NOT NULL OR phone IS NOT NULL)');
  if (q.after) {
    where.push('(day, slot_start, created_at, id) > (?, ?, ?, ?)');
    args.push(q.after.day, q.after.slotStart, q.after.createdAt, q.after.id);
  }
  const limit = Math.max(1, Math.min(q.limit ?? 1000, 5000));
  const rows = readTx(db, () =>
    db
      .prepare(
        `SELECT * FROM appointments WHERE ${where.join(' AND ')} ORDER BY day, slot_start, created_at, id LIMIT ?`,
      )
      .all(...args, limit),
  ) as Row[];
  return rows.map((r) => maskedAppointment(toAppointment(r)));
}

export function bookedCounts(
  db: Db,
  hallId: string,
  serviceId: string,
  from: string,
  to: string,
): BookedCount[] {
  const rows = sql(
    db,
    `SELECT day, slot_start, COUNT(*) AS n FROM appointments
     WHERE hall_id = ? AND service_id = ? AND day >= ? AND day <= ? AND status IN (${inList(HOLDING)})
     GROUP BY day, slot_start ORDER BY day, slot_start`,
  ).all(hallId, serviceId, from, to, ...HOLDING) as { day: string; slot_start: number; n: number }[];
  return rows.map((r) => ({ day: r.day, slotStart: r.slot_start, count: r.n }));
}
