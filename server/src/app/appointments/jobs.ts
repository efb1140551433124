import { appointmentEvent, businessDay, DomainError, SYSTEM } from '../../domain/index.js';
import { addDays, isDueForPurge, isMissed } from '../../domain/appointments/index.js';
import type { AppDeps } from '../deps.js';

/**
 * The booking jobs, as plain functions of "now": each is idempotent (a
 * second run finds nothing left to do) and safe beside a citizen acting on
 * the same booking (every write is compare-and-set; a lost race is skipped
 * and picked up by the next run if still due).
 */

/** Marks `booked` bookings whose late window has closed as missed. The place is not given back. */
export async function markMissedBookings(deps: AppDeps, now: number): Promise<number> {
  let marked = 0;
  for (const hall of await deps.store.listHalls()) {
    const settings = await deps.store.getAppointmentSettings(hall.id);
    const to = businessDay(now, hall.timeZone);
    for (const listed of await deps.store.listAppointments(hall.id, {
      to,
      statuses: ['booked'],
      limit: 5000,
    })) {
      if (!isMissed(listed, settings, hall.timeZone, now)) continue;
      const a = await deps.store.getAppointment(listed.id);
      if (!a || a.status !== 'booked') continue;
      try {
        await deps.store.updateAppointment({
          next: { ...a, status: 'missed', updatedAt: now },
          expectedVersion: a.version,
          events: [appointmentEvent('appointment.missed', a, now, SYSTEM)],
        });
        marked++;
      } catch (err) {
        if (!(err instanceof DomainError && err.code === 'conflict')) throw err;
      }
    }
  }
  return marked;
}

/** Erases name and phone of settled bookings `purgeAfterDays` after their day. */
export async function purgeBookingPersonalData(deps: AppDeps, now: number): Promise<number> {
  let purged = 0;
  for (const hall of await deps.store.listHalls()) {
    const settings = await deps.store.getAppointmentSettings(hall.id);
    const today = businessDay(now, hall.timeZone);
    const to = addDays(today, -settings.purgeAfterDays);
    for (const listed of await deps.store.listAppointments(hall.id, {
      to,
      withPersonalData: true,
      limit: 5000,
    })) {
      const a = await deps.store.getAppointment(listed.id);
      if (!a || !isDueForPurge(a, settings.purgeAfterDays, today, addDays)) continue;
      try {
        await deps.store.updateAppointment({
          next: { ...a, name: null, phone: null, purgedAt: now, updatedAt: now },
          expectedVersion: a.version,
          events: [appointmentEvent('appointment.purged', a, now, SYSTEM)],
        });
        purged++;
      } catch (err) {
        if (!(err instanceof DomainError && err.code === 'conflict')) throw err;
      }
    }
  }
  return purged;
}
