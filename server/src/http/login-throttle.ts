/**
 * Failed logins per account: password guessing on one username is slowed
 * down, then locked out for a while, however many addresses it comes from
 * (the per-address limit alone does not stop a spread-out guess). Kept in the
 * hub process's memory: a restart forgets it, and with several hub processes
 * each counts its own share.
 */

/** Failures allowed before the account is locked at all. */
export const FREE_FAILURES = 5;
/** The first lock; each further failure doubles it, up to MAX_LOCK_MS. */
const FIRST_LOCK_MS = 30_000;
const MAX_LOCK_MS = 15 * 60_000;
/** A quiet spell after which past failures are forgotten. */
const FORGET_AFTER_MS = 60 * 60_000;
/** Bounds memory when someone tries a great many usernames. */
const MAX_ACCOUNTS = 10_000;

interface Failures {
  count: number;
  lastAt: number;
  lockedUntil: number;
}

export class LoginThrottle {
  private readonly accounts = new Map<string, Failures>();

  constructor(private readonly now: () => number) {}

  /** Milliseconds until this username may try again; 0 when it may now. */
  retryAfterMs(username: string): number {
    const entry = this.current(username);
    return entry ? Math.max(0, entry.lockedUntil - this.now()) : 0;
  }

  failed(username: string): void {
    const key = keyOf(username);
    const now = this.now();
    const entry = this.current(username) ?? { count: 0, lastAt: now, lockedUntil: 0 };
    entry.count += 1;
    entry.lastAt = now;
    if (entry.count >= FREE_FAILURES) {
      const lock = Math.min(MAX_LOCK_MS, FIRST_LOCK_MS * 2 ** (entry.count - FREE_FAILURES));
      entry.lockedUntil = now + lock;
    }
    this.accounts.delete(key);
    this.accounts.set(key, entry);
    if (this.accounts.size > MAX_ACCOUNTS) this.forgetOldest();
  }

  succeeded(username: string): void {
    this.accounts.delete(keyOf(username));
  }

  private current(username: string): Failures | null {
    const key = keyOf(username);
    const entry = this.accounts.get(key);
    if (!entry) return null;
    if (entry.lastAt + FORGET_AFTER_MS <= this.now() && entry.lockedUntil <= this.now()) {
      this.accounts.delete(key);
      return null;
    }
    return entry;
  }

  /** Drops the account failed least recently (Map keeps insertion order; `failed` re-inserts). */
  private forgetOldest(): void {
    const oldest = this.accounts.keys().next();
    if (!oldest.done) this.accounts.delete(oldest.value);
  }
}

/** Usernames are matched exactly, as the login matches them. */
function keyOf(username: string): string {
  return username;
}
