import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEEP_ALIVE_MS } from '../../server/src/create-app.js';
import { startTestHub, type TestHub } from '../helpers/hub.js';

/**
 * A client that sends its next request on a kept-alive connection after the
 * event loop was busy for longer than Node's default keep-alive (5 s) must
 * not be reset: the hub leaves closing idle connections to its clients.
 */

let t: TestHub;
beforeAll(async () => {
  t = await startTestHub();
});
afterAll(async () => t.close());

/** Busy without ever yielding to the event loop, as a long synchronous store run is. */
async function busyFor(ms: number): Promise<void> {
  const until = Date.now() + ms;
  let n = 0;
  while (Date.now() < until) await Promise.resolve(n++);
}

describe('keep-alive connections', () => {
  it('keeps idle connections longer than clients and proxies do', () => {
    expect(t.server.keepAliveTimeout).toBe(KEEP_ALIVE_MS);
    expect(KEEP_ALIVE_MS).toBeGreaterThan(60_000);
    expect(t.server.headersTimeout).toBeGreaterThan(KEEP_ALIVE_MS);
  });

  it('answers requests sent on kept-alive connections after a busy stretch', async () => {
    let connections = 0;
    t.server.on('connection', () => (connections += 1));
    const get = async () => {
      const reply = await fetch(`${t.url}/readyz`);
      await reply.text();
      return reply.status;
    };
    // Two at once, so the client pools two connections, as a screen loading its data does.
    expect(await Promise.all([get(), get()])).toEqual([200, 200]);
    await new Promise((resolve) => setTimeout(resolve, 100));
    await busyFor(6_000);
    expect(await get()).toBe(200);
    expect(await get()).toBe(200);
    // The requests went over kept-alive connections: this is the reuse that used to be reset.
    expect(connections).toBe(2);
  }, 30_000);
});
