import { DomainError, type Hall, type HallEvent, type NewEvent, type Service } from '../../domain/index.js';
import { guardUnique, notFound, sql, writeTx, type Db } from './connection.js';
import { appendEvents, lastSeq } from './events.js';
import { bit, json, toHall, toService, type HallRow, type ServiceRow } from './rows.js';

/** Halls and the matter catalogue. */

export function listHalls(db: Db): Hall[] {
  return (sql(db, 'SELECT * FROM halls ORDER BY name, id').all() as HallRow[]).map(toHall);
}

export function getHall(db: Db, id: string): Hall | null {
  const row = sql(db, 'SELECT * FROM halls WHERE id = ?').get(id) as HallRow | undefined;
  return row ? toHall(row) : null;
}

export function saveHall(
  db: Db,
  hall: Hall,
  audit: readonly NewEvent[],
): { hall: Hall; events: HallEvent[] } {
  return writeTx(db, () => {
    // A re-created hall continues its old log, whose events are never deleted.
    sql(
      db,
      `INSERT INTO halls (id, name, level, time_zone, calendar, rules, created_at, updated_at, event_seq)
       VALUES (@id, @name, @level, @timeZone, @calendar, @rules, @createdAt, @updatedAt, @eventSeq)
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, level = excluded.level, time_zone = excluded.time_zone,
         calendar = excluded.calendar, rules = excluded.rules, created_at = excluded.created_at,
         updated_at = excluded.updated_at`,
    ).run({
      id: hall.id,
      name: hall.name,
      level: hall.level,
      timeZone: hall.timeZone,
      calendar: json(hall.calendar),
      rules: json(hall.rules),
      createdAt: hall.createdAt,
      updatedAt: hall.updatedAt,
      eventSeq: lastSeq(db, hall.id),
    });
    const events = appendEvents(db, audit);
    return { hall: getHall(db, hall.id) as Hall, events };
  });
}

/** The hall's log outlives it: `audit` is appended before the hall goes. */
export function deleteHall(db: Db, id: string, audit: readonly NewEvent[]): { events: HallEvent[] } {
  return writeTx(db, () => {
    if (!getHall(db, id)) throw notFound('Hall', id);
    for (const [table, what] of [
      ['tickets', 'tickets'],
      ['services', 'services'],
      ['windows', 'windows'],
      ['devices', 'devices'],
      ['appointments', 'bookings'],
    ] as const) {
      const row = sql(db, `SELECT COUNT(*) AS n FROM ${table} WHERE hall_id = ?`).get(id) as { n: number };
      if (row.n > 0) {
        throw new DomainError('conflict', `Hall ${id} still has ${row.n} ${what}; remove them first.`, {
          hallId: id,
          [what]: row.n,
        });
      }
    }
    const events = appendEvents(db, audit);
    sql(db, 'DELETE FROM counters WHERE hall_id = ?').run(id);
    sql(db, 'DELETE FROM halls WHERE id = ?').run(id);
    return { events };
  });
}

export function listServices(db: Db, hallId: string): Service[] {
  const rows = sql(db, 'SELECT * FROM services WHERE hall_id = ? ORDER BY sort_order, code, id').all(hallId);
  return (rows as ServiceRow[]).map(toService);
}

export function getService(db: Db, id: string): Service | null {
  const row = sql(db, 'SELECT * FROM services WHERE id = ?').get(id) as ServiceRow | undefined;
  return row ? toService(row) : null;
}

/** A matter stays in its hall (its id keeps its tickets there). */
function checkServiceHall(db: Db, s: Service): void {
  const existing = getService(db, s.id);
  if (existing && existing.hallId !== s.hallId) {
    throw new DomainError(
      'conflict',
      `Matter ${s.id} belongs to hall ${existing.hallId}; it cannot move to another hall.`,
    );
  }
  if (!getHall(db, s.hallId)) throw notFound('Hall', s.hallId);
}

/**
 * A matter code clash is refused by the use case (`serviceCodeClash`); the
 * unique index (hall, code) only catches two saves racing, as `conflict`.
 */
export function saveService(
  db: Db,
  s: Service,
  audit: readonly NewEvent[],
): { service: Service; events: HallEvent[] } {
  return writeTx(db, () => {
    checkServiceHall(db, s);
    guardUnique(`Matter code ${s.code}`, () =>
      sql(
        db,
        `INSERT INTO services (id, hall_id, code, name, domain, prefix, cross_region, cannot_handle, dedicated,
           expected_minutes, pinyin, enabled, sort_order)
         VALUES (@id, @hallId, @code, @name, @domain, @prefix, @crossRegion, @cannotHandle, @dedicated,
           @expectedMinutes, @pinyin, @enabled, @sortOrder)
         ON CONFLICT (id) DO UPDATE SET code = excluded.code, name = excluded.name, domain = excluded.domain,
           prefix = excluded.prefix, cross_region = excluded.cross_region, cannot_handle = excluded.cannot_handle,
           dedicated = excluded.dedicated, expected_minutes = excluded.expected_minutes, pinyin = excluded.pinyin,
           enabled = excluded.enabled, sort_order = excluded.sort_order`,
      ).run({
        ...s,
        crossRegion: bit(s.crossRegion),
        cannotHandle: bit(s.cannotHandle),
        dedicated: bit(s.dedicated),
        enabled: bit(s.enabled),
      }),
    );
    const events = appendEvents(db, audit);
    return { service: getService(db, s.id) as Service, events };
  });
}

export function deleteService(db: Db, id: string, audit: readonly NewEvent[]): { events: HallEvent[] } {
  return writeTx(db, () => {
    if (!getService(db, id)) throw notFound('Matter', id);
    const row = sql(db, 'SELECT COUNT(*) AS n FROM tickets WHERE service_id = ?').get(id) as { n: number };
    if (row.n > 0) {
      throw new DomainError(
        'conflict',
        `Matter ${id} has ${row.n} tickets; disable it instead of deleting it.`,
        {
          serviceId: id,
          tickets: row.n,
        },
      );
    }
    sql(db, 'DELETE FROM services WHERE id = ?').run(id);
    return { events: appendEvents(db, audit) };
  });
}
