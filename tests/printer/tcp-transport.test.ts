import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  PrinterError,
  TcpPrinterPort,
  decodeEscPos,
  foldJob,
  printBytes,
  renderEscPos,
  statusReply,
  READY,
} from '../../ticket-printer/src/index.js';
import { VirtualPrinter } from '../../ticket-printer/src/virtual-printer/virtual-printer.js';
import { FIXED_TICKET } from './fixtures.js';

/** The TCP transport against local TCP servers: the virtual printer, and one that dies mid-job. */

const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (stops.length) await stops.pop()!();
});

async function virtualPrinter(): Promise<{ printer: VirtualPrinter; port: TcpPrinterPort }> {
  const printer = new VirtualPrinter({ port: 0 });
  const { port } = await printer.start();
  stops.push(() => printer.stop());
  return { printer, port: new TcpPrinterPort({ host: '127.0.0.1', port, statusTimeoutMs: 2000 }) };
}

const ticket = renderEscPos(FIXED_TICKET, 80);

describe('TCP printer port', () => {
  it('prints a ticket and reads the status before and after', async () => {
    const { printer, port } = await virtualPrinter();
    const outcome = await printBytes(port, ticket);
    expect(outcome.before).toEqual(READY);
    expect(outcome.after).toEqual(READY);
    const job = await printer.waitForJob();
    expect(job.text).toContain('A023');
    expect(job.qr).toEqual([FIXED_TICKET.qrUrl]);
    expect(printer.jobs).toHaveLength(1);
  });

  it('refuses to print when the printer reports paper out, and prints nothing', async () => {
    const { printer, port } = await virtualPrinter();
    printer.setState({ paperOut: true });
    const err = await printBytes(port, ticket).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PrinterError);
    expect((err as PrinterError).reason).toBe('not_ready');
    expect((err as PrinterError).printerStatus).toMatchObject({ paperOut: true });
    expect(printer.jobs).toHaveLength(0);
  });

  it('prints the same ticket again as a reprint once paper is loaded', async () => {
    const { printer, port } = await virtualPrinter();
    printer.setState({ paperOut: true });
    await expect(printBytes(port, ticket)).rejects.toBeInstanceOf(PrinterError);
    printer.setState({ paperOut: false });
    const reprint = renderEscPos({ ...FIXED_TICKET, copy: 2 }, 80);
    await printBytes(port, reprint);
    const job = await printer.waitForJob();
    expect(job.text).toContain('A023');
    expect(job.text).toContain('补打 第2联');
  });

  it('fails with disconnected when nothing listens, after retrying', async () => {
    const server = createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const free = (server.address() as AddressInfo).port;
    await new Promise<void>((r) => server.close(() => r()));
    const port = new TcpPrinterPort({ host: '127.0.0.1', port: free });
    const err = await printBytes(port, ticket, { attempts: 2, retryDelayMs: 10 }).catch((e: unknown) => e);
    expect(err).toMatchObject({ disconnected: true });
  });

  it('fails, without retrying, when the printer vanishes in the middle of the job', async () => {
    const received: number[] = [];
    const connections: Socket[] = [];
    const server: Server = createServer((socket) => {
      connections.push(socket);
      socket.on('data', (chunk) => {
        for (let i = 0; i < chunk.length; i++) {
          // Answer status requests like a printer, until the job starts arriving.
          if (chunk[i] === 0x10 && chunk[i + 1] === 0x04 && received.length < 40) {
            socket.write(Uint8Array.of(statusReply(chunk[i + 2]!, READY)));
            i += 2;
          } else received.push(chunk[i]!);
        }
        if (received.length > 100) socket.destroy(); // switched off mid-job
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    stops.push(() => new Promise((r) => server.close(() => r())));
    const port = new TcpPrinterPort({
      host: '127.0.0.1',
      port: (server.address() as AddressInfo).port,
      statusTimeoutMs: 500,
    });
    const err = await printBytes(port, ticket, { attempts: 3 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PrinterError);
    expect((err as PrinterError).disconnected || (err as PrinterError).timeout).toBe(true);
    // One connection only: a job that started is never sent a second time.
    expect(connections).toHaveLength(1);
  });

  it('refuses overlapping writes, as a real printer would garble them', async () => {
    const { port } = await virtualPrinter();
    await port.open();
    const first = port.write(ticket);
    await expect(port.write(ticket)).rejects.toMatchObject({ reason: 'busy' });
    await first;
    await port.close();
  });

  it('decodes what the virtual printer received byte for byte', async () => {
    const { printer, port } = await virtualPrinter();
    await printBytes(port, ticket);
    const job = await printer.waitForJob();
    expect(foldJob(decodeEscPos(job.bytes)).qr).toEqual([FIXED_TICKET.qrUrl]);
  });
});
