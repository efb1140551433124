import { setTimeout as sleep } from 'node:timers/promises';
import { PrinterError, type PrinterPort } from './port.js';
import { canPrint, describeStatus, type PrinterStatus } from './escpos/status.js';

/**
 * Prints one job: connect (retrying a printer that is rebooting or briefly
 * off the network), ask the status, write, ask again. Retries stop as soon as
 * the first byte of the job was written, so a job is never printed twice by
 * this function; a failure after that point is reported and left to a
 * person's reprint. A job whose bytes were all written fails only on an
 * error: the printer saying so (paper out, cover open after the job) or the
 * connection cut; a late or missing status answer after the job does not.
 */

export interface PrintOptions {
  /** Connection attempts before giving up (default 3). */
  attempts?: number;
  retryDelayMs?: number;
  /**
   * How long to wait for the status answer after the job (default
   * AFTER_JOB_STATUS_MS). A printer answers DLE EOT only once it has worked
   * through the bytes before it, so a slow printer answers late.
   */
  afterStatusMs?: number;
}

/**
 * A long ticket on a slow printer (50 mm/s, a QR code and a logo image) takes
 * several seconds before the status answer comes back; 15 s covers that with
 * room to spare, and only delays the report, never the paper.
 */
export const AFTER_JOB_STATUS_MS = 15_000;

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
    let after: PrinterStatus | null;
    try {
      after = await port.status(opts.afterStatusMs ?? AFTER_JOB_STATUS_MS);
    } catch (err) {
      // Every byte went out without an error: the ticket is on paper as far as anyone
      // can tell. A late or missing answer is no reason to print it a second time.
      // A connection cut after the job is an error (a printer switched off mid-ticket).
      if (!(err instanceof PrinterError && err.timeout)) throw err;
      after = null;
    }
    // Paper ran out or the cover opened during the job: the ticket is likely cut short.
    if (after && (after.paperOut || after.coverOpen)) {
      throw new PrinterError('not_ready', `${port.address}: ${describeStatus(after)} during the job`, after);
    }
    return { before, after };
  } finally {
    await port.close().catch(() => undefined);
  }
}
