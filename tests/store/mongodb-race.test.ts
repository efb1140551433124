import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from 'mongodb';
import type { ServiceWindow } from '../../server/src/domain/index.js';
import { openMongoStore, type MongoStore } from '../../server/src/store/mongodb/index.js';
import { buildHall, buildIssueInput, buildService, buildWindow, DAY, T0 } from '../helpers/factories.js';
import { startWorker } from './workers/child.js';
import type { RaceConfig } from './workers/race-worker.js';

const uri = process.env.MONGODB_URI;
const PRE_ISSUED = 300;
const ISSUED_BY_EACH = 50;
const WINDOWS_PER_PROCESS = 3;
const TOTAL = PRE_ISSUED + 2 * ISSUED_BY_EACH;

/**
 * Two hub processes on one MongoDB database, three windows each pressing
 * call-next as fast as they can while each kiosk issues more: the database
 * must come out as if every press had happened one at a time. Skipped, with
 * the reason in its name, without MONGODB_URI.
 */
describe.skipIf(!uri)('two processes calling from one MongoDB database (needs MONGODB_URI)', () => {
  const dbName = `hall_race_${randomUUID().replaceAll('-', '')}`;
  let store: MongoStore;
  let db: Db;
  let hallId: string;
  let reports: { claims: number; issued: number; ms: number }[];

  beforeAll(async () => {
    store = await openMongoStore({ uri: uri as string, dbName });
    db = store.mongo().db;
    const { hall } = await store.saveHall(buildHall(), []);
    hallId = hall.id;
    const { service } = await store.saveService(buildService(hall), []);
    const windows: ServiceWindow[] = [];
    for (let i = 0; i < 2 * WINDOWS_PER_PROCESS; i++)
      windows.push((await store.saveWindow(buildWindow(hall), [])).window);
    for (let i = 0; i < PRE_ISSUED; i++) {
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
    const workers = [0, 1].map((p) =>
      startWorker('./race-worker.ts', {
        file: '',
        mongodb: { uri: uri as string, dbName },
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
    expect(await Promise.all(workers.map((w) => w.exited))).toEqual([
      { code: 0, signal: null },
      { code: 0, signal: null },
    ]);
    reports = done.map(
      (l) => JSON.parse(l.slice('done '.length)) as { claims: number; issued: number; ms: number },
    );
  }, 300_000);

  afterAll(async () => {
    await db?.dropDatabase();
    await store?.close();
  });

  it('calls every ticket exactly once and leaves none waiting', async () => {
    expect(reports.reduce((n, r) => n + r.claims, 0)).toBe(TOTAL);
    expect(
      await db
        .collection('tickets')
        .aggregate([{ $group: { _id: '$status', n: { $sum: 1 } } }])
        .toArray(),
    ).toEqual([{ _id: 'completed', n: TOTAL }]);
    const calls = await db
      .collection('events')
      .aggregate([{ $match: { type: 'ticket.called' } }, { $group: { _id: '$ticketId', n: { $sum: 1 } } }])
      .toArray();
    expect(calls).toHaveLength(TOTAL);
    expect(calls.filter((c) => c.n !== 1)).toEqual([]);
  });

  it('never gives a window two tickets at once', async () => {
    const rows = await db
      .collection('events')
      .find(
        { hallId, type: { $in: ['ticket.called', 'ticket.started', 'ticket.completed'] } },
        { sort: { seq: 1 } },
      )
      .toArray();
    const byWindow = new Map<string, string | null>();
    const broken: string[] = [];
    for (const r of rows) {
      const current = byWindow.get(r.windowId as string) ?? null;
      if (r.type === 'ticket.called') {
        if (current !== null) broken.push(`${r.windowId} called ${r.ticketId} while it had ${current}`);
        byWindow.set(r.windowId as string, r.ticketId as string);
      } else {
        if (current !== r.ticketId)
          broken.push(`${r.windowId}: ${r.type} of ${r.ticketId}, but it had ${current}`);
        if (r.type === 'ticket.completed') byWindow.set(r.windowId as string, null);
      }
    }
    expect(broken).toEqual([]);
    expect(await db.collection('windows').countDocuments({ currentTicketId: { $ne: null } })).toBe(0);
  });

  it('numbers the log 1..N without gaps or repeats', async () => {
    const seqs = (
      await db
        .collection('events')
        .find({ hallId }, { sort: { seq: 1 }, projection: { seq: 1 } })
        .toArray()
    ).map((r) => r.seq as number);
    expect(seqs).toHaveLength(3 * TOTAL);
    expect(seqs.every((s, i) => s === i + 1)).toBe(true);
  });

  it('keeps the number counter in step with the tickets issued by all three processes', async () => {
    expect(
      await db
        .collection('counters')
        .find({}, { projection: { _id: 0, prefix: 1, lastSeq: 1 } })
        .toArray(),
    ).toEqual([{ prefix: 'A', lastSeq: TOTAL }]);
    expect(await db.collection('tickets').distinct('number')).toHaveLength(TOTAL);
    expect(reports.map((r) => r.issued)).toEqual([ISSUED_BY_EACH, ISSUED_BY_EACH]);
  });
});
