import { instantOf } from './clock.js';
import type { AppointmentSettings, IdentityFieldMode } from './settings.js';

/**
 * One booking (预约) and the rules of its life: booked → checked in (a
 * ticket with the appointment head start) or cancelled or missed. A booking
 * is a promise of a place near a time, never a gate: the citizen can always
 * take an ordinary ticket.
 */

export const APPOINTMENT_STATUSES = ['booked', 'checked_in', 'cancelled', 'missed'] as const;
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];

/** Statuses that hold a place in their slot: a missed booking frees nothing retroactively. */
export const PLACE_HOLDING_STATUSES: readonly AppointmentStatus[] = ['booked', 'checked_in', 'missed'];
/** Statuses that count for the no-double-booking rule (same phone, matter and day). */
export const LIVE_STATUSES: readonly AppointmentStatus[] = ['booked', 'checked_in'];

export interface Appointment {
  id: string;
  hallId: string;
  serviceId: string;
  /** What the citizen types or scans at the kiosk; the key to view, cancel and reschedule. */
  code: string;
  /** Hall-local business day and minutes of the slot. */
  day: string;
  slotStart: number;
  slotEnd: number;
  status: AppointmentStatus;
  /** Personal data: optional per hall, masked in every list, erased by the purge job. */
  name: string | null;
  phone: string | null;
  ticketId: string | null;
  createdAt: number;
  updatedAt: number;
  checkedInAt: number | null;
  /** When name and phone were erased. */
  purgedAt: number | null;
  version: number;
}

/** Letters and digits a citizen cannot confuse when typing (no 0/O, 1/I/L). */
export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const CODE_LENGTH = 8;

/** A booking code from random bytes (at least CODE_LENGTH of them); 31^8 ≈ 8.5e11 codes. */
export function bookingCodeFrom(bytes: Uint8Array): string {
  if (bytes.length < CODE_LENGTH) throw new RangeError(`a booking code needs ${CODE_LENGTH} random bytes`);
  let out = '';
  for (let i = 0; i < CODE_LENGTH; i++) out += CODE_ALPHABET[(bytes[i] ?? 0) % CODE_ALPHABET.length];
  return out;
}

/** What a scanner or a citizen typed, as a code: case and spaces and dashes do not matter. */
export function normaliseBookingCode(text: string): string | null {
  const code = text.replace(/[\s-]/g, '').toUpperCase();
  if (code.length !== CODE_LENGTH) return null;
  for (const ch of code) if (!CODE_ALPHABET.includes(ch)) return null;
  return code;
}

const PHONE = /^1\d{10}$/;

/** A mainland mobile number, spaces and dashes removed, or null. */
export function normalisePhone(text: string): string | null {
  const p = text.replace(/[\s-]/g, '');
  return PHONE.test(p) ? p : null;
}

/** 138****5678: enough for the citizen to recognise, nothing for anyone else. */
export function maskPhone(phone: string | null): string | null {
  if (phone === null) return null;
  if (phone.length < 7) return '*'.repeat(phone.length);
  return `${phone.slice(0, 3)}****${phone.slice(-4)}`;
}

/** 张** : the family name only. */
export function maskName(name: string | null): string | null {
  if (name === null) return null;
  const chars = [...name];
  if (chars.length === 0) return '';
  return chars[0] + '*'.repeat(Math.max(1, chars.length - 1));
}

export type IdentityProblem = 'name_required' | 'phone_required' | 'invalid_phone';

/** Checks the personal data against the hall's setting and drops what the hall does not collect. */
export function identityFor(
  settings: Pick<AppointmentSettings, 'name' | 'phone'>,
  input: { name?: string | null; phone?: string | null },
): { name: string | null; phone: string | null } | IdentityProblem {
  const keep = (mode: IdentityFieldMode, v: string | null | undefined): string | null =>
    mode === 'off' ? null : v && v.trim() !== '' ? v.trim() : null;
  const name = keep(settings.name, input.name);
  const rawPhone = keep(settings.phone, input.phone);
  if (settings.name === 'required' && name === null) return 'name_required';
  if (settings.phone === 'required' && rawPhone === null) return 'phone_required';
  const phone = rawPhone === null ? null : normalisePhone(rawPhone);
  if (rawPhone !== null && phone === null) return 'invalid_phone';
  return { name, phone };
}

export type CheckInWindow =
  | { kind: 'on_time' }
  /** Too early: check-in opens at `opensAt`; an ordinary ticket is offered meanwhile. */
  | { kind: 'early'; opensAt: number }
  /** Past the late window: the head start is gone; an ordinary ticket is offered. */
  | { kind: 'late'; closedAt: number };

/** When check-in with the head start is possible: from `earlyMinutes` before the slot to `lateMinutes` after its start. */
export function checkInWindow(
  booking: Pick<Appointment, 'day' | 'slotStart'>,
  settings: Pick<AppointmentSettings, 'earlyMinutes' | 'lateMinutes'>,
  timeZone: string,
): { opensAt: number; closesAt: number } {
  const start = instantOf(booking.day, booking.slotStart, timeZone);
  return { opensAt: start - settings.earlyMinutes * 60_000, closesAt: start + settings.lateMinutes * 60_000 };
}

export function checkInTiming(
  booking: Pick<Appointment, 'day' | 'slotStart'>,
  settings: Pick<AppointmentSettings, 'earlyMinutes' | 'lateMinutes'>,
  timeZone: string,
  now: number,
): CheckInWindow {
  const w = checkInWindow(booking, settings, timeZone);
  if (now < w.opensAt) return { kind: 'early', opensAt: w.opensAt };
  if (now > w.closesAt) return { kind: 'late', closedAt: w.closesAt };
  return { kind: 'on_time' };
}

/**
 * A booking still `booked` once its late window has closed is missed. The
 * slot's place is not given back to the past: the mark only records it.
 */
export function isMissed(
  booking: Pick<Appointment, 'day' | 'slotStart' | 'status'>,
  settings: Pick<AppointmentSettings, 'earlyMinutes' | 'lateMinutes'>,
  timeZone: string,
  now: number,
): boolean {
  return booking.status === 'booked' && now > checkInWindow(booking, settings, timeZone).closesAt;
}

/** Bookings whose personal data is due for erasure: `purgeAfterDays` after the booked day, once settled. */
export function isDueForPurge(
  booking: Pick<Appointment, 'day' | 'status' | 'purgedAt' | 'name' | 'phone'>,
  purgeAfterDays: number,
  today: string,
  addDays: (day: string, n: number) => string,
): boolean {
  if (booking.purgedAt !== null || (booking.name === null && booking.phone === null)) return false;
  if (booking.status === 'booked') return false;
  return addDays(booking.day, purgeAfterDays) <= today;
}

/** What a booking shows in any list: personal data masked, never whole. */
export function maskedAppointment<T extends Pick<Appointment, 'name' | 'phone'>>(a: T): T {
  return { ...a, name: maskName(a.name), phone: maskPhone(a.phone) };
}

/** Which state changes a booking allows. */
export function canChange(status: AppointmentStatus, action: 'cancel' | 'reschedule' | 'check_in'): boolean {
  return status === 'booked' && ['cancel', 'reschedule', 'check_in'].includes(action);
}
