import { open, type FileHandle } from 'node:fs/promises';
import { PrinterError, type PrinterPort } from '../port.js';

/**
 * A USB line-printer device file (`/dev/usb/lp0`, the kernel's usblp
 * driver). The kernel takes the bytes; answers to DLE EOT are not readable
 * through this file in a portable way, so `status()` is null and callers
 * print blind. Writing to a plain file or a FIFO behaves the same, which is
 * how the tests check it.
 */
export class DeviceFilePrinterPort implements PrinterPort {
  private handle: FileHandle | null = null;
  private busy = false;

  constructor(
    readonly address: string,
    private readonly opts: { writeTimeoutMs?: number } = {},
  ) {}

  async open(): Promise<void> {
    if (this.handle) return;
    try {
      // 'a': never truncate; on a device node it is a plain write.
      this.handle = await open(this.address, 'a');
    } catch (err) {
      throw new PrinterError('disconnected', `${this.address}: ${(err as Error).message}`);
    }
  }

  async write(bytes: Uint8Array): Promise<void> {
    const handle = this.handle;
    if (!handle) throw new PrinterError('disconnected', `${this.address}: not open`);
    if (this.busy) throw new PrinterError('busy', `${this.address}: a write is already in flight`);
    this.busy = true;
    const ms = this.opts.writeTimeoutMs ?? 10_000;
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        handle.write(bytes),
        new Promise<never>((_, reject) => {
          // A printer that is off or jammed blocks the write in the kernel.
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

  async status(): Promise<null> {
    return null;
  }

  async close(): Promise<void> {
    const handle = this.handle;
    this.handle = null;
    await handle?.close();
  }
}
