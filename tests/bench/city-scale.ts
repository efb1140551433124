import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from '../helpers/hub-process.js';
import { spawnNode } from './children.js';
import { BOARDS_PER_HALL, TICKETS_PER_DAY, WINDOWS_PER_HALL } from './city-day.js';
import { HubClient, setUpCityHalls } from './city-halls.js';
import { newRecord, runSlice, type LoadRecord } from './city-load.js';
import { DisplayClients, openFileLimit } from './display-clients.js';
import { joinHub, startHub } from './hub-process.js';
import { readProc, coresUsed, type ProcSample } from './proc-usage.js';
import type { Figure, Part, Table } from './report.js';
import { summarize, type Summary } from './stats.js';

/**
 * Part (f): a city's halls on one hub process, then on two hub processes
 * sharing one SQLite DATA_DIR; how issue, call-next, call-out, CPU and
 * memory grow with the number of halls. Each hall has the demo hall's 10
 * windows, 5 lobby boards (socket.io-client connections to /display, as
 * the built board makes) and 1,500 tickets a day in the hourly shape of
 * city-day.ts, played at `speed`× for `minutes` simulated minutes of each
 * of `hours`. Memory per screen is set against a bare Socket.IO server
 * process holding the same number of sockets.
 */

export interface CityOptions {
  halls: number[];
  speed: number;
  /** Simulated minutes played of each hour. */
  minutes: number;
  hours: number[];
}

interface Board {
  hall: number;
  hub: number;
  clients: DisplayClients;
  /** Connected first, one per hall, so per-hall caches are warm before the screens are counted. */
  first: boolean;
}

interface SliceResult {
  hour: number;
  /** Requests per second, all hubs. */
  rate: number;
  /** Cores used, summed over the hubs (1 = one core). */
  cores: number;
}

interface RunResult {
  halls: number;
  hubs: number;
  rec: LoadRecord;
  issue: Summary;
  callNext: Summary;
  callout: Summary;
  /** Deliveries to boards on another hub than the clerk pressed on. */
  crossHub: Summary;
  deliveries: number;
  missing: number;
  slices: SliceResult[];
  rssMaxBytes: number;
  /** Hub RSS growth per board connected after the first of each hall, bytes. */
  screenBytes: number;
}

const DRAIN_MS = 2_000;
const SETTLE_MS = 1_500;

function sampleAll(pids: number[]): ProcSample[] {
  const at = performance.now();
  return pids.map((pid) => readProc(pid, at));
}

const rssOf = (samples: ProcSample[]) => samples.reduce((sum, s) => sum + s.rssBytes, 0);

/** Boards of hall h: one hub holds them all, or two hubs split them 3 / 2. */
function boardsOf(h: number, hubs: number): Board[] {
  if (hubs === 1) {
    return [
      { hall: h, hub: 0, clients: new DisplayClients(1), first: true },
      { hall: h, hub: 0, clients: new DisplayClients(BOARDS_PER_HALL - 1), first: false },
    ];
  }
  const n = Math.ceil(BOARDS_PER_HALL / 2);
  return [
    { hall: h, hub: h % 2, clients: new DisplayClients(n), first: true },
    { hall: h, hub: (h + 1) % 2, clients: new DisplayClients(BOARDS_PER_HALL - n), first: false },
  ];
}

async function connectBoards(boards: Board[], urls: string[], hallIds: string[]): Promise<void> {
  const batch = 10;
  for (let i = 0; i < boards.length; i += batch) {
    await Promise.all(
      boards
        .slice(i, i + batch)
        .map((b) =>
          b.clients.connect(`${urls[b.hub] as string}/display`, { hallId: hallIds[b.hall] as string }),
        ),
    );
  }
}

async function runCity(hallCount: number, hubCount: number, opts: CityOptions): Promise<RunResult> {
  const dir = await mkdtemp(path.join(tmpdir(), 'hall-bench-f-'));
  const stops: (() => Promise<void>)[] = [];
  const boards: Board[] = [];
  const clients: HubClient[] = [];
  try {
    const first = await startHub(dir);
    stops.push(() => first.stop());
    const halls = await setUpCityHalls(first, hallCount);
    for (const hall of halls) {
      if (hall.windows.length !== WINDOWS_PER_HALL)
        throw new Error(`Hall ${hall.id} has ${hall.windows.length} windows, not ${WINDOWS_PER_HALL}`);
    }
    const hubs = [{ url: first.url, pid: first.process.child.pid as number }];
    if (hubCount === 2) {
      const second = await joinHub(dir);
      stops.push(() => second.stop());
      hubs.push({ url: second.url, pid: second.process.child.pid as number });
    }
    const urls = hubs.map((h) => h.url);
    const pids = hubs.map((h) => h.pid);
    const hallIds = halls.map((h) => h.id);
    for (let h = 0; h < hallCount; h++) boards.push(...boardsOf(h, hubCount));

    await connectBoards(
      boards.filter((b) => b.first),
      urls,
      hallIds,
    );
    await sleep(SETTLE_MS);
    const before = rssOf(sampleAll(pids));
    const counted = boards.filter((b) => !b.first);
    await connectBoards(counted, urls, hallIds);
    await sleep(SETTLE_MS);
    const after = rssOf(sampleAll(pids));
    const screens = counted.reduce((n, b) => n + b.clients.sockets.length, 0);

    clients.push(...urls.map((u) => new HubClient(u)));
    const rec = newRecord();
    const slices: SliceResult[] = [];
    let rssMaxBytes = after;
    const sampler = setInterval(() => {
      rssMaxBytes = Math.max(rssMaxBytes, rssOf(sampleAll(pids)));
    }, 500);
    try {
      for (const [i, hour] of opts.hours.entries()) {
        const requests = rec.requests;
        const from = sampleAll(pids);
        await runSlice(
          {
            halls,
            clients,
            adminToken: first.adminToken,
            kioskHub: (h) => h % hubCount,
            clerkHub: (h, w) => (h + w) % hubCount,
            hour,
            minutes: opts.minutes,
            speed: opts.speed,
            seed: 20240601 + i * 104729,
          },
          rec,
        );
        const to = sampleAll(pids);
        const seconds = ((to[0] as ProcSample).at - (from[0] as ProcSample).at) / 1000;
        slices.push({
          hour,
          rate: (rec.requests - requests) / seconds,
          cores: from.reduce((sum, f, k) => sum + coresUsed(f, to[k] as ProcSample), 0),
        });
      }
    } finally {
      clearInterval(sampler);
    }
    await sleep(DRAIN_MS);

    const all: number[] = [];
    const cross: number[] = [];
    let missing = 0;
    for (const call of rec.calls) {
      for (const b of boards.filter((x) => x.hall === call.hall)) {
        const seen = await b.clients.arrivalsOf(call.number, 0);
        missing += b.clients.sockets.length - seen.length;
        for (const t of seen) {
          all.push(t - call.at);
          if (b.hub !== call.hub) cross.push(t - call.at);
        }
      }
    }
    return {
      halls: hallCount,
      hubs: hubCount,
      rec,
      issue: summarize(rec.issueMs),
      callNext: summarize(rec.callNextMs),
      callout: summarize(all),
      crossHub: summarize(cross),
      deliveries: all.length,
      missing,
      slices,
      rssMaxBytes,
      screenBytes: (after - before) / screens,
    };
  } finally {
    for (const b of boards) b.clients.close();
    for (const c of clients) c.close();
    for (const stop of stops.reverse()) await stop();
    await rm(dir, { recursive: true, force: true });
  }
}

/** The bare Socket.IO server's RSS growth per socket, connected the same way as the hub's boards. */
async function rawScreenBytes(hallCount: number): Promise<number> {
  const port = await freePort();
  const server = await spawnNode(
    'tests/bench/raw-socket-server.ts',
    { PORT: String(port) },
    /^raw socket listening/,
  );
  const url = `http://127.0.0.1:${port}/display`;
  const pid = server.child.pid as number;
  const firsts = new DisplayClients(hallCount);
  const rest = new DisplayClients(hallCount * (BOARDS_PER_HALL - 1));
  try {
    await firsts.connect(url, {});
    await sleep(SETTLE_MS);
    const before = readProc(pid, performance.now()).rssBytes;
    await rest.connect(url, {}, 40);
    await sleep(SETTLE_MS);
    const after = readProc(pid, performance.now()).rssBytes;
    return (after - before) / rest.sockets.length;
  } finally {
    firsts.close();
    rest.close();
    await server.stop();
  }
}

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

function growthTable(title: string, runs: RunResult[], raw: number[] | null, opts: CityOptions): Table {
  const hubs = runs[0]?.hubs ?? 1;
  const pick = (f: (r: RunResult) => number) => runs.map(f);
  const sliceOf = (r: RunResult, hour: number) => r.slices.find((s) => s.hour === hour);
  const rows: string[][] = opts.hours.map((hour) =>
    growthRow(
      `requests/s, ${hour}:00 slice`,
      'req/s',
      pick((r) => sliceOf(r, hour)?.rate ?? NaN),
    ),
  );
  rows.push(
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
  );
  if (hubs > 1)
    rows.push(
      growthRow(
        'call-out p99, board on the other hub',
        'ms',
        pick((r) => r.crossHub.p99),
      ),
    );
  const cpuName = hubs > 1 ? 'CPU of both hubs' : 'hub CPU';
  for (const hour of opts.hours) {
    rows.push(
      growthRow(
        `${cpuName}, ${hour}:00 slice`,
        '% core',
        pick((r) => (sliceOf(r, hour)?.cores ?? NaN) * 100),
      ),
    );
  }
  rows.push(
    growthRow(
      hubs > 1 ? 'RSS of both hubs, max' : 'hub RSS, max',
      'MiB',
      pick((r) => r.rssMaxBytes / MIB),
    ),
  );
  // Memory per screen is measured on one hub: with two, a hall's later boards go to the hub its first did not warm.
  if (raw) {
    rows.push(
      growthRow(
        'RSS per screen, hub',
        'kB',
        pick((r) => r.screenBytes / KB),
      ),
      growthRow(
        'RSS per screen, bare Socket.IO',
        'kB',
        raw.map((b) => b / KB),
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
  const f =
    r.rec.failures > 0 ? `, failed ${r.rec.failures} (first: ${r.rec.firstFailure ?? ''})` : ', failed 0';
  return (
    `${r.halls} halls on ${r.hubs === 1 ? 'one hub' : 'two hubs'}: ${r.rec.issueMs.length} issued, ` +
    `${r.rec.callNextMs.length} called, ${r.rec.empty} presses found nobody${f}; ` +
    `${r.deliveries} call-outs reached boards (${r.crossHub.n} across hubs), ${r.missing} missing after ${DRAIN_MS / 1000} s.`
  );
}

export async function cityScaleBench(opts: CityOptions): Promise<Part> {
  const maxHalls = Math.max(...opts.halls);
  const limit = openFileLimit();
  if (limit !== null && limit < maxHalls * BOARDS_PER_HALL * 2 + 1000) {
    throw new Error(
      `Open file limit ${limit} is too low for ${maxHalls} halls; raise it first (ulimit -n 4096).`,
    );
  }
  const hoursText = opts.hours.map((h) => `${h}:00–${h + 1}:00`).join(' and ');
  const played = `${opts.minutes} simulated minutes of ${hoursText} at ${opts.speed}× (${((opts.minutes * 60) / opts.speed).toFixed(0)} s each)`;
  console.log(`  Each run plays ${played}, not a whole day.`);
  const one: RunResult[] = [];
  const two: RunResult[] = [];
  const raw: number[] = [];
  for (const n of opts.halls) {
    console.log(`  ${n} halls, one hub …`);
    one.push(await runCity(n, 1, opts));
    console.log(`  ${n} halls, bare Socket.IO server …`);
    raw.push(await rawScreenBytes(n));
    console.log(`  ${n} halls, two hubs …`);
    two.push(await runCity(n, 2, opts));
  }
  const figures: Figure[] = [];
  for (const [i, r] of one.entries()) {
    figures.push({
      figure: `RSS per screen, ${r.halls} halls (${r.halls * (BOARDS_PER_HALL - 1)} screens)`,
      unit: 'kB',
      ours: r.screenBytes / KB,
      baseline: (raw[i] as number) / KB,
      better: 'lower',
    });
  }
  return {
    title: `(f) City scale: ${opts.halls.join(', ')} halls on one hub and on two`,
    ours: `the hub process serving N halls (each: the demo hall's matters and ${WINDOWS_PER_HALL} windows, ${BOARDS_PER_HALL} lobby boards as socket.io-client connections to /display, ${TICKETS_PER_DAY} tickets a day in the hourly shape of city-day.ts); kiosks issue at the arrival rate and clerks press call-next at a service pace over HTTP; ${played}; then two hub processes on one DATA_DIR with kiosks, clerks and boards split between them`,
    baseline: `memory per screen: a bare Socket.IO server process (raw-socket-server.ts) holding the same number of /display sockets, measured the same way; the growth tables set each figure at ${maxHalls} halls against itself at ${Math.min(...opts.halls)}`,
    figures,
    tables: [
      growthTable('One hub: growth with the number of halls', one, raw, opts),
      growthTable('Two hubs on one DATA_DIR: growth with the number of halls', two, null, opts),
    ],
    notes: [
      `A run plays ${played} only, not the whole day (BENCH_CITY_MINUTES, BENCH_CITY_HOURS); latencies are over all the slices of a run, CPU per slice.`,
      'Call-next latency is of presses that called someone; call-out is from just before the call-next request to `ticket:called` at each of the hall’s boards.',
      `RSS per screen: the hub's resident memory after the ${BOARDS_PER_HALL - 1} further boards of every hall connected, minus before, over their number (the first board of each hall is connected before, so per-hall caches are not counted); the same for the bare server. RSS moves with garbage collection: indicative.`,
      'CPU is the hub processes’ user + system time (/proc/<pid>/stat) over the slice’s wall time; the load generator and the boards share the same cores, and other work on the machine may too.',
      'Each hub also holds the idle demo hall. Two hubs: the kiosk of every other hall and the clerks of every other window use the second hub, and each hall has 3 boards on one hub and 2 on the other.',
      ...one.map(runNote),
      ...two.map(runNote),
    ],
  };
}

/** A generous bound on the part's wall time, for the benchmark's hard limit. */
export function cityBudgetMs(opts: CityOptions): number {
  const playMs = (opts.hours.length * opts.minutes * 60_000) / opts.speed;
  // Per run: the slices, set-up (about a second per hall here), boards, start and stop; two runs and a baseline per count.
  return opts.halls.reduce((sum, n) => sum + 2 * (playMs + 60_000 + n * 3_000) + 30_000, 0);
}
