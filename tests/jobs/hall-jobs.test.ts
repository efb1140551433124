import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  callNext,
  completeTicket,
  defaultDeps,
  issueTicket,
  startService,
  type AppDeps,
} from '../../server/src/app/index.js';
import { seedDemoHall, type DemoHall } from '../../server/src/demo/seed.js';
import type { HallEvent } from '../../server/src/domain/index.js';
import { endOfDayJob } from '../../server/src/jobs/end-of-day.js';
import { JOBS } from '../../server/src/jobs/index.js';
import { ratingDeadlinesJob } from '../../server/src/jobs/rating-deadlines.js';
import { SqliteAgendaBackend } from '../../server/src/store/sqlite/agenda-jobs.js';
import { openSqliteStore, type SqliteStore } from '../../server/src/store/sqlite/index.js';
import { startTestHub } from '../helpers/hub.js';
import { rate } from '../stats/support.js';

/** The hall's jobs on a real SQLite file: each run twice changes nothing the second time. */

const CLERK = { type: 'user' as const, id: 'clerk-1' };
const T0 = Date.parse('2026-11-27T10:00:00+08:00');
/** The demo hall is open all day: its day is over when the next one begins. */
const NEXT_DAY = Date.parse('2026-11-28T08:00:00+08:00');

let dir = '';
let file = '';
let store: SqliteStore;
let deps: AppDeps;
let demo: DemoHall;
const clock = { now: T0 };

/** Every row of every table of the hall file: what a second run must leave as the first left it. */
function everything(): Record<string, unknown[]> {
  const tables = store.db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .all() as { name: string }[];
  return Object.fromEntries(
    tables.map(({ name }) => [name, store.db.prepare(`SELECT * FROM "${name}"`).all()]),
  );
}

async function waitingTickets(n: number) {
  const sb = demo.services.find((s) => s.code === 'SB001')!.id;
  for (let i = 0; i < n; i += 1)
    await issueTicket(deps, { hallId: demo.hall.id, serviceId: sb, channel: 'kiosk' });
}

async function servedTicket() {
  await waitingTickets(1);
  const windowId = demo.windows.find((w) => w.number === 1)!.id;
  await callNext(deps, { windowId, actor: CLERK });
  await startService(deps, { windowId, actor: CLERK });
  return completeTicket(deps, { windowId, actor: CLERK });
}

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'hall-jobs-'));
  file = path.join(dir, 'hall.db');
  store = openSqliteStore({ file, synchronous: 'NORMAL' });
  clock.now = T0;
  deps = defaultDeps(store, { now: () => clock.now });
  demo = await seedDemoHall(deps);
});
afterEach(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

describe('the hall jobs', () => {
  it('are end of day, 差评 deadlines and the three booking jobs, each with its name and schedule', () => {
    expect(JOBS.map((j) => [j.name, j.every])).toEqual([
      ['end-of-day', '1 minute'],
      ['rating-deadlines', '1 minute'],
      ['missed-bookings', '5 minutes'],
      ['booking-data-purge', '1 hour'],
      ['booking-notifications', '1 minute'],
    ]);
  });

  it('end of day twice: the second run changes nothing', async () => {
    await waitingTickets(3);
    clock.now = NEXT_DAY;
    await endOfDayJob.perform(deps);
    const expired = await store.listTickets(demo.hall.id, { statuses: ['expired'] });
    expect(expired).toHaveLength(3);
    const after = everything();
    await endOfDayJob.perform(deps);
    expect(everything()).toEqual(after);
  });

  it('a 差评 deadline twice (opening the case, the reminder, the overdue flag): the second run changes nothing', async () => {
    const ticket = await servedTicket();
    // Its event is never seen live: the job's catch-up opens the case.
    await rate(deps, ticket, 1, { publish: false });
    await ratingDeadlinesJob.perform(deps);
    const [c] = await store.listRectifications(demo.hall.id);
    expect(c).toMatchObject({ ticketId: ticket.id, status: 'open' });
    let after = everything();
    await ratingDeadlinesJob.perform(deps);
    expect(everything()).toEqual(after);

    // The last working day: reminded once.
    clock.now = c!.deadlineAt - 60_000;
    await ratingDeadlinesJob.perform(deps);
    expect((await store.getRectification(c!.id))?.remindedAt).toBe(clock.now);
    after = everything();
    clock.now += 1000;
    await ratingDeadlinesJob.perform(deps);
    expect(everything()).toEqual(after);

    // Past the deadline: flagged overdue once.
    clock.now = c!.deadlineAt;
    await ratingDeadlinesJob.perform(deps);
    expect((await store.getRectification(c!.id))?.overdueAt).toBe(c!.deadlineAt);
    after = everything();
    clock.now += 60_000;
    await ratingDeadlinesJob.perform(deps);
    expect(everything()).toEqual(after);
  });
});

describe('a hub with jobs on', () => {
  it('runs end of day through Agenda on the hall file at start, and gives its locks up when it closes', async () => {
    await waitingTickets(2);
    const seq = await store.lastSeq(demo.hall.id);
    const expired = new Promise<HallEvent>((resolve) => {
      const stop = store.followEvents({ hallId: demo.hall.id, afterSeq: seq }, ({ events }) => {
        const e = events.find((x) => x.type === 'ticket.expired');
        if (e) {
          stop();
          resolve(e);
        }
      });
    });
    const t = await startTestHub({
      dataDir: dir,
      deps: { now: () => NEXT_DAY },
      options: {
        jobs: { backend: new SqliteAgendaBackend({ file, synchronous: 'NORMAL' }), processEveryMs: 100 },
      },
    });
    try {
      await expired;
      await t.hub.jobs!.started;
    } finally {
      await t.close();
    }
    expect(await store.listTickets(demo.hall.id, { statuses: ['expired'] })).toHaveLength(2);
    const rows = store.db.prepare('SELECT name, type, locked_at FROM agenda_jobs ORDER BY name').all();
    expect(rows).toEqual([
      { name: 'booking-data-purge', type: 'single', locked_at: null },
      { name: 'booking-notifications', type: 'single', locked_at: null },
      { name: 'end-of-day', type: 'single', locked_at: null },
      { name: 'missed-bookings', type: 'single', locked_at: null },
      { name: 'rating-deadlines', type: 'single', locked_at: null },
    ]);
  });
});
