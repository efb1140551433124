import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { io, type Socket } from 'socket.io-client';

/**
 * Many display clients (lobby boards) in this process, each its own
 * WebSocket connection, recording when each `ticket:called` arrives.
 */
export class DisplayClients {
  readonly sockets: Socket[] = [];
  /** Arrival times (performance.now) per ticket number, one per client. */
  private readonly arrivals = new Map<string, number[]>();
  private readonly waiters = new Map<string, () => void>();
  /** The first payload seen of each event, so the baseline can send messages of the same size. */
  readonly samples = new Map<string, unknown>();

  constructor(readonly count: number) {}

  async connect(url: string, auth: Record<string, string>, batch = 100): Promise<void> {
    for (let i = 0; i < this.count; i += batch) {
      const n = Math.min(batch, this.count - i);
      await Promise.all(Array.from({ length: n }, () => this.connectOne(url, auth)));
    }
  }

  private connectOne(url: string, auth: Record<string, string>): Promise<void> {
    const socket = io(url, {
      auth,
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
      timeout: 20_000,
    });
    this.sockets.push(socket);
    socket.on('ticket:called', (m: { ticketNumber: string }) => {
      const at = performance.now();
      if (!this.samples.has('ticket:called')) this.samples.set('ticket:called', m);
      let list = this.arrivals.get(m.ticketNumber);
      if (!list) this.arrivals.set(m.ticketNumber, (list = []));
      list.push(at);
      if (list.length === this.count) this.waiters.get(m.ticketNumber)?.();
    });
    socket.on('queue:counts', (m: unknown) => {
      if (!this.samples.has('queue:counts')) this.samples.set('queue:counts', m);
    });
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('display client got no snapshot within 20 s')), 20_000);
      socket.once('display:snapshot', () => {
        clearTimeout(timer);
        resolve();
      });
      socket.once('connect_error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
    });
  }

  /** Resolves with the arrival times of `number` once every client has it, or at the timeout with what came. */
  async arrivalsOf(number: string, timeoutMs: number): Promise<number[]> {
    const have = () => this.arrivals.get(number) ?? [];
    if (have().length < this.count) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, timeoutMs);
        this.waiters.set(number, () => {
          clearTimeout(timer);
          resolve();
        });
      });
      this.waiters.delete(number);
    }
    return have();
  }

  close(): void {
    for (const s of this.sockets) s.close();
    this.sockets.length = 0;
  }
}

/** The soft limit on open files: each client is a socket here and one in the server's process. */
export function openFileLimit(): number | null {
  try {
    const line = readFileSync('/proc/self/limits', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('Max open files'));
    const soft = line?.split(/\s{2,}/)[1];
    return soft === undefined || soft === 'unlimited' ? null : Number(soft);
  } catch {
    return null;
  }
}
