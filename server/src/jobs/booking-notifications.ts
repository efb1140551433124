import { queueBookingNotifications, sendDueNotifications, type AppDeps } from '../app/index.js';
import type { Job } from './job.js';

/**
 * Queues booking confirmations and reminders in the outbox and sends the
 * due ones through the configured provider (NOTIFY_PROVIDER), retrying
 * failures with a doubling wait up to NOTIFY_MAX_ATTEMPTS. Idempotent: a
 * message is queued once per key and claimed by compare-and-set before it
 * is sent, so a second run (or a second hub) sends nothing twice.
 */
export const bookingNotificationsJob: Job = {
  name: 'booking-notifications',
  every: '1 minute',
  async perform(deps: AppDeps) {
    const now = deps.now();
    await queueBookingNotifications(deps, now);
    await sendDueNotifications(deps, now);
  },
};
