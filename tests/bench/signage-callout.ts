import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { chromium, type Browser, type Page } from '@playwright/test';
import { freePort } from '../helpers/hub-process.js';
import { installFakeSpeech } from '../signage/board-fixtures.js';
import { repoRoot, spawnNode } from './children.js';
import { DisplayClients } from './display-clients.js';
import { api, DEMO_HALL, startHub } from './hub-process.js';
import type { Figure, Part } from './report.js';
import { summarize, type Summary } from './stats.js';

/**
 * Part (e): the lobby board's end-to-end call-out delay. From just before
 * the HTTP call-next to the frame in which each of N boards (the built board,
 * talking to a real hub process) shows the new number as its latest call;
 * next to a bare page in the same Chromium that receives a call-out of the
 * same size from a bare Socket.IO server over socket.io-client and writes the
 * number into the DOM. Both kinds of page note when the call's WebSocket
 * frame arrived, when the number was in the DOM and the next animation frame,
 * so the delay splits into hub and network, page work, and the wait for the
 * frame. The pages run as tabs of one browser and then each in a browser
 * process of its own. Call-outs are spaced and never overlap.
 *
 * Run alone: `BENCH_PARTS=e npm run bench`, or `npx tsx tests/bench/signage-callout.ts`.
 */

export type BoardMode = 'tabs' | 'processes';

export interface SignageCalloutOptions {
  boards: number;
  calls: number;
  spacingMs: number;
  modes?: BoardMode[];
}

const ARRIVAL_TIMEOUT_MS = 15_000;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-background-timer-throttling',
  '--disable-renderer-backgrounding',
];

/** Epoch milliseconds with sub-millisecond precision, comparable with the page's own clock. */
const epochNow = () => performance.timeOrigin + performance.now();

/**
 * In every page, before its own scripts: each WebSocket frame carrying a
 * call-out notes its arrival by number; `hallBenchDom(number)` notes when the
 * number is in the DOM and then the next animation frame (the frame that
 * paints it). A string, not a function: tsx would wrap a function's inner
 * functions in a helper that does not exist in the page.
 */
const INSTRUMENT = `
(() => {
  const now = () => performance.timeOrigin + performance.now();
  const keep = (map, key, value) => { map.set(key, value); if (map.size > 500) map.delete(map.keys().next().value); };
  const marks = { ws: new Map(), dom: new Map(), frame: new Map() };
  globalThis.hallBench = marks;
  globalThis.hallBenchDom = (number) => {
    if (marks.dom.has(number)) return;
    keep(marks.dom, number, now());
    requestAnimationFrame(() => keep(marks.frame, number, now()));
  };
  const Native = globalThis.WebSocket;
  globalThis.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (ev) => {
        if (typeof ev.data !== 'string' || !ev.data.includes('ticket:called')) return;
        const m = /"ticketNumber":"([^"]+)"/.exec(ev.data);
        if (m && !marks.ws.has(m[1])) keep(marks.ws, m[1], now());
      });
    }
  };
})();
`;

/** In a board page: the latest call's number, as it changes, goes to hallBenchDom. */
const WATCH_BOARD = `
(() => {
  const attach = () => {
    const board = document.querySelector('hall-board')?.shadowRoot;
    const recent = board?.querySelector('board-recent')?.shadowRoot;
    if (!recent) return void setTimeout(attach, 50);
    let last = '';
    new MutationObserver(() => {
      const number = recent.querySelector('.latest .number')?.textContent?.trim() ?? '';
      if (number === '' || number === last) return;
      last = number;
      globalThis.hallBenchDom(number);
    }).observe(recent, { subtree: true, childList: true, characterData: true });
  };
  attach();
})();
`;

interface Marks {
  ws: number;
  dom: number;
  frame: number;
}

interface Sample {
  /** Request start → painted. */
  total: number;
  /** Request start → the call's WebSocket frame in the page. */
  network: number;
  /** Frame in the page → number in the DOM. */
  page: number;
  /** Number in the DOM → the next animation frame. */
  paint: number;
}

interface Run {
  samples: Sample[];
  missing: number;
}

/** Browsers holding the pages: one with N tabs, or N with one page each. */
class PageSet {
  private constructor(
    readonly browsers: Browser[],
    readonly pages: Page[],
  ) {}

  static async open(
    mode: BoardMode,
    count: number,
    url: string,
    watch: string | null,
    ready: (page: Page) => Promise<unknown>,
  ): Promise<PageSet> {
    const browsers: Browser[] = [];
    const pages: Page[] = [];
    const set = new PageSet(browsers, pages);
    try {
      for (let i = 0; i < count; i++) {
        if (mode === 'processes' || browsers.length === 0)
          browsers.push(await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS }));
        const browser = browsers[browsers.length - 1] as Browser;
        const context =
          browser.contexts()[0] ??
          (await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN' }));
        const page = await context.newPage();
        await installFakeSpeech(page, 50);
        await page.addInitScript({ content: INSTRUMENT });
        if (watch) await page.addInitScript({ content: watch });
        await page.goto(url);
        await ready(page);
        pages.push(page);
      }
      return set;
    } catch (err) {
      await set.close();
      throw err;
    }
  }

  async close(): Promise<void> {
    for (const b of this.browsers) await b.close().catch(() => undefined);
  }
}

async function marksOf(page: Page, number: string): Promise<Marks | null> {
  try {
    const handle = await page.waitForFunction(
      (n) => {
        const m = (
          globalThis as unknown as { hallBench: Record<'ws' | 'dom' | 'frame', Map<string, number>> }
        ).hallBench;
        const frame = m.frame.get(n);
        return frame === undefined
          ? false
          : { ws: m.ws.get(n) ?? Number.NaN, dom: m.dom.get(n) ?? Number.NaN, frame };
      },
      number,
      { timeout: ARRIVAL_TIMEOUT_MS, polling: 20 },
    );
    return (await handle.jsonValue()) as Marks;
  } catch {
    return null;
  }
}

/** One call-out at a time; the first is not measured (the pages' first render compiles what later ones reuse). */
async function measure(
  pages: Page[],
  calls: number,
  spacingMs: number,
  callOut: (k: number) => Promise<string>,
): Promise<Run> {
  const samples: Sample[] = [];
  let missing = 0;
  for (let k = -1; k < calls; k++) {
    const t0 = epochNow();
    const number = await callOut(k);
    for (const m of await Promise.all(pages.map((p) => marksOf(p, number)))) {
      if (k < 0) continue;
      if (m === null) missing += 1;
      else
        samples.push({ total: m.frame - t0, network: m.ws - t0, page: m.dom - m.ws, paint: m.frame - m.dom });
    }
    await sleep(spacingMs);
  }
  return { samples, missing };
}

async function board(dir: string, mode: BoardMode, opts: SignageCalloutOptions): Promise<Run> {
  const hub = await startHub(dir);
  let set: PageSet | null = null;
  try {
    const social = hub.services.find((s) => s.prefix === 'A');
    if (!social) throw new Error('The demo hall has no matter with prefix A');
    for (let i = 0; i < opts.calls + 3; i++) {
      await api(`${hub.url}/api/v1/halls/${DEMO_HALL}/tickets`, 'POST', hub.kioskToken, {
        serviceId: social.id,
      });
    }
    set = await PageSet.open(mode, opts.boards, `${hub.url}/signage/${DEMO_HALL}`, WATCH_BOARD, (page) =>
      page.waitForSelector('hall-board[status="live"]', { timeout: 30_000 }),
    );
    const counters = hub.windows.filter((w) => w.kind === 'comprehensive');
    return await measure(set.pages, opts.calls, opts.spacingMs, async (k) => {
      const w = counters[(k + 1) % counters.length];
      const res = await api<{ ticket: { number: string } | null }>(
        `${hub.url}/api/v1/windows/${w?.id ?? ''}/call-next`,
        'POST',
        hub.adminToken,
        {},
      );
      if (!res.ticket) throw new Error('call-next found nobody to call');
      return res.ticket.number;
    });
  } finally {
    await set?.close();
    await hub.stop();
  }
}

/** The bare server's call-out, the size of the hub's. */
function rawCall(k: number) {
  const number = `R${String(k + 1).padStart(3, '0')}`;
  return {
    number,
    payload: {
      seq: k + 2,
      hallId: DEMO_HALL,
      callId: `raw:${number}`,
      ticketNumber: number,
      window: { id: 'w-1', number: 1, name: '综合受理窗口', kind: 'comprehensive' },
      service: { id: 'svc', name: '社会保障卡申领' },
      voiceText: `请${number}号到1号窗口办理`,
      recall: false,
      kind: 'call',
      at: Date.now(),
      counts: { total: 0, byService: {}, byDomain: {} },
    },
  };
}

async function withRawServer<T>(fn: (url: string) => Promise<T>): Promise<T> {
  const port = await freePort();
  const server = await spawnNode(
    'tests/bench/raw-socket-server.ts',
    { PORT: String(port) },
    /^raw socket listening/,
  );
  try {
    return await fn(`http://127.0.0.1:${port}`);
  } finally {
    await server.stop();
  }
}

async function barePages(mode: BoardMode, opts: SignageCalloutOptions): Promise<Run> {
  return withRawServer(async (url) => {
    const set = await PageSet.open(mode, opts.boards, `${url}/bare`, null, (page) =>
      page.waitForFunction(
        () => (globalThis as { hallBenchLive?: boolean }).hallBenchLive === true,
        undefined,
        {
          timeout: 30_000,
        },
      ),
    );
    try {
      return await measure(set.pages, opts.calls, opts.spacingMs, async (k) => {
        const { number, payload } = rawCall(k);
        await api(`${url}/emit`, 'POST', null, { messages: [{ event: 'ticket:called', payload }] });
        return number;
      });
    } finally {
      await set.close();
    }
  });
}

/** The former baseline, kept for comparison: plain socket.io-client connections in Node. */
async function nodeClients(opts: SignageCalloutOptions): Promise<number[]> {
  return withRawServer(async (url) => {
    const clients = new DisplayClients(opts.boards);
    const latencies: number[] = [];
    try {
      await clients.connect(`${url}/display`, {});
      for (let k = 0; k < opts.calls; k++) {
        const { number, payload } = rawCall(k);
        const t0 = performance.now();
        await api(`${url}/emit`, 'POST', null, { messages: [{ event: 'ticket:called', payload }] });
        for (const at of await clients.arrivalsOf(number, ARRIVAL_TIMEOUT_MS)) latencies.push(at - t0);
        await sleep(opts.spacingMs);
      }
      return latencies;
    } finally {
      clients.close();
    }
  });
}

const MODE_TEXT: Record<BoardMode, string> = {
  tabs: 'tabs of one browser',
  processes: 'one browser process each',
};

const fmt = (ms: number) => (Number.isFinite(ms) ? `${ms.toFixed(ms < 10 ? 1 : 0)} ms` : '—');

function split(run: Run): string {
  const p50 = (pick: (s: Sample) => number) => fmt(summarize(run.samples.map(pick)).p50);
  return `hub and network ${p50((s) => s.network)}, page work ${p50((s) => s.page)}, to the frame ${p50((s) => s.paint)}`;
}

export async function signageCalloutBench(opts: SignageCalloutOptions): Promise<Part> {
  if (!existsSync(path.join(repoRoot, 'signage/dist/board/index.html'))) {
    throw new Error('The lobby board is not built: run `npm run build` first.');
  }
  const modes = opts.modes ?? ['tabs', 'processes'];
  const dir = await mkdtemp(path.join(tmpdir(), 'hall-bench-e-'));
  const figures: Figure[] = [];
  const notes: string[] = [];
  try {
    for (const mode of modes) {
      const o = await board(path.join(dir, mode), mode, opts);
      const b = await barePages(mode, opts);
      const so = summarize(o.samples.map((s) => s.total));
      const sb = summarize(b.samples.map((s) => s.total));
      const row = (name: string, pick: (s: Summary) => number, target?: number): Figure => ({
        figure: `${name}, ${MODE_TEXT[mode]}`,
        unit: 'ms',
        ours: pick(so),
        baseline: pick(sb),
        better: 'lower',
        ...(target !== undefined && mode === 'tabs' ? { target } : {}),
      });
      figures.push(
        row('p50', (s) => s.p50, 1.5),
        row('p95', (s) => s.p95),
        row('p99', (s) => s.p99, 1.2),
        row('max', (s) => s.max),
      );
      notes.push(
        `${MODE_TEXT[mode]}: ${so.n} board updates and ${sb.n} bare-page updates measured; boards that missed a call (nothing painted within ${ARRIVAL_TIMEOUT_MS / 1000} s): ours ${o.missing}, bare ${b.missing}.`,
        `${MODE_TEXT[mode]}, medians: board: ${split(o)}; bare page: ${split(b)}.`,
      );
    }
    const node = summarize(await nodeClients(opts));
    notes.push(
      `For comparison, ${opts.boards} socket.io-client connections in Node (the former baseline): p50 ${fmt(node.p50)}, p99 ${fmt(node.p99)}.`,
      'Ours includes what the bare page does not: the hub use case and its durable store write, DisplaySync, Lit rendering and the board layout; the browsers and the hub share the machine.',
    );
    return {
      title: `(e) Lobby board call-out delay with ${opts.boards} boards open`,
      ours: `HTTP call-next on the hub process → the new number painted as the latest call on each of ${opts.boards} lobby boards (the built board in headless Debian Chromium), ${opts.calls} call-outs ${opts.spacingMs} ms apart`,
      baseline: `a bare page in the same Chromium (socket.io-client, the number written into the DOM, the next animation frame) fed by a bare Socket.IO server process on an HTTP POST with a call-out of the same size; same count and spacing`,
      figures,
      notes,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

// Standalone: `npx tsx tests/bench/signage-callout.ts`.
if (
  process.argv[1] &&
  path.resolve(process.argv[1]) === path.resolve(repoRoot, 'tests/bench/signage-callout.ts')
) {
  const { textTable } = await import('./report.js');
  const part = await signageCalloutBench({
    boards: Number(process.env.BENCH_BOARDS ?? 20),
    calls: Number(process.env.BENCH_BOARD_CALLS ?? 30),
    spacingMs: 200,
    modes: (process.env.BENCH_BOARD_MODES ?? 'tabs,processes').split(',') as BoardMode[],
  });
  console.log(textTable(part));
  process.exit(0);
}
