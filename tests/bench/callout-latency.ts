import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from '../helpers/hub-process.js';
import { spawnNode } from './children.js';
import { DisplayClients, openFileLimit } from './display-clients.js';
import { api, DEMO_HALL, startHub } from './hub-process.js';
import type { Figure, Part } from './report.js';
import { summarize, type Summary } from './stats.js';

/**
 * Part (c): call-out latency, from just before the HTTP call-next request to
 * the arrival of the matching `ticket:called` at each of N display clients,
 * next to a bare Socket.IO server broadcasting a payload of the same size to
 * the same number of clients in one room on an HTTP POST. Call-outs are
 * spaced and never overlap: each waits until every client has it.
 */

export interface CalloutOptions {
  clients: number;
  calls: number;
  spacingMs: number;
}

interface Side {
  /** Request start to arrival, per client per call-out. */
  latencies: number[];
  /** Request start to the HTTP answer, per call-out. */
  responses: number[];
  /** Deliveries that did not arrive within the timeout. */
  missing: number;
}

const DELIVERY_TIMEOUT_MS = 10_000;

async function measure(
  clients: DisplayClients,
  calls: number,
  spacingMs: number,
  trigger: (k: number) => Promise<string>,
): Promise<Side> {
  const side: Side = { latencies: [], responses: [], missing: 0 };
  for (let k = 0; k < calls; k++) {
    const t0 = performance.now();
    const number = await trigger(k);
    side.responses.push(performance.now() - t0);
    const arrivals = await clients.arrivalsOf(number, DELIVERY_TIMEOUT_MS);
    for (const at of arrivals) side.latencies.push(at - t0);
    side.missing += clients.sockets.length - arrivals.length;
    await sleep(spacingMs);
  }
  return side;
}

async function ours(dir: string, opts: CalloutOptions): Promise<Side & { samples: Map<string, unknown> }> {
  const hub = await startHub(dir);
  const clients = new DisplayClients(opts.clients);
  try {
    const social = hub.services.find((s) => s.prefix === 'A');
    if (!social) throw new Error('The demo hall has no matter with prefix A');
    for (let i = 0; i < opts.calls + 2; i++) {
      await api(`${hub.url}/api/v1/halls/${DEMO_HALL}/tickets`, 'POST', hub.kioskToken, {
        serviceId: social.id,
      });
    }
    await clients.connect(`${hub.url}/display`, { hallId: DEMO_HALL });
    const counters = hub.windows.filter((w) => w.kind === 'comprehensive');
    const side = await measure(clients, opts.calls, opts.spacingMs, async (k) => {
      const w = counters[k % counters.length];
      const res = await api<{ ticket: { number: string } | null }>(
        `${hub.url}/api/v1/windows/${w?.id ?? ''}/call-next`,
        'POST',
        hub.adminToken,
        {},
      );
      if (!res.ticket) throw new Error('call-next found nobody to call');
      return res.ticket.number;
    });
    return { ...side, samples: clients.samples };
  } finally {
    clients.close();
    await hub.stop();
  }
}

/** The baseline: one room broadcast of the call-out, on a bare server, to the same number of clients. */
async function raw(opts: CalloutOptions, samples: Map<string, unknown>): Promise<Side> {
  const port = await freePort();
  const server = await spawnNode(
    'tests/bench/raw-socket-server.ts',
    { PORT: String(port) },
    /^raw socket listening/,
  );
  const clients = new DisplayClients(opts.clients);
  const url = `http://127.0.0.1:${port}`;
  const called = samples.get('ticket:called') as object;
  try {
    await clients.connect(`${url}/display`, {});
    return await measure(clients, opts.calls, opts.spacingMs, async (k) => {
      const number = `R${String(k).padStart(3, '0')}`;
      const call = {
        event: 'ticket:called',
        payload: { ...called, ticketNumber: number, callId: `raw:${number}` },
      };
      await api(`${url}/emit`, 'POST', null, { messages: [call] });
      return number;
    });
  } finally {
    clients.close();
    await server.stop();
  }
}

function row(figure: string, pick: (s: Summary) => number, o: Summary, r: Summary, target?: number): Figure {
  return {
    figure,
    unit: 'ms',
    ours: pick(o),
    baseline: pick(r),
    better: 'lower',
    ...(target !== undefined ? { target } : {}),
  };
}

const ms = (v: number) => `${v.toFixed(1)} ms`;

export async function calloutBench(opts: CalloutOptions): Promise<Part> {
  const limit = openFileLimit();
  if (limit !== null && limit < opts.clients + 500) {
    throw new Error(
      `Open file limit ${limit} is too low for ${opts.clients} clients; raise it first (ulimit -n 4096).`,
    );
  }
  const dir = await mkdtemp(path.join(tmpdir(), 'hall-bench-c-'));
  try {
    const o = await ours(dir, opts);
    if (!o.samples.has('ticket:called')) {
      throw new Error('The display clients saw no call-out to copy for the baseline.');
    }
    const payloadBytes = Buffer.byteLength(JSON.stringify(o.samples.get('ticket:called')));
    const r = await raw(opts, o.samples);
    const so = summarize(o.latencies);
    const s1 = summarize(r.latencies);
    const http = (s: Side) => {
      const h = summarize(s.responses);
      return `p50 ${ms(h.p50)}, p99 ${ms(h.p99)}`;
    };
    return {
      title: `(c) Call-out latency to ${opts.clients} display clients`,
      ours: `HTTP call-next on the hub process → \`ticket:called\` at each of ${opts.clients} socket.io-client connections to /display (WebSocket), ${opts.calls} call-outs ${opts.spacingMs} ms apart`,
      baseline: `a bare Socket.IO server process (same server options) that, on an HTTP POST, emits to one room a ${payloadBytes}-byte \`ticket:called\` payload copied from ours; same clients, same count`,
      figures: [
        row('p50', (s) => s.p50, so, s1),
        row('p95', (s) => s.p95, so, s1),
        row('p99', (s) => s.p99, so, s1, 2),
        row('max', (s) => s.max, so, s1),
      ],
      notes: [
        `${so.n} deliveries measured on each side; missing after ${DELIVERY_TIMEOUT_MS / 1000} s: ours ${o.missing}, baseline ${r.missing}.`,
        'Per call-next ours sends every display one message: the previous ticket finished by the same press is folded into the `ticket:called` (its `fromSeq`).',
        `HTTP answer (request start → response): ours call-next ${http(o)} (it answers, then broadcasts); baseline POST ${http(r)} (it answers after its emit returns).`,
      ],
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
