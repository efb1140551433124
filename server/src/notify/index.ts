export type { Notifier, NotifyMessage } from './port.js';
export { logNotifier, offNotifier, smsHttpNotifier, type SmsHttpOptions } from './providers.js';

/** How the outbox job behaves; the hub takes it from NOTIFY_* (server/src/config.ts). */
export interface NotifySettings {
  /** How long before the slot the reminder goes out. */
  reminderLeadMs: number;
  /** Attempts before a message is marked failed. */
  maxAttempts: number;
  /** The wait before the first retry; it doubles after each failure. */
  retryBaseMs: number;
}

export const DEFAULT_NOTIFY_SETTINGS: NotifySettings = {
  reminderLeadMs: 2 * 60 * 60_000,
  maxAttempts: 5,
  retryBaseMs: 60_000,
};
