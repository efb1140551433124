import { EventEmitter } from 'node:events';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { READY, decodeEscPos, foldJob, jobText, statusReply } from '../../ticket-printer/src/index.js';

/**
 * Devices on a local TCP port that behave the way real ones in a hall do and
 * the virtual printer does not: a printer whose status answer after a job
 * comes late or never (`answer`), a printer that never answers DLE EOT, and a
 * device on port 9100 that is not a printer at all (`banner`). Every byte
 * that is not a status request is recorded per connection, so tests read the
 * printed tickets back through the ESC/POS decoder.
 */

export interface StatusQuestion {
  n: number;
  /** Job bytes already arrived on this connection: the status asked after the job. */
  afterJob: boolean;
}

/** The byte to answer, or null for silence; a promise answers when it resolves. */
export type StatusPolicy = (q: StatusQuestion) => number | null | Promise<number | null>;

export const ANSWER_READY: StatusPolicy = (q) => statusReply(q.n, READY);

export interface FakeJob {
  bytes: Buffer;
  text: string;
}

export class FakePrinter extends EventEmitter<{ job: [FakeJob] }> {
  /** Jobs received, one per connection that sent job bytes; `job` is emitted once its cut arrived. */
  readonly jobs: FakeJob[] = [];
  answer: StatusPolicy = ANSWER_READY;
  /** Set: the device answers anything with this text, as an HTTP server or a telnet banner would. */
  banner: string | null = null;
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();

  async start(): Promise<number> {
    const server = createServer((socket) => this.accept(socket));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.server = server;
    return (server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** Resolves with the first job (now or later) whose text matches. */
  waitForJob(match: (j: FakeJob) => boolean): Promise<FakeJob> {
    const found = this.jobs.find((j) => j.bytes.includes(Buffer.from([0x1d, 0x56])) && match(j));
    if (found) return Promise.resolve(found);
    return new Promise((resolve) => {
      const on = (j: FakeJob) => {
        if (!match(j)) return;
        this.off('job', on);
        resolve(j);
      };
      this.on('job', on);
    });
  }

  private accept(socket: Socket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => undefined);
    let pending: number[] = [];
    const job: number[] = [];
    let record: FakeJob | null = null;
    let announced = false;
    let replies = Promise.resolve();
    socket.on('data', (chunk: Buffer) => {
      if (this.banner !== null) {
        socket.write(this.banner);
        return;
      }
      pending.push(...chunk);
      const before = job.length;
      let i = 0;
      for (; i < pending.length; i++) {
        if (pending[i] === 0x10 && pending[i + 1] === 0x04) {
          if (i + 2 >= pending.length) break; // a request split across chunks
          const q = { n: pending[i + 2]!, afterJob: job.length > 0 };
          i += 2;
          replies = replies.then(async () => {
            const b = await this.answer(q);
            if (b !== null && !socket.destroyed) socket.write(Uint8Array.of(b));
          });
        } else {
          job.push(pending[i]!);
        }
      }
      pending = pending.slice(i);
      if (job.length === before) return;
      const bytes = Buffer.from(job);
      const text = jobText(foldJob(decodeEscPos(bytes)));
      if (record === null) this.jobs.push((record = { bytes, text }));
      else Object.assign(record, { bytes, text });
      // The ticket is all there once its cut (GS V) arrived.
      if (!announced && bytes.includes(Buffer.from([0x1d, 0x56]))) {
        announced = true;
        this.emit('job', record);
      }
    });
  }
}

/** A promise and its release, for a printer that answers once the test says so. */
export function gate(): { wait: Promise<void>; open: () => void } {
  let open = () => undefined as void;
  const wait = new Promise<void>((resolve) => (open = resolve));
  return { wait, open };
}
