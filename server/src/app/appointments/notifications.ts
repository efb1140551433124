import { businessDay, type Hall } from '../../domain/index.js';
import { instantOf, maskPhone, reminderLeadMs, type Appointment } from '../../domain/appointments/index.js';
import type { NewOutboxMessage, OutboxMessage } from '../../store/port.js';
import type { AppDeps } from '../deps.js';
import { requireHall } from '../lookups.js';

/**
 * Confirmations and reminders of bookings, through the notification outbox
 * (docs/appointments.md). Queuing reads the bookings still `booked` and
 * offers each its messages under a stable key, so a message is queued once
 * however often it is offered; sending claims each due message by
 * compare-and-set, so two hubs never send one message twice. Only bookings
 * with a phone get messages; the phone is read from the booking when
 * sending, so purging the booking leaves no phone in the outbox.
 */

/** How long a claimed message is held before another run may take it again (its sender presumed dead). */
export const SEND_LEASE_MS = 5 * 60_000;
const BATCH = 200;

/*
 * Keys follow the booking's version: a booking still `booked` changes only by
 * a move (每次改约), so each move gives a new confirmation of the new slot and,
 * inside the lead, a new reminder, while the messages of the old slot are
 * cancelled at send time ('booking moved') or were already sent for it. A
 * booking never moved keeps its first keys (version 1, no suffix).
 */
const since = (a: Appointment) => (a.version === 1 ? '' : `:v${a.version}`);
const confirmationKey = (a: Appointment) => `${a.id}:booking_confirmed${since(a)}`;
const reminderKey = (a: Appointment, slotAt: number) => `${a.id}:booking_reminder:${slotAt}${since(a)}`;

/** Queues the confirmation of every live booking with a phone, and the reminder of those inside the hall's lead. */
export async function queueBookingNotifications(deps: AppDeps, now: number): Promise<number> {
  let queued = 0;
  for (const hall of await deps.store.listHalls()) {
    const from = businessDay(now, hall.timeZone);
    const leadMs = reminderLeadMs(
      await deps.store.getAppointmentSettings(hall.id),
      deps.notify.reminderLeadMs,
    );
    const messages: NewOutboxMessage[] = [];
    for (const listed of await deps.store.listAppointments(hall.id, {
      from,
      statuses: ['booked'],
      limit: 5000,
    })) {
      if (listed.phone === null) continue;
      const slotAt = instantOf(listed.day, listed.slotStart, hall.timeZone);
      if (slotAt <= now) continue;
      const a = await deps.store.getAppointment(listed.id);
      if (!a || a.status !== 'booked' || !a.phone) continue;
      const base = { hallId: a.hallId, appointmentId: a.id, slotAt, createdAt: now };
      messages.push({
        ...base,
        id: deps.newId(),
        template: 'booking_confirmed',
        key: confirmationKey(a),
        dueAt: now,
      });
      if (slotAt - leadMs <= now) {
        messages.push({
          ...base,
          id: deps.newId(),
          template: 'booking_reminder',
          key: reminderKey(a, slotAt),
          dueAt: now,
        });
      }
    }
    if (messages.length > 0) queued += await deps.store.queueNotifications(messages);
  }
  return queued;
}

function clock(at: number, timeZone: string): string {
  return new Intl.DateTimeFormat('zh-CN', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(at);
}

/** Why a queued message is no longer wanted, or null when it still is. */
function obsolete(m: OutboxMessage, a: Appointment | null, timeZone: string, now: number): string | null {
  if (!a || a.status !== 'booked') return `booking ${a ? a.status : 'gone'}`;
  if (!a.phone) return 'booking has no phone';
  if (instantOf(a.day, a.slotStart, timeZone) !== m.slotAt) return 'booking moved';
  if (m.slotAt <= now) return 'slot passed';
  return null;
}

export interface SendResult {
  sent: number;
  retried: number;
  failed: number;
  cancelled: number;
}

/** Sends the due messages: each is claimed, sent through the provider and settled with its outcome. */
export async function sendDueNotifications(deps: AppDeps, now: number): Promise<SendResult> {
  const result: SendResult = { sent: 0, retried: 0, failed: 0, cancelled: 0 };
  const halls = new Map<string, Hall | null>();
  for (const m of await deps.store.dueNotifications(now, BATCH)) {
    if (!(await deps.store.claimNotification(m.id, m.attempts, now + SEND_LEASE_MS))) continue;
    const a = await deps.store.getAppointment(m.appointmentId);
    if (!halls.has(m.hallId)) halls.set(m.hallId, await deps.store.getHall(m.hallId));
    const hall = halls.get(m.hallId) ?? null;
    const timeZone = hall?.timeZone ?? 'Asia/Shanghai';
    const reason = obsolete(m, a, timeZone, now);
    if (reason !== null || !a?.phone) {
      await deps.store.settleNotification({ id: m.id, status: 'cancelled', at: now, lastError: reason });
      result.cancelled++;
      continue;
    }
    const attempts = m.attempts + 1;
    try {
      await deps.notifier.send({
        to: a.phone,
        template: m.template,
        params: {
          code: a.code,
          hall: hall?.name ?? '',
          day: a.day,
          time: clock(m.slotAt, timeZone),
        },
      });
      await deps.store.settleNotification({ id: m.id, status: 'sent', at: deps.now(), lastError: null });
      result.sent++;
    } catch (err) {
      const lastError = (err instanceof Error ? err.message : String(err)).slice(0, 500);
      const log = deps.log.child({ hallId: a.hallId });
      if (attempts >= deps.notify.maxAttempts) {
        await deps.store.settleNotification({ id: m.id, status: 'failed', at: now, lastError });
        log.warn({ notification: m.id, attempts, err: lastError }, 'notification failed');
        result.failed++;
      } else {
        const dueAt = now + deps.notify.retryBaseMs * 2 ** (attempts - 1);
        await deps.store.settleNotification({ id: m.id, status: 'queued', at: now, dueAt, lastError });
        result.retried++;
      }
    }
  }
  return result;
}

export interface NotificationView {
  id: string;
  template: OutboxMessage['template'];
  status: OutboxMessage['status'];
  attempts: number;
  lastError: string | null;
  /** Masked; null once the booking's personal data is purged. */
  phone: string | null;
  bookingCode: string | null;
  createdAt: number;
  dueAt: number;
  sentAt: number | null;
}

/** A hall's recent messages for the admin, newest first, phone masked. */
export async function listHallNotifications(
  deps: AppDeps,
  input: { hallId: string; limit?: number },
): Promise<{ messages: NotificationView[] }> {
  await requireHall(deps, input.hallId);
  const rows = await deps.store.listNotifications(input.hallId, input.limit ?? 100);
  const bookings = new Map<string, Appointment | null>();
  const messages: NotificationView[] = [];
  for (const m of rows) {
    if (!bookings.has(m.appointmentId))
      bookings.set(m.appointmentId, await deps.store.getAppointment(m.appointmentId));
    const a = bookings.get(m.appointmentId) ?? null;
    messages.push({
      id: m.id,
      template: m.template,
      status: m.status,
      attempts: m.attempts,
      lastError: m.lastError,
      phone: maskPhone(a?.phone ?? null),
      bookingCode: a?.code ?? null,
      createdAt: m.createdAt,
      dueAt: m.dueAt,
      sentAt: m.sentAt,
    });
  }
  return { messages };
}
