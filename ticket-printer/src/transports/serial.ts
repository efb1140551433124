import { execFile } from 'node:child_process';
import { open, type FileHandle } from 'node:fs/promises';
import { promisify } from 'node:util';
import { PrinterError, type PrinterPort } from '../port.js';
import {
  STATUS_REQUESTS,
  isStatusByte,
  parseStatus,
  statusRequest,
  type PrinterStatus,
} from '../escpos/status.js';

const run = promisify(execFile);

/**
 * A serial printer (`/dev/ttyS0`, `/dev/ttyUSB0`) without a native module:
 * the line is set up with `stty` (speed, raw, no echo, and reads that give up
 * after half a second), then the device file is read and written directly.
 * Printers on a full cable answer DLE EOT; on a TX-only cable `status()`
 * times out, so set `status: false` for those.
 */

export interface SerialOptions {
  path: string;
  baudRate?: number;
  /** Read answers to DLE EOT (default true). */
  status?: boolean;
  /** Skip `stty` (tests on a FIFO, or a line configured elsewhere). */
  configure?: boolean;
  writeTimeoutMs?: number;
}

export class SerialPrinterPort implements PrinterPort {
  readonly address: string;
  private handle: FileHandle | null = null;
  private busy = false;

  constructor(private readonly opts: SerialOptions) {
    this.address = `serial:${opts.path}?baud=${opts.baudRate ?? 9600}`;
  }

  async open(): Promise<void> {
    if (this.handle) return;
    try {
      if (this.opts.configure !== false) {
        // min 0 time 5: a read returns after 0.5 s with nothing rather than blocking forever.
        await run('stty', [
          '-F',
          this.opts.path,
          String(this.opts.baudRate ?? 9600),
          'raw',
          '-echo',
          'min',
          '0',
          'time',
          '5',
        ]);
      }
      this.handle = await open(this.opts.path, this.opts.status === false ? 'a' : 'r+');
    } catch (err) {
      throw new PrinterError('disconnected', `${this.address}: ${(err as Error).message}`);
    }
  }

  async write(bytes: Uint8Array): Promise<void> {
    const handle = this.handle;
    if (!handle) throw new PrinterError('disconnected', `${this.address}: not open`);
    if (this.busy) throw new PrinterError('busy', `${this.address}: a write is already in flight`);
    this.busy = true;
    const ms = this.opts.writeTimeoutMs ?? 15_000;
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        handle.write(bytes),
        new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new PrinterError('timeout', `${this.address}: write blocked for ${ms} ms`)),
            ms,
          );
        }),
      ]);
    } catch (err) {
      if (err instanceof PrinterError) throw err;
      this.handle = null;
      await handle.close().catch(() => undefined);
      throw new PrinterError('disconnected', `${this.address}: ${(err as Error).message}`);
    } finally {
      clearTimeout(timer);
      this.busy = false;
    }
  }

  async status(): Promise<PrinterStatus | null> {
    if (this.opts.status === false) return null;
    const replies: number[] = [];
    for (const n of STATUS_REQUESTS) {
      await this.write(statusRequest(n));
      replies.push(await this.readStatusByte());
    }
    return parseStatus(replies);
  }

  async close(): Promise<void> {
    const handle = this.handle;
    this.handle = null;
    await handle?.close();
  }

  private async readStatusByte(): Promise<number> {
    const handle = this.handle;
    if (!handle) throw new PrinterError('disconnected', `${this.address}: not open`);
    const buf = Buffer.alloc(1);
    // Each read gives up after VTIME (0.5 s); four empty reads make a timeout.
    for (let i = 0; i < 4; i++) {
      const { bytesRead } = await handle.read(buf, 0, 1, null);
      if (bytesRead === 1 && isStatusByte(buf[0]!)) return buf[0]!;
    }
    throw new PrinterError('timeout', `${this.address}: no status answer`);
  }
}
