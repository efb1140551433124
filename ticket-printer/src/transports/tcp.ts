import { Socket } from 'node:net';
import { PrinterError, type PrinterPort } from '../port.js';
import {
  STATUS_REQUESTS,
  isStatusByte,
  parseStatus,
  statusRequest,
  type PrinterStatus,
} from '../escpos/status.js';

/**
 * Raw TCP, the usual network thermal printer (port 9100, "JetDirect"). The
 * printer answers DLE EOT on the same socket. One socket per port object;
 * after a disconnect, `open()` connects again (the print loop retries).
 */

export interface TcpOptions {
  host: string;
  port?: number;
  connectTimeoutMs?: number;
  /** How long a write may wait for the socket to drain. */
  writeTimeoutMs?: number;
  /** How long to wait for each status byte. */
  statusTimeoutMs?: number;
  /**
   * false: the printer does not answer DLE EOT (address `tcp://…?status=0`);
   * `status()` is null and jobs print blind.
   */
  status?: boolean;
}

export class TcpPrinterPort implements PrinterPort {
  readonly address: string;
  private socket: Socket | null = null;
  private received: number[] = [];
  private waiter: (() => void) | null = null;
  private busy = false;
  private closedError: PrinterError | null = null;

  constructor(private readonly opts: TcpOptions) {
    this.address = `tcp://${opts.host}:${opts.port ?? 9100}`;
  }

  async open(): Promise<void> {
    if (this.socket && !this.socket.destroyed) return;
    this.received = [];
    this.closedError = null;
    const socket = new Socket();
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        socket.destroy();
        reject(
          new PrinterError('timeout', `${this.address}: no connection within ${this.timeout('connect')} ms`),
        );
      }, this.timeout('connect'));
      socket.once('error', (err) => {
        clearTimeout(timer);
        reject(new PrinterError('disconnected', `${this.address}: ${err.message}`));
      });
      socket.connect(this.opts.port ?? 9100, this.opts.host, () => {
        clearTimeout(timer);
        resolve();
      });
    });
    socket.removeAllListeners('error');
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => {
      this.received.push(...chunk);
      this.waiter?.();
    });
    socket.on('error', () => undefined); // 'close' follows and says it all
    socket.on('close', () => {
      this.closedError ??= new PrinterError(
        'disconnected',
        `${this.address}: the printer closed the connection`,
      );
      this.socket = null;
      this.waiter?.();
    });
    this.socket = socket;
  }

  async write(bytes: Uint8Array): Promise<void> {
    const socket = this.requireOpen();
    if (this.busy) throw new PrinterError('busy', `${this.address}: a write is already in flight`);
    this.busy = true;
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          socket.destroy();
          reject(
            new PrinterError(
              'timeout',
              `${this.address}: write not accepted within ${this.timeout('write')} ms`,
            ),
          );
        }, this.timeout('write'));
        const onClose = () => {
          clearTimeout(timer);
          reject(this.closedError ?? new PrinterError('disconnected', `${this.address}: connection lost`));
        };
        socket.once('close', onClose);
        socket.write(bytes, (err) => {
          clearTimeout(timer);
          socket.off('close', onClose);
          if (err) reject(new PrinterError('disconnected', `${this.address}: ${err.message}`));
          else resolve();
        });
      });
    } finally {
      this.busy = false;
    }
  }

  async status(timeoutMs?: number): Promise<PrinterStatus | null> {
    if (this.opts.status === false) return null;
    const replies: number[] = [];
    for (const n of STATUS_REQUESTS) {
      await this.write(statusRequest(n));
      replies.push(await this.nextStatusByte(timeoutMs ?? this.timeout('status')));
    }
    return parseStatus(replies);
  }

  async close(): Promise<void> {
    const socket = this.socket;
    if (!socket) return;
    this.closedError = new PrinterError('canceled', `${this.address}: closed`);
    await new Promise<void>((resolve) => {
      socket.once('close', () => resolve());
      socket.end();
      setTimeout(() => socket.destroy(), 1000).unref();
    });
  }

  private async nextStatusByte(timeoutMs: number): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      // The hub never turns automatic status back on, so a printer sends nothing but
      // status bytes here. Anything else (an echo, an HTTP or telnet banner) is another
      // kind of device on port 9100; reading its text as status bits would report
      // "paper out" for a device that cannot print at all.
      while (this.received.length > 0) {
        const b = this.received.shift()!;
        if (isStatusByte(b)) return b;
        this.received = [];
        throw new PrinterError(
          'not_a_printer',
          `${this.address}: the device answered the status request with 0x${b.toString(16).padStart(2, '0')}, not a printer status; is this a receipt printer?`,
        );
      }
      if (!this.socket)
        throw this.closedError ?? new PrinterError('disconnected', `${this.address}: not open`);
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

  private requireOpen(): Socket {
    if (!this.socket) throw this.closedError ?? new PrinterError('disconnected', `${this.address}: not open`);
    return this.socket;
  }

  private timeout(kind: 'connect' | 'write' | 'status'): number {
    if (kind === 'connect') return this.opts.connectTimeoutMs ?? 3000;
    if (kind === 'write') return this.opts.writeTimeoutMs ?? 10_000;
    return this.opts.statusTimeoutMs ?? 2000;
  }
}
