import type { PrinterStatus } from './escpos/status.js';

/**
 * The printer port: bytes out, status in. Everything that prints goes
 * through it; the ticket layout library never talks to a device, and a
 * transport never knows what a ticket is.
 *
 * Contract, for every transport:
 * - `open()` resolves when bytes can be written; it rejects with a
 *   `PrinterError` (`timeout`, `disconnected`) when the device cannot be
 *   reached in time. Opening an open port is a no-op.
 * - `write(bytes)` resolves when the bytes have been handed to the device
 *   (the kernel or the socket accepted them); it does not mean paper came out.
 *   Overlapping writes are refused (`busy`): callers serialise, as a real
 *   printer would garble interleaved jobs. If the device goes away while a
 *   write is in flight, the write rejects with `disconnected: true` and the
 *   port is closed.
 * - `status(timeoutMs?)` asks DLE EOT and resolves with the printer's
 *   real-time status, or `null` when this transport cannot read answers (a USB
 *   line-printer file, a one-way serial cable, or a network printer configured
 *   without status: `tcp://…?status=0`): callers then print blind. It rejects
 *   with `timeout` when the printer should answer but does not within
 *   `timeoutMs` (default: the transport's own), and with `not_a_printer` when
 *   the device answers with bytes no printer sends to DLE EOT.
 * - `close()` ends the connection; a write or status request in flight
 *   rejects with `canceled: true`. Closing a closed port is a no-op.
 */
export interface PrinterPort {
  /** Where the port writes, for logs: `tcp://10.0.0.5:9100`, `/dev/usb/lp0`. */
  readonly address: string;
  open(): Promise<void>;
  write(bytes: Uint8Array): Promise<void>;
  status(timeoutMs?: number): Promise<PrinterStatus | null>;
  close(): Promise<void>;
}

export type PrinterErrorReason =
  | 'timeout'
  | 'disconnected'
  | 'busy'
  | 'canceled'
  | 'not_ready'
  | 'unsupported'
  /** The device answered DLE EOT with bytes that are not a status: something else listens there. */
  | 'not_a_printer';

/** Flags, not message text, tell callers what happened. */
export class PrinterError extends Error {
  readonly timeout: boolean;
  readonly disconnected: boolean;
  readonly canceled: boolean;
  constructor(
    readonly reason: PrinterErrorReason,
    message: string,
    /** The status that refused the job, for `not_ready`. */
    readonly printerStatus: PrinterStatus | null = null,
  ) {
    super(message);
    this.name = 'PrinterError';
    this.timeout = reason === 'timeout';
    this.disconnected = reason === 'disconnected';
    this.canceled = reason === 'canceled';
  }
}
