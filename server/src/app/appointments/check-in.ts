import { DomainError, isDomainError, type Actor } from '../../domain/index.js';
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
 * The booking is checked in by the ticket issue itself, in one atomic store
 * step with the booking's version as read here: the ticket, the booking's
 * `checked_in` with the ticket id, and both events are written together or
 * not at all. Two kiosks scanning the same code give one ticket; the other
 * is told the booking is already checked in (`invalid_state`).
 */
export async function checkInBooking(
  deps: AppDeps,
  props: { hallId: string; code: string; actor: Actor },
): Promise<{ booking: Appointment; issued: IssuedTicket }> {
  const hall = await requireHall(deps, props.hallId);
  const booking = await findBooking(deps, { code: props.code, hallId: hall.id });
  requireBookedForCheckIn(booking);
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
  try {
    const issued = await issueTicket(deps, {
      hallId: hall.id,
      serviceId: booking.serviceId,
      channel: 'appointment',
      checkIn: booking,
      actor: props.actor,
    });
    return { booking: issued.booking ?? booking, issued };
  } catch (err) {
    // Changed since it was read: most often another kiosk checked it in first.
    if (isDomainError(err) && err.code === 'conflict') {
      const latest = await deps.store.getAppointment(booking.id);
      if (latest) requireBookedForCheckIn(latest);
    }
    throw err;
  }
}

function requireBookedForCheckIn(booking: Appointment): void {
  if (booking.status !== 'booked') {
    throw new DomainError('invalid_state', `This booking is ${booking.status}.`, {
      status: booking.status,
      subject: 'booking',
      action: 'check_in',
    });
  }
}
