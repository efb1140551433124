import { maskPhone } from '../domain/appointments/index.js';
import type { Logger } from '../logger.js';
import type { Notifier, NotifyMessage } from './port.js';

/** Writes each message to the hub's log, phone masked: for halls without an SMS contract, and for trials. */
export function logNotifier(log: Logger): Notifier {
  return {
    name: 'log',
    async send(m: NotifyMessage) {
      log.info({ to: maskPhone(m.to), template: m.template, params: m.params }, 'notification sent');
    },
  };
}

/** Sends nothing and fails every message: the outbox keeps them, marked failed, for the admin to see. */
export function offNotifier(): Notifier {
  return {
    name: 'off',
    async send() {
      throw new Error('notifications are off (NOTIFY_PROVIDER=off)');
    },
  };
}

export interface SmsHttpOptions {
  /** The SMS gateway's endpoint; it receives `POST { to, template, params }` as JSON. */
  url: string;
  /** Sent as `Authorization: Bearer <token>` when set. */
  token?: string;
  timeoutMs?: number;
}

/**
 * An SMS gateway reached over HTTP: one JSON POST per message; any answer
 * but 2xx (or no answer within the timeout) is a failure the outbox retries.
 */
export function smsHttpNotifier(options: SmsHttpOptions): Notifier {
  return {
    name: 'sms-http',
    async send(m: NotifyMessage) {
      const res = await fetch(options.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        },
        body: JSON.stringify({ to: m.to, template: m.template, params: m.params }),
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      });
      if (!res.ok) {
        const text = (await res.text().catch(() => '')).slice(0, 200);
        throw new Error(`SMS gateway answered ${res.status}${text ? `: ${text}` : ''}`);
      }
    },
  };
}
