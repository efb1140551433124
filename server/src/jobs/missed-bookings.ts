import { markMissedBookings, type AppDeps } from '../app/index.js';
import type { Job } from './job.js';

/**
 * Marks bookings nobody checked in by the end of their late window as
 * missed (docs/appointments.md). The place is not given back. Idempotent:
 * a missed booking is no longer `booked`, so a second run skips it.
 */
export const missedBookingsJob: Job = {
  name: 'missed-bookings',
  every: '5 minutes',
  async perform(deps: AppDeps) {
    await markMissedBookings(deps, deps.now());
  },
};
