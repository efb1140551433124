import type { NotificationTemplate } from '../store/port.js';

/**
 * The notifications port: how the hub reaches a citizen's phone (SMS,
 * WeChat). A provider sends one message or throws; the outbox job retries
 * what throws and records every outcome (docs/appointments.md).
 */
export interface NotifyMessage {
  /** A mainland mobile number. */
  to: string;
  template: NotificationTemplate;
  /** The template's values: booking code, hall, day, slot time. */
  params: Record<string, string>;
}

export interface Notifier {
  /** The provider's name, as configured (`log`, `sms-http`, `off`). */
  readonly name: string;
  send(message: NotifyMessage): Promise<void>;
}
