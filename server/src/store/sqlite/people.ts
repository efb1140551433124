import type { HallEvent, NewEvent } from '../../domain/index.js';
import { appendEvents } from './events.js';
import type { Session, User } from '../port.js';
import { guardUnique, notFound, sql, writeTx, type Db } from './connection.js';
import { toSession, toUser, type SessionRow, type UserRow } from './people-rows.js';
import { bit, json } from './rows.js';

/** Staff accounts and their sessions. */

export function countUsers(db: Db): number {
  return (sql(db, 'SELECT COUNT(*) AS n FROM users').get() as { n: number }).n;
}

export function listUsers(db: Db): User[] {
  return (sql(db, 'SELECT * FROM users ORDER BY username').all() as UserRow[]).map(toUser);
}

export function getUser(db: Db, id: string): User | null {
  const row = sql(db, 'SELECT * FROM users WHERE id = ?').get(id) as UserRow | undefined;
  return row ? toUser(row) : null;
}

export function getUserByUsername(db: Db, username: string): User | null {
  const row = sql(db, 'SELECT * FROM users WHERE username = ?').get(username) as UserRow | undefined;
  return row ? toUser(row) : null;
}

/**
 * A username clash is refused by the use case (`usernameClash`); the unique
 * username column only catches two saves racing, as `conflict`.
 */
export function saveUser(
  db: Db,
  user: User,
  audit: readonly NewEvent[],
): { user: User; events: HallEvent[] } {
  return writeTx(db, () => {
    guardUnique(`The username ${user.username}`, () =>
      sql(
        db,
        `INSERT INTO users (id, username, display_name, staff_no, role, hall_ids, password_hash, disabled, created_at)
         VALUES (@id, @username, @displayName, @staffNo, @role, @hallIds, @passwordHash, @disabled, @createdAt)
         ON CONFLICT (id) DO UPDATE SET username = excluded.username, display_name = excluded.display_name,
           staff_no = excluded.staff_no, role = excluded.role, hall_ids = excluded.hall_ids,
           password_hash = excluded.password_hash, disabled = excluded.disabled, created_at = excluded.created_at`,
      ).run({ ...user, hallIds: json(user.hallIds), disabled: bit(user.disabled) }),
    );
    const events = appendEvents(db, audit);
    return { user: getUser(db, user.id) as User, events };
  });
}

/** The user's sessions go with it (ON DELETE CASCADE), so a deleted account is logged out everywhere. */
export function deleteUser(db: Db, id: string, audit: readonly NewEvent[]): { events: HallEvent[] } {
  return writeTx(db, () => {
    if (sql(db, 'DELETE FROM users WHERE id = ?').run(id).changes === 0) throw notFound('User', id);
    return { events: appendEvents(db, audit) };
  });
}

/** `audit`: an API token's `token_issued` events (a login session has none). */
export function createSession(db: Db, s: Session, audit: readonly NewEvent[] = []): { events: HallEvent[] } {
  return writeTx(db, () => {
    if (!getUser(db, s.userId)) throw notFound('User', s.userId);
    guardUnique('Session', () =>
      sql(
        db,
        `INSERT INTO sessions (token_hash, user_id, kind, csrf_token, created_at, expires_at)
         VALUES (@tokenHash, @userId, @kind, @csrfToken, @createdAt, @expiresAt)`,
      ).run(s),
    );
    return { events: appendEvents(db, audit) };
  });
}

/** Returned as stored, expired or not: the caller compares expiresAt with its own clock. */
export function getSession(db: Db, tokenHash: string): Session | null {
  const row = sql(db, 'SELECT * FROM sessions WHERE token_hash = ?').get(tokenHash) as SessionRow | undefined;
  return row ? toSession(row) : null;
}

/** Logging out twice is not an error. */
export function deleteSession(db: Db, tokenHash: string): void {
  writeTx(db, () => sql(db, 'DELETE FROM sessions WHERE token_hash = ?').run(tokenHash));
}

export function deleteUserSessions(db: Db, userId: string): void {
  writeTx(db, () => sql(db, 'DELETE FROM sessions WHERE user_id = ?').run(userId));
}
