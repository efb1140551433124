import { mkdtemp, rm } from 'node:fs/promises';
import { createConnection, createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PrintAgent } from '../../ticket-printer/src/agent/agent.js';
import { TcpPrinterPort, type PrinterPort } from '../../ticket-printer/src/index.js';
import { VirtualPrinter } from '../../ticket-printer/src/virtual-printer/virtual-printer.js';
import {
  Api,
  PASSWORD,
  createDevice,
  createHall,
  createService,
  expectStatus,
  issue,
} from '../helpers/api-fixtures.js';
import { startHubProcess, type HubProcess } from '../helpers/hub-process.js';

/**
 * Printing across a restart of the real hub (server/src/main.ts as its own
 * process, same DATA_DIR and port):
 * - kill -9 while the hub prints to a network printer: after the restart the
 *   job is failed (the kiosk offers a reprint, the admin sees it) and is not
 *   printed again;
 * - a print agent on the kiosk PC reconnects by itself after a kill -9 and
 *   after a graceful restart, prints what is queued afterwards, and prints
 *   nothing twice, not even the job whose result the dead hub never heard.
 */

let dir: string;
let hub: HubProcess;
let port: number;
let env: Record<string, string>;
let admin: Api;
let hallId: string;
let serviceId: string;
let printer: VirtualPrinter;
let agent: PrintAgent | null = null;

async function restartHub(signal: 'SIGKILL' | 'SIGTERM'): Promise<void> {
  if (hub.child.exitCode === null && hub.child.signalCode === null) hub.child.kill(signal);
  await hub.exited;
  hub = await startHubProcess(env, { port });
}

type JobsReply = { jobs: { status: string; copy: number; error: string | null }[] };

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'print-hub-restart-'));
  env = {
    DATA_DIR: dir,
    HUB_ADMIN_PASSWORD: PASSWORD,
    DEMO: 'false',
    VIRTUAL_PRINTER_PORT: 'off',
    RATE_LIMIT_PER_MINUTE: '100000',
  };
  hub = await startHubProcess(env);
  port = Number(new URL(hub.url).port);
  const login = await new Api(hub.url).post<{ token: string }>('/api/v1/auth/login', {
    username: 'admin',
    password: PASSWORD,
    token: true,
  });
  admin = new Api(hub.url, { token: expectStatus(login, 200, 'login').token });
  hallId = (await createHall(admin)).id;
  serviceId = (await createService(admin, hallId, { name: '社会保障卡申领', prefix: 'A' })).id;
  printer = new VirtualPrinter({ port: 0 });
  await printer.start();
});

afterAll(async () => {
  await agent?.stop();
  if (hub.child.exitCode === null && hub.child.signalCode === null) hub.child.kill('SIGKILL');
  await hub.exited;
  await printer.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('a network print interrupted by kill -9 of the hub', () => {
  let stuck: Server;
  afterAll(() => new Promise<void>((resolve) => stuck.close(() => resolve())));

  it('is failed after the restart, listed for the admin, and not printed again', async () => {
    // A printer that takes the connection and never answers: the hub is mid-job when it dies.
    let connections = 0;
    const firstConnection = new Promise<void>((resolve) => {
      stuck = createServer((socket) => {
        connections += 1;
        // Reads the job, answers nothing; reading also sees the hub's end of the connection.
        socket.resume();
        socket.on('error', () => undefined);
        resolve();
      });
    });
    await new Promise<void>((resolve) => stuck.listen(0, '127.0.0.1', resolve));
    const stuckPort = (stuck.address() as { port: number }).port;
    const kiosk = await createDevice(admin, hallId, {
      kind: 'kiosk',
      config: { printer: `tcp://127.0.0.1:${stuckPort}` },
    });

    const ticket = await issue(kiosk.api, hallId, serviceId);
    await firstConnection;
    await restartHub('SIGKILL');

    // The restarted hub listens only once it has recorded the interrupted job.
    const jobs = await kiosk.api.get<JobsReply>(`/api/v1/tickets/${ticket.statusToken}/print-jobs`);
    expect(jobs.body.jobs).toMatchObject([{ status: 'failed', copy: 1 }]);
    expect(jobs.body.jobs[0]?.error).toMatch(/hub restarted while this job was printing/);
    const overview = await admin.get<{ failures: { number: string }[] }>(`/api/v1/halls/${hallId}/printing`);
    expect(overview.body.failures.map((f) => f.number)).toContain(ticket.number);
    expect(connections).toBe(1);
  });
});

describe('a network print in progress when the hub is stopped gracefully', () => {
  let gate: Server;
  afterAll(() => new Promise<void>((resolve) => gate.close(() => resolve())));

  it('is finished and recorded before the hub exits, and not failed at the next start', async () => {
    // The virtual printer behind a gate that holds the printer's answers until released.
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));
    let connected: () => void = () => undefined;
    const firstConnection = new Promise<void>((resolve) => (connected = resolve));
    gate = createServer((client) => {
      const upstream = createConnection({ host: '127.0.0.1', port: printer.address().port });
      client.on('data', (b) => upstream.write(b));
      upstream.on('data', (b) => void released.then(() => client.write(b)));
      client.on('error', () => undefined);
      upstream.on('error', () => undefined);
      client.on('close', () => upstream.end());
      connected();
    });
    await new Promise<void>((resolve) => gate.listen(0, '127.0.0.1', resolve));
    const gatePort = (gate.address() as { port: number }).port;
    const kiosk = await createDevice(admin, hallId, {
      kind: 'kiosk',
      config: { printer: `tcp://127.0.0.1:${gatePort}` },
    });
    const before = printer.jobs.length;

    const ticket = await issue(kiosk.api, hallId, serviceId);
    await firstConnection;
    hub.child.kill('SIGTERM');
    await expect.poll(() => hub.output().includes('SIGTERM: closing.')).toBe(true);
    release();
    await hub.exited;
    hub = await startHubProcess(env, { port });

    const jobs = await kiosk.api.get<JobsReply>(`/api/v1/tickets/${ticket.statusToken}/print-jobs`);
    expect(jobs.body.jobs).toMatchObject([{ status: 'printed', copy: 1 }]);
    expect(printer.jobs.slice(before).filter((j) => j.text.includes(ticket.number))).toHaveLength(1);
  });
});

/** The kiosk PC's printer, with a hook between the job's bytes going out and the agent answering. */
class HookedPort implements PrinterPort {
  afterWrite: (() => Promise<void>) | null = null;
  private readonly inner = new TcpPrinterPort({ host: '127.0.0.1', port: printer.address().port });
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

describe('a print agent across hub restarts', () => {
  let kiosk: Api;
  let printerPort: HookedPort;
  const acknowledged = new Set<string>();
  const waitAck = (jobId: string) =>
    acknowledged.has(jobId)
      ? Promise.resolve()
      : new Promise<void>((resolve) => {
          const on = (id: string) => {
            if (id !== jobId) return;
            agent?.off('acknowledged', on);
            resolve();
          };
          agent?.on('acknowledged', on);
        });
  const nextConnect = () => new Promise<void>((resolve) => agent?.once('connected', () => resolve()));
  const nextPrinted = () => new Promise<string>((resolve) => agent?.once('printed', resolve));

  /** Issues a ticket at the kiosk and resolves when its print is on paper and acknowledged by the hub. */
  async function issueAndPrint(): Promise<{ number: string; statusToken: string }> {
    const printed = nextPrinted();
    const ticket = await issue(kiosk, hallId, serviceId);
    await waitAck(await printed);
    return ticket;
  }

  async function expectPrintedOnce(ticket: { number: string; statusToken: string }): Promise<void> {
    expect(printer.jobs.filter((j) => j.text.includes(ticket.number))).toHaveLength(1);
    const jobs = await kiosk.get<JobsReply>(`/api/v1/tickets/${ticket.statusToken}/print-jobs`);
    expect(jobs.body.jobs).toMatchObject([{ status: 'printed', copy: 1 }]);
  }

  beforeAll(async () => {
    const device = await createDevice(admin, hallId, { kind: 'kiosk', config: { printer: 'agent' } });
    kiosk = device.api;
    printerPort = new HookedPort();
    agent = new PrintAgent({
      hubUrl: hub.url,
      token: device.token,
      port: printerPort,
      ledgerFile: path.join(dir, 'agent-ledger.json'),
      reconnectDelayMs: 50,
      statusEveryMs: 0,
    });
    agent.on('acknowledged', (id) => acknowledged.add(id));
    const connected = nextConnect();
    agent.start();
    await connected;
  });

  it('reconnects by itself after kill -9, finishes the job the dead hub never heard of, and prints the next', async () => {
    const before = await issueAndPrint();

    // Kill the hub right after the next ticket's bytes went to the printer, before the agent answers.
    const issued = issue(kiosk, hallId, serviceId);
    printerPort.afterWrite = async () => {
      await issued; // the kiosk has its number
      const gone = new Promise<void>((resolve) => agent?.once('disconnected', () => resolve()));
      hub.child.kill('SIGKILL');
      await Promise.all([hub.exited, gone]);
    };
    const unheard = nextPrinted();
    const orphan = await issued;
    const orphanJob = await unheard;
    expect(acknowledged.has(orphanJob)).toBe(false);

    const reconnected = nextConnect();
    await restartHub('SIGKILL');
    await reconnected; // nobody told the agent: Socket.IO's reconnection found the hub again
    await waitAck(orphanJob); // its held result, sent again on reconnect

    const after = await issueAndPrint();
    for (const ticket of [before, orphan, after]) await expectPrintedOnce(ticket);
  });

  it('reconnects by itself after a graceful restart (the hub hangs up) and prints what is queued after it', async () => {
    const before = await issueAndPrint();
    const reconnected = nextConnect();
    await restartHub('SIGTERM');
    await reconnected;
    const after = await issueAndPrint();
    for (const ticket of [before, after]) await expectPrintedOnce(ticket);
  });
});
