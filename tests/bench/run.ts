import { calloutBench } from './callout-latency.js';
import { killChildren } from './children.js';
import { PEAK_HOUR, QUIET_HOUR } from './city-day.js';
import { cityBudgetMs, cityScaleBench, type CityOptions } from './city-scale.js';
import { httpLoadBench } from './http-load.js';
import { inProcessBench } from './in-process.js';
import { signageCalloutBench, type BoardMode } from './signage-callout.js';
import { describeMachine, machineLines } from './machine.js';
import { markdown, textTable, verdict, type Part } from './report.js';
import { statsBench } from './stats-query.js';

/**
 * `npm run bench`: throughput and latency of the hub, each figure next to a
 * baseline measured in the same run (DESIGN.md §7). Not a test: it prints
 * figures and ends with the same tables as markdown for the README.
 *
 * Env: BENCH_PARTS (default a,b,c,d; d: statistics of a year, BENCH_STATS_TICKETS default 1,000,000), BENCH_TICKETS (a, default 2000),
 * BENCH_HTTP_SECONDS (b, default 10), BENCH_CLIENTS (c, default 1000),
 * BENCH_CALLS (c, default 100), BENCH_BOARDS / BENCH_BOARD_CALLS (e: lobby boards in Chromium, default 20 / 30),
 * BENCH_BOARD_MODES (e: tabs of one browser and/or one browser process per board, default tabs,processes),
 * BENCH_PROFILE_DIR (CPU profiles of the hubs).
 * Part f (city scale, not in the default): BENCH_CITY_HALLS (default 10,25,50), BENCH_CITY_SPEED (20),
 * BENCH_CITY_MINUTES (simulated minutes played of each hour, default 6), BENCH_CITY_HOURS (default 10,12).
 */

const HARD_LIMIT_MS = 15 * 60_000;

function envInt(name: string, fallback: number): number {
  const raw = process.env[name];
  const n = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive integer, not ${raw}`);
  return n;
}

function boardModes(raw: string): BoardMode[] {
  const modes = raw.split(',').map((m) => m.trim());
  for (const m of modes) {
    if (m !== 'tabs' && m !== 'processes')
      throw new Error(`BENCH_BOARD_MODES lists tabs and/or processes, not ${m}`);
  }
  return modes as BoardMode[];
}

function envList(name: string, fallback: number[], min: number, max: number): number[] {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const list = raw.split(',').map((v) => Number(v.trim()));
  if (list.some((n) => !Number.isInteger(n) || n < min || n > max)) {
    throw new Error(
      `${name} must be a comma-separated list of whole numbers from ${min} to ${max}, not ${raw}`,
    );
  }
  return list;
}

function cityOptions(): CityOptions {
  const minutes = envInt('BENCH_CITY_MINUTES', 6);
  if (minutes > 60) throw new Error(`BENCH_CITY_MINUTES is minutes of an hour (1–60), not ${minutes}`);
  return {
    halls: envList('BENCH_CITY_HALLS', [10, 25, 50], 1, 200),
    speed: envInt('BENCH_CITY_SPEED', 20),
    minutes,
    hours: envList('BENCH_CITY_HOURS', [PEAK_HOUR, QUIET_HOUR], 9, 16),
  };
}

async function main(parts: Set<string>): Promise<void> {
  const machine = describeMachine();
  console.log('Machine');
  for (const line of machineLines(machine)) console.log(`  ${line}`);
  console.log('');

  const results: Part[] = [];
  const show = (part: Part) => {
    results.push(part);
    console.log(`${textTable(part)}\n`);
  };
  if (parts.has('a')) {
    console.log('Running (a) in process …');
    show(await inProcessBench({ tickets: envInt('BENCH_TICKETS', 2000), phaseCapMs: 60_000 }));
  }
  if (parts.has('b')) {
    console.log('Running (b) over HTTP …');
    show(await httpLoadBench({ durationS: envInt('BENCH_HTTP_SECONDS', 10), connections: 10 }));
  }
  if (parts.has('c')) {
    console.log('Running (c) call-out latency …');
    show(
      await calloutBench({
        clients: envInt('BENCH_CLIENTS', 1000),
        calls: envInt('BENCH_CALLS', 100),
        spacingMs: 100,
      }),
    );
  }

  if (parts.has('e')) {
    console.log('Running (e) lobby board call-out delay …');
    show(
      await signageCalloutBench({
        boards: envInt('BENCH_BOARDS', 20),
        calls: envInt('BENCH_BOARD_CALLS', 30),
        spacingMs: 200,
        modes: boardModes(process.env.BENCH_BOARD_MODES ?? 'tabs,processes'),
      }),
    );
  }

  if (parts.has('d')) {
    console.log('Running (d) statistics of a year …');
    show(await statsBench({ tickets: envInt('BENCH_STATS_TICKETS', 1_000_000), runs: 5 }));
  }

  if (parts.has('f')) {
    console.log('Running (f) city scale …');
    show(await cityScaleBench(cityOptions()));
  }

  const targets = results.flatMap((p) => p.figures).filter((f) => f.target !== undefined);
  const missed = targets.filter((f) => verdict(f) !== 'pass').length;
  console.log(`Targets: ${targets.length - missed} of ${targets.length} met.\n`);
  console.log('---- markdown ----\n');
  console.log(
    [
      `Measured on: ${machineLines(machine).join('; ')}.`,
      '',
      ...results.map(markdown).flatMap((m) => [m, '']),
    ].join('\n'),
  );
}

const parts = new Set((process.env.BENCH_PARTS ?? 'a,b,c,d,e').split(',').map((p) => p.trim()));
const limitMs = HARD_LIMIT_MS + (parts.has('f') ? cityBudgetMs(cityOptions()) : 0);
const limit = setTimeout(() => {
  console.error(`The benchmark took longer than ${Math.round(limitMs / 60_000)} minutes; stopping.`);
  killChildren();
  process.exit(1);
}, limitMs);
limit.unref();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    killChildren();
    process.exit(130);
  });
}

main(parts)
  .then(() => {
    killChildren();
    // Sockets of the load generator and clients may linger; the figures are out.
    process.exit(0);
  })
  .catch((err: unknown) => {
    console.error(err);
    killChildren();
    process.exit(1);
  });
