import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from '../helpers/hub-process.js';
import { spawnNode } from './children.js';
import { BOARDS_PER_HALL, WINDOWS_PER_HALL } from './city-day.js';
import { HubClient, setUpCityHalls } from './city-halls.js';
import { newRecord, runSlice, type LoadRecord } from './city-load.js';
import { DisplayClients } from './display-clients.js';
import { joinHub, startHub } from './hub-process.js';
import {
  coresUsed,
  machineBusy,
  readMachine,
  readProc,
  runQueueShare,
  type ProcSample,
} from './proc-usage.js';
import { summarize, type Summary } from './stats.js';

/**
 * One run of part (f): a fresh store, N halls made through the API, their
 * boards connected to one hub process or split over two, then the slices of
 * the day played; and the bare Socket.IO server holding as many sockets.
 */

export interface CityOptions {
  halls: number[];
  speed: number;
  /** Simulated minutes played of each hour. */
  minutes: number;
  hours: number[];
}

/** Screens connected after the play, on top of the boards, to weigh one screen in the hub's memory. */
export const PROBE_SCREENS = 2000;
export const DRAIN_MS = 2_000;
const SETTLE_MS = 1_000;

interface Board {
  hall: number;
  hub: number;
  clients: DisplayClients;
}

export interface SliceResult {
  hour: number;
  /** Requests per second, all hubs. */
  rate: number;
  /** Cores used, summed over the hubs (1 = one core). */
  cores: number;
  /** Share of the whole machine's cores busy, whoever used them (0–1). */
  machine: number;
  /** Cores this process used meanwhile: the kiosks, clerks and boards (1 = one core). */
  generator: number;
  /** Share of the slice the hubs' main threads waited for a core, the most of any hub (0–1). */
  waiting: number;
}

export interface RunResult {
  halls: number;
  hubs: number;
  rec: LoadRecord;
  issue: Summary;
  callNext: Summary;
  callout: Summary;
  /** Deliveries to boards on another hub than the one the clerk pressed on. */
  crossHub: Summary;
  missing: number;
  slices: SliceResult[];
  rssMaxBytes: number;
  /** Hub RSS growth per probe screen (one hub only). */
  screen: ScreenWeight | null;
}

export interface ScreenWeight {
  /** The median of the steps, bytes per screen. */
  bytes: number;
  /** Each step's growth, bytes per screen. */
  steps: number[];
}

/** Boards of hall h: one hub holds its 5, or two hubs hold 3 and 2. */
function boardsOf(h: number, hubs: number): Board[] {
  if (hubs === 1) return [{ hall: h, hub: 0, clients: new DisplayClients(BOARDS_PER_HALL) }];
  const n = Math.ceil(BOARDS_PER_HALL / 2);
  return [
    { hall: h, hub: h % 2, clients: new DisplayClients(n) },
    { hall: h, hub: (h + 1) % 2, clients: new DisplayClients(BOARDS_PER_HALL - n) },
  ];
}

/** Connects groups of sockets about 100 at a time, each group to its own hall. */
async function connectAll(groups: { clients: DisplayClients; url: string; hallId: string }[]): Promise<void> {
  let i = 0;
  while (i < groups.length) {
    const batch: typeof groups = [];
    let sockets = 0;
    while (i < groups.length && (batch.length === 0 || sockets < 100)) {
      const g = groups[i++] as (typeof groups)[number];
      batch.push(g);
      sockets += g.clients.count;
    }
    await Promise.all(batch.map((g) => g.clients.connect(g.url, { hallId: g.hallId })));
  }
}

/** Resident memory once the process has settled: the median of a few readings. */
async function steadyRss(pids: number[]): Promise<number> {
  await sleep(SETTLE_MS);
  const readings: number[] = [];
  for (let k = 0; k < 5; k++) {
    readings.push(pids.reduce((sum, pid) => sum + readProc(pid, performance.now()).rssBytes, 0));
    await sleep(200);
  }
  return summarize(readings).p50;
}

/** Probe screens connect in this many steps; a garbage collection during one step then moves only that step. */
export const PROBE_STEPS = 8;

/**
 * RSS growth per socket as `PROBE_SCREENS` more /display sockets connect,
 * spread over the halls: the median of the growth per socket over each step.
 */
async function probeScreens(url: string, pid: number, hallIds: string[]): Promise<ScreenWeight> {
  const perHall = Math.max(1, Math.round(PROBE_SCREENS / PROBE_STEPS / hallIds.length));
  const steps = Array.from({ length: PROBE_STEPS }, () =>
    hallIds.map((hallId) => ({ clients: new DisplayClients(perHall), url, hallId })),
  );
  try {
    const growth: number[] = [];
    let before = await steadyRss([pid]);
    for (const groups of steps) {
      await connectAll(groups);
      const after = await steadyRss([pid]);
      growth.push((after - before) / (perHall * hallIds.length));
      before = after;
    }
    return { bytes: summarize(growth).p50, steps: growth };
  } finally {
    for (const g of steps.flat()) g.clients.close();
  }
}

export async function runCity(hallCount: number, hubCount: number, opts: CityOptions): Promise<RunResult> {
  const dir = await mkdtemp(path.join(tmpdir(), 'hall-bench-f-'));
  const stops: (() => Promise<void>)[] = [];
  const boards: Board[] = [];
  const clients: HubClient[] = [];
  try {
    const t0 = performance.now();
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
    const pids = hubs.map((h) => h.pid);
    const tSetUp = performance.now();
    for (let h = 0; h < hallCount; h++) boards.push(...boardsOf(h, hubCount));
    await connectAll(
      boards.map((b) => ({
        clients: b.clients,
        url: `${(hubs[b.hub] as { url: string }).url}/display`,
        hallId: (halls[b.hall] as { id: string }).id,
      })),
    );
    const tBoards = performance.now();

    clients.push(...hubs.map((h) => new HubClient(h.url)));
    const rec = newRecord();
    const slices: SliceResult[] = [];
    const rssNow = () => pids.reduce((sum, pid) => sum + readProc(pid, performance.now()).rssBytes, 0);
    let rssMaxBytes = rssNow();
    const sampler = setInterval(() => (rssMaxBytes = Math.max(rssMaxBytes, rssNow())), 500);
    try {
      for (const [i, hour] of opts.hours.entries()) {
        const requests = rec.requests;
        const at = performance.now();
        const from = pids.map((pid) => readProc(pid, at));
        const machineFrom = readMachine();
        const ownFrom = process.cpuUsage();
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
        const end = performance.now();
        const to = pids.map((pid) => readProc(pid, end));
        slices.push({
          hour,
          rate: (rec.requests - requests) / ((end - at) / 1000),
          cores: from.reduce((sum, f, k) => sum + coresUsed(f, to[k] as ProcSample), 0),
          machine: machineBusy(machineFrom, readMachine()),
          generator: (() => {
            const own = process.cpuUsage(ownFrom);
            return (own.user + own.system) / 1000 / (end - at);
          })(),
          waiting: Math.max(...from.map((f, k) => runQueueShare(f, to[k] as ProcSample))),
        });
      }
    } finally {
      clearInterval(sampler);
    }
    await sleep(DRAIN_MS);
    const tPlayed = performance.now();

    const all: number[] = [];
    const cross: number[] = [];
    let missing = 0;
    for (const call of rec.calls) {
      for (const b of boards) {
        if (b.hall !== call.hall) continue;
        const seen = await b.clients.arrivalsOf(call.number, 0);
        missing += b.clients.count - seen.length;
        for (const t of seen) {
          all.push(t - call.at);
          if (b.hub !== call.hub) cross.push(t - call.at);
        }
      }
    }
    const screen =
      hubCount === 1
        ? await probeScreens(
            `${first.url}/display`,
            first.process.child.pid as number,
            halls.map((h) => h.id),
          )
        : null;
    const secs = (a: number, b: number) => `${((b - a) / 1000).toFixed(0)} s`;
    console.log(
      `    started and set up in ${secs(t0, tSetUp)}, boards in ${secs(tSetUp, tBoards)}, ` +
        `played in ${secs(tBoards, tPlayed)}${screen === null ? '' : `, screens weighed in ${secs(tPlayed, performance.now())}`}`,
    );
    return {
      halls: hallCount,
      hubs: hubCount,
      rec,
      issue: summarize(rec.issueMs),
      callNext: summarize(rec.callNextMs),
      callout: summarize(all),
      crossHub: summarize(cross),
      missing,
      slices,
      rssMaxBytes,
      screen,
    };
  } finally {
    for (const b of boards) b.clients.close();
    for (const c of clients) c.close();
    for (const stop of stops.reverse()) await stop();
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * The bare Socket.IO server (raw-socket-server.ts) holding what the hub
 * held: the boards of `hallCount` halls, then `PROBE_SCREENS` more; its RSS
 * growth per probe socket, read the same way.
 */
export async function rawScreenWeight(hallCount: number): Promise<ScreenWeight> {
  const port = await freePort();
  const server = await spawnNode(
    'tests/bench/raw-socket-server.ts',
    { PORT: String(port) },
    /^raw socket listening/,
  );
  const url = `http://127.0.0.1:${port}/display`;
  const boards = new DisplayClients(hallCount * BOARDS_PER_HALL);
  try {
    await boards.connect(url, {});
    return await probeScreens(url, server.child.pid as number, ['raw']);
  } finally {
    boards.close();
    await server.stop();
  }
}
