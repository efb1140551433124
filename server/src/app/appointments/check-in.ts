import { appointmentCheckedIn, DomainError, type Actor } from '../../domain/index.js';
import { checkInTiming, minutesToHhmm, type Appointment } from '../../domain/appointments/index.js';
import type { AppDeps } from '../deps.js';
import { issueTicket, type IssuedTicket } from '../issue-ticket.js';
import { requireHall } from '../lookups.js';
import { findBooking } from './booking.js';

/**
 * Check-in (签到): a booking code, scanned or typed at the kiosk or given to
 * a clerk, becomes a ticket with the appointment head start, inside the
 * early/late window. Outside it the answer says so (`check_in_early` with
 * when it opens, `check_in_late`) and the kiosk offers an ordinary ticket:
 * a booking never stands between a citizen and the queue.
 *
 * The booking is claimed first (booked → checked_in, compare-and-set), so two
 * kiosks scanning the same code give one ticket; if the ticket cannot be
 * issued (hall closed, matter disabled) the claim is given back.
 */
export async function checkInBooking(
  deps: AppDeps,
  props: { hallId: string; code: string; actor: Actor },
): Promise<{ booking: Appointment; issued: IssuedTicket }> {
  const hall = await requireHall(deps, props.hallId);
  const booking = await findBooking(deps, { code: props.code, hallId: hall.id });
  if (booking.status !== 'booked') {
    throw new DomainError('invalid_state', `This booking is ${booking.status}.`, { status: booking.status });
  }
  const settings = await deps.store.getAppointmentSettings(hall.id);
  const now = deps.now();
  const timing = checkInTiming(booking, settings, hall.timeZone, now);
  const slot = `${minutesToHhmm(booking.slotStart)}–${minutesToHhmm(booking.slotEnd)}`;
  if (timing.kind === 'early') {
    throw new DomainError('check_in_early', 'Check-in for this booking has not opened yet.', {
      opensAt: timing.opensAt,
      day: booking.day,
      slot,
    });
  }
  if (timing.kind === 'late') {
    throw new DomainError('check_in_late', 'Check-in for this booking has closed.', {
      day: booking.day,
      slot,
    });
  }
  const claimed = await deps.store.updateAppointment({
    next: { ...booking, status: 'checked_in', checkedInAt: now, updatedAt: now },
    expectedVersion: booking.version,
    events: [],
  });
  let issued: IssuedTicket;
  try {
    issued = await issueTicket(deps, {
      hallId: hall.id,
      serviceId: booking.serviceId,
      channel: 'appointment',
      appointmentId: booking.id,
      actor: props.actor,
    });
  } catch (err) {
    await deps.store.updateAppointment({
      next: { ...claimed.appointment, status: 'booked', checkedInAt: null, updatedAt: now },
      expectedVersion: claimed.appointment.version,
      events: [],
    });
    throw err;
  }
  const done = await deps.store.updateAppointment({
    next: { ...claimed.appointment, ticketId: issued.ticket.id },
    expectedVersion: claimed.appointment.version,
    events: [appointmentCheckedIn(booking, issued.ticket.id, true, now, props.actor)],
  });
  return { booking: done.appointment, issued };
}
