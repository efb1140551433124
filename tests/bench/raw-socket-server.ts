import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';

/**
 * Baseline server for part (c), run as its own process: Socket.IO with the
 * hub's server options, every client of `/display` in one room, and an HTTP
 * POST /emit that broadcasts its JSON body to the room as `ticket:called`
 * before answering, as the hub broadcasts before it answers a call-next.
 * GET /bare is the bare board page of part (e): socket.io-client, the number
 * written into the DOM, nothing else.
 *
 * Env: PORT.
 */

const httpServer = createServer();
const io = new Server(httpServer, {
  serveClient: false,
  maxHttpBufferSize: 16 * 1024,
  connectionStateRecovery: { maxDisconnectionDuration: 2 * 60_000, skipMiddlewares: false },
});
const display = io.of('/display');
display.on('connection', (socket) => {
  void socket.join('hall');
  socket.emit('display:snapshot', { seq: 0 });
});

// The browser bundle is not among the package's exports: found beside its package.json.
const CLIENT = readFileSync(
  path.join(
    path.dirname(createRequire(import.meta.url).resolve('socket.io-client/package.json')),
    'dist/socket.io.min.js',
  ),
  'utf8',
);

/**
 * What a board must do at the least: one socket.io-client connection to
 * /display, each call's number written into the page. The page notes when
 * each call's WebSocket frame arrived, when the number was in the DOM and the
 * next animation frame, like the instrumented board (signage-callout.ts).
 */
const BARE_PAGE = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>bare board</title>
<style>body{font:48px sans-serif;margin:0}#n{font-size:200px}</style></head>
<body><div id="n">—</div>
<script src="/client.js"></script>
<script>
  const socket = io('/display', { transports: ['websocket', 'polling'], tryAllTransports: true });
  socket.on('display:snapshot', () => { globalThis.hallBenchLive = true; });
  socket.on('ticket:called', (p) => {
    document.getElementById('n').textContent = p.ticketNumber;
    globalThis.hallBenchDom?.(p.ticketNumber);
  });
</script></body></html>`;

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method === 'GET' && req.url === '/bare') {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(BARE_PAGE);
    return;
  }
  if (req.method === 'GET' && req.url === '/client.js') {
    res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' }).end(CLIENT);
    return;
  }
  if (req.method !== 'POST' || req.url !== '/emit') {
    res.writeHead(404).end();
    return;
  }
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const { messages } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
    messages: { event: string; payload: unknown }[];
  };
  for (const m of messages) display.to('hall').emit(m.event, m.payload);
  res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
}

httpServer.on('request', (req: IncomingMessage, res: ServerResponse) => {
  // Socket.IO answers its own /socket.io/ requests on the same server.
  if (req.url?.startsWith('/socket.io/')) return;
  handle(req, res).catch((err: unknown) => {
    console.error(err);
    if (!res.headersSent) res.writeHead(500).end();
  });
});
httpServer.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  console.log(`raw socket listening ${(httpServer.address() as AddressInfo).port}`);
});
process.on('SIGTERM', () => {
  void io.close();
  process.exit(0);
});
