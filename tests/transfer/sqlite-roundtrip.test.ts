import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueTicket } from '../../server/src/app/index.js';
import { isDomainError } from '../../server/src/domain/index.js';
import { openSqliteStore } from '../../server/src/store/sqlite/index.js';
import { hallSettingKeys } from '../../server/src/transfer/setting-keys.js';
import { readHallExport } from '../../server/src/transfer/import-hall.js';
import { startTestHub, type TestHub } from '../helpers/hub.js';
import { buildSourceHall, hallPicture, runTransferCli, type SourceHall } from './support.js';

/**
 * A hall moved SQLite → file → SQLite with `npm run hall:export` and
 * `hall:import` reads exactly as it did: the same statistics report byte for
 * byte, the same log with the same seqs, the same tickets, ratings and cases;
 * and its numbers and seqs continue where the source's stopped. A refused
 * import says why (with the line of a damaged file) and changes nothing.
 */
let source: SourceHall;
let work = '';
let file = '';
let sourcePicture: Record<string, string>;
const hubs: TestHub[] = [];

beforeAll(async () => {
  source = await buildSourceHall();
  sourcePicture = await hallPicture(source.t.store, source.t.deps, source.hallId);
  work = await mkdtemp(path.join(tmpdir(), 'hall-transfer-'));
  file = path.join(work, 'hall.jsonl');
}, 240_000);

afterAll(async () => {
  for (const h of hubs) await h.close();
  await source?.t.close();
  if (work) await rm(work, { recursive: true, force: true });
});

async function freshDir(name: string): Promise<string> {
  return mkdtemp(path.join(work, `${name}-`));
}

describe('a hall moved from SQLite to a file to SQLite', () => {
  it('is written as JSON lines: a header with the format and source schema, then one record per line', async () => {
    const run = await runTransferCli(['export', '--hall', source.hallId, '--out', file], {
      DATA_DIR: source.t.dataDir,
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`exported hall ${source.hallId}`);
    const lines = (await readFile(file, 'utf8')).split('\n');
    const header = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(header).toMatchObject({
      kind: 'header',
      format: 'hall-queue.hall-export',
      version: 1,
      hallId: source.hallId,
      source: { store: 'sqlite', schema: expect.any(Number) as number },
    });
    const kinds = lines.slice(1, -1).map((l) => (JSON.parse(l) as { kind: string }).kind);
    for (const kind of [
      'hall',
      'service',
      'window',
      'device',
      'user',
      'setting',
      'ticket',
      'event',
      'evaluation',
      'rectification',
      'statsCursor',
      'ticketFact',
      'dayAggregate',
    ])
      expect(kinds, kind).toContain(kind);
    expect(kinds.at(-1)).toBe('end');
    // An export is refused rather than written over an earlier one.
    const again = await runTransferCli(['export', '--hall', source.hallId, '--out', file], {
      DATA_DIR: source.t.dataDir,
    });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('exists already');
  }, 60_000);

  it('holds every hall setting the source file has', async () => {
    const devices = await source.t.store.listDevices(source.hallId);
    const db = openSqliteStore({ file: path.join(source.t.dataDir, 'hall.db') });
    try {
      const stored = db.db.prepare('SELECT key FROM hall_settings WHERE hall_id = ?').all(source.hallId) as {
        key: string;
      }[];
      expect(stored.length).toBeGreaterThan(0);
      for (const { key } of stored) expect(hallSettingKeys(devices)).toContain(key);
    } finally {
      await db.close();
    }
    const { data } = readHallExport((await readFile(file, 'utf8')).split('\n'));
    expect(data.settings.map((s) => s.key)).toContain('evaluation');
    expect(data.rectifications.length).toBeGreaterThan(0);
    expect(data.events.length).toBe(Number(sourcePicture.lastSeq));
  });

  it('imports into an empty store with the same statistics, log, tickets, ratings and cases', async () => {
    const dir = await freshDir('restored');
    const run = await runTransferCli(['import', '--in', file], { DATA_DIR: dir });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`imported hall ${source.hallId}`);
    const restored = await startTestHub({ dataDir: dir, deps: { now: source.clock.now } });
    hubs.push(restored);
    const picture = await hallPicture(restored.store, restored.deps, source.hallId);
    const report = (JSON.parse(picture.stats!) as { report: { issued: number; served: number } }).report;
    expect(report.issued).toBeGreaterThan(50);
    expect(report.served).toBeGreaterThan(0);
    for (const key of Object.keys(sourcePicture)) expect(picture[key], key).toBe(sourcePicture[key]);

    // Numbers and seqs go on where the source stopped: the next ticket of the day is the same on both.
    const next = async (t: TestHub) => {
      const { ticket } = await issueTicket(t.deps, {
        hallId: source.hallId,
        serviceId: source.serviceId,
        channel: 'kiosk',
      });
      return { number: ticket.number, seq: await t.store.lastSeq(source.hallId) };
    };
    expect(await next(restored)).toEqual(await next(source.t));
  }, 60_000);

  it('refuses to import where the hall exists, and changes nothing', async () => {
    const dir = await freshDir('twice');
    expect((await runTransferCli(['import', '--in', file], { DATA_DIR: dir })).code).toBe(0);
    const before = await readFile(path.join(dir, 'hall.db'));
    const run = await runTransferCli(['import', '--in', file], { DATA_DIR: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`Hall ${source.hallId} exists in this store already`);
    expect(run.stdout).toBe('');
    const store = openSqliteStore({ file: path.join(dir, 'hall.db') });
    try {
      expect(await store.lastSeq(source.hallId)).toBe(Number(sourcePicture.lastSeq));
      expect((await store.listHalls()).length).toBe(1);
    } finally {
      await store.close();
    }
    expect((await readFile(path.join(dir, 'hall.db'))).equals(before)).toBe(true);
  }, 60_000);

  it('refuses a damaged line with its number, and imports nothing', async () => {
    const lines = (await readFile(file, 'utf8')).split('\n');
    const eventLine = lines.findIndex((l) => l.startsWith('{"kind":"event"')) + 10;
    const ticketLine = lines.findIndex((l) => l.startsWith('{"kind":"ticket"')) + 3;
    const damages: { name: string; change: (l: string[]) => void; line: number; says: string }[] = [
      {
        name: 'cut',
        change: (l) => (l[eventLine] = l[eventLine]!.slice(0, 40)),
        line: eventLine + 1,
        says: 'not a JSON record',
      },
      {
        name: 'gap',
        change: (l) =>
          (l[eventLine] = l[eventLine]!.replace(/"seq":(\d+)/, (_, s: string) => `"seq":${Number(s) + 1}`)),
        line: eventLine + 1,
        says: 'the log has a gap',
      },
      {
        name: 'field',
        change: (l) =>
          (l[ticketLine] = l[ticketLine]!.replace(/"businessDay":"[^"]+"/, '"businessDay":"yesterday"')),
        line: ticketLine + 1,
        says: 'ticket: businessDay',
      },
      {
        name: 'truncated',
        change: (l) => l.splice(l.length - 2, 1),
        line: lines.length - 2,
        says: 'cut short',
      },
    ];
    for (const d of damages) {
      const copy = [...lines];
      d.change(copy);
      const damaged = path.join(work, `${d.name}.jsonl`);
      await writeFile(damaged, copy.join('\n'));
      const dir = await freshDir(d.name);
      const run = await runTransferCli(['import', '--in', damaged], { DATA_DIR: dir });
      expect(run.code, d.name).toBe(1);
      expect(run.stderr, d.name).toContain(`line ${d.line}: `);
      expect(run.stderr, d.name).toContain(d.says);
      const store = openSqliteStore({ file: path.join(dir, 'hall.db') });
      try {
        expect(await store.listHalls(), d.name).toEqual([]);
        expect(await store.lastSeq(source.hallId), d.name).toBe(0);
      } finally {
        await store.close();
      }
    }
  }, 120_000);

  it('restores in one step: a clash found late (a username taken by another user) leaves no part of the hall', async () => {
    const { data } = readHallExport((await readFile(file, 'utf8')).split('\n'));
    const dir = await freshDir('clash');
    const store = openSqliteStore({ file: path.join(dir, 'hall.db') });
    try {
      const clerk = data.users[0]!;
      await store.saveUser({ ...clerk, id: 'someone-else' }, []);
      const refused = await store.importHall(data).catch((err: unknown) => err);
      expect(isDomainError(refused) && refused.code).toBe('conflict');
      expect(String((refused as Error).message)).toContain(clerk.username);
      expect(await store.listHalls()).toEqual([]);
      expect(await store.listEvents(source.hallId, 0, 10)).toEqual([]);
      expect(await store.listTickets(source.hallId)).toEqual([]);
      expect((await store.listUsers()).map((u) => u.id)).toEqual(['someone-else']);
    } finally {
      await store.close();
    }
  });

  it('answers wrong usage with exit code 2 and the usage', async () => {
    const run = await runTransferCli(['import'], { DATA_DIR: await freshDir('usage') });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('import needs --in');
    expect(run.stderr).toContain('npm run hall:import -- --in <file.jsonl>');
    const missing = await runTransferCli(
      ['export', '--hall', 'no-such-hall', '--out', path.join(work, 'none.jsonl')],
      {
        DATA_DIR: source.t.dataDir,
      },
    );
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('No hall no-such-hall');
  }, 60_000);
});
