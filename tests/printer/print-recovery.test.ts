import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultDeps, issueTicket, type AppDeps } from '../../server/src/app/index.js';
import { openSqliteStore } from '../../server/src/store/sqlite/index.js';
import {
  HUB_RESTART_REASON,
  MISSED_TICKET_WINDOW_MS,
  markPrintJobSent,
  queuePrintJob,
} from '../../server/src/app/printing/index.js';
import type { Actor, HallEvent, Ticket } from '../../server/src/domain/index.js';
import { VirtualPrinter } from '../../ticket-printer/src/virtual-printer/virtual-printer.js';
import { startTestHub, type TestHub } from '../helpers/hub.js';
import { nextEvent } from './log-wait.js';
import { Api, createDevice, createHall, createService, issue, setupAdmin } from '../helpers/api-fixtures.js';

/**
 * What a crash leaves half done in printing, settled when the hub starts
 * again on the same SQLite file: a kiosk ticket whose print job was never
 * queued, and network jobs left `queued` or `sent`. None is printed late;
 * each becomes a failed print with a `print.failed` event, so the kiosk
 * offers a reprint and the admin sees it. Agent jobs are left to the agent.
 *
 * The crash is staged with the hub's own use cases on a bus nobody listens
 * to: the store commits exactly what it would have committed before the
 * process died, and the dispatch never hears of it.
 */

let dataDir: string;
let printer: VirtualPrinter;
let hub: TestHub;
/** Tokens outlive the restart (sessions and devices are in the file); the hub's port does not. */
let adminToken: string;
let hallId: string;
let serviceId: string;
let networkKiosk: { id: string; token: string };
let agentKiosk: { id: string; token: string };
let plainKiosk: { id: string; token: string };
const as = (token: string) => new Api(hub.url, { token });
let clock = Date.now();

/** The tickets of the staged crash, by what happened to them. */
const t: Record<
  'printed' | 'notQueued' | 'agentNotQueued' | 'noPrinter' | 'tooOld' | 'queued' | 'sent' | 'agentSent',
  Ticket
> = {} as never;
let failedBeforeRestart: HallEvent[] = [];

const kioskActor = (id: string): Actor => ({ type: 'device', id });

async function jobsOf(ticket: Ticket) {
  const reply = await as(networkKiosk.token).get<{
    jobs: { status: string; copy: number; error: string | null }[];
  }>(`/api/v1/tickets/${ticket.statusToken}/print-jobs`);
  return reply.body.jobs;
}

async function allEvents(h: TestHub): Promise<HallEvent[]> {
  return h.store.listEvents(hallId, 0, 100_000);
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'print-recovery-'));
  printer = new VirtualPrinter({ port: 0 });
  const { port } = await printer.start();
  const first = await startTestHub({ dataDir, deps: { now: () => clock } });
  const admin = await setupAdmin(first);
  adminToken = admin.identity.token!;
  hallId = (await createHall(admin)).id;
  serviceId = (await createService(admin, hallId, { name: '社会保障卡申领', prefix: 'A' })).id;
  const kiosk = async (config: Record<string, unknown>) => {
    const k = await createDevice(admin, hallId, { kind: 'kiosk', config });
    return { id: k.device.id, token: k.token };
  };
  networkKiosk = await kiosk({ printer: `tcp://127.0.0.1:${port}` });
  agentKiosk = await kiosk({ printer: 'agent' });
  plainKiosk = await kiosk({});

  // Printed normally before the crash.
  const recorded = nextEvent(first.deps.store, 'print.printed');
  const printed = await issue(new Api(first.url, { token: networkKiosk.token }), hallId, serviceId);
  await recorded;
  t.printed = (await first.store.getTicketByToken(printed.statusToken))!;

  // The crash: committed to the store after the hub is gone, so no dispatch ever saw it.
  await first.close();
  const crashStore = openSqliteStore({ file: path.join(dataDir, 'hall.db') });
  const crashed: AppDeps = defaultDeps(crashStore, { now: () => clock });
  const issueAt = async (kioskId: string) =>
    (await issueTicket(crashed, { hallId, serviceId, channel: 'kiosk', actor: kioskActor(kioskId) })).ticket;
  const now = clock;
  clock = now - MISSED_TICKET_WINDOW_MS - 60_000;
  t.tooOld = await issueAt(networkKiosk.id);
  clock = now;
  t.notQueued = await issueAt(networkKiosk.id);
  t.agentNotQueued = await issueAt(agentKiosk.id);
  t.noPrinter = await issueAt(plainKiosk.id);
  t.queued = await issueAt(networkKiosk.id);
  await queuePrintJob(crashed, {
    ticket: t.queued,
    deviceId: networkKiosk.id,
    copy: 1,
    actor: kioskActor(networkKiosk.id),
  });
  t.sent = await issueAt(networkKiosk.id);
  await markPrintJobSent(
    crashed,
    await queuePrintJob(crashed, {
      ticket: t.sent,
      deviceId: networkKiosk.id,
      copy: 1,
      actor: kioskActor(networkKiosk.id),
    }),
  );
  t.agentSent = await issueAt(agentKiosk.id);
  await markPrintJobSent(
    crashed,
    await queuePrintJob(crashed, {
      ticket: t.agentSent,
      deviceId: agentKiosk.id,
      copy: 1,
      actor: kioskActor(agentKiosk.id),
    }),
  );
  failedBeforeRestart = (await crashStore.listEvents(hallId, 0, 100_000)).filter(
    (e) => e.type === 'print.failed',
  );
  await crashStore.close();

  hub = await startTestHub({ dataDir });
  await hub.hub.realtime.printRecovered;
});

afterAll(async () => {
  await hub.close();
  await printer.stop();
  await rm(dataDir, { recursive: true, force: true });
});

describe('print recovery at hub start', () => {
  it('records a kiosk ticket that never got its print job as a failed print, without printing it', async () => {
    const [job, ...more] = await jobsOf(t.notQueued);
    expect(more).toEqual([]);
    expect(job).toMatchObject({ status: 'failed', copy: 1 });
    expect(job?.error).toMatch(/hub restarted before this ticket was printed/);
    // The agent kiosk's ticket too: the agent was never sent a job for it.
    expect(await jobsOf(t.agentNotQueued)).toMatchObject([{ status: 'failed', copy: 1 }]);
    expect(printer.jobs.some((j) => j.text.includes(t.notQueued.number))).toBe(false);
  });

  it('fails network jobs left queued or sent, and does not print them again', async () => {
    const [queued] = await jobsOf(t.queued);
    expect(queued).toMatchObject({ status: 'failed', copy: 1 });
    expect(queued?.error).toMatch(/hub restarted before this ticket was printed/);
    const [sent] = await jobsOf(t.sent);
    expect(sent).toMatchObject({ status: 'failed', copy: 1 });
    expect(sent?.error).toMatch(/while this job was printing/);
    for (const ticket of [t.queued, t.sent])
      expect(printer.jobs.some((j) => j.text.includes(ticket.number))).toBe(false);
  });

  it('leaves alone what is fine or not its business', async () => {
    expect(await jobsOf(t.printed)).toMatchObject([{ status: 'printed', copy: 1 }]);
    expect(printer.jobs.filter((j) => j.text.includes(t.printed.number))).toHaveLength(1);
    // An agent resumes its own jobs when it reconnects (its ledger stops a second print).
    expect(await jobsOf(t.agentSent)).toMatchObject([{ status: 'sent', copy: 1 }]);
    // A kiosk without a printer shows its tickets on screen only.
    expect(await jobsOf(t.noPrinter)).toEqual([]);
    // Older than the window: nobody is at the kiosk for it any more.
    expect(await jobsOf(t.tooOld)).toEqual([]);
  });

  it('says so in the log with a print.failed event per recovered job, flagged as a hub restart', async () => {
    const events = (await allEvents(hub)).filter(
      (e) => e.type === 'print.failed' && !failedBeforeRestart.some((b) => b.seq === e.seq),
    );
    expect(events.map((e) => e.ticketId).sort()).toEqual(
      [t.notQueued, t.agentNotQueued, t.queued, t.sent].map((x) => x.id).sort(),
    );
    const failures = events.filter((e) => e.type === 'print.failed');
    for (const e of failures) {
      expect(e.actor).toEqual({ type: 'system', id: null });
      expect(e.data.reason).toBe(HUB_RESTART_REASON);
      expect(typeof e.data.jobId).toBe('string');
    }
    const numbers = new Map(failures.map((e) => [e.ticketId, e.data.number]));
    expect(numbers.get(t.sent.id)).toBe(t.sent.number);
  });

  it("lists them in the admin's print failures", async () => {
    const reply = await as(adminToken).get<{ failures: { number: string }[] }>(
      `/api/v1/halls/${hallId}/printing`,
    );
    expect(reply.body.failures.map((f) => f.number)).toEqual(
      expect.arrayContaining([t.notQueued.number, t.agentNotQueued.number, t.queued.number, t.sent.number]),
    );
  });

  it('lets the kiosk reprint a recovered ticket: same number, its first paper copy', async () => {
    const recorded = nextEvent(hub.deps.store, 'print.printed', (e) => e.ticketId === t.notQueued.id);
    const reply = await as(networkKiosk.token).post<{ job: { copy: number; printedCopy: number } }>(
      `/api/v1/halls/${hallId}/reprints`,
      {
        statusToken: t.notQueued.statusToken,
      },
    );
    expect(reply.status).toBe(202);
    expect(reply.body.job).toMatchObject({ copy: 2, printedCopy: 1 });
    const job = await printer.waitForJob((j) => j.text.includes(t.notQueued.number));
    // Copy 1 never came out: the paper the citizen gets now is not a 补打.
    expect(job.text).not.toContain('补打');
    expect((await recorded).data.copy).toBe(2);
  });

  it('does nothing more at the next start', async () => {
    const before = (await allEvents(hub)).filter((e) => e.type === 'print.failed').length;
    await hub.close();
    hub = await startTestHub({ dataDir });
    await hub.hub.realtime.printRecovered;
    expect((await allEvents(hub)).filter((e) => e.type === 'print.failed')).toHaveLength(before);
  });
});
