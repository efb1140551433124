import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { READY, statusReply } from '../../ticket-printer/src/index.js';
import { startTestHub, type TestHub } from '../helpers/hub.js';
import {
  createDevice,
  createHall,
  createService,
  createWindow,
  issue,
  openWindow,
  setupAdmin,
  type Api,
} from '../helpers/api-fixtures.js';
import { nextEvent } from './log-wait.js';
import { ANSWER_READY, FakePrinter, gate } from './fake-printers.js';

/**
 * Network printers that are slow, mute or not printers at all, printed to by
 * a real hub over real TCP: a ticket comes out once and is recorded as it
 * really went; a device that is not a printer says so.
 */

interface JobView {
  id: string;
  copy: number;
  printedCopy: number;
  status: string;
  error: string | null;
}

async function hallWithKiosk(t: TestHub, printerAddress: string) {
  const admin = await setupAdmin(t);
  const hall = await createHall(admin, { name: '兴庆区政务服务中心' });
  const service = await createService(admin, hall.id, {
    name: '社会保障卡申领',
    domain: '社保',
    prefix: 'A',
  });
  const window = await createWindow(admin, hall.id);
  await openWindow(admin, window.id);
  const kiosk = (await createDevice(admin, hall.id, { kind: 'kiosk', config: { printer: printerAddress } }))
    .api;
  return { admin, hallId: hall.id, serviceId: service.id, kiosk };
}

const jobsOf = async (api: Api, statusToken: string) =>
  (await api.get<{ jobs: JobView[] }>(`/api/v1/tickets/${statusToken}/print-jobs`)).body.jobs;

describe('a slow printer on the default status wait', () => {
  let t: TestHub;
  let printer: FakePrinter;
  let ctx: Awaited<ReturnType<typeof hallWithKiosk>>;

  beforeAll(async () => {
    printer = new FakePrinter();
    const port = await printer.start();
    t = await startTestHub();
    ctx = await hallWithKiosk(t, `tcp://127.0.0.1:${port}`);
  });
  afterEach(() => {
    printer.answer = ANSWER_READY;
  });
  afterAll(async () => {
    await t.close();
    await printer.stop();
  });

  it('records a ticket printed when the status answer after the job comes 2.5 s late', async () => {
    printer.answer = async (q) => {
      // The printer answers once it has worked through the ticket: the first answer is the late one.
      if (q.afterJob && q.n === 1) await new Promise((r) => setTimeout(r, 2500));
      return statusReply(q.n, READY);
    };
    const ticket = await issue(ctx.kiosk, ctx.hallId, ctx.serviceId);
    const done = await Promise.race([
      nextEvent(t.deps.store, 'print.printed', (e) => e.ticketId !== null),
      nextEvent(t.deps.store, 'print.failed'),
    ]);
    expect(done.type).toBe('print.printed');
    expect((await jobsOf(ctx.kiosk, ticket.statusToken)).map((j) => j.status)).toEqual(['printed']);
    expect(printer.jobs.filter((j) => j.text.includes(ticket.number))).toHaveLength(1);
  });

  it('joins a reprint to the job still printing instead of printing a second copy', async () => {
    const release = gate();
    printer.answer = async (q) => {
      if (q.afterJob) await release.wait;
      return statusReply(q.n, READY);
    };
    const ticket = await issue(ctx.kiosk, ctx.hallId, ctx.serviceId);
    await printer.waitForJob((j) => j.text.includes(ticket.number));
    const [first] = await jobsOf(ctx.kiosk, ticket.statusToken);
    expect(first?.status).toBe('sent');

    const again = await ctx.kiosk.post<{ job: JobView; joined: boolean }>(
      `/api/v1/halls/${ctx.hallId}/reprints`,
      { statusToken: ticket.statusToken },
    );
    expect(again.status).toBe(202);
    expect(again.body.joined).toBe(true);
    expect(again.body.job.id).toBe(first?.id);

    const finished = nextEvent(t.deps.store, 'print.printed', (e) => e.data.jobId === first?.id);
    release.open();
    await finished;
    const jobs = await jobsOf(ctx.kiosk, ticket.statusToken);
    expect(jobs.map((j) => j.status)).toEqual(['printed']);
    expect(printer.jobs.filter((j) => j.text.includes(ticket.number))).toHaveLength(1);
  });
});

describe('a printer that goes quiet after the job', () => {
  let t: TestHub;
  let printer: FakePrinter;
  let ctx: Awaited<ReturnType<typeof hallWithKiosk>>;

  beforeAll(async () => {
    printer = new FakePrinter();
    printer.answer = (q) => (q.afterJob ? null : statusReply(q.n, READY));
    const port = await printer.start();
    t = await startTestHub({ options: { printerStatusWaitMs: 1000 } });
    ctx = await hallWithKiosk(t, `tcp://127.0.0.1:${port}`);
  });
  afterAll(async () => {
    await t.close();
    await printer.stop();
  });

  it('never calls a job failed whose bytes all went out without an error', async () => {
    const printed = nextEvent(t.deps.store, 'print.printed');
    const ticket = await issue(ctx.kiosk, ctx.hallId, ctx.serviceId);
    await printed;
    expect((await jobsOf(ctx.kiosk, ticket.statusToken)).map((j) => j.status)).toEqual(['printed']);
  });
});

describe('a printer without status support (tcp://…?status=0)', () => {
  let t: TestHub;
  let printer: FakePrinter;
  let ctx: Awaited<ReturnType<typeof hallWithKiosk>>;

  beforeAll(async () => {
    printer = new FakePrinter();
    printer.answer = () => null; // never answers DLE EOT
    const port = await printer.start();
    t = await startTestHub();
    ctx = await hallWithKiosk(t, `tcp://127.0.0.1:${port}?status=0`);
  });
  afterAll(async () => {
    await t.close();
    await printer.stop();
  });

  it('prints without asking for status', async () => {
    const printed = nextEvent(t.deps.store, 'print.printed');
    const ticket = await issue(ctx.kiosk, ctx.hallId, ctx.serviceId);
    await printed;
    const job = await printer.waitForJob((j) => j.text.includes(ticket.number));
    expect(job.bytes.includes(Buffer.from([0x10, 0x04]))).toBe(false);
    expect(job.text).toContain('社会保障卡申领');
  });

  it('refuses a printer address with an option it would not honour', async () => {
    for (const printerAddress of ['tcp://127.0.0.1:9100?status=2', 'tcp://127.0.0.1:9100?statsu=0', 'lpt1']) {
      const reply = await ctx.admin.post<{ error: { code: string; message: string } }>(
        `/api/v1/halls/${ctx.hallId}/devices`,
        { kind: 'kiosk', name: '错地址取号机', config: { printer: printerAddress } },
      );
      expect(reply.status, printerAddress).toBe(400);
      expect(JSON.stringify(reply.body)).toContain('tcp://host:9100');
    }
  });
});

describe('a device on port 9100 that is not a printer', () => {
  let t: TestHub;
  let device: FakePrinter;
  let ctx: Awaited<ReturnType<typeof hallWithKiosk>>;

  beforeAll(async () => {
    device = new FakePrinter();
    // An HTTP server's answer: 'R', 'r' and 'v' happen to look like status bytes with error bits.
    device.banner = 'HTTP/1.1 400 Bad Request\r\nServer: router\r\n\r\n';
    const port = await device.start();
    t = await startTestHub();
    ctx = await hallWithKiosk(t, `tcp://127.0.0.1:${port}`);
  });
  afterAll(async () => {
    await t.close();
    await device.stop();
  });

  it('is reported as not a printer, not as paper out', async () => {
    const failed = nextEvent(t.deps.store, 'print.failed');
    const reported = nextEvent(t.deps.store, 'device.status');
    const ticket = await issue(ctx.kiosk, ctx.hallId, ctx.serviceId);
    const event = await failed;
    expect(String(event.data.error)).toMatch(/not a printer/);
    expect(String(event.data.error)).not.toMatch(/paper/);
    await reported;
    const overview = await ctx.admin.get<{
      printers: { state: { status: unknown; code: string | null; reachable: boolean } | null }[];
      failures: { number: string }[];
    }>(`/api/v1/halls/${ctx.hallId}/printing`);
    expect(overview.body.printers[0]?.state).toMatchObject({ status: null, code: 'not_a_printer' });
    expect(overview.body.failures.map((f) => f.number)).toContain(ticket.number);
  });
});
