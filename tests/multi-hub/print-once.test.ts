import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PrintAgent } from '../../ticket-printer/src/agent/agent.js';
import { TcpPrinterPort } from '../../ticket-printer/src/index.js';
import { VirtualPrinter } from '../../ticket-printer/src/virtual-printer/virtual-printer.js';
import { startTestHub, type TestHub } from '../helpers/hub.js';
import {
  createDevice,
  createHall,
  createService,
  issue,
  loginToken,
  setupAdmin,
} from '../helpers/api-fixtures.js';
import { nextEvent } from '../printer/log-wait.js';

/**
 * Two hubs on one SQLite file, each with its own connection (as two hub
 * processes have): a kiosk issues through hub A while its print agent is
 * connected to hub B. Both hubs follow the log and see the issue; the ticket
 * is printed once, by B's agent, and a network printer shared by both hubs
 * prints each job once too.
 */
let dir: string;
let a: TestHub;
let b: TestHub;
let printer: VirtualPrinter;
let printerPort: number;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'print-once-'));
  printer = new VirtualPrinter({ port: 0 });
  printerPort = (await printer.start()).port;
  a = await startTestHub({ dataDir: dir });
  b = await startTestHub({ dataDir: dir });
});
afterAll(async () => {
  await a.close();
  await b.close();
  await printer.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('printing with two hubs on one store', () => {
  it('prints a kiosk ticket once on the agent connected to the other hub', async () => {
    const admin = await setupAdmin(a);
    const hallId = (await createHall(admin)).id;
    const serviceId = (await createService(admin, hallId, { name: '社会保障卡申领', prefix: 'A' })).id;
    const kiosk = await createDevice(admin, hallId, { kind: 'kiosk', config: { printer: 'agent' } });
    const agent = new PrintAgent({
      hubUrl: b.url,
      token: kiosk.token,
      port: new TcpPrinterPort({ host: '127.0.0.1', port: printerPort }),
      ledgerFile: null,
      reconnectDelayMs: 50,
    });
    const connected = new Promise<void>((resolve) => agent.once('connected', () => resolve()));
    agent.start();
    await connected;

    const printed = nextEvent(b.store, 'print.printed');
    const ticket = await issue(kiosk.api, hallId, serviceId);
    await printer.waitForJob((j) => j.text.includes(ticket.number));
    await printed;
    // Give a second copy every chance to come out: both hubs saw the issue.
    await a.hub.realtime.printRecovered;
    await new Promise((r) => setTimeout(r, 500));
    const copies = printer.jobs.filter((j) => j.text.includes(ticket.number));
    expect(copies).toHaveLength(1);
    const jobs = await a.store.listPrintJobs({
      ticketId: (await a.store.getTicketByToken(ticket.statusToken))!.id,
    });
    expect(jobs.map((j) => [j.copy, j.status])).toEqual([[1, 'printed']]);
    await agent.stop();
  });

  it('prints a network job once though both hubs follow its print.queued', async () => {
    const root = await loginToken(a, 'admin');
    const hallId = (await createHall(root)).id;
    const serviceId = (await createService(root, hallId, { name: '医保参保登记', prefix: 'B' })).id;
    const kiosk = await createDevice(root, hallId, {
      kind: 'kiosk',
      config: { printer: `tcp://127.0.0.1:${printerPort}` },
    });
    const ticket = await issue(kiosk.api, hallId, serviceId);
    await printer.waitForJob((j) => j.text.includes(ticket.number));
    await new Promise((r) => setTimeout(r, 500));
    expect(printer.jobs.filter((j) => j.text.includes(ticket.number))).toHaveLength(1);
  });
});
