import { EventEmitter } from 'node:events';
import { io, type Socket } from 'socket.io-client';
import { printBytes } from '../print.js';
import type { PrinterPort } from '../port.js';
import type { PrinterStatus } from '../escpos/status.js';
import { JobLedger, type JobResult } from './job-ledger.js';
import {
  PRINTER_STATUS,
  PRINT_AGENT_NAMESPACE,
  PRINT_JOB,
  PRINT_RESULT,
  type AgentAck,
  type AgentToHubEvents,
  type HubToAgentEvents,
  type PrintJobMessage,
  type PrintResultMessage,
} from './protocol.js';

/**
 * The print agent on a kiosk PC: logs in to the hub with the kiosk's device
 * token, prints the jobs it is sent on the locally attached printer, and
 * answers each with its result. Socket.IO reconnects by itself after network
 * loss or a hub restart; the hub then sends every unanswered job again and
 * the ledger makes sure none is printed twice.
 */

export interface AgentOptions {
  hubUrl: string;
  token: string;
  port: PrinterPort;
  /** Ledger file; without it the ledger is in memory (lost on restart). */
  ledgerFile?: string | null;
  /** Delay between reconnection attempts (Socket.IO backoff starts here). */
  reconnectDelayMs?: number;
  /**
   * How often the printer's status is read and reported (default 30 s; 0:
   * never). It is also reported on every (re)connect, so the hub's printer
   * overview is right soon after a restart.
   */
  statusEveryMs?: number;
  /** How long to wait for the printer's status answer after a job (default AFTER_JOB_STATUS_MS). */
  statusWaitMs?: number;
}

type AgentEvents = {
  connected: [];
  disconnected: [string];
  printed: [string];
  skipped: [string];
  failed: [string, string];
  acknowledged: [string];
};

export class PrintAgent extends EventEmitter<AgentEvents> {
  readonly socket: Socket<HubToAgentEvents, AgentToHubEvents>;
  private readonly ledger: JobLedger;
  /** Results the hub has not acknowledged yet: sent again on every (re)connect. */
  private readonly unacked = new Map<string, PrintResultMessage>();
  private readonly inFlight = new Set<string>();
  private queue: Promise<void> = Promise.resolve();
  private lastStatus: PrinterStatus | null = null;
  private stopped = false;
  private statusTimer: ReturnType<typeof setInterval> | null = null;

  constructor(private readonly opts: AgentOptions) {
    super();
    this.ledger = new JobLedger(opts.ledgerFile ?? null);
    this.socket = io(`${opts.hubUrl.replace(/\/+$/, '')}${PRINT_AGENT_NAMESPACE}`, {
      auth: { token: opts.token },
      autoConnect: false,
      reconnectionDelay: opts.reconnectDelayMs ?? 1000,
      reconnectionDelayMax: 10_000,
      transports: ['websocket'],
    });
    this.socket.on('connect', () => {
      this.emit('connected');
      this.flush();
      if (this.statusEveryMs() > 0) void this.reportStatus();
    });
    this.socket.on('disconnect', (reason) => {
      this.emit('disconnected', reason);
      // Socket.IO does not reconnect after the server hung up (hub shutting down, device
      // revoked): try again later; a revoked token is then refused at the door.
      if (reason === 'io server disconnect' && !this.stopped) {
        setTimeout(() => this.stopped || this.socket.connect(), opts.reconnectDelayMs ?? 5000).unref();
      }
    });
    this.socket.on(PRINT_JOB, (job: PrintJobMessage) => this.receive(job));
  }

  start(): void {
    this.socket.connect();
    const every = this.statusEveryMs();
    if (every > 0 && !this.statusTimer) {
      this.statusTimer = setInterval(() => void this.reportStatus(), every);
      this.statusTimer.unref();
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.statusTimer) clearInterval(this.statusTimer);
    this.statusTimer = null;
    this.socket.disconnect();
    await this.queue;
  }

  private statusEveryMs(): number {
    return this.opts.statusEveryMs ?? 30_000;
  }

  private receive(job: PrintJobMessage): void {
    if (this.inFlight.has(job.jobId)) return; // being printed now; its result follows
    const known = this.ledger.resultOf(job.jobId);
    if (known) {
      this.emit('skipped', job.jobId);
      this.answer(job.jobId, known);
      return;
    }
    this.inFlight.add(job.jobId);
    // One job at a time: a printer garbles interleaved jobs.
    this.queue = this.queue.then(() => this.print(job)).finally(() => this.inFlight.delete(job.jobId));
  }

  private async print(job: PrintJobMessage): Promise<void> {
    this.ledger.markStarted(job.jobId);
    let result: JobResult;
    try {
      const outcome = await printBytes(
        this.opts.port,
        Buffer.from(job.bytes, 'base64'),
        this.opts.statusWaitMs !== undefined ? { afterStatusMs: this.opts.statusWaitMs } : {},
      );
      this.lastStatus = outcome.after ?? outcome.before;
      result = { ok: true };
      this.emit('printed', job.jobId);
    } catch (err) {
      result = { ok: false, error: err instanceof Error ? err.message : String(err) };
      this.lastStatus = (err as { printerStatus?: PrinterStatus | null }).printerStatus ?? null;
      this.emit('failed', job.jobId, result.error ?? '');
    }
    this.ledger.markDone(job.jobId, result);
    this.answer(job.jobId, result);
  }

  private answer(jobId: string, result: JobResult): void {
    this.unacked.set(jobId, { jobId, ...result, status: this.lastStatus });
    this.flush();
  }

  /** Sends every unacknowledged result; what is not acknowledged now goes again on the next connect. */
  private flush(): void {
    if (!this.socket.connected) return;
    for (const message of this.unacked.values()) {
      this.socket
        .timeout(10_000)
        .emitWithAck(PRINT_RESULT, message)
        .then((ack: AgentAck) => {
          // not_found: the hub no longer knows the job (deleted with its device); nothing to retry.
          if (ack.ok || ack.error.code === 'not_found') {
            this.unacked.delete(message.jobId);
            this.emit('acknowledged', message.jobId);
          }
        })
        .catch(() => undefined);
    }
  }

  /**
   * Reads the printer's status and tells the hub (every `statusEveryMs`). It
   * waits its turn behind the job being printed: the status read opens and
   * closes the same port, and closing it under a job would cut the ticket.
   */
  reportStatus(): Promise<void> {
    const run = this.queue.catch(() => undefined).then(() => this.readAndSendStatus());
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async readAndSendStatus(): Promise<void> {
    if (this.stopped) return;
    let status: PrinterStatus | null = null;
    let error: string | null = null;
    try {
      await this.opts.port.open();
      status = await this.opts.port.status();
    } catch (err) {
      error = err instanceof Error ? err.message : String(err);
    } finally {
      await this.opts.port.close().catch(() => undefined);
    }
    if (this.socket.connected) this.socket.emit(PRINTER_STATUS, { status, error });
  }
}
