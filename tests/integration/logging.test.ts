import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/src/config.js';
import { createLogger } from '../../server/src/logger.js';
import {
  Api,
  createHall,
  createService,
  createUser,
  createWindow,
  issue,
  openWindow,
  setupAdmin,
} from '../helpers/api-fixtures.js';
import { startHubProcess, type HubProcess } from '../helpers/hub-process.js';
import { startTestHub, type TestHub } from '../helpers/hub.js';

/**
 * The hub's log: one JSON object per line, at the level LOG_LEVEL names, a
 * request id on every line written for a request, and the hall and window on
 * every queue action.
 */

interface Line {
  level: number;
  msg: string;
  reqId?: string;
  hallId?: string;
  windowId?: string | null;
  [field: string]: unknown;
}

const LEVEL = { error: 50, warn: 40, info: 30, debug: 20 } as const;

/** A hub whose log lines land in `lines`. */
async function hubWithLog(level: 'debug' | 'warn'): Promise<{ t: TestHub; lines: Line[] }> {
  const lines: Line[] = [];
  const log = createLogger(level, { write: (s: string) => void lines.push(JSON.parse(s) as Line) });
  return { t: await startTestHub({ log }), lines };
}

const jsonLines = (output: string): Line[] =>
  output
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Line);

describe('request ids', () => {
  let t: TestHub;
  let lines: Line[];
  beforeAll(async () => ({ t, lines } = await hubWithLog('debug')));
  afterAll(async () => t.close());

  it('gives each request a new id, returns it and logs the request under it', async () => {
    const a = await new Api(t.url).get('/healthz');
    const b = await new Api(t.url).get('/healthz');
    const idA = a.headers.get('x-request-id');
    expect(idA).toMatch(/^[0-9a-f]{12}$/);
    expect(b.headers.get('x-request-id')).not.toBe(idA);
    await expect
      .poll(() => lines.find((l) => l.reqId === idA && l.msg === 'request'))
      .toMatchObject({ level: LEVEL.debug, method: 'GET', path: '/healthz', status: 200 });
  });

  it('keeps a well-formed id sent by a proxy and replaces one that is not', async () => {
    const api = new Api(t.url);
    const kept = await api.call('GET', '/healthz', undefined, { headers: { 'x-request-id': 'lb-7f3a.9:2' } });
    expect(kept.headers.get('x-request-id')).toBe('lb-7f3a.9:2');
    for (const bad of ['a'.repeat(65), 'two words', '{"level":50}']) {
      const r = await api.call('GET', '/healthz', undefined, { headers: { 'x-request-id': bad } });
      expect(r.headers.get('x-request-id')).toMatch(/^[0-9a-f]{12}$/);
    }
  });

  it('logs every queue action with its hall and window, under the id of the request that made it', async () => {
    const admin = await setupAdmin(t);
    const hall = await createHall(admin);
    const service = await createService(admin, hall.id);
    const clerk = await createUser(t, admin, { hallIds: [hall.id] });
    const window = await createWindow(admin, hall.id, { clerkIds: [clerk.user.id] });
    await openWindow(clerk.api, window.id);
    await issue(new Api(t.url), hall.id, service.id);
    const call = await clerk.api.post<{ ticket: { id: string } }>(`/api/v1/windows/${window.id}/call-next`);
    expect(call.status).toBe(200);
    const reqId = call.headers.get('x-request-id');
    const ticketId = call.body.ticket.id;

    expect(lines.find((l) => l.msg === 'window.opened')).toMatchObject({
      level: LEVEL.info,
      hallId: hall.id,
      windowId: window.id,
    });
    expect(lines.find((l) => l.msg === 'ticket.issued')).toMatchObject({
      level: LEVEL.info,
      hallId: hall.id,
      windowId: null,
      ticketId,
    });
    expect(lines.find((l) => l.msg === 'ticket.called')).toMatchObject({
      level: LEVEL.info,
      hallId: hall.id,
      windowId: window.id,
      ticketId,
      reqId,
      actor: { type: 'user', id: clerk.user.id },
    });
  });
});

describe('a request that fails on the hub', () => {
  let t: TestHub;
  let lines: Line[];
  beforeAll(async () => ({ t, lines } = await hubWithLog('warn')));
  afterAll(async () => t.close());

  it('answers 500 with the request id, and the error line carries the same id', async () => {
    // The database goes away under the running hub.
    await t.store.close();
    const reply = await new Api(t.url).get('/api/v1/halls/some-hall/kiosk-menu');
    expect(reply.status).toBe(500);
    const reqId = reply.headers.get('x-request-id');
    expect(reqId).toMatch(/^[0-9a-f]{12}$/);
    expect(reply.body).toMatchObject({ code: 'internal', requestId: reqId });
    const line = lines.find((l) => l.reqId === reqId && l.level === LEVEL.error);
    expect(line).toMatchObject({
      msg: 'request failed',
      method: 'GET',
      path: '/api/v1/halls/some-hall/kiosk-menu',
    });
    expect(line?.err).toMatchObject({ message: expect.stringMatching(/database/i) });
    // At warn the request line itself (debug) is not written.
    expect(lines.filter((l) => l.msg === 'request')).toEqual([]);
  });

  it('logs why a 503 was answered under the id the answer carries', async () => {
    const reply = await new Api(t.url).get('/readyz');
    expect(reply.status).toBe(503);
    const reqId = reply.headers.get('x-request-id');
    expect(reply.body).toMatchObject({ code: 'not_ready', requestId: reqId });
    const mine = lines.filter((l) => l.reqId === reqId);
    expect(mine.find((l) => l.level === LEVEL.error)).toMatchObject({
      msg: 'readiness: the store does not answer',
      err: { message: expect.stringMatching(/database/i) },
    });
    expect(mine.find((l) => l.level === LEVEL.warn)).toMatchObject({ code: 'not_ready', path: '/readyz' });
  });

  it('does not put a request id in 4xx answers', async () => {
    const reply = await new Api(t.url).get('/api/v1/no-such-route');
    expect(reply.status).toBe(404);
    expect(reply.body).not.toHaveProperty('requestId');
  });
});

describe('LOG_LEVEL', () => {
  it('accepts silent, error, warn, info and debug, and nothing else', () => {
    for (const level of ['silent', 'error', 'warn', 'info', 'debug'])
      expect(loadConfig({ LOG_LEVEL: level }).LOG_LEVEL).toBe(level);
    expect(loadConfig({}).LOG_LEVEL).toBe('info');
    expect(() => loadConfig({ LOG_LEVEL: 'verbose' })).toThrow(/LOG_LEVEL/);
  });

  describe('in the running hub', () => {
    let dir: string;
    let hub: HubProcess | null = null;
    beforeAll(async () => {
      dir = await mkdtemp(path.join(tmpdir(), 'hub-log-level-'));
    });
    afterEach(async () => {
      if (hub && hub.child.exitCode === null) {
        hub.child.kill('SIGTERM');
        await hub.exited;
      }
      hub = null;
    });
    afterAll(async () => rm(dir, { recursive: true, force: true }));

    /** Starts the hub at `level`, makes one request, stops it and returns every line it wrote. */
    async function run(level: string): Promise<Line[]> {
      hub = await startHubProcess({
        DATA_DIR: dir,
        DEMO: 'false',
        VIRTUAL_PRINTER_PORT: 'off',
        HUB_ADMIN_PASSWORD: 'correct horse battery staple',
        LOG_LEVEL: level,
      });
      const reply = await new Api(hub.url).call('GET', '/healthz', undefined, {
        headers: { 'x-request-id': `probe-${level}` },
      });
      expect(reply.status).toBe(200);
      hub.child.kill('SIGTERM');
      // Once it has exited, everything it wrote has been read.
      expect((await hub.exited).code).toBe(0);
      return jsonLines(hub.output());
    }

    it('at error writes no info or debug lines', async () => {
      const lines = await run('error');
      expect(lines.filter((l) => l.level < LEVEL.error)).toEqual([]);
    });

    it('at debug writes the request line with its id', async () => {
      const lines = await run('debug');
      expect(lines.find((l) => l.msg === 'hub listening')).toMatchObject({ level: LEVEL.info });
      expect(lines.find((l) => l.reqId === 'probe-debug')).toMatchObject({
        level: LEVEL.debug,
        msg: 'request',
        path: '/healthz',
        status: 200,
      });
    });
  });
});
