import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import autocannon, { type Request, type Result } from 'autocannon';
import { freePort } from '../helpers/hub-process.js';
import { spawnNode } from './children.js';
import { seededHallFile } from './hall-file.js';
import { DEMO_HALL, startHub, type HallWindow } from './hub-process.js';
import type { Figure, Part } from './report.js';
import { planTickets, type PlannableService } from './workload.js';

/**
 * Part (b): the same two operations over real HTTP, driven by autocannon
 * from this process against the hub in its own process; then the same load
 * against a bare node:http server doing the raw writes (raw-http-server.ts).
 * Issue runs for a fixed time; call-next then makes as many presses as ours
 * could serve tickets, round the windows that take any ordinary matter.
 */

export interface HttpLoadOptions {
  durationS: number;
  connections: number;
}

interface Target {
  url: string;
  issuePath: string;
  issueHeaders: Record<string, string>;
  callHeaders: Record<string, string>;
  services: PlannableService[];
  windows: Pick<HallWindow, 'id' | 'kind' | 'overflow'>[];
}

interface Run {
  result: Result;
  seconds: number;
  /** Call-next answers that found nobody to call. */
  empty: number;
}

interface Side {
  issue: Run;
  call: Run;
}

/** Cycles through prepared requests, shared by all connections. */
function cycling(
  paths: string[],
  bodies: (string | undefined)[],
  onBody?: (body: string) => void,
): Request[] {
  let i = 0;
  return [
    {
      setupRequest: (req) => {
        const k = i++;
        return { ...req, path: paths[k % paths.length] as string, body: bodies[k % bodies.length] as string };
      },
      ...(onBody ? { onResponse: (_status: number, body: string) => onBody(body) } : {}),
    },
  ];
}

async function fire(
  options: Parameters<typeof autocannon>[0],
  capMs: number,
  onBody?: { empty: number },
): Promise<Run> {
  const started = performance.now();
  const instance = autocannon(options);
  const cap = setTimeout(() => instance.stop(), capMs);
  const result = await instance;
  clearTimeout(cap);
  return { result, seconds: (performance.now() - started) / 1000, empty: onBody?.empty ?? 0 };
}

async function drive(t: Target, opts: HttpLoadOptions, callAmount: number | null): Promise<Side> {
  const bodies = planTickets(t.services, 5000).map((p) =>
    JSON.stringify({
      serviceId: p.serviceId,
      categories: p.categories,
      assistance: p.assistance,
      channel: p.channel,
    }),
  );
  const json = { 'content-type': 'application/json' };
  // Warm-up (JIT, connections) before the measured run; these tickets are called later too.
  await fire(
    {
      url: t.url,
      connections: opts.connections,
      duration: 1,
      method: 'POST',
      headers: { ...json, ...t.issueHeaders },
      requests: cycling([t.issuePath], bodies),
    },
    5000,
  );
  const issue = await fire(
    {
      url: t.url,
      connections: opts.connections,
      duration: opts.durationS,
      method: 'POST',
      headers: { ...json, ...t.issueHeaders },
      requests: cycling([t.issuePath], bodies),
    },
    opts.durationS * 1000 + 10_000,
  );
  // Windows that take any ordinary matter: comprehensive ones and those taking overflow.
  const callers = t.windows.filter((w) => w.kind === 'comprehensive' || w.overflow);
  const counter = { empty: 0 };
  const amount = callAmount ?? Math.floor(issue.result['2xx'] * 0.95);
  const call = await fire(
    {
      url: t.url,
      connections: opts.connections,
      amount,
      method: 'POST',
      headers: t.callHeaders,
      requests: cycling(
        callers.map((w) => `/api/v1/windows/${w.id}/call-next`),
        [undefined],
        (body) => {
          if (body.includes('"outcome":"empty"')) counter.empty++;
        },
      ),
    },
    60_000,
    counter,
  );
  return { issue, call: { ...call, empty: counter.empty } };
}

const rps = (r: Run) => (r.result['2xx'] + r.result.non2xx) / r.seconds;

function figures(name: string, ours: Run, raw: Run): Figure[] {
  return [
    { figure: `${name} throughput`, unit: 'req/s', ours: rps(ours), baseline: rps(raw), better: 'higher' },
    {
      figure: `${name} latency p50`,
      unit: 'ms',
      ours: ours.result.latency.p50,
      baseline: raw.result.latency.p50,
      better: 'lower',
    },
    {
      figure: `${name} latency p99`,
      unit: 'ms',
      ours: ours.result.latency.p99,
      baseline: raw.result.latency.p99,
      better: 'lower',
    },
  ];
}

function counts(label: string, r: Run): string {
  const total = r.result['2xx'] + r.result.non2xx;
  return `${label}: ${total} responses in ${r.seconds.toFixed(1)} s, non-2xx ${r.result.non2xx}, errors ${r.result.errors}, timeouts ${r.result.timeouts}`;
}

export async function httpLoadBench(opts: HttpLoadOptions): Promise<Part> {
  const dir = await mkdtemp(path.join(tmpdir(), 'hall-bench-b-'));
  try {
    const hub = await startHub(path.join(dir, 'hub'));
    let ours: Side;
    try {
      ours = await drive(
        {
          url: hub.url,
          issuePath: `/api/v1/halls/${DEMO_HALL}/tickets`,
          issueHeaders: { authorization: `Bearer ${hub.kioskToken}` },
          callHeaders: { authorization: `Bearer ${hub.adminToken}` },
          services: hub.services,
          windows: hub.windows,
        },
        opts,
        null,
      );
    } finally {
      await hub.stop();
    }

    const { file, demo } = await seededHallFile(dir, 'raw.db');
    const port = await freePort();
    const server = await spawnNode(
      'tests/bench/raw-http-server.ts',
      { RAW_FILE: file, HALL_ID: demo.hall.id, PORT: String(port) },
      /^raw listening/,
    );
    let raw: Side;
    try {
      raw = await drive(
        {
          url: `http://127.0.0.1:${port}`,
          issuePath: `/api/v1/halls/${demo.hall.id}/tickets`,
          issueHeaders: {},
          callHeaders: {},
          services: demo.services,
          windows: demo.windows,
        },
        opts,
        ours.call.result['2xx'] + ours.call.result.non2xx,
      );
    } finally {
      await server.stop();
    }

    return {
      title: '(b) Over HTTP: hub process vs bare node:http with raw writes',
      ours: `the hub (node server/src/main.ts, Express, SQLite WAL synchronous=FULL) in its own process; issue with a kiosk device token, call-next with an admin bearer token; autocannon, ${opts.connections} connections`,
      baseline:
        'a bare node:http server in its own process, same routes, the raw better-sqlite3 writes of (a) on a file with the same schema and pragmas; no auth, no validation, no wait estimate; same load',
      figures: [...figures('issue', ours.issue, raw.issue), ...figures('call-next', ours.call, raw.call)],
      notes: [
        counts('ours, issue', ours.issue),
        counts('baseline, issue', raw.issue),
        `${counts('ours, call-next', ours.call)}, empty ${ours.call.empty}`,
        `${counts('baseline, call-next', raw.call)}, empty ${raw.call.empty}`,
      ],
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
