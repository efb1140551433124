import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PrintAgent } from '../../ticket-printer/src/agent/agent.js';
import { JobLedger } from '../../ticket-printer/src/agent/job-ledger.js';
import { PRINT_AGENT_NAMESPACE } from '../../ticket-printer/src/agent/protocol.js';
import { TcpPrinterPort, type PrinterPort } from '../../ticket-printer/src/index.js';
import { VirtualPrinter } from '../../ticket-printer/src/virtual-printer/virtual-printer.js';
import { startTestHub, type TestHub } from '../helpers/hub.js';
import {
  createDevice,
  createHall,
  createService,
  issue,
  setupAdmin,
  type Api,
} from '../helpers/api-fixtures.js';
import { nextEvent } from './log-wait.js';

/**
 * The print agent against a real hub over a real socket: jobs arrive, print
 * on the (virtual) printer attached to the kiosk PC, are acknowledged; when
 * the connection is killed in the middle of a job, the hub sends the job again
 * after the reconnect and the agent does not print it a second time.
 */

let t: TestHub;
let printer: VirtualPrinter;
let printerPort: number;
let hallId: string;
let serviceId: string;
let kiosk: { api: Api; token: string };
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'agent-'));
  printer = new VirtualPrinter({ port: 0 });
  printerPort = (await printer.start()).port;
  t = await startTestHub();
  const admin = await setupAdmin(t);
  hallId = (await createHall(admin)).id;
  serviceId = (await createService(admin, hallId, { name: '社会保障卡申领', prefix: 'A' })).id;
  kiosk = await createDevice(admin, hallId, { kind: 'kiosk', config: { printer: 'agent' } });
});
afterAll(async () => {
  await t.close();
  await printer.stop();
  await rm(dir, { recursive: true, force: true });
});

/** The kiosk's printer, with a hook that runs after a job's bytes went out and before the agent answers. */
class HookedPort implements PrinterPort {
  afterWrite: (() => Promise<void>) | null = null;
  private readonly inner = new TcpPrinterPort({ host: '127.0.0.1', port: printerPort });
  readonly address = this.inner.address;
  open = () => this.inner.open();
  status = () => this.inner.status();
  close = () => this.inner.close();
  async write(bytes: Uint8Array): Promise<void> {
    await this.inner.write(bytes);
    const hook = this.afterWrite;
    this.afterWrite = null;
    await hook?.();
  }
}

function startAgent(port: PrinterPort, ledgerFile: string | null = null): Promise<PrintAgent> {
  const agent = new PrintAgent({ hubUrl: t.url, token: kiosk.token, port, ledgerFile, reconnectDelayMs: 50 });
  const connected = new Promise<PrintAgent>((resolve) => agent.once('connected', () => resolve(agent)));
  agent.start();
  return connected;
}

describe('print agent', () => {
  it('prints a kiosk ticket and the hub records it printed', async () => {
    const agent = await startAgent(new HookedPort());
    const printed = nextEvent(t.deps.store, 'print.printed');
    const ticket = await issue(kiosk.api, hallId, serviceId);
    const job = await printer.waitForJob((j) => j.text.includes(ticket.number));
    expect(job.text).toContain('社会保障卡申领');
    expect((await printed).data.copy).toBe(1);
    await agent.stop();
  });

  it('prints a job once when the connection dies between printing and acknowledging', async () => {
    const port = new HookedPort();
    const agent = await startAgent(port);
    // Kill the agent's connection from the hub side right after the bytes went to the printer.
    port.afterWrite = async () => {
      const gone = new Promise<void>((resolve) => agent.once('disconnected', () => resolve()));
      // Close the transport under the socket, as a network cut does (the client reconnects by itself).
      for (const s of t.hub.realtime.io.of(PRINT_AGENT_NAMESPACE).sockets.values()) s.conn.close();
      await gone;
    };
    const skipped = new Promise<string>((resolve) => agent.once('skipped', resolve));
    const printed = nextEvent(t.deps.store, 'print.printed');
    const ticket = await issue(kiosk.api, hallId, serviceId);
    const event = await printed;
    // The hub re-sent the unacknowledged job after the reconnect; the agent answered it from its ledger.
    expect(await skipped).toBe(event.data.jobId);
    const jobs = await t.store.listPrintJobs({
      ticketId: (await t.store.getTicketByToken(ticket.statusToken))!.id,
    });
    expect(jobs).toMatchObject([{ status: 'printed', copy: 1 }]);
    expect(printer.jobs.filter((j) => j.text.includes(ticket.number))).toHaveLength(1);
    await agent.stop();
  });

  it('after an agent crash mid-job, reports the job failed instead of printing it again', async () => {
    const ledgerFile = path.join(dir, 'ledger.json');
    // The job the crashed agent had started: issued while no agent is connected, so it waits.
    const queued = nextEvent(t.deps.store, 'print.queued');
    const ticket = await issue(kiosk.api, hallId, serviceId);
    const jobId = String((await queued).data.jobId);
    new JobLedger(ledgerFile).markStarted(jobId);

    const failed = nextEvent(t.deps.store, 'print.failed', (e) => e.data.jobId === jobId);
    const agent = await startAgent(new HookedPort(), ledgerFile);
    expect(String((await failed).data.error)).toMatch(/interrupted/);
    expect(printer.jobs.some((j) => j.text.includes(ticket.number))).toBe(false);
    await agent.stop();
  });

  it('refuses a connection without a kiosk or printer token', async () => {
    const agent = new PrintAgent({ hubUrl: t.url, token: 'dev_not-a-token', port: new HookedPort() });
    const refused = new Promise<string>((resolve) =>
      agent.socket.once('connect_error', (err) => resolve(err.message)),
    );
    agent.start();
    expect(await refused).toBe('unauthenticated');
    await agent.stop();
  });
});
