import type { HallEvent, NewEvent } from '../../domain/index.js';
import { notFound, sql, writeTx, type Db } from './connection.js';
import { appendEvents } from './events.js';
import { getHall } from './halls.js';

/** Named JSON documents per hall: ticket layout, signage, voice. */

export function getHallSetting(db: Db, hallId: string, key: string): unknown {
  const row = sql(db, 'SELECT value FROM hall_settings WHERE hall_id = ? AND key = ?').get(hallId, key) as
    { value: string } | undefined;
  return row ? (JSON.parse(row.value) as unknown) : null;
}

export function saveHallSetting(
  db: Db,
  hallId: string,
  key: string,
  value: unknown,
  at: number,
  audit: readonly NewEvent[],
): { events: HallEvent[] } {
  return writeTx(db, () => {
    if (!getHall(db, hallId)) throw notFound('Hall', hallId);
    sql(
      db,
      `INSERT INTO hall_settings (hall_id, key, value, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (hall_id, key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
    ).run(hallId, key, JSON.stringify(value ?? null), at);
    return { events: appendEvents(db, audit) };
  });
}
