/**
 * Real-time status (DLE EOT n). The printer answers each request with one
 * byte, even while it is offline or out of paper, which is what makes it
 * useful before and after a job. Bit 1 and bit 4 are always set (0x12), so a
 * stray byte without them is not a status.
 */

export interface PrinterStatus {
  online: boolean;
  coverOpen: boolean;
  paperOut: boolean;
  paperNearEnd: boolean;
  /** Cutter jam, overheated head, or another error the printer reports. */
  error: boolean;
}

export const READY: PrinterStatus = {
  online: true,
  coverOpen: false,
  paperOut: false,
  paperNearEnd: false,
  error: false,
};

/** The requests sent, in order: printer, offline cause, error cause, paper sensor. */
export const STATUS_REQUESTS = [1, 2, 3, 4] as const;

export function statusRequest(n: number): Uint8Array {
  return Uint8Array.of(0x10, 0x04, n);
}

export function isStatusByte(byte: number): boolean {
  return (byte & 0x93) === 0x12;
}

/** What the printer answers to DLE EOT n in the given state (the virtual printer uses this). */
export function statusReply(n: number, s: PrinterStatus): number {
  let b = 0x12;
  if (n === 1 && !s.online) b |= 0x08;
  if (n === 2) {
    if (s.coverOpen) b |= 0x04;
    if (s.paperOut) b |= 0x20;
    if (s.error) b |= 0x40;
  }
  if (n === 3 && s.error) b |= 0x40;
  if (n === 4) {
    if (s.paperNearEnd) b |= 0x0c;
    if (s.paperOut) b |= 0x60;
  }
  return b;
}

/** Reads the four answers (in the order of STATUS_REQUESTS) back into a status. */
export function parseStatus(replies: readonly number[]): PrinterStatus {
  const [printer = 0x12, offline = 0x12, error = 0x12, paper = 0x12] = replies;
  const paperOut = (offline & 0x20) !== 0 || (paper & 0x60) !== 0;
  const coverOpen = (offline & 0x04) !== 0;
  return {
    online: (printer & 0x08) === 0 && !paperOut && !coverOpen,
    coverOpen,
    paperOut,
    paperNearEnd: (paper & 0x0c) !== 0,
    error: (offline & 0x40) !== 0 || (error & 0x6c) !== 0,
  };
}

/** Can a ticket be printed now? Paper near end still prints. */
export function canPrint(s: PrinterStatus): boolean {
  return s.online && !s.paperOut && !s.coverOpen && !s.error;
}

export function describeStatus(s: PrinterStatus): string {
  if (s.paperOut) return 'paper out';
  if (s.coverOpen) return 'cover open';
  if (s.error) return 'printer error';
  if (!s.online) return 'offline';
  return s.paperNearEnd ? 'paper near end' : 'ready';
}
