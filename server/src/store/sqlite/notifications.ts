import type { NewOutboxMessage, NotificationOutcome, OutboxMessage } from '../port.js';
import { sql, writeTx, type Db } from './connection.js';

/** The notification outbox: one row per message (see NotificationStore in ../port.ts). */

interface Row {
  id: string;
  hall_id: string;
  appointment_id: string;
  template: OutboxMessage['template'];
  key: string;
  slot_at: number;
  status: OutboxMessage['status'];
  attempts: number;
  due_at: number;
  last_error: string | null;
  created_at: number;
  updated_at: number;
  sent_at: number | null;
}

const toMessage = (r: Row): OutboxMessage => ({
  id: r.id,
  hallId: r.hall_id,
  appointmentId: r.appointment_id,
  template: r.template,
  key: r.key,
  slotAt: r.slot_at,
  status: r.status,
  attempts: r.attempts,
  dueAt: r.due_at,
  lastError: r.last_error,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  sentAt: r.sent_at,
});

export function queueNotifications(db: Db, messages: NewOutboxMessage[]): number {
  const insert = sql(
    db,
    `INSERT INTO notifications (id, hall_id, appointment_id, template, key, slot_at, status, attempts, due_at, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, 'queued', 0, ?, ?, ?) ON CONFLICT (key) DO NOTHING`,
  );
  let inserted = 0;
  writeTx(db, () => {
    for (const m of messages) {
      inserted += insert.run(
        m.id,
        m.hallId,
        m.appointmentId,
        m.template,
        m.key,
        m.slotAt,
        m.dueAt,
        m.createdAt,
        m.createdAt,
      ).changes;
    }
  });
  return inserted;
}

export function dueNotifications(db: Db, now: number, limit: number): OutboxMessage[] {
  const rows = sql(
    db,
    `SELECT * FROM notifications WHERE status = 'queued' AND due_at <= ? ORDER BY due_at, id LIMIT ?`,
  ).all(now, limit) as Row[];
  return rows.map(toMessage);
}

export function claimNotification(db: Db, id: string, attempts: number, leaseUntil: number): boolean {
  return (
    sql(
      db,
      `UPDATE notifications SET attempts = attempts + 1, due_at = ?
       WHERE id = ? AND status = 'queued' AND attempts = ?`,
    ).run(leaseUntil, id, attempts).changes === 1
  );
}

export function settleNotification(db: Db, o: NotificationOutcome): void {
  sql(
    db,
    `UPDATE notifications SET status = ?, updated_at = ?, due_at = COALESCE(?, due_at),
       last_error = CASE WHEN ? THEN ? ELSE last_error END,
       sent_at = CASE WHEN ? = 'sent' THEN ? ELSE sent_at END
     WHERE id = ?`,
  ).run(
    o.status,
    o.at,
    o.dueAt ?? null,
    o.lastError === undefined ? 0 : 1,
    o.lastError ?? null,
    o.status,
    o.at,
    o.id,
  );
}

export function getNotification(db: Db, id: string): OutboxMessage | null {
  const row = sql(db, 'SELECT * FROM notifications WHERE id = ?').get(id) as Row | undefined;
  return row ? toMessage(row) : null;
}

export function listNotifications(db: Db, hallId: string, limit: number): OutboxMessage[] {
  const rows = sql(
    db,
    'SELECT * FROM notifications WHERE hall_id = ? ORDER BY created_at DESC, id DESC LIMIT ?',
  ).all(hallId, limit) as Row[];
  return rows.map(toMessage);
}
