import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  mkdirSync,
  openSync,
  readFileSync,
  statSync,
  writeFileSync,
  writeSync,
  closeSync,
} from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStore, StoreFileError, type SqliteStore } from '../../server/src/store/sqlite/index.js';
import { Api, createHall, createService, setupAdmin } from '../helpers/api-fixtures.js';
import { buildHall } from '../helpers/factories.js';
import { startTestHub, type TestHub } from '../helpers/hub.js';

/**
 * The hub never builds a fresh store over a file that is not a hall store
 * or is damaged, names the file and what to do when it cannot start, keeps
 * the file private, and stops reporting ready when its writes fail.
 */

let dir: string;
let file: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hall-file-'));
  file = join(dir, 'hall.db');
});
afterEach(async () => rm(dir, { recursive: true, force: true }));

function refusal(): StoreFileError {
  try {
    const store = openSqliteStore({ file });
    void store.close();
  } catch (err) {
    expect(err).toBeInstanceOf(StoreFileError);
    expect((err as Error).message).toContain(file);
    return err as StoreFileError;
  }
  throw new Error('the store opened');
}

async function madeStore(): Promise<void> {
  const store = openSqliteStore({ file });
  await store.saveHall(buildHall(), []);
  await store.close();
}

describe('opening the store file', () => {
  it('refuses a 0-byte file instead of building a fresh store over it', () => {
    writeFileSync(file, '');
    expect(refusal().message).toMatch(/is empty \(0 bytes\).*restore it from a backup, or move it away/);
    expect(statSync(file).size).toBe(0);
  });

  it('refuses a file of garbage bytes', () => {
    writeFileSync(file, Buffer.from('这不是数据库 — just some bytes '.repeat(200)));
    const before = readFileSync(file);
    expect(refusal().message).toMatch(/is not an SQLite database/);
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it("refuses another program's SQLite database and leaves it untouched", () => {
    const foreign = new Database(file);
    foreign.exec(
      "CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT); INSERT INTO notes (text) VALUES ('x')",
    );
    foreign.close();
    expect(refusal().message).toMatch(/is not a hall store/);
    const after = new Database(file, { readonly: true });
    const tables = after.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all();
    after.close();
    expect(tables).toEqual([{ name: 'notes' }]);
  });

  it('refuses a hall store whose pages are damaged', async () => {
    await madeStore();
    const size = statSync(file).size;
    const fd = openSync(file, 'r+');
    // Keep the 100-byte header, overwrite everything after the first page.
    writeSync(fd, Buffer.alloc(size - 4096, 0xa5), 0, size - 4096, 4096);
    closeSync(fd);
    expect(refusal().message).toMatch(/is damaged/);
  });

  it('names the path when the folder does not exist', () => {
    file = join(dir, 'missing', 'hall.db');
    expect(refusal().message).toMatch(/Cannot create the SQLite store .*missing\/hall\.db.*DATA_DIR/);
  });

  it('names the path when the folder is read-only', async () => {
    await madeStore();
    const ro = readOnlyCopy();
    try {
      file = ro.file;
      expect(refusal().message).toMatch(/Cannot open the SQLite store .*hall\.db.*writable/);
    } finally {
      ro.undo();
    }
  });

  it('creates the file readable by its owner only, and tightens an older one', async () => {
    const store = openSqliteStore({ file });
    await store.saveHall(buildHall(), []);
    for (const f of [file, `${file}-wal`]) expect(statSync(f).mode & 0o777).toBe(0o600);
    await store.close();
    chmodSync(file, 0o644);
    await openSqliteStore({ file }).close();
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('opens a store made before files were marked as hall stores', async () => {
    await madeStore();
    const db = new Database(file);
    db.pragma('application_id = 0');
    db.close();
    const store = openSqliteStore({ file });
    expect((await store.listHalls()).length).toBe(1);
    await store.close();
  });
});

/**
 * A folder the hub's user cannot write. chmod is no bar to root, so as root
 * the store is copied onto a small file system mounted read-only.
 */
function readOnlyCopy(): { file: string; undo: () => void } {
  if (process.getuid?.() !== 0) {
    chmodSync(dir, 0o500);
    return { file, undo: () => chmodSync(dir, 0o700) };
  }
  const mount = join(dir, 'ro');
  mkdirSync(mount);
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=4m', 'tmpfs', mount]);
  writeFileSync(join(mount, 'hall.db'), readFileSync(file));
  execFileSync('mount', ['-o', 'remount,ro', mount]);
  return { file: join(mount, 'hall.db'), undo: () => execFileSync('umount', [mount]) };
}

describe('readiness when writes fail', () => {
  let t: TestHub;
  afterEach(async () => t.close());

  it('answers 503 on /readyz once writes fail for want of room, and ready again when there is room', async () => {
    t = await startTestHub();
    const admin = await setupAdmin(t);
    const hall = await createHall(admin);
    const service = await createService(admin, hall.id);
    const anon = new Api(t.url);
    expect((await anon.get('/readyz')).status).toBe(200);

    // The store's file may not grow any more: SQLite answers SQLITE_FULL, as on a full disk.
    const db = (t.store as SqliteStore).db;
    const pages = Number(db.pragma('page_count', { simple: true }));
    db.pragma(`max_page_count = ${pages}`);
    let status = 201;
    for (let i = 0; i < 500 && status === 201; i += 1)
      status = (await anon.post(`/api/v1/halls/${hall.id}/tickets`, { serviceId: service.id })).status;
    expect(status).toBe(500);

    const ready = await anon.get('/readyz');
    expect(ready.status).toBe(503);
    expect(ready.body).toMatchObject({ code: 'not_ready' });
    expect(String(ready.body.detail)).toMatch(/cannot write \(SQLITE_FULL/);

    db.pragma(`max_page_count = ${pages + 10_000}`);
    expect((await anon.get('/readyz')).status).toBe(200);
    expect((await anon.post(`/api/v1/halls/${hall.id}/tickets`, { serviceId: service.id })).status).toBe(201);
  });
});
