import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openConnection, type Db } from '../../server/src/store/sqlite/connection.js';
import { startHubProcess, type HubProcess } from '../helpers/hub-process.js';

/**
 * Two real hubs (`server/src/main.ts`) on one DATA_DIR: both run the job
 * runner on the hall file, the schedule holds one row per job, the jobs run,
 * and each hub gives its locks up when it stops.
 */

let dir = '';
let db: Db | null = null;
const hubs: HubProcess[] = [];

afterAll(async () => {
  for (const h of hubs) if (h.child.exitCode === null && h.child.signalCode === null) h.child.kill('SIGKILL');
  await Promise.all(hubs.map((h) => h.exited));
  db?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

interface JobRow {
  name: string;
  type: string;
  locked_at: number | null;
  attrs: string;
}

describe('two hub processes on one hall file', () => {
  it('share one schedule, run every job, and release their locks when they stop', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'hub-jobs-'));
    const env = {
      DATA_DIR: dir,
      DEMO: 'false',
      HUB_ADMIN_PASSWORD: 'correct horse battery',
      VIRTUAL_PRINTER_PORT: 'off',
    };
    hubs.push(await startHubProcess(env));
    hubs.push(await startHubProcess(env));
    db = openConnection({ file: path.join(dir, 'hall.db') });
    const rows = () =>
      db!.prepare('SELECT name, type, locked_at, attrs FROM agenda_jobs ORDER BY name').all() as JobRow[];
    const finished = (r: JobRow) => 'lastFinishedAt' in (JSON.parse(r.attrs) as object);
    // Synchronised on the rows: every job has finished a run.
    while (!(rows().length === 5 && rows().every(finished))) await new Promise((r) => setTimeout(r, 50));
    expect(rows().map((r) => [r.name, r.type])).toEqual([
      ['booking-data-purge', 'single'],
      ['booking-notifications', 'single'],
      ['end-of-day', 'single'],
      ['missed-bookings', 'single'],
      ['rating-deadlines', 'single'],
    ]);
    for (const h of hubs) h.child.kill('SIGTERM');
    const ends = await Promise.all(hubs.map((h) => h.exited));
    expect(ends.map((e) => e.code)).toEqual([0, 0]);
    expect(rows().map((r) => r.locked_at)).toEqual([null, null, null, null, null]);
  });
});
