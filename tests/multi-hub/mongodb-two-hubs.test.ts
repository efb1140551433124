import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHubProcess, type HubProcess } from '../helpers/hub-process.js';

/**
 * Two hub processes with STORE=mongodb on one replica set behave as one hub:
 * what is done through one reaches screens connected to the other, in order,
 * once (change streams carry the log, the Socket.IO adapter the rooms). Each
 * run uses a database of its own, dropped afterwards. Needs MONGODB_URI (a
 * replica set; `docker compose --profile test run --rm test` provides one).
 */
const MONGODB_URI = process.env.MONGODB_URI ?? '';
const PASSWORD = 'correct horse battery';
const HALL = 'yinchuan';

/** The same servers and options, another database. */
function withDatabase(uri: string, name: string): string {
  const m = /^(mongodb(?:\+srv)?:\/\/[^/?]+)\/?([^?]*)(\?.*)?$/.exec(uri);
  if (!m) throw new Error(`MONGODB_URI is not a MongoDB connection string: ${uri}`);
  return `${m[1]}/${name}${m[3] ?? ''}`;
}

let dir = '';
let uri = '';
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

async function openWindows(url: string, token: string, count: number) {
  const windows = await json<{ windows: { id: string; kind: string; state: string }[] }>(
    await fetch(`${url}/api/v1/halls/${HALL}/windows`, { headers: { authorization: `Bearer ${token}` } }),
  );
  const chosen = windows.windows.filter((w) => w.kind === 'comprehensive').slice(0, count);
  for (const w of chosen)
    if (w.state !== 'open') await json(await post(`${url}/api/v1/windows/${w.id}/open`, token));
  return chosen;
}

async function firstServiceId(url: string): Promise<string> {
  const menu = await json<{ domains: { services: { id: string }[] }[] }>(
    await fetch(`${url}/api/v1/halls/${HALL}/kiosk-menu`),
  );
  return menu.domains[0]!.services[0]!.id;
}

describe.skipIf(!MONGODB_URI)(
  MONGODB_URI
    ? 'two hub processes on one MongoDB replica set'
    : 'two hubs on MongoDB: not run, MONGODB_URI is not set',
  () => {
    beforeAll(async () => {
      dir = await mkdtemp(path.join(tmpdir(), 'mongodb-two-hubs-'));
      uri = withDatabase(MONGODB_URI, `hall_two_hubs_${randomBytes(4).toString('hex')}`);
      const env = {
        STORE: 'mongodb',
        MONGODB_URI: uri,
        DATA_DIR: dir,
        HUB_ADMIN_PASSWORD: PASSWORD,
        RATE_LIMIT_PER_MINUTE: '100000',
        VIRTUAL_PRINTER_PORT: 'off',
      };
      // The first creates the demo hall in the fresh database; the second finds it.
      a = await startHubProcess(env);
      b = await startHubProcess(env);
    }, 120_000);

    afterAll(async () => {
      for (const s of sockets) s.close();
      for (const h of [a, b]) if (h && h.child.exitCode === null) h.child.kill('SIGTERM');
      await Promise.all([a?.exited, b?.exited]);
      if (uri) {
        const client = new MongoClient(uri);
        try {
          await client.db().dropDatabase();
        } finally {
          await client.close();
        }
      }
      if (dir) await rm(dir, { recursive: true, force: true });
    }, 60_000);

    it('a call made through hub A reaches a board on hub B in order, exactly once, within 1 s (p99)', async () => {
      const token = await login(a.url);
      const serviceId = await firstServiceId(a.url);
      const [window] = await openWindows(a.url, token, 1);
      const onB = await board(b.url);
      const seen: { number: string; seq: number; at: number }[] = [];
      onB.on('ticket:called', (m: { ticketNumber: string; seq: number }) =>
        seen.push({ number: m.ticketNumber, seq: m.seq, at: performance.now() }),
      );

      const CALLS = 40;
      for (let i = 0; i < CALLS; i++)
        await json(
          await post(`${a.url}/api/v1/halls/${HALL}/tickets`, null, { serviceId, channel: 'kiosk' }),
        );
      const sent: { number: string; at: number }[] = [];
      for (let i = 0; i < CALLS; i++) {
        const at = performance.now();
        const reply = await json<{ ticket: { number: string } | null }>(
          await post(`${a.url}/api/v1/windows/${window!.id}/call-next`, token),
        );
        sent.push({ number: reply.ticket!.number, at });
        // Served, so the next press is a new call rather than a repeat of this one.
        await json(await post(`${a.url}/api/v1/windows/${window!.id}/start`, token));
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
      const tokens = [await login(a.url), await login(b.url)];
      const serviceId = await firstServiceId(a.url);
      const comprehensive = await openWindows(a.url, tokens[0]!, 3);
      for (let i = 0; i < 30; i++)
        await json(
          await post(`${b.url}/api/v1/halls/${HALL}/tickets`, null, { serviceId, channel: 'kiosk' }),
        );
      const called: string[] = [];
      await Promise.all(
        comprehensive.flatMap((w) =>
          [a, b].map(async (hub, h) => {
            for (let i = 0; i < 6; i++) {
              const res = await post(`${hub.url}/api/v1/windows/${w.id}/call-next`, tokens[h]!);
              const body = (await res.json()) as { outcome?: string; ticket?: { number: string } | null };
              if (res.ok && body.outcome === 'called' && body.ticket) {
                called.push(body.ticket.number);
                // The other hub may have moved on already: a refused start is fine, a double call is not.
                await post(`${hub.url}/api/v1/windows/${w.id}/start`, tokens[h]!);
              }
            }
          }),
        ),
      );
      expect(called.length).toBeGreaterThan(0);
      expect(new Set(called).size).toBe(called.length);
    }, 60_000);
  },
);
