import { setTimeout as sleep } from 'node:timers/promises';
import { PrinterError, type PrinterPort } from './port.js';
import { canPrint, describeStatus, type PrinterStatus } from './escpos/status.js';

/**
 * Prints one job: connect (retrying a printer that is rebooting or briefly
 * off the network), ask the status, write, ask again. Retries stop as soon as
 * the first byte of the job was written, so a job is never printed twice by
 * this function; a failure after that point is reported and left to a
 * person's reprint.
 */

export interface PrintOptions {
  /** Connection attempts before giving up (default 3). */
  attempts?: number;
  retryDelayMs?: number;
}

export interface PrintOutcome {
  before: PrinterStatus | null;
  after: PrinterStatus | null;
}

async function connect(port: PrinterPort, opts: PrintOptions): Promise<PrinterStatus | null> {
  const attempts = opts.attempts ?? 3;
  for (let i = 1; ; i++) {
    try {
      await port.open();
      return await port.status();
    } catch (err) {
      await port.close().catch(() => undefined);
      const retriable = err instanceof PrinterError && (err.disconnected || err.timeout);
      if (!retriable || i >= attempts) throw err;
      await sleep((opts.retryDelayMs ?? 300) * i);
    }
  }
}

export async function printBytes(
  port: PrinterPort,
  bytes: Uint8Array,
  opts: PrintOptions = {},
): Promise<PrintOutcome> {
  try {
    const before = await connect(port, opts);
    if (before && !canPrint(before)) {
      throw new PrinterError('not_ready', `${port.address}: ${describeStatus(before)}`, before);
    }
    await port.write(bytes);
    const after = await port.status();
    // Paper ran out or the cover opened during the job: the ticket is likely cut short.
    if (after && (after.paperOut || after.coverOpen)) {
      throw new PrinterError('not_ready', `${port.address}: ${describeStatus(after)} during the job`, after);
    }
    return { before, after };
  } finally {
    await port.close().catch(() => undefined);
  }
}
