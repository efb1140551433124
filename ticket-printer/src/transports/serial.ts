import { SerialPort } from 'serialport';
import { PrinterError, type PrinterPort } from '../port.js';
import {
  STATUS_REQUESTS,
  isStatusByte,
  parseStatus,
  statusRequest,
  type PrinterStatus,
} from '../escpos/status.js';

/**
 * A serial printer (`/dev/ttyS0`, `/dev/ttyUSB0`, `COM3`) through the
 * `serialport` package, whose native binding ships prebuilt for Linux,
 * Windows and macOS (no compiler on the kiosk PC). The binding is injected:
 * tests pass `SerialPortMock` and script the printer's answers.
 * Printers on a full cable answer DLE EOT; on a TX-only cable set
 * `status: false` (address `serial:/dev/ttyS0?status=0`).
 */

/** What we use of a serialport stream; SerialPort and SerialPortMock both have it. */
export interface SerialStream {
  readonly isOpen: boolean;
  open(cb: (err: Error | null) => void): void;
  write(data: Buffer, cb: (err: Error | null | undefined) => void): boolean;
  drain(cb: (err: Error | null) => void): void;
  close(cb: (err: Error | null) => void): void;
  on(event: 'data', listener: (chunk: Buffer) => void): this;
  on(event: 'error' | 'close', listener: (...args: unknown[]) => void): this;
}
export type SerialFactory = (options: { path: string; baudRate: number; autoOpen: false }) => SerialStream;

export interface SerialOptions {
  path: string;
  baudRate?: number;
  /** Read answers to DLE EOT (default true). */
  status?: boolean;
  /** The real port by default; tests give a SerialPortMock. */
  open?: SerialFactory;
  writeTimeoutMs?: number;
  statusTimeoutMs?: number;
}

const realPort: SerialFactory = (o) => new SerialPort(o);

export class SerialPrinterPort implements PrinterPort {
  readonly address: string;
  /** The open stream, for tests that script the device. */
  serial: SerialStream | null = null;
  private received: number[] = [];
  private waiter: (() => void) | null = null;
  private busy = false;

  constructor(private readonly opts: SerialOptions) {
    this.address = `serial:${opts.path}?baud=${opts.baudRate ?? 9600}`;
  }

  async open(): Promise<void> {
    if (this.serial?.isOpen) return;
    const serial = (this.opts.open ?? realPort)({
      path: this.opts.path,
      baudRate: this.opts.baudRate ?? 9600,
      autoOpen: false,
    });
    await new Promise<void>((resolve, reject) =>
      serial.open((err) =>
        err ? reject(new PrinterError('disconnected', `${this.address}: ${err.message}`)) : resolve(),
      ),
    );
    this.received = [];
    serial.on('data', (chunk: Buffer) => {
      this.received.push(...chunk);
      this.waiter?.();
    });
    serial.on('error', () => undefined); // 'close' follows
    serial.on('close', () => {
      this.serial = null;
      this.waiter?.();
    });
    this.serial = serial;
  }

  async write(bytes: Uint8Array): Promise<void> {
    const serial = this.serial;
    if (!serial) throw new PrinterError('disconnected', `${this.address}: not open`);
    if (this.busy) throw new PrinterError('busy', `${this.address}: a write is already in flight`);
    this.busy = true;
    const ms = this.opts.writeTimeoutMs ?? 15_000;
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      await new Promise<void>((resolve, reject) => {
        // A printer that is off holds the line (CTS low): drain never completes.
        timer = setTimeout(
          () => reject(new PrinterError('timeout', `${this.address}: write not drained in ${ms} ms`)),
          ms,
        );
        serial.write(Buffer.from(bytes), (err) => {
          if (err) return reject(new PrinterError('disconnected', `${this.address}: ${err.message}`));
          serial.drain((e) =>
            e ? reject(new PrinterError('disconnected', `${this.address}: ${e.message}`)) : resolve(),
          );
        });
      });
    } finally {
      clearTimeout(timer);
      this.busy = false;
    }
  }

  async status(timeoutMs?: number): Promise<PrinterStatus | null> {
    if (this.opts.status === false) return null;
    const replies: number[] = [];
    for (const n of STATUS_REQUESTS) {
      await this.write(statusRequest(n));
      replies.push(await this.nextStatusByte(timeoutMs));
    }
    return parseStatus(replies);
  }

  async close(): Promise<void> {
    const serial = this.serial;
    this.serial = null;
    if (serial?.isOpen) await new Promise<void>((resolve) => serial.close(() => resolve()));
  }

  private async nextStatusByte(timeoutMs?: number): Promise<number> {
    const deadline = Date.now() + (timeoutMs ?? this.opts.statusTimeoutMs ?? 2000);
    for (;;) {
      while (this.received.length > 0) {
        const b = this.received.shift()!;
        if (isStatusByte(b)) return b;
      }
      if (!this.serial) throw new PrinterError('disconnected', `${this.address}: closed`);
      const left = deadline - Date.now();
      if (left <= 0) throw new PrinterError('timeout', `${this.address}: no status answer`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiter = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.waiter = null;
    }
  }
}
