import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHubProcess, type HubProcess } from '../helpers/hub-process.js';

/**
 * Two hub processes on one DATA_DIR, each on its own port, behave as one hub:
 * what is done through one reaches screens connected to the other, in order,
 * once, because both follow the log in the shared SQLite file.
 */
const PASSWORD = 'correct horse battery';
const HALL = 'yinchuan';

let dir = '';
let a: HubProcess;
let b: HubProcess;
const sockets: Socket[] = [];

async function json<T>(res: Response): Promise<T> {
  if (!res.ok) throw new Error(`${res.url} answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as T;
}

async function login(url: string): Promise<string> {
  const body = await json<{ token: string }>(
    await fetch(`${url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: PASSWORD, token: true }),
    }),
  );
  return body.token;
}

const post = (url: string, token: string | null, body: unknown = {}) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });

function board(url: string): Promise<Socket> {
  const socket = io(`${url}/display`, { auth: { hallId: HALL }, transports: ['websocket'], forceNew: true });
  sockets.push(socket);
  return new Promise((resolve) => socket.once('display:snapshot', () => resolve(socket)));
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'two-hubs-'));
  const env = {
    DATA_DIR: dir,
    HUB_ADMIN_PASSWORD: PASSWORD,
    RATE_LIMIT_PER_MINUTE: '100000',
    VIRTUAL_PRINTER_PORT: 'off',
  };
  // The first creates the demo hall; the second finds it.
  a = await startHubProcess(env);
  b = await startHubProcess(env);
}, 60_000);

afterAll(async () => {
  for (const s of sockets) s.close();
  for (const h of [a, b]) if (h && h.child.exitCode === null) h.child.kill('SIGTERM');
  await Promise.all([a?.exited, b?.exited]);
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('two hub processes on one SQLite file', () => {
  it('a call made through hub A reaches a board on hub B in order, exactly once, within 1 s (p99)', async () => {
    const token = await login(a.url);
    const menu = await json<{ domains: { services: { id: string }[] }[] }>(
      await fetch(`${a.url}/api/v1/halls/${HALL}/kiosk-menu`),
    );
    const serviceId = menu.domains[0]!.services[0]!.id;
    const windows = await json<{ windows: { id: string; number: number; kind: string; state: string }[] }>(
      await fetch(`${a.url}/api/v1/halls/${HALL}/windows`, { headers: { authorization: `Bearer ${token}` } }),
    );
    const window = windows.windows.find((w) => w.kind === 'comprehensive')!;
    if (window.state !== 'open') await post(`${a.url}/api/v1/windows/${window.id}/open`, token);

    const onB = await board(b.url);
    const seen: { number: string; seq: number; at: number }[] = [];
    onB.on('ticket:called', (m: { ticketNumber: string; seq: number }) =>
      seen.push({ number: m.ticketNumber, seq: m.seq, at: performance.now() }),
    );

    const CALLS = 40;
    for (let i = 0; i < CALLS; i++)
      await json(await post(`${a.url}/api/v1/halls/${HALL}/tickets`, null, { serviceId, channel: 'kiosk' }));
    const sent: { number: string; at: number }[] = [];
    for (let i = 0; i < CALLS; i++) {
      const at = performance.now();
      const reply = await json<{ ticket: { number: string } | null }>(
        await post(`${a.url}/api/v1/windows/${window.id}/call-next`, token),
      );
      sent.push({ number: reply.ticket!.number, at });
      // Served, so the next press is a new call rather than a repeat of this one.
      await json(await post(`${a.url}/api/v1/windows/${window.id}/start`, token));
    }
    await new Promise<void>((resolve, reject) => {
      const deadline = setTimeout(
        () => reject(new Error(`board on B saw ${seen.length} of ${CALLS}`)),
        10_000,
      );
      const check = setInterval(() => {
        if (seen.length < CALLS) return;
        clearInterval(check);
        clearTimeout(deadline);
        resolve();
      }, 20);
    });
    // A moment more: nothing arrives twice.
    await new Promise((r) => setTimeout(r, 300));
    expect(seen.map((s) => s.number)).toEqual(sent.map((s) => s.number));
    expect([...seen.map((s) => s.seq)].sort((x, y) => x - y)).toEqual(seen.map((s) => s.seq));
    const delays = seen.map((s, i) => s.at - sent[i]!.at).sort((x, y) => x - y);
    const p99 = delays[Math.ceil(delays.length * 0.99) - 1]!;
    expect(p99).toBeLessThan(1000);
  }, 60_000);

  it('presses through both hubs at once still call each ticket once', async () => {
    const token = await login(a.url);
    const tokenB = await login(b.url);
    const menu = await json<{ domains: { services: { id: string }[] }[] }>(
      await fetch(`${a.url}/api/v1/halls/${HALL}/kiosk-menu`),
    );
    const serviceId = menu.domains[0]!.services[0]!.id;
    const windows = await json<{ windows: { id: string; kind: string; state: string }[] }>(
      await fetch(`${a.url}/api/v1/halls/${HALL}/windows`, { headers: { authorization: `Bearer ${token}` } }),
    );
    const comprehensive = windows.windows.filter((w) => w.kind === 'comprehensive').slice(0, 3);
    for (const w of comprehensive)
      if (w.state !== 'open') await post(`${a.url}/api/v1/windows/${w.id}/open`, token);
    for (let i = 0; i < 30; i++)
      await json(await post(`${b.url}/api/v1/halls/${HALL}/tickets`, null, { serviceId, channel: 'kiosk' }));
    const called: string[] = [];
    await Promise.all(
      comprehensive.flatMap((w) =>
        [a, b].map(async (hub, h) => {
          const auth = h === 0 ? token : tokenB;
          for (let i = 0; i < 6; i++) {
            const res = await post(`${hub.url}/api/v1/windows/${w.id}/call-next`, auth);
            const body = (await res.json()) as { outcome?: string; ticket?: { number: string } | null };
            if (res.ok && body.outcome === 'called' && body.ticket) {
              called.push(body.ticket.number);
              // The other hub may have moved on already: a refused start is fine, a double call is not.
              await post(`${hub.url}/api/v1/windows/${w.id}/start`, auth);
            }
          }
        }),
      ),
    );
    expect(called.length).toBeGreaterThan(0);
    expect(new Set(called).size).toBe(called.length);
  }, 60_000);
});
