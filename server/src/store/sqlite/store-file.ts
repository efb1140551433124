import { chmodSync, closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Db } from './connection.js';

/**
 * The store file is checked before and right after it is opened: the hub
 * never builds a fresh store over a file that is empty, damaged or another
 * program's, and never starts on one it cannot use. Every refusal names the
 * file and what to do. The file and its WAL are readable by the hub's user
 * only (they hold staff password hashes and citizens' tickets).
 */

/** "HQS1": marks a file as a hall store (PRAGMA application_id). */
export const STORE_APPLICATION_ID = 0x48515331;
const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');
const PRIVATE_FILE = 0o600;

export class StoreFileError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(message);
    this.name = 'StoreFileError';
  }
}

const codeOf = (err: unknown): string =>
  typeof err === 'object' && err !== null && 'code' in err ? String((err as { code: unknown }).code) : '';
const reasonOf = (err: unknown): string =>
  `${codeOf(err) ? `${codeOf(err)}: ` : ''}${err instanceof Error ? err.message : String(err)}`;

const MOVE_AWAY = 'restore it from a backup, or move it away to start an empty store';

/**
 * Before opening: a missing file is created empty with owner-only access; an
 * existing one must be an SQLite file. Returns whether the store is new.
 */
export function prepareStoreFile(file: string): { created: boolean } {
  if (file === ':memory:') return { created: true };
  if (!existsSync(file)) {
    try {
      closeSync(openSync(file, 'wx', PRIVATE_FILE));
    } catch (err) {
      throw new StoreFileError(
        file,
        `Cannot create the SQLite store ${file} (${reasonOf(err)}): check that the folder ${path.dirname(file)} (DATA_DIR) exists and the hub's user may write to it.`,
      );
    }
    return { created: true };
  }
  const stat = statSync(file);
  if (!stat.isFile()) throw new StoreFileError(file, `The SQLite store ${file} is not a file; ${MOVE_AWAY}.`);
  if (stat.size === 0 && !filledSoon(file)) {
    throw new StoreFileError(
      file,
      `The SQLite store ${file} is empty (0 bytes), not a hall store: it may have been truncated; ${MOVE_AWAY}.`,
    );
  }
  const head = Buffer.alloc(SQLITE_HEADER.length);
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    readSync(fd, head, 0, head.length, 0);
  } catch (err) {
    throw new StoreFileError(
      file,
      `Cannot read the SQLite store ${file} (${reasonOf(err)}): check that the hub's user may read and write it.`,
    );
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  if (!head.equals(SQLITE_HEADER)) {
    throw new StoreFileError(
      file,
      `The file ${file} is not an SQLite database (damaged or another kind of file); ${MOVE_AWAY}.`,
    );
  }
  keepPrivate(file);
  return { created: false };
}

/**
 * Another hub process on the same file may have just created it and be
 * writing its first page: give it a moment before calling the file empty.
 */
function filledSoon(file: string, waitMs = 2000): boolean {
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (let waited = 0; waited < waitMs; waited += 50) {
    Atomics.wait(pause, 0, 0, 50);
    if (statSync(file).size > 0) return true;
  }
  return false;
}

/** Owner-only access for the store and its WAL; an older hub may have created them readable by all. */
export function keepPrivate(file: string): void {
  if (file === ':memory:') return;
  for (const f of [file, `${file}-wal`, `${file}-shm`]) {
    try {
      if (existsSync(f) && (statSync(f).mode & 0o077) !== 0) chmodSync(f, PRIVATE_FILE);
    } catch {
      // Not the owner (a store shared by another account): leave it as it is.
    }
  }
}

/** Wraps a failure to open or read the file in a message that names it. */
export function openFailure(file: string, err: unknown): Error {
  if (err instanceof StoreFileError) return err;
  if (!(err instanceof Database.SqliteError)) {
    return err instanceof Error
      ? new StoreFileError(file, `The SQLite store ${file}: ${err.message}`)
      : new Error(String(err));
  }
  if (
    err.code === 'SQLITE_CANTOPEN' ||
    err.code.startsWith('SQLITE_READONLY') ||
    err.code === 'SQLITE_PERM'
  ) {
    return new StoreFileError(
      file,
      `Cannot open the SQLite store ${file} (${reasonOf(err)}): check that the folder ${path.dirname(file)} (DATA_DIR) and the file are writable by the hub's user.`,
    );
  }
  if (err.code === 'SQLITE_NOTADB' || err.code.startsWith('SQLITE_CORRUPT')) {
    return new StoreFileError(file, `The SQLite store ${file} is damaged (${reasonOf(err)}); ${MOVE_AWAY}.`);
  }
  return new StoreFileError(file, `The SQLite store ${file} could not be opened (${reasonOf(err)}).`);
}

function tableNames(db: Db): string[] {
  return (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map(
    (r) => r.name,
  );
}

/**
 * After opening, before migrating: the file must be a hall store (or empty
 * and new) and pass SQLite's quick check.
 */
export function checkStoreContents(db: Db, file: string, created: boolean): void {
  const appId = Number(db.pragma('application_id', { simple: true }));
  const version = Number(db.pragma('user_version', { simple: true }));
  const tables = tableNames(db);
  // Stores made before the application id was set have our schema version and tables.
  const ours =
    appId === STORE_APPLICATION_ID ||
    (appId === 0 &&
      (version > 0 ? tables.includes('halls') && tables.includes('events') : tables.length === 0));
  if (!ours) {
    throw new StoreFileError(
      file,
      `The SQLite database ${file} is not a hall store (it belongs to another program${appId !== 0 ? `: application_id ${appId}` : ''}); point DATA_DIR at the hall store's folder, or move this file away to start an empty store.`,
    );
  }
  if (!created) {
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') {
      throw new StoreFileError(
        file,
        `The SQLite store ${file} is damaged (quick_check: ${String(check)}); ${MOVE_AWAY}.`,
      );
    }
  }
}

/** Marks the file as a hall store once migrated. */
export function stampStore(db: Db): void {
  if (Number(db.pragma('application_id', { simple: true })) !== STORE_APPLICATION_ID)
    db.pragma(`application_id = ${STORE_APPLICATION_ID}`);
}
