import Database from 'better-sqlite3';
import { DomainError } from '../../domain/index.js';

export type Db = Database.Database;
export type Statement = Database.Statement;

export interface ConnectionOptions {
  file: string;
  /**
   * FULL (the default) syncs the WAL on every commit, so a printed ticket
   * survives a power cut; NORMAL may lose the last commits on power loss
   * (never on a process crash) and is meant for tests and benchmarks.
   */
  synchronous?: 'FULL' | 'NORMAL';
  /** How long a write waits for another process's transaction to finish. */
  busyTimeoutMs?: number;
}

export const DEFAULT_BUSY_TIMEOUT_MS = 5000;

export function openConnection(options: ConnectionOptions): Db {
  const db = new Database(options.file);
  try {
    // Set first: switching to WAL itself takes a lock another process may hold.
    db.pragma(`busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS))}`);
    const mode = db.pragma('journal_mode = WAL', { simple: true });
    if (mode !== 'wal' && options.file !== ':memory:') {
      throw new Error(
        `SQLite store ${options.file}: WAL mode is required, the file is in ${String(mode)} mode.`,
      );
    }
    db.pragma(`synchronous = ${options.synchronous === 'NORMAL' ? 'NORMAL' : 'FULL'}`);
    db.pragma('foreign_keys = ON');
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

const statementCache = new WeakMap<Db, Map<string, Statement>>();

/** Prepares once per connection: the queue path runs the same few statements all day. */
export function sql(db: Db, text: string): Statement {
  let cache = statementCache.get(db);
  if (!cache) {
    cache = new Map();
    statementCache.set(db, cache);
  }
  let stmt = cache.get(text);
  if (!stmt) {
    stmt = db.prepare(text);
    cache.set(text, stmt);
  }
  return stmt;
}

/**
 * A write transaction that takes the write lock at BEGIN (IMMEDIATE), so two
 * processes never both read a queue state and then race to change it; the
 * loser waits up to the busy timeout instead of failing with SQLITE_BUSY.
 */
export function writeTx<T>(db: Db, fn: () => T): T {
  let result: T;
  try {
    result = db.transaction(fn).immediate();
    writeFailures.delete(db);
  } catch (err) {
    if (isStorageFailure(err)) writeFailures.set(db, err as Error);
    throw err;
  }
  if (!db.inTransaction) committed(db);
  return result;
}

const commitHooks = new WeakMap<Db, Set<() => void>>();

/** Runs `hook` after each outermost write transaction of this connection commits. */
export function onCommit(db: Db, hook: () => void): () => void {
  let hooks = commitHooks.get(db);
  if (!hooks) commitHooks.set(db, (hooks = new Set()));
  hooks.add(hook);
  return () => hooks.delete(hook);
}

/** A hook's failure never turns a committed write into a refused one. */
function committed(db: Db): void {
  const hooks = commitHooks.get(db);
  if (!hooks) return;
  for (const hook of hooks) {
    try {
      hook();
    } catch (err) {
      process.emitWarning(`After a commit to the store: ${String(err)}`);
    }
  }
}

/**
 * The last write that failed because of the file or the disk (full, I/O
 * error, damaged, made read-only), until a write succeeds again. Readiness
 * reads it: a hub whose every write fails must not report ready.
 */
const writeFailures = new WeakMap<Db, Error>();

const STORAGE_FAILURES = /^SQLITE_(FULL|IOERR|CORRUPT|NOTADB|READONLY|CANTOPEN|PERM)/;

function isStorageFailure(err: unknown): boolean {
  return err instanceof Database.SqliteError && STORAGE_FAILURES.test(err.code);
}

/**
 * Throws while writes fail. After a failure it tries a write that needs new
 * pages (a table made and dropped in one transaction), so readiness comes
 * back by itself once there is room again, without waiting for traffic.
 */
export function checkWrites(db: Db): void {
  if (!writeFailures.has(db)) return;
  try {
    writeTx(db, () => {
      db.exec('CREATE TABLE readiness_probe (fill BLOB)');
      db.prepare('INSERT INTO readiness_probe VALUES (zeroblob(16384))').run();
      db.exec('DROP TABLE readiness_probe');
    });
  } catch (err) {
    const failure = writeFailures.get(db) ?? err;
    const code = failure instanceof Database.SqliteError ? `${failure.code}: ` : '';
    throw new Error(
      `The store cannot write (${code}${failure instanceof Error ? failure.message : String(failure)}).`,
    );
  }
}

/** A read transaction: every read inside sees the same committed state. */
export function readTx<T>(db: Db, fn: () => T): T {
  return db.transaction(fn).deferred();
}

export function isUniqueViolation(err: unknown): boolean {
  return (
    err instanceof Database.SqliteError &&
    (err.code === 'SQLITE_CONSTRAINT_UNIQUE' || err.code === 'SQLITE_CONSTRAINT_PRIMARYKEY')
  );
}

/**
 * Runs an insert or update whose clear-message checks were already done;
 * a unique index that still fires (an id reused across halls, say) becomes
 * a `conflict` rather than a raw SQLite error.
 */
export function guardUnique<T>(what: string, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (isUniqueViolation(err)) {
      throw new DomainError('conflict', `${what} clashes with a stored one (${(err as Error).message}).`);
    }
    throw err;
  }
}

export function notFound(what: string, id: string): DomainError {
  return new DomainError('not_found', `${what} ${id} does not exist.`, { id });
}
