import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';

/**
 * Baseline server for part (c), run as its own process: Socket.IO with the
 * hub's server options, every client of `/display` in one room, and an HTTP
 * POST /emit that broadcasts its JSON body to the room as `ticket:called`
 * before answering, as the hub broadcasts before it answers a call-next.
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

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
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
