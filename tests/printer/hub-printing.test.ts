import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VirtualPrinter } from '../../ticket-printer/src/virtual-printer/virtual-printer.js';
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

/**
 * The hub prints a kiosk's tickets to its network printer: real hub, real
 * HTTP, the virtual printer on a local TCP port. A failed print leaves the
 * ticket issued, is listed for the admin, and a reprint prints the same number.
 */

let t: TestHub;
let admin: Api;
let printer: VirtualPrinter;
let hallId: string;
let serviceId: string;
let kiosk: Api;

beforeAll(async () => {
  printer = new VirtualPrinter({ port: 0 });
  const { port } = await printer.start();
  t = await startTestHub();
  admin = await setupAdmin(t);
  const hall = await createHall(admin, { name: '银川市民大厅' });
  hallId = hall.id;
  serviceId = (
    await createService(admin, hallId, { name: '𠮷䶮姓名变更登记', domain: '公安户籍', prefix: 'C' })
  ).id;
  const window = await createWindow(admin, hallId);
  await openWindow(admin, window.id);
  kiosk = (
    await createDevice(admin, hallId, {
      kind: 'kiosk',
      config: { printer: `tcp://127.0.0.1:${port}`, paper: 58 },
    })
  ).api;
});
afterAll(async () => {
  await t.close();
  await printer.stop();
});

describe('printing at a kiosk with a network printer', () => {
  it('prints the ticket a kiosk issues, with its number, Chinese text and QR', async () => {
    const printed = nextEvent(t.deps.store, 'print.printed');
    const ticket = await issue(kiosk, hallId, serviceId);
    const job = await printer.waitForJob((j) => j.text.includes(ticket.number));
    expect(job.text).toContain('𠮷䶮姓名变更登记');
    expect(job.text).toContain('银川市民大厅');
    expect(job.qr).toEqual([`${t.url}/t/${ticket.statusToken}`]);
    expect(job.chineseMode).toBe(true);
    await printed;
    const jobs = await kiosk.get<{ jobs: { status: string; copy: number }[] }>(
      `/api/v1/tickets/${ticket.statusToken}/print-jobs`,
    );
    expect(jobs.body.jobs).toMatchObject([{ status: 'printed', copy: 1 }]);
  });

  it('does not print tickets issued without a kiosk token', async () => {
    const ticket = await issue(new (kiosk.constructor as typeof Api)(t.url), hallId, serviceId);
    const jobs = await admin.get<{ jobs: unknown[] }>(`/api/v1/tickets/${ticket.statusToken}/print-jobs`);
    expect(jobs.body.jobs).toEqual([]);
  });

  it('keeps the ticket when paper is out, lists the failure, and reprints the same number as its first copy', async () => {
    printer.setState({ paperOut: true });
    const failed = nextEvent(t.deps.store, 'print.failed');
    const ticket = await issue(kiosk, hallId, serviceId);
    const event = await failed;
    expect(event.data.error).toMatch(/paper out/);

    const status = await kiosk.get<{ status: string }>(`/api/v1/tickets/status/${ticket.statusToken}`);
    expect(status.body.status).toBe('waiting');
    const overview = await admin.get<{
      failures: { number: string }[];
      printers: { state: { status: { paperOut: boolean } } }[];
    }>(`/api/v1/halls/${hallId}/printing`);
    expect(overview.body.failures.map((f) => f.number)).toContain(ticket.number);
    expect(overview.body.printers[0]?.state.status.paperOut).toBe(true);
    expect(printer.jobs.some((j) => j.text.includes(ticket.number))).toBe(false);

    printer.setState({ paperOut: false });
    const printedAgain = nextEvent(t.deps.store, 'print.printed', (e) => e.ticketId === event.ticketId);
    const reprinted = await kiosk.post<{ job: { copy: number; printedCopy: number }; joined: boolean }>(
      `/api/v1/halls/${hallId}/reprints`,
      { statusToken: ticket.statusToken },
    );
    expect(reprinted.status).toBe(202);
    expect(reprinted.body).toMatchObject({ joined: false, job: { copy: 2, printedCopy: 1 } });
    const job = await printer.waitForJob((j) => j.text.includes(ticket.number));
    // Nothing came out the first time: this is the citizen's only ticket, not a 补打 第2联.
    expect(job.text).not.toContain('补打');
    await printedAgain;
    // Printed now: the failure needs nobody's attention any more.
    const after = await admin.get<{ failures: { number: string }[] }>(`/api/v1/halls/${hallId}/printing`);
    expect(after.body.failures.map((f) => f.number)).not.toContain(ticket.number);

    // A second reprint, after one copy came out, is the real 补打 第2联.
    const second = await kiosk.post<{ job: { printedCopy: number } }>(`/api/v1/halls/${hallId}/reprints`, {
      statusToken: ticket.statusToken,
    });
    expect(second.body.job.printedCopy).toBe(2);
    const copy2 = await printer.waitForJob((j) => j.text.includes(ticket.number) && j.text.includes('补打'));
    expect(copy2.text).toContain('补打 第2联');
  });

  it('shows the same ticket as an image, from the same layout', async () => {
    const ticket = await issue(kiosk, hallId, serviceId);
    await printer.waitForJob((j) => j.text.includes(ticket.number));
    const svg = await kiosk.get(`/api/v1/tickets/${ticket.statusToken}/ticket.svg`);
    expect(svg.contentType).toContain('image/svg+xml');
    const words = String(svg.body).replace(/<[^>]+>/g, '');
    expect(words).toContain(ticket.number);
    expect(words).toContain('𠮷䶮姓名变更登记');
    // The kiosk's printer takes 58 mm paper: its image is 384 dots wide, like its tickets.
    expect(String(svg.body)).toContain('width="384px"');
    const publicSvg = await admin.get(`/api/v1/tickets/${ticket.statusToken}/ticket.svg`);
    expect(String(publicSvg.body)).toContain('width="576px"'); // the hall's layout: 80 mm by default
  });

  it('lets an admin change the ticket layout, validated', async () => {
    const bad = await admin.put(`/api/v1/halls/${hallId}/ticket-layout`, {
      paper: 57,
      logoText: '',
      notice: [],
    });
    expect(bad.status).toBe(400);
    const ok = await admin.put(`/api/v1/halls/${hallId}/ticket-layout`, {
      paper: 58,
      logoText: '宁夏政务服务',
      notice: ['请保管好号票'],
    });
    expect(ok.status).toBe(200);
    const ticket = await issue(kiosk, hallId, serviceId);
    const job = await printer.waitForJob((j) => j.text.includes(ticket.number));
    expect(job.text).toContain('宁夏政务服务');
    expect(job.text).toContain('请保管好号票');
  });

  it('refuses a reprint by a kiosk of another hall', async () => {
    const other = await createHall(admin);
    const otherKiosk = (await createDevice(admin, other.id, { kind: 'kiosk' })).api;
    const ticket = await issue(kiosk, hallId, serviceId);
    expect(
      (await otherKiosk.post(`/api/v1/halls/${hallId}/reprints`, { statusToken: ticket.statusToken })).status,
    ).toBe(403);
    // Its own hall's path does not find a ticket of another hall.
    expect(
      (await otherKiosk.post(`/api/v1/halls/${other.id}/reprints`, { statusToken: ticket.statusToken }))
        .status,
    ).toBe(404);
    await printer.waitForJob((j) => j.text.includes(ticket.number)); // its own first print, before the hub closes
  });
});
