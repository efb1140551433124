import { hhmmToMinutes, spansForDay } from '../calendar.js';
import { DomainError } from '../errors.js';
import type { HallCalendar } from '../types.js';
import { addDays, instantOf, weekdayOf } from './clock.js';
import type { AppointmentSettings, ServiceAppointmentSettings } from './settings.js';

/**
 * Bookable slots come from the hall calendar: the weekly hours, closed on a
 * holiday, replaced on a special day (延时服务 evenings, 周末轮值 weekend
 * service days). A slot must fit inside one opening span, so nobody is given
 * a time at which the hall is closed.
 */
export interface SlotDef {
  /** Hall-local minutes since midnight. */
  start: number;
  end: number;
  /** Citizens served in the slot, walk-ins and bookings together. */
  capacity: number;
}

export interface SlotAvailability extends SlotDef {
  booked: number;
  /** Places that can still be booked: bounded by the slot and by the hour's booked-share cap. */
  free: number;
}

export function slotsForDay(
  calendar: HallCalendar,
  day: string,
  service: ServiceAppointmentSettings,
): SlotDef[] {
  const out: SlotDef[] = [];
  const spans = [...spansForDay(calendar, day, weekdayOf(day))].sort(
    (a, b) => hhmmToMinutes(a.open) - hhmmToMinutes(b.open),
  );
  for (const span of spans) {
    const close = hhmmToMinutes(span.close);
    for (let t = hhmmToMinutes(span.open); t + service.slotMinutes <= close; t += service.slotMinutes) {
      out.push({ start: t, end: t + service.slotMinutes, capacity: service.capacityPerSlot });
    }
  }
  return out;
}

const hourOf = (slot: SlotDef): number => Math.floor(slot.start / 60);

/**
 * How many places each clock hour may give to bookings: the share of the
 * hour's capacity, rounded down, so the rest of the hour stays for walk-ins.
 */
export function hourCaps(slots: SlotDef[], maxBookedShare: number): Map<number, number> {
  const capacity = new Map<number, number>();
  for (const s of slots) capacity.set(hourOf(s), (capacity.get(hourOf(s)) ?? 0) + s.capacity);
  const caps = new Map<number, number>();
  for (const [hour, c] of capacity) caps.set(hour, Math.floor(c * maxBookedShare + 1e-9));
  return caps;
}

/** Slots with what is booked and what is still free, given booked counts by slot start. */
export function availability(
  slots: SlotDef[],
  bookedByStart: ReadonlyMap<number, number>,
  maxBookedShare: number,
): SlotAvailability[] {
  const caps = hourCaps(slots, maxBookedShare);
  const bookedInHour = new Map<number, number>();
  for (const s of slots) {
    const h = hourOf(s);
    bookedInHour.set(h, (bookedInHour.get(h) ?? 0) + (bookedByStart.get(s.start) ?? 0));
  }
  return slots.map((s) => {
    const booked = bookedByStart.get(s.start) ?? 0;
    const hourLeft = (caps.get(hourOf(s)) ?? 0) - (bookedInHour.get(hourOf(s)) ?? 0);
    const free = Math.max(0, Math.min(s.capacity - booked, hourLeft));
    return { ...s, booked, free };
  });
}

export type SlotRefusal = 'slot_unknown' | 'slot_full';

/** Whether one more booking fits the slot starting at `start`; the store asks this inside its transaction. */
export function slotRefusal(
  slots: SlotDef[],
  bookedByStart: ReadonlyMap<number, number>,
  maxBookedShare: number,
  start: number,
): SlotRefusal | null {
  const slot = availability(slots, bookedByStart, maxBookedShare).find((s) => s.start === start);
  if (!slot) return 'slot_unknown';
  return slot.free > 0 ? null : 'slot_full';
}

/** Whether `day` is inside the booking horizon and `start` is far enough ahead of now. */
export function slotOpenForBooking(
  settings: Pick<AppointmentSettings, 'horizonDays' | 'minLeadMinutes'>,
  today: string,
  day: string,
  start: number,
  now: number,
  timeZone: string,
): boolean {
  if (day < today || day > addDays(today, settings.horizonDays)) return false;
  return instantOf(day, start, timeZone) >= now + settings.minLeadMinutes * 60_000;
}

/** The next two weeks of a matter, as the admin console previews them. */
export interface AppointmentPreview {
  serviceId: string;
  /** Whether citizens can book the matter under these settings. */
  offered: boolean;
  days: DayPreview[];
}

export interface DayPreview {
  day: string;
  slots: SlotAvailability[];
  capacity: number;
  bookable: number;
  booked: number;
}

/**
 * The admin console's preview: for each of the next days, the slots the
 * calendar and settings give and how many of them bookings may take.
 */
export function previewDays(
  calendar: HallCalendar,
  settings: Pick<AppointmentSettings, 'maxBookedShare'>,
  service: ServiceAppointmentSettings,
  fromDay: string,
  days: number,
  bookedByDay: ReadonlyMap<string, ReadonlyMap<number, number>> = new Map(),
): DayPreview[] {
  const out: DayPreview[] = [];
  for (let i = 0; i < days; i++) {
    const day = addDays(fromDay, i);
    const slots = availability(
      slotsForDay(calendar, day, service),
      bookedByDay.get(day) ?? new Map(),
      settings.maxBookedShare,
    );
    const caps = hourCaps(slots, settings.maxBookedShare);
    out.push({
      day,
      slots,
      capacity: slots.reduce((n, s) => n + s.capacity, 0),
      bookable: [...caps.values()].reduce((n, c) => n + c, 0),
      booked: slots.reduce((n, s) => n + s.booked, 0),
    });
  }
  return out;
}

/**
 * The place rule of a booking or a move, as a store applies it inside its
 * write: `slot_unavailable` for a time that is not a bookable slot,
 * `slot_full` when the slot or the hour's booked share is taken.
 */
export function requireSlotPlace(refusal: SlotRefusal | null, at: { day: string; slotStart: number }): void {
  if (refusal === 'slot_unknown') {
    throw new DomainError('slot_unavailable', `No bookable slot at minute ${at.slotStart} of ${at.day}.`);
  }
  if (refusal === 'slot_full') throw new DomainError('slot_full', 'That slot is fully booked.');
}

/** Whether the no-double-booking rule applies: a phone was given and the hall does not allow twins. */
export function twinRuleApplies(phone: string | null, allowDuplicates: boolean): boolean {
  return phone !== null && !allowDuplicates;
}

/** Refuses a booking whose phone already holds a live booking of that matter that day. */
export function refuseTwin(): never {
  throw new DomainError('duplicate_booking', 'This phone already has a booking of that matter that day.');
}
