import { BOARDS_PER_HALL, TICKETS_PER_DAY, WINDOWS_PER_HALL } from './city-day.js';
import {
  DRAIN_MS,
  PROBE_SCREENS,
  PROBE_STEPS,
  rawScreenWeight,
  runCity,
  type CityOptions,
  type RunResult,
  type ScreenWeight,
  type SliceResult,
} from './city-run.js';
import { openFileLimit } from './display-clients.js';
import type { Figure, Part, Table } from './report.js';

/**
 * Part (f): a city's halls on one hub process, then on two hub processes
 * sharing one SQLite DATA_DIR; how issue, call-next, call-out, CPU and
 * memory grow with the number of halls (city-run.ts plays each run). Each
 * hall has the demo hall's 10 windows, 5 lobby boards (socket.io-client
 * connections to /display, as the built board makes) and 1,500 tickets a
 * day in the hourly shape of city-day.ts, played at `speed`× for `minutes`
 * simulated minutes of each of `hours`. Memory per screen is set against a
 * bare Socket.IO server process holding the same number of sockets.
 */

export type { CityOptions } from './city-run.js';

const KB = 1024;
const MIB = 1024 * 1024;

function fmt(v: number, unit: string): string {
  if (!Number.isFinite(v)) return 'n/a';
  const digits = Math.abs(v) >= 100 ? 0 : Math.abs(v) >= 10 ? 1 : 2;
  return `${v.toFixed(digits)} ${unit}`;
}

/** One row of the growth table: the figure at each hall count and the last against the first. */
function growthRow(figure: string, unit: string, values: number[]): string[] {
  const first = values[0] as number;
  const last = values[values.length - 1] as number;
  const growth =
    first > 0 && Number.isFinite(first) && Number.isFinite(last) ? (last / first).toFixed(2) : 'n/a';
  return [figure, ...values.map((v) => fmt(v, unit)), growth];
}

function growthTable(title: string, runs: RunResult[], raw: ScreenWeight[] | null, opts: CityOptions): Table {
  const hubs = runs[0]?.hubs ?? 1;
  const pick = (f: (r: RunResult) => number) => runs.map(f);
  const atHour = (hour: number, f: (s: SliceResult) => number) =>
    pick((r) => {
      const s = r.slices.find((x) => x.hour === hour);
      return s ? f(s) : Number.NaN;
    });
  const perHour = (name: string, unit: string, f: (s: SliceResult) => number) =>
    opts.hours.map((hour) => growthRow(`${name}, ${hour}:00 slice`, unit, atHour(hour, f)));
  const both = hubs > 1;
  const rows: string[][] = [
    ...perHour('requests/s', 'req/s', (s) => s.rate),
    growthRow(
      'issue p50',
      'ms',
      pick((r) => r.issue.p50),
    ),
    growthRow(
      'issue p99',
      'ms',
      pick((r) => r.issue.p99),
    ),
    growthRow(
      'call-next p50',
      'ms',
      pick((r) => r.callNext.p50),
    ),
    growthRow(
      'call-next p99',
      'ms',
      pick((r) => r.callNext.p99),
    ),
    growthRow(
      'call-out p50 to boards',
      'ms',
      pick((r) => r.callout.p50),
    ),
    growthRow(
      'call-out p99 to boards',
      'ms',
      pick((r) => r.callout.p99),
    ),
    ...(both
      ? [
          growthRow(
            'call-out p99, board on the other hub',
            'ms',
            pick((r) => r.crossHub.p99),
          ),
        ]
      : []),
    ...perHour(both ? 'CPU of both hubs' : 'hub CPU', '% core', (s) => s.cores * 100),
    ...perHour(
      both ? 'CPU of both hubs per request' : 'hub CPU per request',
      'ms',
      (s) => (s.cores * 1000) / s.rate,
    ),
    ...perHour('hub waiting for a core', '%', (s) => s.waiting * 100),
    ...perHour('load generator CPU (this process)', '% core', (s) => s.generator * 100),
    ...perHour('machine busy, all processes', '%', (s) => s.machine * 100),
    growthRow(
      both ? 'RSS of both hubs, max' : 'hub RSS, max',
      'MiB',
      pick((r) => r.rssMaxBytes / MIB),
    ),
  ];
  if (raw) {
    rows.push(
      growthRow(
        'RSS per screen, hub',
        'kB',
        pick((r) => (r.screen?.bytes ?? Number.NaN) / KB),
      ),
      growthRow(
        'RSS per screen, bare Socket.IO',
        'kB',
        raw.map((w) => w.bytes / KB),
      ),
    );
  }
  const first = runs[0]?.halls ?? 0;
  const last = runs[runs.length - 1]?.halls ?? 0;
  return {
    title,
    header: ['figure', ...runs.map((r) => `${r.halls} halls`), `${last}:${first}`],
    rows,
  };
}

function runNote(r: RunResult): string {
  const failed =
    r.rec.failures > 0 ? `failed ${r.rec.failures} (first: ${r.rec.firstFailure ?? ''})` : 'failed 0';
  const cross = r.hubs > 1 ? ` (${r.crossHub.n} across hubs)` : '';
  return (
    `${r.halls} halls on ${r.hubs === 1 ? 'one hub' : 'two hubs'}: ${r.rec.issueMs.length} issued, ` +
    `${r.rec.callNextMs.length} called, ${r.rec.empty} presses found nobody, ${failed}; ` +
    `${r.callout.n} call-outs reached boards${cross}, ${r.missing} missing after ${DRAIN_MS / 1000} s.`
  );
}

function stepsText(w: ScreenWeight | null | undefined): string {
  return w ? w.steps.map((b) => (b / KB).toFixed(1)).join(' / ') : 'n/a';
}

/** The text that says what a run plays. */
export function playedText(opts: CityOptions): string {
  const hours = opts.hours.map((h) => `${h}:00–${h + 1}:00`).join(' and ');
  const seconds = ((opts.minutes * 60) / opts.speed).toFixed(0);
  return `${opts.minutes} simulated minutes of ${hours} at ${opts.speed}× (${seconds} s each)`;
}

export async function cityScaleBench(opts: CityOptions): Promise<Part> {
  const maxHalls = Math.max(...opts.halls);
  const minHalls = Math.min(...opts.halls);
  const limit = openFileLimit();
  if (limit !== null && limit < maxHalls * BOARDS_PER_HALL * 2 + PROBE_SCREENS * 2 + 500) {
    throw new Error(
      `Open file limit ${limit} is too low for ${maxHalls} halls and ${PROBE_SCREENS} probe screens; raise it first (ulimit -n 4096).`,
    );
  }
  const played = playedText(opts);
  console.log(`  Each run plays ${played}, not a whole day.`);
  const one: RunResult[] = [];
  const two: RunResult[] = [];
  const raw: ScreenWeight[] = [];
  for (const n of opts.halls) {
    console.log(`  ${n} halls, one hub …`);
    one.push(await runCity(n, 1, opts));
    console.log(`  ${n} halls, bare Socket.IO server …`);
    raw.push(await rawScreenWeight(n));
    console.log(`  ${n} halls, two hubs …`);
    two.push(await runCity(n, 2, opts));
  }
  const figures: Figure[] = one.map((r, i) => ({
    figure: `RSS per screen, ${r.halls} halls`,
    unit: 'kB',
    ours: (r.screen?.bytes ?? Number.NaN) / KB,
    baseline: (raw[i] as ScreenWeight).bytes / KB,
    better: 'lower',
  }));
  return {
    title: `(f) City scale: ${opts.halls.join(', ')} halls on one hub and on two`,
    ours: `the hub process serving N halls (each: the demo hall's matters and ${WINDOWS_PER_HALL} windows, ${BOARDS_PER_HALL} lobby boards as socket.io-client connections to /display, ${TICKETS_PER_DAY} tickets a day in the hourly shape of city-day.ts); kiosks issue at the arrival rate and clerks press call-next at a service pace over HTTP; ${played}; then two hub processes on one DATA_DIR with kiosks, clerks and boards split between them`,
    baseline: `memory per screen: a bare Socket.IO server process (raw-socket-server.ts) holding the same boards and ${PROBE_SCREENS} more /display sockets, measured the same way; the growth tables set each figure at ${maxHalls} halls against itself at ${minHalls}`,
    figures,
    tables: [
      growthTable('One hub: growth with the number of halls', one, raw, opts),
      growthTable('Two hubs on one DATA_DIR: growth with the number of halls', two, null, opts),
    ],
    notes: [
      `A run plays ${played} only, not the whole day (BENCH_CITY_MINUTES, BENCH_CITY_HOURS); latencies are over all the slices of a run, CPU per slice. Each slice starts with the queue the one before left.`,
      'Call-next latency is of presses that called someone; call-out is from just before the call-next request to `ticket:called` at each of the hall’s boards.',
      `RSS per screen: after the play, ${PROBE_SCREENS} more /display sockets spread over the halls, connected in ${PROBE_STEPS} steps; the hub's resident memory once settled (median of 5 readings) after each step minus before it, over the step's sockets, the median of the steps; the same for the bare server holding the same boards first. RSS moves with garbage collection: indicative.`,
      'CPU is the hub processes’ user + system time (/proc/<pid>/stat) over the slice’s wall time, in % of one core, and per request sent (issue or call-next, the broadcasts they cause included); “waiting for a core” is the share of the slice a hub’s main thread was ready but not running (/proc/<pid>/schedstat, the most of any hub); “load generator” is this process (kiosks, clerks, boards); “machine busy” is the share of all cores busy (/proc/stat), any other work on the machine included. Where the hub waits for a core, its latencies measure the machine more than the hub.',
      'Each hub also holds the idle demo hall. Two hubs: the kiosk of every other hall and the clerks of every other window use the second hub, and each hall has 3 boards on one hub and 2 on the other.',
      `RSS per screen by step (kB), ${opts.halls.map((n, i) => `${n} halls: hub ${stepsText(one[i]?.screen)}, bare ${stepsText(raw[i])}`).join('; ')}.`,
      ...one.map(runNote),
      ...two.map(runNote),
    ],
  };
}

/** A generous bound on the part's wall time, for the benchmark's hard limit. */
export function cityBudgetMs(opts: CityOptions): number {
  const playMs = (opts.hours.length * opts.minutes * 60_000) / opts.speed;
  // Per run: the slices, start-up and set-up (about a second per hall here), boards and screens; two runs and a baseline per count.
  return opts.halls.reduce((sum, n) => sum + 2 * (playMs + 90_000 + n * 3_000) + 30_000, 0);
}
