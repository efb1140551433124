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
 * the HTTP call-next to the frame in which each of N boards (pages of the
 * built board in one Debian Chromium, talking to a real hub process) shows
 * the new number as its latest call; next to a bare Socket.IO server
 * broadcasting a call-out of the same size to the same number of plain
 * socket.io-client connections. Call-outs are spaced and never overlap.
 *
 * Run alone: `BENCH_PARTS=e npm run bench`, or `npx tsx tests/bench/signage-callout.ts`.
 */

export interface SignageCalloutOptions {
  boards: number;
  calls: number;
  spacingMs: number;
}

const ARRIVAL_TIMEOUT_MS = 15_000;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Epoch milliseconds with sub-millisecond precision, comparable with the page's own clock. */
const epochNow = () => performance.timeOrigin + performance.now();

/**
 * In each board page: every time the latest number changes, note the time
 * of the next animation frame (the frame that paints it), keyed by number.
 * A string, not a function: tsx would wrap a function's inner functions in
 * a helper that does not exist in the page.
 */
const WATCH_LATEST = `
(() => {
  const seen = new Map();
  globalThis.hallBenchSeen = seen;
  const attach = () => {
    const board = document.querySelector('hall-board')?.shadowRoot;
    const recent = board?.querySelector('board-recent')?.shadowRoot;
    if (!recent) return void setTimeout(attach, 50);
    let last = '';
    new MutationObserver(() => {
      const number = recent.querySelector('.latest .number')?.textContent?.trim() ?? '';
      if (number === '' || number === last) return;
      last = number;
      requestAnimationFrame(() => {
        seen.set(number, performance.timeOrigin + performance.now());
        if (seen.size > 500) seen.delete(seen.keys().next().value);
      });
    }).observe(recent, { subtree: true, childList: true, characterData: true });
  };
  attach();
})();
`;

async function openBoards(browser: Browser, url: string, count: number): Promise<Page[]> {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN' });
  const pages: Page[] = [];
  for (let i = 0; i < count; i++) {
    const page = await context.newPage();
    await installFakeSpeech(page, 50);
    await page.addInitScript({ content: WATCH_LATEST });
    await page.goto(`${url}/signage/${DEMO_HALL}`);
    await page.waitForSelector('hall-board[status="live"]', { timeout: 30_000 });
    pages.push(page);
  }
  return pages;
}

async function shownAt(page: Page, number: string): Promise<number | null> {
  try {
    const handle = await page.waitForFunction(
      (n) => (globalThis as unknown as { hallBenchSeen: Map<string, number> }).hallBenchSeen.get(n) ?? false,
      number,
      { timeout: ARRIVAL_TIMEOUT_MS, polling: 20 },
    );
    return (await handle.jsonValue()) as number;
  } catch {
    return null;
  }
}

async function ours(
  dir: string,
  opts: SignageCalloutOptions,
): Promise<{ latencies: number[]; missing: number }> {
  const hub = await startHub(dir);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-timer-throttling',
      '--disable-renderer-backgrounding',
    ],
  });
  try {
    const social = hub.services.find((s) => s.prefix === 'A');
    if (!social) throw new Error('The demo hall has no matter with prefix A');
    for (let i = 0; i < opts.calls + 3; i++) {
      await api(`${hub.url}/api/v1/halls/${DEMO_HALL}/tickets`, 'POST', hub.kioskToken, {
        serviceId: social.id,
      });
    }
    const pages = await openBoards(browser, hub.url, opts.boards);
    const counters = hub.windows.filter((w) => w.kind === 'comprehensive');
    const latencies: number[] = [];
    let missing = 0;
    // One call first, not measured: the pages' first render of a call compiles what later ones reuse.
    for (let k = -1; k < opts.calls; k++) {
      const w = counters[(k + counters.length) % counters.length];
      const t0 = epochNow();
      const res = await api<{ ticket: { number: string } | null }>(
        `${hub.url}/api/v1/windows/${w?.id ?? ''}/call-next`,
        'POST',
        hub.adminToken,
        {},
      );
      if (!res.ticket) throw new Error('call-next found nobody to call');
      const number = res.ticket.number;
      for (const at of await Promise.all(pages.map((p) => shownAt(p, number)))) {
        if (k < 0) continue;
        if (at === null) missing += 1;
        else latencies.push(at - t0);
      }
      await sleep(opts.spacingMs);
    }
    return { latencies, missing };
  } finally {
    await browser.close();
    await hub.stop();
  }
}

async function raw(opts: SignageCalloutOptions): Promise<{ latencies: number[]; missing: number }> {
  const port = await freePort();
  const server = await spawnNode(
    'tests/bench/raw-socket-server.ts',
    { PORT: String(port) },
    /^raw socket listening/,
  );
  const clients = new DisplayClients(opts.boards);
  const url = `http://127.0.0.1:${port}`;
  const latencies: number[] = [];
  let missing = 0;
  try {
    await clients.connect(`${url}/display`, {});
    for (let k = 0; k < opts.calls; k++) {
      const number = `R${String(k).padStart(3, '0')}`;
      const payload = {
        seq: k + 1,
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
      };
      const t0 = performance.now();
      await api(`${url}/emit`, 'POST', null, { messages: [{ event: 'ticket:called', payload }] });
      const arrivals = await clients.arrivalsOf(number, ARRIVAL_TIMEOUT_MS);
      missing += opts.boards - arrivals.length;
      for (const at of arrivals) latencies.push(at - t0);
      await sleep(opts.spacingMs);
    }
    return { latencies, missing };
  } finally {
    clients.close();
    await server.stop();
  }
}

const row = (figure: string, pick: (s: Summary) => number, o: Summary, r: Summary): Figure => ({
  figure,
  unit: 'ms',
  ours: pick(o),
  baseline: pick(r),
  better: 'lower',
});

export async function signageCalloutBench(opts: SignageCalloutOptions): Promise<Part> {
  if (!existsSync(path.join(repoRoot, 'signage/dist/board/index.html'))) {
    throw new Error('The lobby board is not built: run `npm run build` first.');
  }
  const dir = await mkdtemp(path.join(tmpdir(), 'hall-bench-e-'));
  try {
    const o = await ours(dir, opts);
    const r = await raw(opts);
    const so = summarize(o.latencies);
    const sr = summarize(r.latencies);
    return {
      title: `(e) Lobby board call-out delay with ${opts.boards} boards open`,
      ours: `HTTP call-next on the hub process → the new number painted as the latest call on each of ${opts.boards} lobby boards (the built board, pages of one headless Debian Chromium), ${opts.calls} call-outs ${opts.spacingMs} ms apart`,
      baseline: `a bare Socket.IO server process that, on an HTTP POST, emits one \`ticket:called\` to a room of ${opts.boards} socket.io-client connections in Node; same count and spacing`,
      figures: [
        row('p50', (s) => s.p50, so, sr),
        row('p95', (s) => s.p95, so, sr),
        row('p99', (s) => s.p99, so, sr),
        row('max', (s) => s.max, so, sr),
      ],
      notes: [
        `${so.n} board updates measured (baseline ${sr.n} deliveries); missing after ${ARRIVAL_TIMEOUT_MS / 1000} s: ours ${o.missing}, baseline ${r.missing}.`,
        'Ours includes what the baseline does not: the hub use case and store write, DisplaySync in the page, Lit rendering and the next animation frame; the browser and the hub share the two cores.',
      ],
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
  });
  console.log(textTable(part));
  process.exit(0);
}
