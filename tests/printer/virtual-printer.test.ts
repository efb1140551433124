import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TcpPrinterPort, printBytes, renderEscPos } from '../../ticket-printer/src/index.js';
import { VirtualPrinter } from '../../ticket-printer/src/virtual-printer/virtual-printer.js';
import { startVirtualPrinterWeb } from '../../ticket-printer/src/virtual-printer/web.js';
import { FIXED_TICKET } from './fixtures.js';

/** The virtual printer's page: each job as text and as a picture, and the paper-out switch. */

let printer: VirtualPrinter;
let web: Awaited<ReturnType<typeof startVirtualPrinterWeb>>;
let port: TcpPrinterPort;

beforeAll(async () => {
  printer = new VirtualPrinter({ port: 0 });
  port = new TcpPrinterPort({ host: '127.0.0.1', port: (await printer.start()).port });
  web = await startVirtualPrinterWeb(printer, 0);
});
afterAll(async () => {
  await printer.stop();
  await new Promise((r) => web.server.close(r));
});

describe('virtual printer page', () => {
  it('lists a printed job as text and shows it as SVG', async () => {
    await printBytes(port, renderEscPos(FIXED_TICKET, 80));
    const job = await printer.waitForJob();
    const list = (await (await fetch(`${web.url}jobs.json`)).json()) as {
      id: number;
      text: string;
      qr: string[];
    }[];
    expect(list).toMatchObject([{ id: job.id, qr: [FIXED_TICKET.qrUrl] }]);
    expect(list[0]!.text).toContain('𠮷䶮姓名变更登记');
    expect(await (await fetch(`${web.url}jobs/${job.id}.txt`)).text()).toContain('A023');
    const svg = await fetch(`${web.url}jobs/${job.id}.svg`);
    expect(svg.headers.get('content-type')).toContain('image/svg+xml');
    const body = await svg.text();
    expect(body).toContain('银川市民大厅');
    expect(body).toContain('<path d="M'); // the QR drawn from its payload
    expect(await (await fetch(`${web.url}`)).text()).toContain(`data-job="${job.id}"`);
  });

  it('reports paper out when switched, and prints again when switched back', async () => {
    await fetch(`${web.url}state?paperOut=1`, { method: 'POST', redirect: 'manual' });
    await expect(printBytes(port, renderEscPos(FIXED_TICKET, 58))).rejects.toMatchObject({
      reason: 'not_ready',
    });
    await fetch(`${web.url}state?paperOut=0`, { method: 'POST', redirect: 'manual' });
    await printBytes(port, renderEscPos(FIXED_TICKET, 58));
    expect(printer.jobs).toHaveLength(2);
  });

  it("refuses a state change another site's page makes the browser send", async () => {
    const attempts: Record<string, string>[] = [
      { origin: 'http://evil.example' },
      { 'sec-fetch-site': 'cross-site' },
      { origin: 'null' },
    ];
    for (const headers of attempts) {
      const reply = await fetch(`${web.url}state?paperOut=1`, {
        method: 'POST',
        redirect: 'manual',
        headers,
      });
      expect(reply.status).toBe(403);
      expect(printer.state.paperOut).toBe(false);
    }
    // Its own page's form is accepted.
    const own = await fetch(`${web.url}state?paperNearEnd=1`, {
      method: 'POST',
      redirect: 'manual',
      headers: { origin: new URL(web.url).origin },
    });
    expect(own.status).toBe(303);
    expect(printer.state.paperNearEnd).toBe(true);
    await fetch(`${web.url}state?paperNearEnd=0`, { method: 'POST', redirect: 'manual' });
  });

  it('serves its page on loopback only', async () => {
    await expect(startVirtualPrinterWeb(printer, 0, '0.0.0.0')).rejects.toThrow(/loopback only/);
  });

  it('answers 404 for an unknown job', async () => {
    expect((await fetch(`${web.url}jobs/999.svg`)).status).toBe(404);
  });
});
