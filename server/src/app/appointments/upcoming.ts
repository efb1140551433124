import { DomainError, type Hall } from '../../domain/index.js';
import type { AppDeps } from '../deps.js';
import { today } from '../lookups.js';

/**
 * A matter or a hall with bookings still to come (status `booked`, day today
 * or later) is not deleted: those citizens hold a code for a slot the hall
 * promised them. The refusal counts them and names the last booked day, so
 * the admin can turn booking off and delete after it. Bookings that are
 * over (checked in, cancelled, missed, or booked for a past day) do not
 * stand in a matter's way.
 */
export async function refuseUpcomingBookings(
  deps: AppDeps,
  props: { hall: Hall; serviceId?: string; label: string },
): Promise<void> {
  const upcoming = await deps.store.listAppointments(props.hall.id, {
    from: today(deps, props.hall),
    statuses: ['booked'],
    ...(props.serviceId === undefined ? {} : { serviceId: props.serviceId }),
    limit: 5000,
  });
  const last = upcoming.at(-1);
  if (last === undefined) return;
  throw new DomainError(
    'upcoming_bookings',
    `${props.label} has ${upcoming.length} upcoming bookings (the last on ${last.day}); turn booking off and delete it after that day.`,
    {
      hallId: props.hall.id,
      ...(props.serviceId === undefined ? {} : { serviceId: props.serviceId }),
      bookings: upcoming.length,
      lastDay: last.day,
    },
  );
}
