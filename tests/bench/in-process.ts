import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { callNext, defaultDeps, issueTicket } from '../../server/src/app/index.js';
import { businessDay, type ServiceWindow } from '../../server/src/domain/index.js';
import type { DemoHall } from '../../server/src/demo/seed.js';
import { openSqliteStore, type SqliteStore } from '../../server/src/store/sqlite/index.js';
import { copyHallFile, seededHallFile } from './hall-file.js';
import { RawQueue } from './raw-sqlite.js';
import type { Part } from './report.js';
import { BenchClock, effectiveAt, planTickets, type PlannedTicket } from './workload.js';

/**
 * Part (a): issue and call-next through our use cases, in process, next to
 * the same SQL writes done raw on a copy of the same file. Both files are
 * WAL with synchronous=FULL: every commit is fsynced, as in production.
 *
 * The two sides run interleaved, one operation each in turn (alternating who
 * goes first), so a slow spell of the disk hits both alike; each side's rate
 * is its operations over the time spent inside them.
 */

const ISSUE_STEP_MS = 1000;
/** Longer than the 2 s double-press window, so no call-next is answered as a repeat. */
const CALL_STEP_MS = 3000;
const CLERK = 'bench-clerk';
/** A busy hall's queue rarely holds more: the rate over the first tickets shows issue at that depth. */
const SHALLOW = 200;

export interface InProcessOptions {
  tickets: number;
  /** Each phase stops here even if not finished; both sides always do the same work. */
  phaseCapMs: number;
}

interface Side {
  issue(i: number, p: PlannedTicket): Promise<void>;
  /** The number called, or null when the window found nothing to call. */
  press(w: ServiceWindow, j: number): Promise<string | null>;
  close(): Promise<void>;
}

function ourSide(store: SqliteStore, demo: DemoHall): Side {
  const clock = new BenchClock(demo.hall.timeZone);
  const deps = defaultDeps(store, { now: () => clock.now });
  let issueCount = 0;
  return {
    async issue(i, p) {
      clock.at(ISSUE_STEP_MS, i);
      issueCount = i + 1;
      await issueTicket(deps, {
        hallId: demo.hall.id,
        serviceId: p.serviceId,
        categories: p.categories,
        assistance: p.assistance,
        channel: p.channel,
      });
    },
    async press(w, j) {
      clock.at(CALL_STEP_MS, j, issueCount * ISSUE_STEP_MS);
      const r = await callNext(deps, { windowId: w.id, actor: { type: 'user', id: CLERK } });
      return r.outcome === 'empty' ? null : (r.ticket?.number ?? null);
    },
    close: () => store.close(),
  };
}

function rawSide(raw: RawQueue, demo: DemoHall): Side {
  const clock = new BenchClock(demo.hall.timeZone);
  const zone = demo.hall.timeZone;
  const heads = demo.hall.rules.headStarts;
  raw.route(demo.services, demo.windows);
  let issueCount = 0;
  return {
    async issue(i, p) {
      const now = clock.at(ISSUE_STEP_MS, i);
      issueCount = i + 1;
      raw.issue({
        ...p,
        businessDay: businessDay(now, zone),
        issuedAt: now,
        effectiveAt: effectiveAt(now, p, heads),
      });
    },
    async press(w, j) {
      const now = clock.at(CALL_STEP_MS, j, issueCount * ISSUE_STEP_MS);
      return raw.callNext(w.id, now, businessDay(now, zone), CLERK)?.number ?? null;
    },
    close: async () => raw.close(),
  };
}

/** Milliseconds spent inside each operation, per side. */
class Timings {
  readonly ours: number[] = [];
  readonly raw: number[] = [];
  async both(
    k: number,
    ours: () => Promise<unknown>,
    raw: () => Promise<unknown>,
  ): Promise<[unknown, unknown]> {
    const out: [unknown, unknown] = [undefined, undefined];
    const runOurs = async () => {
      const t = performance.now();
      out[0] = await ours();
      this.ours.push(performance.now() - t);
    };
    const runRaw = async () => {
      const t = performance.now();
      out[1] = await raw();
      this.raw.push(performance.now() - t);
    };
    if (k % 2 === 0) {
      await runOurs();
      await runRaw();
    } else {
      await runRaw();
      await runOurs();
    }
    return out;
  }
}

const sum = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0);
const opsPerSecond = (xs: readonly number[]) => (xs.length / sum(xs)) * 1000;

export async function inProcessBench(opts: InProcessOptions): Promise<Part> {
  const dir = await mkdtemp(path.join(tmpdir(), 'hall-bench-a-'));
  const sides: Side[] = [];
  try {
    const { file, demo } = await seededHallFile(dir, 'ours.db');
    const rawFile = copyHallFile(file, 'raw.db');
    const ours = ourSide(openSqliteStore({ file, synchronous: 'FULL' }), demo);
    sides.push(ours);
    const raw = rawSide(new RawQueue(rawFile, demo.hall.id, demo.hall.rules.numberDigits), demo);
    sides.push(raw);
    const plan = planTickets(demo.services, opts.tickets);

    const issues = new Timings();
    let started = performance.now();
    for (const [i, p] of plan.entries()) {
      if (performance.now() - started > opts.phaseCapMs) break;
      await issues.both(
        i,
        () => ours.issue(i, p),
        () => raw.issue(i, p),
      );
    }

    // Call-next round the windows in number order; a window that finds nothing leaves the round.
    const calls = new Timings();
    let active = [...demo.windows].sort((a, b) => a.number - b.number);
    let j = 0;
    let disagreements = 0;
    let called = 0;
    started = performance.now();
    while (active.length > 0 && performance.now() - started < opts.phaseCapMs) {
      const still: ServiceWindow[] = [];
      for (const w of active) {
        const k = j++;
        const [a, b] = await calls.both(
          k,
          () => ours.press(w, k),
          () => raw.press(w, k),
        );
        if (a !== b) disagreements++;
        if (a !== null) {
          called++;
          still.push(w);
        }
      }
      active = still;
    }

    const shallow = Math.min(SHALLOW, issues.ours.length);
    return {
      title: '(a) In process: use cases vs raw better-sqlite3',
      ours: 'issueTicket / callNext use cases on openSqliteStore (WAL, synchronous=FULL), demo hall (10 windows, 25 matters), one operation at a time',
      baseline:
        'the same rows written with hand-written better-sqlite3 prepared statements, one IMMEDIATE transaction per operation, on a copy of the same file (WAL, synchronous=FULL)',
      figures: [
        {
          figure: `issue (${issues.ours.length} tickets, queue 0→${issues.ours.length} deep)`,
          unit: 'ops/s',
          ours: opsPerSecond(issues.ours),
          baseline: opsPerSecond(issues.raw),
          better: 'higher',
          target: 0.5,
        },
        {
          figure: `issue, first ${shallow} (queue < ${shallow} deep)`,
          unit: 'ops/s',
          ours: opsPerSecond(issues.ours.slice(0, shallow)),
          baseline: opsPerSecond(issues.raw.slice(0, shallow)),
          better: 'higher',
        },
        {
          figure: `call-next (${calls.ours.length} presses)`,
          unit: 'ops/s',
          ours: opsPerSecond(calls.ours),
          baseline: opsPerSecond(calls.raw),
          better: 'higher',
          target: 0.5,
        },
      ],
      notes: [
        `${issues.ours.length} tickets issued, then call-next round the 10 windows until the queue was empty; each press also completes the window's previous ticket (completeOnNext).`,
        disagreements === 0
          ? `Same work on both sides: both called the same ${called} tickets to the same windows in the same order.`
          : `Warning: the sides disagreed on ${disagreements} of ${j} call-next results.`,
      ],
    };
  } finally {
    for (const s of sides) await s.close();
    await rm(dir, { recursive: true, force: true });
  }
}
