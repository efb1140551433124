import Database from 'better-sqlite3';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../server/src/store/sqlite/index.js';
import { buildHall, buildIssueInput, buildService, DAY, NEXT_DAY } from '../helpers/factories.js';
import { startWorker } from './workers/child.js';
import type { CrashConfig } from './workers/crash-worker.js';

/** Each round waits for the worker to have printed this many tickets, then kills it. */
const KILL_AFTER = [250, 400];

/**
 * kill -9 in the middle of issuing (DESIGN.md §6: a ticket that was issued
 * exists after a crash and keeps its number). Every ticket the worker
 * printed must be there, and the file must be whole and consistent.
 */
describe('a process killed while issuing', () => {
  let dir: string;
  let file: string;
  let hallId: string;
  let serviceIds: string[];
  const printed: string[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hall-crash-'));
    file = join(dir, 'hall.db');
    const store = openSqliteStore({ file });
    const hall = (await store.saveHall(buildHall(), [])).hall;
    hallId = hall.id;
    serviceIds = [
      (await store.saveService(buildService(hall), [])).service.id,
      (await store.saveService(buildService(hall), [])).service.id,
    ];
    await store.close();

    for (const [round, count] of KILL_AFTER.entries()) {
      const worker = startWorker('./crash-worker.ts', {
        file,
        hallId,
        serviceIds,
        businessDays: [DAY, DAY, NEXT_DAY],
        tag: `round${round}`,
      } satisfies CrashConfig);
      await worker.waitFor((line) => Number(line.split(' ')[1]) >= count);
      worker.child.kill('SIGKILL');
      expect(await worker.exited).toEqual({ code: null, signal: 'SIGKILL' });
      printed.push(...worker.lines().map((line) => line.split(' ').slice(2).join('/')));
    }
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  function inspect<T>(fn: (db: Database.Database) => T): T {
    const db = new Database(file);
    try {
      return fn(db);
    } finally {
      db.close();
    }
  }

  it('leaves a file that passes the integrity check', () => {
    expect(inspect((db) => db.pragma('integrity_check', { simple: true }))).toBe('ok');
    expect(inspect((db) => db.pragma('foreign_key_check'))).toEqual([]);
  });

  it('keeps every ticket that was printed', () => {
    const stored = new Set(
      inspect(
        (db) =>
          db.prepare('SELECT business_day, number FROM tickets').all() as {
            business_day: string;
            number: string;
          }[],
      ).map((r) => `${r.business_day}/${r.number}`),
    );
    expect(printed.length).toBeGreaterThanOrEqual(KILL_AFTER.reduce((a, b) => a + b, 0));
    expect(printed.filter((p) => !stored.has(p))).toEqual([]);
  });

  it('has exactly one issued event per ticket and no event without its ticket', () => {
    const orphans = inspect((db) => ({
      ticketsWithoutOne: db
        .prepare(
          `SELECT t.number, COUNT(e.seq) AS n FROM tickets t
           LEFT JOIN events e ON e.ticket_id = t.id AND e.type = 'ticket.issued'
           GROUP BY t.id HAVING n <> 1`,
        )
        .all(),
      eventsWithoutTicket: db
        .prepare(
          `SELECT e.seq FROM events e LEFT JOIN tickets t ON t.id = e.ticket_id
           WHERE e.type = 'ticket.issued' AND (t.id IS NULL OR json_extract(e.data, '$.number') <> t.number)`,
        )
        .all(),
      seqs: db.prepare('SELECT COUNT(*) AS n, MAX(seq) AS high FROM events WHERE hall_id = ?').get(hallId),
      tickets: db.prepare('SELECT COUNT(*) AS n FROM tickets').get(),
    }));
    expect(orphans.ticketsWithoutOne).toEqual([]);
    expect(orphans.eventsWithoutTicket).toEqual([]);
    const { n } = orphans.tickets as { n: number };
    expect(orphans.seqs).toEqual({ n, high: n });
  });

  it('keeps the counters at the last number issued, with no number twice', () => {
    const rows = inspect(
      (db) =>
        db
          .prepare(
            `SELECT c.prefix, c.business_day, c.last_seq, MAX(t.seq) AS high, COUNT(t.id) AS n,
               COUNT(DISTINCT t.number) AS numbers
             FROM counters c JOIN tickets t
               ON t.hall_id = c.hall_id AND t.prefix = c.prefix AND t.business_day = c.business_day
             GROUP BY c.prefix, c.business_day ORDER BY c.business_day, c.prefix`,
          )
          .all() as {
          prefix: string;
          business_day: string;
          last_seq: number;
          high: number;
          n: number;
          numbers: number;
        }[],
    );
    expect(rows.map((r) => `${r.business_day}/${r.prefix}`)).toEqual([
      `${DAY}/A`,
      `${DAY}/B`,
      `${NEXT_DAY}/A`,
      `${NEXT_DAY}/B`,
    ]);
    for (const r of rows) expect(r).toEqual({ ...r, high: r.last_seq, n: r.last_seq, numbers: r.last_seq });
  });

  it('carries on with the next number after the crash', async () => {
    const before = inspect(
      (db) =>
        db.prepare("SELECT last_seq FROM counters WHERE prefix = 'A' AND business_day = ?").get(DAY) as {
          last_seq: number;
        },
    );
    const store = openSqliteStore({ file });
    try {
      const { ticket } = await store.issueTicket(
        buildIssueInput({ id: serviceIds[0] ?? '', hallId, prefix: 'A' }, { businessDay: DAY }),
      );
      expect(ticket.seq).toBe(before.last_seq + 1);
      expect(ticket.number).toBe(`A${String(before.last_seq + 1).padStart(3, '0')}`);
    } finally {
      await store.close();
    }
  });
});
