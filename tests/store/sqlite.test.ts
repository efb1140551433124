import Database from 'better-sqlite3';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isDomainError } from '../../server/src/domain/index.js';
import {
  openSqliteStore,
  SCHEMA_VERSION,
  WAITING_OF_DAY_SQL,
  WAITING_GROUPS_FROM_SQL,
  CANDIDATES_OF_DAY_SQL,
  type SqliteStore,
} from '../../server/src/store/sqlite/index.js';
import {
  buildEvent,
  buildHall,
  buildIssueInput,
  buildService,
  buildWindow,
  DAY,
} from '../helpers/factories.js';
import { runStoreContract } from './contract.js';
import { claimRequest, issue } from './contract/setup.js';

runStoreContract('sqlite', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'hall-store-'));
  const store = openSqliteStore({ file: join(dir, 'hall.db') });
  return {
    store,
    cleanup: async () => {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
});

describe('sqlite store file', () => {
  let dir: string;
  let file: string;
  const opened: SqliteStore[] = [];
  const open = (options: { synchronous?: 'FULL' | 'NORMAL'; busyTimeoutMs?: number } = {}) => {
    const store = openSqliteStore({ file, ...options });
    opened.push(store);
    return store;
  };
  /** A second, independent connection, as another program would open the file. */
  const raw = () => new Database(file);

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hall-sqlite-'));
    file = join(dir, 'hall.db');
  });
  afterEach(async () => {
    for (const s of opened.splice(0)) await s.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('opens in WAL mode with full sync, foreign keys and a busy timeout of seconds', () => {
    const store = open();
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('synchronous', { simple: true })).toBe(2);
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(store.db.pragma('busy_timeout', { simple: true })).toBeGreaterThanOrEqual(2000);
    expect(open({ synchronous: 'NORMAL' }).db.pragma('synchronous', { simple: true })).toBe(1);
  });

  it('creates the schema at the latest version, and reopening keeps the data', async () => {
    const store = open();
    expect(store.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    const hall = (await store.saveHall(buildHall(), [])).hall;
    const service = (await store.saveService(buildService(hall), [])).service;
    await issue(store, service, { prefix: 'A' });
    await issue(store, service, { prefix: 'A' });
    await store.close();
    const again = open();
    expect(await again.getHall(hall.id)).toEqual(hall);
    expect((await issue(again, service, { prefix: 'A' })).number).toBe('A003');
    expect(await again.lastSeq(hall.id)).toBe(3);
  });

  it('refuses a file written by a newer version of the program', async () => {
    open();
    await opened[0]?.close();
    const db = raw();
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    expect(() => openSqliteStore({ file })).toThrow(/newer than this program/);
  });

  it('refuses to change or delete an event, even with raw SQL', async () => {
    const store = open();
    const hall = buildHall();
    await store.saveHall(hall, [buildEvent(hall.id, { change: { label: '1' } })]);
    const before = await store.listEvents(hall.id, 0, 10);
    const db = raw();
    try {
      expect(() => db.prepare("UPDATE events SET type = 'ticket.called'").run()).toThrow(/append-only/);
      expect(() => db.prepare('DELETE FROM events').run()).toThrow(/append-only/);
      expect(() => store.db.prepare('UPDATE events SET data = ?').run('{}')).toThrow(/append-only/);
    } finally {
      db.close();
    }
    expect(await store.listEvents(hall.id, 0, 10)).toEqual(before);
  });

  it('stores booleans as 0/1 and nested fields as JSON text', async () => {
    const store = open();
    const hall = (await store.saveHall(buildHall(), [])).hall;
    const service = (
      await store.saveService(buildService(hall, { crossRegion: true, dedicated: true, enabled: false }), [])
    ).service;
    await store.saveWindow(buildWindow(hall, { domains: ['社保'], overflow: true }), []);
    await issue(store, service, { categories: ['elderly'], assistance: true });
    expect(store.db.prepare('SELECT cross_region, dedicated, enabled FROM services').get()).toEqual({
      cross_region: 1,
      dedicated: 1,
      enabled: 0,
    });
    expect(store.db.prepare('SELECT domains, overflow FROM windows').get()).toEqual({
      domains: '["社保"]',
      overflow: 1,
    });
    expect(store.db.prepare('SELECT categories, assistance, window_id FROM tickets').get()).toEqual({
      categories: '["elderly"]',
      assistance: 1,
      window_id: null,
    });
  });

  it('walks the queue index in order for call-next, without sorting', () => {
    const plan = open().db.prepare(`EXPLAIN QUERY PLAN ${WAITING_OF_DAY_SQL}`).all('hall', DAY) as {
      detail: string;
    }[];
    const text = plan.map((p) => p.detail).join('\n');
    expect(text).toContain('USING COVERING INDEX tickets_queue');
    expect(text).not.toContain('TEMP B-TREE');
    const candidates = open()
      .db.prepare(`EXPLAIN QUERY PLAN ${CANDIDATES_OF_DAY_SQL}`)
      .all('hall', DAY, 'w', '["s"]') as { detail: string }[];
    const walk = candidates.map((p) => p.detail).join('\n');
    expect(walk).toContain('USING COVERING INDEX tickets_queue');
    expect(walk).not.toContain('TEMP B-TREE');
  });

  it('reads the tickets from a queue key on as a range of the queue index, without reading ticket rows', () => {
    const db = open().db;
    const plan = db.prepare(`EXPLAIN QUERY PLAN ${WAITING_GROUPS_FROM_SQL}`).all('hall', 1, 1, 1, 1, 'A001');
    const text = (plan as { detail: string }[]).map((p) => p.detail).join('\n');
    expect(text).toMatch(
      /USING COVERING INDEX tickets_queue \(hall_id=\? AND status=\? AND effective_at>\?\)/,
    );
  });

  it('keeps the waiting counts per group whatever makes a ticket wait or stop waiting', async () => {
    const store = open();
    const hall = (await store.saveHall(buildHall(), [])).hall;
    const service = (await store.saveService(buildService(hall), [])).service;
    const other = (await store.saveService(buildService(hall), [])).service;
    const window = (await store.saveWindow(buildWindow(hall), [])).window;
    const scanned = () =>
      store.db
        .prepare(
          `SELECT service_id, categories, assistance, COALESCE(target_window_id, '') AS target, COUNT(*) AS n
           FROM tickets WHERE hall_id = ? AND status = 'waiting' GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`,
        )
        .all(hall.id);
    const counted = () =>
      store.db
        .prepare(
          `SELECT service_id, categories, assistance, target_window_id AS target, n FROM queue_counts
           WHERE hall_id = ? AND n > 0 ORDER BY 1, 2, 3, 4`,
        )
        .all(hall.id);
    for (let i = 0; i < 12; i++) {
      await store.issueTicket(
        buildIssueInput(i % 3 === 0 ? other : service, {
          issuedAt: i,
          ...(i % 4 === 0 ? { categories: ['elderly' as const] } : {}),
        }),
      );
    }
    expect(counted()).toEqual(scanned());
    // Called, then the next call finishes it; a ticket sent to another matter while waiting; one cancelled.
    await store.claimNext(claimRequest(window));
    await store.claimNext(claimRequest(window));
    expect(counted()).toEqual(scanned());
    store.db
      .prepare(
        `UPDATE tickets SET service_id = ?, target_window_id = ? WHERE hall_id = ? AND status = 'waiting' AND service_id = ?`,
      )
      .run(other.id, window.id, hall.id, service.id);
    expect(counted()).toEqual(scanned());
    store.db
      .prepare(
        `UPDATE tickets SET status = 'cancelled' WHERE rowid = (SELECT MIN(rowid) FROM tickets WHERE status = 'waiting')`,
      )
      .run();
    store.db.prepare(`UPDATE tickets SET status = 'waiting' WHERE status = 'called'`).run();
    expect(counted()).toEqual(scanned());
    store.db.prepare(`DELETE FROM tickets WHERE status = 'waiting' AND rowid % 2 = 0`).run();
    expect(counted()).toEqual(scanned());
    const total = (await store.waitingGroups(hall.id)).reduce((n, g) => n + g.count, 0);
    expect(total).toBe((scanned() as { n: number }[]).reduce((n, r) => n + r.n, 0));
  });

  it('counts the tickets already waiting when a file from before the counts is opened', async () => {
    const first = open();
    const hall = (await first.saveHall(buildHall(), [])).hall;
    const service = (await first.saveService(buildService(hall), [])).service;
    for (let i = 0; i < 5; i++) await first.issueTicket(buildIssueInput(service, { issuedAt: i }));
    await first.close();
    // The file as the version before the counts left it.
    const db = raw();
    db.exec(`DROP TRIGGER queue_counts_insert; DROP TRIGGER queue_counts_leave; DROP TRIGGER queue_counts_enter;
      DROP TRIGGER queue_counts_delete; DROP TABLE queue_counts; PRAGMA user_version = 10;`);
    db.close();
    const again = open();
    expect((await again.waitingGroups(hall.id)).map((g) => g.count)).toEqual([5]);
    await again.issueTicket(buildIssueInput(service, { issuedAt: 9 }));
    expect((await again.waitingGroups(hall.id)).map((g) => g.count)).toEqual([6]);
  });

  it('counts the groups ahead of any ticket as a scan of the whole queue would', async () => {
    const store = open();
    const hall = (await store.saveHall(buildHall(), [])).hall;
    const services = [
      (await store.saveService(buildService(hall), [])).service,
      (await store.saveService(buildService(hall), [])).service,
    ];
    for (let i = 0; i < 40; i++) {
      const service = services[i % 2] as (typeof services)[number];
      await store.issueTicket(
        buildIssueInput(service, {
          issuedAt: 1000 + Math.floor(i / 3),
          // Some jump the queue by a head start, some tie on the same instant.
          effectiveAt: i % 5 === 0 ? 900 + i : 1000 + Math.floor(i / 3),
          assistance: i % 7 === 0,
          ...(i % 5 === 0 ? { categories: ['disabled' as const] } : {}),
        }),
      );
    }
    const key = (t: { effectiveAt: number; issuedAt: number; number: string }) =>
      [t.effectiveAt, t.issuedAt, t.number] as const;
    const less = (a: readonly [number, number, string], b: readonly [number, number, string]) =>
      a[0] < b[0] || (a[0] === b[0] && (a[1] < b[1] || (a[1] === b[1] && a[2] < b[2])));
    const waiting = await store.listWaiting(hall.id);
    for (const t of waiting) {
      const expected = new Map<string, number>();
      for (const u of waiting) {
        if (!less(key(u), key(t))) continue;
        const k = `${u.serviceId}|${u.categories.length > 0}|${u.assistance}`;
        expected.set(k, (expected.get(k) ?? 0) + 1);
      }
      const got = new Map(
        (await store.waitingGroups(hall.id, t)).map((g) => [
          `${g.serviceId}|${g.priority}|${g.assistance}`,
          g.count,
        ]),
      );
      expect(got, t.number).toEqual(expected);
    }
  });

  it('keeps numbers and seqs unique across two connections to the file', async () => {
    const a = open();
    const b = open();
    const hall = (await a.saveHall(buildHall(), [])).hall;
    const service = (await a.saveService(buildService(hall), [])).service;
    const window = (await b.saveWindow(buildWindow(hall), [])).window;
    for (let i = 0; i < 20; i++) {
      await (i % 2 ? a : b).issueTicket(buildIssueInput(service, { prefix: 'A', issuedAt: i }));
    }
    await a.claimNext(claimRequest(window));
    const numbers = (await b.listTickets(hall.id)).map((t) => t.number);
    expect(new Set(numbers).size).toBe(20);
    expect((await a.listEvents(hall.id, 0, 100)).map((e) => e.seq)).toEqual(
      Array.from({ length: 21 }, (_, i) => i + 1),
    );
  });

  it('continues the log of a hall that is deleted and created again', async () => {
    const store = open();
    const hall = buildHall();
    await store.saveHall(hall, [buildEvent(hall.id)]);
    await store.deleteHall(hall.id, []);
    await store.saveHall(hall, [buildEvent(hall.id)]);
    expect((await store.listEvents(hall.id, 0, 10)).map((e) => e.seq)).toEqual([1, 2]);
  });

  it('fails a write that cannot get the lock, and changes nothing', async () => {
    const store = open({ busyTimeoutMs: 50 });
    const hall = (await store.saveHall(buildHall(), [])).hall;
    const service = (await store.saveService(buildService(hall), [])).service;
    const other = raw();
    other.prepare('BEGIN IMMEDIATE').run();
    try {
      const err = await store.issueTicket(buildIssueInput(service)).then(
        () => null,
        (e: unknown) => e,
      );
      expect(isDomainError(err)).toBe(false);
      expect((err as { code?: string }).code).toBe('SQLITE_BUSY');
    } finally {
      other.prepare('ROLLBACK').run();
      other.close();
    }
    expect(await store.lastSeq(hall.id)).toBe(0);
    expect((await issue(store, service, { prefix: 'A' })).number).toBe('A001');
  });
});
