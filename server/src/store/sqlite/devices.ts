import type { HallEvent, NewEvent } from '../../domain/index.js';
import { appendEvents } from './events.js';
import type { Device } from '../port.js';
import { guardUnique, notFound, sql, writeTx, type Db } from './connection.js';
import { getHall } from './halls.js';
import { toDevice, type DeviceRow } from './people-rows.js';
import { json } from './rows.js';
import { DomainError } from '../../domain/index.js';

/** Printers, keypads, displays, evaluators and kiosks, each with its own token. */

export function listDevices(db: Db, hallId?: string): Device[] {
  const rows =
    hallId === undefined
      ? sql(db, 'SELECT * FROM devices ORDER BY hall_id, name, id').all()
      : sql(db, 'SELECT * FROM devices WHERE hall_id = ? ORDER BY name, id').all(hallId);
  return (rows as DeviceRow[]).map(toDevice);
}

export function getDevice(db: Db, id: string): Device | null {
  const row = sql(db, 'SELECT * FROM devices WHERE id = ?').get(id) as DeviceRow | undefined;
  return row ? toDevice(row) : null;
}

/** Returned revoked or not: the caller refuses a revoked device with its own error. */
export function getDeviceByTokenHash(db: Db, tokenHash: string): Device | null {
  const row = sql(db, 'SELECT * FROM devices WHERE token_hash = ?').get(tokenHash) as DeviceRow | undefined;
  return row ? toDevice(row) : null;
}

export function saveDevice(
  db: Db,
  d: Device,
  audit: readonly NewEvent[],
): { device: Device; events: HallEvent[] } {
  return writeTx(db, () => {
    if (!getHall(db, d.hallId)) throw notFound('Hall', d.hallId);
    // Tokens are random: the unique index alone refuses a clash, as `conflict`.
    guardUnique(`Device ${d.id}'s token`, () =>
      sql(
        db,
        `INSERT INTO devices (id, hall_id, kind, name, window_id, token_hash, config, revoked_at, last_seen_at,
           created_at)
         VALUES (@id, @hallId, @kind, @name, @windowId, @tokenHash, @config, @revokedAt, @lastSeenAt, @createdAt)
         ON CONFLICT (id) DO UPDATE SET hall_id = excluded.hall_id, kind = excluded.kind, name = excluded.name,
           window_id = excluded.window_id, token_hash = excluded.token_hash, config = excluded.config,
           revoked_at = excluded.revoked_at, last_seen_at = excluded.last_seen_at, created_at = excluded.created_at`,
      ).run({ ...d, config: json(d.config) }),
    );
    const events = appendEvents(db, audit);
    return { device: getDevice(db, d.id) as Device, events };
  });
}

export function deleteDevice(db: Db, id: string, audit: readonly NewEvent[]): { events: HallEvent[] } {
  return writeTx(db, () => {
    if (sql(db, 'SELECT 1 FROM print_jobs WHERE device_id = ? LIMIT 1').get(id)) {
      throw new DomainError(
        'conflict',
        'This device has printed tickets; revoke it instead of deleting it.',
        {
          deviceId: id,
        },
      );
    }
    if (sql(db, 'DELETE FROM devices WHERE id = ?').run(id).changes === 0) throw notFound('Device', id);
    return { events: appendEvents(db, audit) };
  });
}

export function touchDevice(db: Db, id: string, at: number): void {
  writeTx(db, () => {
    if (sql(db, 'UPDATE devices SET last_seen_at = ? WHERE id = ?').run(at, id).changes === 0) {
      throw notFound('Device', id);
    }
  });
}
