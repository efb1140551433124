import { sql, writeTx, type Db } from './connection.js';

/**
 * A named lease: who may do a piece of work until when. Several hub
 * processes on one file ask for the same lease; one gets it and the others
 * see it held until it expires, so a scheduled job runs once however many
 * hubs run, and is taken over when its holder dies.
 */
export function acquireLease(db: Db, name: string, holder: string, now: number, ttlMs: number): boolean {
  return writeTx(db, () => {
    const row = sql(db, 'SELECT holder, until FROM leases WHERE name = ?').get(name) as
      { holder: string; until: number } | undefined;
    if (row && row.holder !== holder && row.until > now) return false;
    sql(
      db,
      `INSERT INTO leases (name, holder, until) VALUES (?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, until = excluded.until`,
    ).run(name, holder, now + ttlMs);
    return true;
  });
}

export function releaseLease(db: Db, name: string, holder: string): void {
  writeTx(db, () => sql(db, 'DELETE FROM leases WHERE name = ? AND holder = ?').run(name, holder));
}
