import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  businessDay,
  effectiveTime,
  type PriorityCategory,
  type Service,
} from '../../server/src/domain/index.js';
import { openSqliteStore } from '../../server/src/store/sqlite/index.js';
import { RawQueue } from './raw-sqlite.js';

/**
 * Baseline server for part (b), run as its own process: plain node:http, the
 * same two routes as the hub, each doing the raw SQL writes of RawQueue (WAL,
 * synchronous=FULL) and answering with the ticket number. No framework, no
 * auth, no validation beyond what the writes need, no wait estimate.
 *
 * Env: RAW_FILE (a file seeded with the demo hall), HALL_ID, PORT.
 */

const file = process.env.RAW_FILE ?? '';
const hallId = process.env.HALL_ID ?? '';

const store = openSqliteStore({ file, synchronous: 'FULL' });
const hall = await store.getHall(hallId);
if (!hall) throw new Error(`No hall ${hallId} in ${file}`);
const services = await store.listServices(hallId);
const windows = await store.listWindows(hallId);
await store.close();
const zone = hall.timeZone;
const heads = hall.rules.headStarts;

const raw = new RawQueue(file, hallId, hall.rules.numberDigits);
raw.route(services, windows);
const byId = new Map<string, Service>(services.map((s) => [s.id, s]));

async function body(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return chunks.length === 0 ? {} : JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

function send(res: ServerResponse, status: number, payload: unknown): void {
  const text = JSON.stringify(payload);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

const ISSUE = /^\/api\/v1\/halls\/([^/]+)\/tickets$/;
const CALL_NEXT = /^\/api\/v1\/windows\/([^/]+)\/call-next$/;

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = req.url ?? '';
  if (req.method === 'POST' && ISSUE.test(url)) {
    const input = (await body(req)) as {
      serviceId?: string;
      categories?: PriorityCategory[];
      assistance?: boolean;
    };
    const service = byId.get(input.serviceId ?? '');
    if (!service) return send(res, 404, { code: 'not_found' });
    const now = Date.now();
    const categories = input.categories ?? [];
    const issued = raw.issue({
      serviceId: service.id,
      prefix: service.prefix,
      categories,
      assistance: input.assistance ?? false,
      channel: 'kiosk',
      businessDay: businessDay(now, zone),
      issuedAt: now,
      effectiveAt: effectiveTime(now, categories, heads),
    });
    return send(res, 201, { number: issued.number, serviceId: service.id, issuedAt: now });
  }
  const call = CALL_NEXT.exec(url);
  if (req.method === 'POST' && call) {
    await body(req);
    const now = Date.now();
    const ticket = raw.callNext(call[1] as string, now, businessDay(now, zone), 'bench-clerk');
    return send(res, 200, { outcome: ticket ? 'called' : 'empty', ticket });
  }
  send(res, 404, { code: 'not_found' });
}

const server = createServer((req, res) => {
  handle(req, res).catch((err: unknown) => {
    console.error(err);
    if (!res.headersSent) send(res, 500, { code: 'internal' });
  });
});
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  console.log(`raw listening ${(server.address() as AddressInfo).port}`);
});
process.on('SIGTERM', () => {
  server.close();
  raw.close();
  process.exit(0);
});
