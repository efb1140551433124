import { EventEmitter } from 'node:events';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { EscPosDecoder } from '../escpos/decoder.js';
import type { EscPosItem } from '../escpos/commands.js';
import { foldJob, jobText, type PrintedJob } from '../escpos/job.js';
import { READY, statusReply, type PrinterStatus } from '../escpos/status.js';

/**
 * A network thermal printer on a TCP port, for development and tests. It
 * decodes ESC/POS with our own decoder, answers DLE EOT from a state that can
 * be set (paper out, cover open…), and keeps each job: a job ends at a cut or
 * when the connection closes. While paper is out or the cover is open,
 * received bytes are dropped, as a real printer's would be.
 */

export interface VirtualJob extends PrintedJob {
  id: number;
  receivedAt: number;
  text: string;
  bytes: Uint8Array;
}

export interface VirtualPrinterOptions {
  port?: number;
  /** Loopback by default: a development printer is nobody else's business. */
  host?: string;
  /** Keep at most this many jobs (oldest dropped). */
  keep?: number;
}

const HAS_CONTENT = (items: EscPosItem[]) =>
  items.some((i) => i.kind === 'text' || i.kind === 'qr' || i.kind === 'image' || i.kind === 'cut');

export class VirtualPrinter extends EventEmitter<{ job: [VirtualJob] }> {
  readonly jobs: VirtualJob[] = [];
  state: PrinterStatus = { ...READY };
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  private nextId = 1;

  constructor(private readonly opts: VirtualPrinterOptions = {}) {
    super();
  }

  async start(): Promise<{ host: string; port: number }> {
    const server = createServer((socket) => this.accept(socket));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.opts.port ?? 9100, this.opts.host ?? '127.0.0.1', resolve);
    });
    this.server = server;
    return this.address();
  }

  address(): { host: string; port: number } {
    const a = this.server?.address() as AddressInfo | null;
    if (!a) throw new Error('The virtual printer is not running.');
    return { host: a.address, port: a.port };
  }

  setState(patch: Partial<PrinterStatus>): void {
    this.state = { ...this.state, ...patch };
  }

  /** Cuts every open connection, as a printer that is switched off. */
  dropConnections(): void {
    for (const s of this.sockets) s.destroy();
  }

  /** Resolves with the first job (already printed or to come) that matches. */
  waitForJob(match: (job: VirtualJob) => boolean = () => true): Promise<VirtualJob> {
    const found = this.jobs.find(match);
    if (found) return Promise.resolve(found);
    return new Promise((resolve) => {
      const onJob = (job: VirtualJob) => {
        if (!match(job)) return;
        this.off('job', onJob);
        resolve(job);
      };
      this.on('job', onJob);
    });
  }

  async stop(): Promise<void> {
    this.dropConnections();
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private accept(socket: Socket): void {
    this.sockets.add(socket);
    const decoder = new EscPosDecoder();
    let items: EscPosItem[] = [];
    let bytes: number[] = [];
    const finish = () => {
      if (HAS_CONTENT(items)) this.record(items, bytes);
      items = [];
      bytes = [];
    };
    socket.on('data', (chunk: Buffer) => {
      if (!this.state.paperOut && !this.state.coverOpen) bytes.push(...chunk);
      for (const item of decoder.push(chunk)) {
        if (item.kind === 'status-request') {
          socket.write(Uint8Array.of(statusReply(item.n, this.state)));
          continue;
        }
        if (this.state.paperOut || this.state.coverOpen || !this.state.online) continue;
        items.push(item);
        if (item.kind === 'cut') finish();
      }
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      items.push(...decoder.end());
      finish();
      this.sockets.delete(socket);
    });
  }

  private record(items: EscPosItem[], bytes: number[]): void {
    const folded = foldJob(items);
    const job: VirtualJob = {
      ...folded,
      id: this.nextId++,
      receivedAt: Date.now(),
      text: jobText(folded),
      bytes: Uint8Array.from(bytes),
    };
    this.jobs.push(job);
    if (this.jobs.length > (this.opts.keep ?? 200)) this.jobs.shift();
    this.emit('job', job);
  }
}
