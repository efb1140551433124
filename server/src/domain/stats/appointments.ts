import { localTime } from '../numbering.js';
import type { Appointment } from '../appointments/index.js';

/**
 * 预约 figures of a period: what became of the bookings whose slot falls in
 * it, and how many checked-in bookings were called near their slot. Only
 * counts leave this module; no name, phone or code.
 */

/** A checked-in booking's ticket called this long after its slot start still counts as on time. */
export const ON_TIME_AFTER_SLOT_MINUTES = 15;

export interface AppointmentStats {
  /** Bookings with a slot in the period, whatever became of them. */
  booked: number;
  cancelled: number;
  checkedIn: number;
  missed: number;
  /** Still waiting for their slot (not checked in, cancelled or missed yet). */
  pending: number;
  /** Of `checkedIn`: tickets already called at least once. */
  called: number;
  /** Of `called`: first call between slot start − early window and slot start + 15 min. */
  onTime: number;
  /** onTime / called; null when no checked-in ticket was called. */
  onTimeRate: number | null;
}

/** The first call of a booking's ticket, as the fold of the log recorded it. */
export interface BookingTicketCall {
  ticketId: string;
  /** Epoch ms of the first call; null while never called. */
  calledAt: number | null;
}

export function emptyAppointmentStats(): AppointmentStats {
  return {
    booked: 0,
    cancelled: 0,
    checkedIn: 0,
    missed: 0,
    pending: 0,
    called: 0,
    onTime: 0,
    onTimeRate: null,
  };
}

/** Whether a first call at `calledAt` is inside the on-time bound of the booking's slot. */
export function calledOnTime(
  a: Pick<Appointment, 'day' | 'slotStart'>,
  calledAt: number,
  earlyMinutes: number,
  timeZone: string,
): boolean {
  const t = localTime(calledAt, timeZone);
  if (t.day !== a.day) return false;
  return t.minutes >= a.slotStart - earlyMinutes && t.minutes <= a.slotStart + ON_TIME_AFTER_SLOT_MINUTES;
}

/** Sums bookings (already narrowed to the period and area) with their tickets' first calls. */
export function appointmentStats(
  bookings: Iterable<Pick<Appointment, 'status' | 'day' | 'slotStart' | 'ticketId'>>,
  calls: ReadonlyMap<string, number | null>,
  earlyMinutes: number,
  timeZone: string,
): AppointmentStats {
  const s = emptyAppointmentStats();
  for (const a of bookings) {
    s.booked += 1;
    if (a.status === 'cancelled') s.cancelled += 1;
    else if (a.status === 'missed') s.missed += 1;
    else if (a.status === 'booked') s.pending += 1;
    else {
      s.checkedIn += 1;
      const calledAt = a.ticketId === null ? null : (calls.get(a.ticketId) ?? null);
      if (calledAt === null) continue;
      s.called += 1;
      if (calledOnTime(a, calledAt, earlyMinutes, timeZone)) s.onTime += 1;
    }
  }
  s.onTimeRate = s.called === 0 ? null : s.onTime / s.called;
  return s;
}
