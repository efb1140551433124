import { execFileSync } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  DeviceFilePrinterPort,
  decodeEscPos,
  foldJob,
  jobText,
  openPrinterPort,
  printBytes,
  renderEscPos,
} from '../../ticket-printer/src/index.js';
import { FIXED_TICKET } from './fixtures.js';

/**
 * The USB line-printer transport writes to a device file; here a temp file
 * and a FIFO (a reader on the other end, like the kernel driver) stand in for
 * /dev/usb/lp0.
 */

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'printer-file-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const ticket = renderEscPos(FIXED_TICKET, 58);

function readFifo(file: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    createReadStream(file)
      .on('data', (c) => chunks.push(c as Buffer))
      .on('end', () => resolve(Buffer.concat(chunks)))
      .on('error', reject);
  });
}

describe('USB line-printer device file', () => {
  it('writes the job to the file, status unknown', async () => {
    const file = path.join(dir, 'lp0');
    const outcome = await printBytes(new DeviceFilePrinterPort(file), ticket);
    expect(outcome).toEqual({ before: null, after: null });
    const printed = foldJob(decodeEscPos(await readFile(file)));
    expect(jobText(printed)).toContain('𠮷䶮姓名变更登记');
  });

  it('writes through a FIFO to a reader, as to the kernel driver', async () => {
    const fifo = path.join(dir, 'lp-fifo');
    execFileSync('mkfifo', [fifo]);
    const reading = readFifo(fifo);
    await printBytes(openPrinterPort(fifo), ticket);
    expect(Buffer.compare(await reading, Buffer.from(ticket))).toBe(0);
  });

  it('reports a missing device as disconnected', async () => {
    const err = await printBytes(new DeviceFilePrinterPort(path.join(dir, 'no-such', 'lp0')), ticket, {
      attempts: 1,
    }).catch((e: unknown) => e);
    expect(err).toMatchObject({ disconnected: true });
  });
});

describe('printer addresses', () => {
  it('parses serial and tcp addresses', () => {
    expect(openPrinterPort('serial:/dev/ttyUSB0?baud=19200').address).toBe('serial:/dev/ttyUSB0?baud=19200');
    expect(openPrinterPort('tcp://10.0.0.5').address).toBe('tcp://10.0.0.5:9100');
    expect(() => openPrinterPort('lpt1')).toThrow(/Unknown printer address/);
  });
});
