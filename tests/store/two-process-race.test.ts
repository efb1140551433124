import Database from 'better-sqlite3';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServiceWindow } from '../../server/src/domain/index.js';
import { openSqliteStore } from '../../server/src/store/sqlite/index.js';
import { buildHall, buildIssueInput, buildService, buildWindow, DAY, T0 } from '../helpers/factories.js';
import { startWorker } from './workers/child.js';
import type { RaceConfig } from './workers/race-worker.js';

const PRE_ISSUED = 3000;
const ISSUED_BY_EACH = 300;
const WINDOWS_PER_PROCESS = 3;
const TOTAL = PRE_ISSUED + 2 * ISSUED_BY_EACH;

/**
 * Two hub processes share one database file; each runs three windows that
 * press call-next as fast as they can while its kiosk keeps issuing. The
 * file must come out as if every press had happened one at a time.
 */
describe('two processes calling from one SQLite file', () => {
  let dir: string;
  let db: Database.Database;
  let hallId: string;
  let reports: { claims: number; issued: number; ms: number }[];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hall-race-'));
    const file = join(dir, 'hall.db');
    const store = openSqliteStore({ file });
    const hall = (await store.saveHall(buildHall(), [])).hall;
    hallId = hall.id;
    const service = (await store.saveService(buildService(hall), [])).service;
    await store.saveService(buildService(hall, { domain: '医保' }), []);
    const windows: ServiceWindow[] = [];
    for (let i = 0; i < 2 * WINDOWS_PER_PROCESS; i++)
      windows.push((await store.saveWindow(buildWindow(hall), [])).window);
    for (let i = 0; i < PRE_ISSUED; i++) {
      // Every seventh applicant is elderly, so call order is not issue order.
      const elderly = i % 7 === 0;
      await store.issueTicket(
        buildIssueInput(service, {
          prefix: 'A',
          issuedAt: T0 + i * 1000,
          effectiveAt: T0 + i * 1000 - (elderly ? 15 * 60_000 : 0),
          categories: elderly ? ['elderly'] : [],
        }),
      );
    }
    await store.close();

    const workers = [0, 1].map((p) =>
      startWorker('./race-worker.ts', {
        file,
        hallId,
        businessDay: DAY,
        windowIds: windows.slice(p * WINDOWS_PER_PROCESS, (p + 1) * WINDOWS_PER_PROCESS).map((w) => w.id),
        issue: ISSUED_BY_EACH,
        tag: `p${p}`,
      } satisfies RaceConfig),
    );
    await Promise.all(workers.map((w) => w.waitFor((l) => l === 'ready')));
    for (const w of workers) w.send('go');
    const done = await Promise.all(workers.map((w) => w.waitFor((l) => l.startsWith('done '))));
    const exits = await Promise.all(workers.map((w) => w.exited));
    expect(exits).toEqual([
      { code: 0, signal: null },
      { code: 0, signal: null },
    ]);
    reports = done.map(
      (l) => JSON.parse(l.slice('done '.length)) as { claims: number; issued: number; ms: number },
    );
    const ms = Math.max(...reports.map((r) => r.ms));
    console.log(
      `race: ${TOTAL} tickets called by 2 processes × ${WINDOWS_PER_PROCESS} windows in ${ms.toFixed(0)} ms ` +
        `(${((TOTAL / ms) * 1000).toFixed(0)} claims/s, each with its completion; claims per process ${reports
          .map((r) => r.claims)
          .join(' + ')})`,
    );
    db = new Database(file, { readonly: true });
  }, 120_000);

  afterAll(async () => {
    db?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('calls every ticket exactly once and leaves none waiting', () => {
    expect(reports.reduce((n, r) => n + r.claims, 0)).toBe(TOTAL);
    expect(db.prepare('SELECT status, COUNT(*) AS n FROM tickets GROUP BY status').all()).toEqual([
      { status: 'completed', n: TOTAL },
    ]);
    const calls = db
      .prepare("SELECT ticket_id, COUNT(*) AS n FROM events WHERE type = 'ticket.called' GROUP BY ticket_id")
      .all() as { ticket_id: string; n: number }[];
    expect(calls).toHaveLength(TOTAL);
    expect(calls.filter((c) => c.n !== 1)).toEqual([]);
  });

  it('never gives a ticket to two windows, nor a window two tickets at once', () => {
    const mismatched = db
      .prepare(
        `SELECT t.number FROM tickets t JOIN events e ON e.ticket_id = t.id
         WHERE e.type IN ('ticket.called', 'ticket.started', 'ticket.completed') AND e.window_id IS NOT t.window_id`,
      )
      .all();
    expect(mismatched).toEqual([]);
    const byWindow = new Map<string, string | null>();
    const rows = db
      .prepare(
        `SELECT window_id, ticket_id, type FROM events
         WHERE hall_id = ? AND type IN ('ticket.called', 'ticket.started', 'ticket.completed') ORDER BY seq`,
      )
      .all(hallId) as { window_id: string; ticket_id: string; type: string }[];
    const broken: string[] = [];
    for (const r of rows) {
      const current = byWindow.get(r.window_id) ?? null;
      if (r.type === 'ticket.called') {
        if (current !== null) broken.push(`${r.window_id} called ${r.ticket_id} while it had ${current}`);
        byWindow.set(r.window_id, r.ticket_id);
      } else {
        if (current !== r.ticket_id)
          broken.push(`${r.window_id}: ${r.type} of ${r.ticket_id}, but it had ${current}`);
        if (r.type === 'ticket.completed') byWindow.set(r.window_id, null);
      }
    }
    expect(broken).toEqual([]);
    expect(db.prepare('SELECT COUNT(*) AS n FROM windows WHERE current_ticket_id IS NOT NULL').get()).toEqual(
      { n: 0 },
    );
  });

  it('numbers the log 1..N without gaps or repeats', () => {
    const seqs = (
      db.prepare('SELECT seq FROM events WHERE hall_id = ? ORDER BY seq').all(hallId) as { seq: number }[]
    ).map((r) => r.seq);
    // issued, called, completed (finished by the next call-next, never started) for every ticket
    expect(seqs).toHaveLength(3 * TOTAL);
    expect(seqs.every((s, i) => s === i + 1)).toBe(true);
    expect(db.prepare('SELECT event_seq FROM halls WHERE id = ?').get(hallId)).toEqual({
      event_seq: 3 * TOTAL,
    });
  });

  it('keeps the number counter in step with the tickets issued by all three processes', () => {
    expect(db.prepare('SELECT prefix, business_day, last_seq FROM counters').all()).toEqual([
      { prefix: 'A', business_day: DAY, last_seq: TOTAL },
    ]);
    expect(
      db
        .prepare('SELECT COUNT(DISTINCT number) AS numbers, MIN(seq) AS low, MAX(seq) AS high FROM tickets')
        .get(),
    ).toEqual({ numbers: TOTAL, low: 1, high: TOTAL });
    expect(reports.map((r) => r.issued)).toEqual([ISSUED_BY_EACH, ISSUED_BY_EACH]);
  });
});
