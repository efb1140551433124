import { randomBytes } from 'node:crypto';
import {
  appointmentEvent,
  appointmentRescheduled,
  DomainError,
  type Actor,
  type Hall,
} from '../../domain/index.js';
import {
  addDays,
  availability,
  bookableService,
  bookingCodeFrom,
  identityFor,
  isValidDay,
  normaliseBookingCode,
  slotOpenForBooking,
  slotsForDay,
  CODE_LENGTH,
  type Appointment,
  type AppointmentSettings,
  type ServiceAppointmentSettings,
} from '../../domain/appointments/index.js';
import type { AppDeps } from '../deps.js';
import { requireHall, requireService, today } from '../lookups.js';

/**
 * Booking without an account (预约): pick a matter, a day and a slot; get a
 * code. The code is the only key to the booking: view, cancel, reschedule
 * and check in with it. Nothing here tells one citizen about another's
 * booking: slots answer only whether they can still be booked.
 */

export interface OpenSlot {
  start: number;
  end: number;
}

interface Offer {
  hall: Hall;
  settings: AppointmentSettings;
  svc: ServiceAppointmentSettings;
}

async function offer(deps: AppDeps, hallId: string, serviceId: string): Promise<Offer> {
  const hall = await requireHall(deps, hallId);
  const settings = await deps.store.getAppointmentSettings(hall.id);
  const service = await requireService(deps, serviceId, hall.id);
  const svc = service.enabled ? bookableService(settings, service.id) : null;
  if (!svc)
    throw new DomainError(
      'booking_not_offered',
      'This matter cannot be booked here; take a ticket at the hall.',
    );
  return { hall, settings, svc };
}

async function bookedOn(deps: AppDeps, o: Offer, day: string): Promise<Map<number, number>> {
  const counts = await deps.store.bookedCounts(o.hall.id, o.svc.serviceId, day, day);
  return new Map(counts.map((c) => [c.slotStart, c.count]));
}

/** The slots of a day that can still be booked now. */
export async function openSlots(
  deps: AppDeps,
  props: { hallId: string; serviceId: string; day?: string },
): Promise<OpenSlot[]> {
  const o = await offer(deps, props.hallId, props.serviceId);
  const day = props.day ?? today(deps, o.hall);
  if (!isValidDay(day)) return [];
  const now = deps.now();
  const slots = availability(
    slotsForDay(o.hall.calendar, day, o.svc),
    await bookedOn(deps, o, day),
    o.settings.maxBookedShare,
  );
  return slots
    .filter((s) => s.free > 0)
    .filter((s) => slotOpenForBooking(o.settings, today(deps, o.hall), day, s.start, now, o.hall.timeZone))
    .map((s) => ({ start: s.start, end: s.end }));
}

export interface BookingOptions {
  hall: { id: string; name: string };
  services: { id: string; name: string; domain: string; slotMinutes: number }[];
  /** The days a booking may be made for, today first. */
  days: string[];
  name: AppointmentSettings['name'];
  phone: AppointmentSettings['phone'];
}

/** What the booking page offers; an empty `services` list when the hall does not take bookings. */
export async function bookingOptions(deps: AppDeps, props: { hallId: string }): Promise<BookingOptions> {
  const hall = await requireHall(deps, props.hallId);
  const settings = await deps.store.getAppointmentSettings(hall.id);
  const services = (await deps.store.listServices(hall.id))
    .filter((s) => s.enabled)
    .flatMap((s) => {
      const svc = bookableService(settings, s.id);
      return svc
        ? [{ id: s.id, name: s.name, domain: s.domain, slotMinutes: svc.slotMinutes, sortOrder: s.sortOrder }]
        : [];
    })
    .sort((a, b) => a.sortOrder - b.sortOrder)
    .map(({ sortOrder: _, ...s }) => s);
  const first = today(deps, hall);
  const days = settings.enabled
    ? Array.from({ length: settings.horizonDays + 1 }, (_, i) => addDays(first, i))
    : [];
  return {
    hall: { id: hall.id, name: hall.name },
    services,
    days,
    name: settings.name,
    phone: settings.phone,
  };
}

function slotOf(o: Offer, day: string, slotStart: number): { start: number; end: number } {
  const slot = isValidDay(day)
    ? slotsForDay(o.hall.calendar, day, o.svc).find((s) => s.start === slotStart)
    : undefined;
  if (!slot) throw new DomainError('slot_unavailable', 'No bookable slot at that time.');
  return slot;
}

function requireOpen(deps: AppDeps, o: Offer, day: string, start: number): void {
  if (!slotOpenForBooking(o.settings, today(deps, o.hall), day, start, deps.now(), o.hall.timeZone)) {
    throw new DomainError(
      'slot_unavailable',
      'That slot can no longer be booked (too soon, past or too far ahead).',
    );
  }
}

function mapIdentityProblem(problem: string): never {
  throw new DomainError('booking_details_invalid', `Booking refused: ${problem}.`, { reason: problem });
}

export async function bookAppointment(
  deps: AppDeps,
  props: {
    hallId: string;
    serviceId: string;
    day: string;
    slotStart: number;
    name?: string | null;
    phone?: string | null;
    actor: Actor;
  },
): Promise<Appointment> {
  const o = await offer(deps, props.hallId, props.serviceId);
  const slot = slotOf(o, props.day, props.slotStart);
  requireOpen(deps, o, props.day, slot.start);
  const who = identityFor(o.settings, props);
  if (typeof who === 'string') mapIdentityProblem(who);
  const now = deps.now();
  const slots = slotsForDay(o.hall.calendar, props.day, o.svc);
  // A code drawn twice (about one in 10^11) is refused by the store as a conflict: draw again.
  for (let attempt = 0; ; attempt++) {
    const a: Appointment = {
      id: deps.newId(),
      hallId: o.hall.id,
      serviceId: o.svc.serviceId,
      code: bookingCodeFrom(randomBytes(CODE_LENGTH)),
      day: props.day,
      slotStart: slot.start,
      slotEnd: slot.end,
      status: 'booked',
      name: who.name,
      phone: who.phone,
      ticketId: null,
      createdAt: now,
      updatedAt: now,
      checkedInAt: null,
      purgedAt: null,
      version: 1,
    };
    try {
      const done = await deps.store.bookAppointment({
        appointment: a,
        slots,
        maxBookedShare: o.settings.maxBookedShare,
        allowDuplicates: o.settings.allowDuplicates,
        events: [appointmentEvent('appointment.booked', a, now, props.actor)],
      });
      return done.appointment;
    } catch (err) {
      if (attempt < 3 && err instanceof DomainError && err.code === 'conflict') continue;
      throw err;
    }
  }
}

/** The booking a code names, or `not_found`: a wrong code and someone else's hall look the same. */
export async function findBooking(
  deps: AppDeps,
  props: { code: string; hallId?: string },
): Promise<Appointment> {
  const code = normaliseBookingCode(props.code);
  const found = code ? await deps.store.getAppointmentByCode(code) : null;
  if (!found || (props.hallId !== undefined && found.hallId !== props.hallId)) {
    throw new DomainError('not_found', 'No booking has that code.');
  }
  return found;
}

function requireBooked(a: Appointment): void {
  if (a.status !== 'booked') {
    throw new DomainError('invalid_state', `This booking is ${a.status}.`, {
      status: a.status,
      subject: 'booking',
    });
  }
}

export async function cancelBooking(
  deps: AppDeps,
  props: { code: string; actor: Actor },
): Promise<Appointment> {
  const a = await findBooking(deps, props);
  requireBooked(a);
  const now = deps.now();
  const { appointment } = await deps.store.updateAppointment({
    next: { ...a, status: 'cancelled', updatedAt: now },
    expectedVersion: a.version,
    events: [appointmentEvent('appointment.cancelled', a, now, props.actor)],
  });
  return appointment;
}

export async function rescheduleBooking(
  deps: AppDeps,
  props: { code: string; day: string; slotStart: number; actor: Actor },
): Promise<Appointment> {
  const a = await findBooking(deps, props);
  requireBooked(a);
  const o = await offer(deps, a.hallId, a.serviceId);
  const slot = slotOf(o, props.day, props.slotStart);
  requireOpen(deps, o, props.day, slot.start);
  const now = deps.now();
  const { appointment } = await deps.store.rescheduleAppointment({
    id: a.id,
    expectedVersion: a.version,
    day: props.day,
    slotStart: slot.start,
    slotEnd: slot.end,
    at: now,
    slots: slotsForDay(o.hall.calendar, props.day, o.svc),
    maxBookedShare: o.settings.maxBookedShare,
    allowDuplicates: o.settings.allowDuplicates,
    events: [appointmentRescheduled({ ...a, day: props.day, slotStart: slot.start }, a, now, props.actor)],
  });
  return appointment;
}

/** A day's bookings for staff (default today), name and phone masked by the store. */
export async function listBookings(
  deps: AppDeps,
  props: { hallId: string; day?: string },
): Promise<Appointment[]> {
  const hall = await requireHall(deps, props.hallId);
  const day = props.day ?? today(deps, hall);
  return deps.store.listAppointments(hall.id, { from: day, to: day });
}
