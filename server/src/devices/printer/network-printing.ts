import { PrinterError } from '@hall-queue/ticket-printer/port.js';
import { printBytes } from '@hall-queue/ticket-printer/print.js';
import { openPrinterPort } from '@hall-queue/ticket-printer/transports/open-printer.js';
import { markPrintJobSent, recordPrintResult, reportPrinterState } from '../../app/printing/index.js';
import type { AppDeps } from '../../app/index.js';
import { isDomainError, type Actor } from '../../domain/index.js';
import type { PrintJob } from '../../domain/index.js';
import type { PrinterTarget } from '../../app/printing/printer-target.js';
import { renderJobBytes } from './job-bytes.js';

/**
 * The hub prints to network printers itself: one job at a time per printer
 * (a printer garbles interleaved jobs), each job on a fresh connection with
 * status asked before and after (ticket-printer/src/print.ts).
 */

const HUB: Actor = { type: 'system', id: null };

export class NetworkPrinting {
  private readonly queues = new Map<string, Promise<void>>();

  constructor(
    private readonly deps: AppDeps,
    private readonly baseUrl: () => string,
    private readonly report: (err: unknown, context: string) => void,
    private readonly statusWaitMs?: number,
  ) {}

  enqueue(job: PrintJob, target: Extract<PrinterTarget, { kind: 'network' }>): Promise<void> {
    const previous = this.queues.get(target.address) ?? Promise.resolve();
    const next = previous
      .then(() => this.print(job, target))
      .catch((err: unknown) => this.report(err, `print job ${job.id}`));
    this.queues.set(target.address, next);
    void next.then(() => {
      if (this.queues.get(target.address) === next) this.queues.delete(target.address);
    });
    return next;
  }

  /** Resolves when every queued job has finished (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.queues.size > 0) await Promise.all([...this.queues.values()]);
  }

  private async print(job: PrintJob, target: Extract<PrinterTarget, { kind: 'network' }>): Promise<void> {
    const { bytes } = await renderJobBytes(this.deps, job, { baseUrl: this.baseUrl(), paper: target.paper });
    let sent: PrintJob;
    try {
      // Only one hub process prints a queued job: the others find it claimed.
      sent = await markPrintJobSent(this.deps, job, ['queued']);
    } catch (err) {
      if (isDomainError(err) && err.code === 'conflict') return;
      throw err;
    }
    const port = openPrinterPort(target.address);
    try {
      const outcome = await printBytes(
        port,
        bytes,
        this.statusWaitMs !== undefined ? { afterStatusMs: this.statusWaitMs } : {},
      );
      await recordPrintResult(this.deps, { jobId: sent.id, ok: true, actor: HUB });
      await reportPrinterState(this.deps, {
        hallId: job.hallId,
        actor: HUB,
        state: {
          deviceId: target.deviceId,
          status: outcome.after ?? outcome.before,
          reachable: true,
          error: null,
          code: null,
        },
      });
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      await recordPrintResult(this.deps, { jobId: sent.id, ok: false, error: message, actor: HUB });
      const status = err instanceof PrinterError ? err.printerStatus : null;
      const code = err instanceof PrinterError ? err.reason : null;
      await reportPrinterState(this.deps, {
        hallId: job.hallId,
        actor: HUB,
        state: {
          deviceId: target.deviceId,
          status,
          // Something answered on that address, only not as a printer does.
          reachable: status !== null || code === 'not_a_printer',
          error: message,
          code,
        },
      });
    }
  }
}
