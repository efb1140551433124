import { purgeBookingPersonalData, type AppDeps } from '../app/index.js';
import type { Job } from './job.js';

/**
 * Erases the name and phone of settled bookings once the hall's retention
 * period (`purgeAfterDays`) has passed (docs/appointments.md). Idempotent:
 * a purged booking holds no personal data, so a second run skips it.
 */
export const bookingDataPurgeJob: Job = {
  name: 'booking-data-purge',
  every: '1 hour',
  async perform(deps: AppDeps) {
    await purgeBookingPersonalData(deps, deps.now());
  },
};
