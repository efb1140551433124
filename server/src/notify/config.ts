import type { HubConfig } from '../config.js';
import type { Logger } from '../logger.js';
import { DEFAULT_NOTIFY_SETTINGS, type NotifySettings } from './index.js';
import type { Notifier } from './port.js';
import { logNotifier, offNotifier, smsHttpNotifier } from './providers.js';

/** The provider and outbox settings NOTIFY_* choose. */
export function notifyDeps(
  config: Pick<
    HubConfig,
    | 'NOTIFY_PROVIDER'
    | 'NOTIFY_SMS_URL'
    | 'NOTIFY_SMS_TOKEN'
    | 'NOTIFY_REMINDER_LEAD_MINUTES'
    | 'NOTIFY_MAX_ATTEMPTS'
  >,
  log: Logger,
): { notifier: Notifier; notify: NotifySettings } {
  const notifier =
    config.NOTIFY_PROVIDER === 'sms-http' && config.NOTIFY_SMS_URL
      ? smsHttpNotifier({
          url: config.NOTIFY_SMS_URL,
          ...(config.NOTIFY_SMS_TOKEN ? { token: config.NOTIFY_SMS_TOKEN } : {}),
        })
      : config.NOTIFY_PROVIDER === 'off'
        ? offNotifier()
        : logNotifier(log);
  return {
    notifier,
    notify: {
      ...DEFAULT_NOTIFY_SETTINGS,
      reminderLeadMs: config.NOTIFY_REMINDER_LEAD_MINUTES * 60_000,
      maxAttempts: config.NOTIFY_MAX_ATTEMPTS,
    },
  };
}
