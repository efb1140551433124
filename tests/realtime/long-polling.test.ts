import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import { issueTicket } from '../../server/src/app/index.js';
import { startRealtimeHub, seedHall } from '../helpers/realtime-fixtures.js';
import type { TestHub } from '../helpers/hub.js';
import { waitFor } from './support.js';

/**
 * Browsers behind proxies that block WebSocket fall back to HTTP long-polling.
 * A held poll must be answered by Socket.IO alone: an HTTP 404 from the web
 * app on the same request made the late Socket.IO reply throw in the hub.
 */
describe('display clients on HTTP long-polling', () => {
  let hub: TestHub | null = null;
  let socket: Socket | null = null;
  afterEach(async () => {
    socket?.disconnect();
    await hub?.close();
  });

  it('get the snapshot and live messages through held polls', async () => {
    const started = await startRealtimeHub();
    hub = started.hub;
    const { hall, social } = await seedHall(hub.store);
    socket = io(`${hub.url}/display`, {
      auth: { hallId: hall.id },
      transports: ['polling'],
      forceNew: true,
      reconnection: false,
    });
    await waitFor(socket, 'display:snapshot');
    const issued = waitFor<{ serviceId: string }>(socket, 'ticket:issued');
    await issueTicket(hub.deps, { hallId: hall.id, serviceId: social.id, channel: 'kiosk' });
    expect((await issued).serviceId).toBe(social.id);
  });

  it('a held poll is answered by Socket.IO, never by the web app', async () => {
    const started = await startRealtimeHub();
    hub = started.hub;
    const { hall } = await seedHall(hub.store);
    const base = `${hub.url}/socket.io/?EIO=4&transport=polling`;
    const open = await (await fetch(base)).text();
    const sid = (JSON.parse(open.slice(1)) as { sid: string }).sid;
    // Catch the held poll as the hub sees it, to check that nothing answered it.
    const arrived = new Promise<ServerResponse>((resolve) => {
      const spy = (req: IncomingMessage, res: ServerResponse) => {
        if (req.method === 'GET' && req.url?.includes(`sid=${sid}`)) {
          hub?.server.off('request', spy);
          resolve(res);
        }
      };
      hub?.server.on('request', spy);
    });
    const held = fetch(`${base}&sid=${sid}`);
    const pollResponse = await arrived;
    // Two full round trips through the web app: a wrong answer to the poll would be sent by now.
    await fetch(`${hub.url}/healthz`);
    await fetch(`${hub.url}/healthz`);
    expect(pollResponse.writableEnded).toBe(false);
    const join = await fetch(`${base}&sid=${sid}`, {
      method: 'POST',
      body: `40/display,${JSON.stringify({ hallId: hall.id })}`,
    });
    expect(join.status).toBe(200);
    const reply = await held;
    expect(reply.status).toBe(200);
    expect(await reply.text()).toContain('/display');
  });
});
