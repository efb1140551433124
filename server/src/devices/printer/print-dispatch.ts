import type { AppDeps } from '../../app/index.js';
import { kioskPrinter, queuePrintJob, recoverPrintJobs, targetOfDevice } from '../../app/printing/index.js';
import { isDomainError, type HallEvent } from '../../domain/index.js';
import type { PrintJob } from '../../domain/index.js';
import { NetworkPrinting } from './network-printing.js';

/**
 * Print dispatch, driven by committed events:
 * - a ticket issued by a kiosk device (its token) whose configuration names a
 *   printer gets a print job (`print.queued`), copy 1;
 * - every queued job (first print or reprint) goes to its printer: the hub
 *   prints network printers itself, an agent gets the job over its socket.
 * The ticket is issued before any of this happens, so no printer problem can
 * lose it. What a crash left half done (a kiosk ticket with no job, a network
 * job never finished) is settled once at start: recorded failed, never printed
 * late (app/printing/recover-print-jobs.ts).
 */

export interface AgentDelivery {
  deliver(job: PrintJob): Promise<void>;
}

export interface PrintDispatch {
  network: NetworkPrinting;
  /** Resolves when the start-up recovery has recorded what the last run left unfinished. */
  recovered: Promise<void>;
  /** Resolves when the jobs started so far have been handed on (tests). */
  idle(): Promise<void>;
  stop(): void;
}

export function startPrintDispatch(
  deps: AppDeps,
  props: {
    baseUrl: () => string;
    agents: AgentDelivery;
    report: (err: unknown, context: string) => void;
    /** Wait for a network printer's status answer after a job (default AFTER_JOB_STATUS_MS). */
    statusWaitMs?: number;
  },
): PrintDispatch {
  let stopped = false;
  // After stop the store may be closed under a job in flight: nothing to report then.
  const report = (err: unknown, context: string): void => {
    if (!stopped) props.report(err, context);
  };
  const network = new NetworkPrinting(deps, props.baseUrl, report, props.statusWaitMs);
  const pending = new Set<Promise<void>>();
  // Events from now on reach the subscription below; what came before is the recovery's.
  const startedAt = deps.now();

  async function onEvent(e: HallEvent): Promise<void> {
    if (e.type === 'ticket.issued' && e.actor.type === 'device' && e.actor.id && e.ticketId) {
      const target = await kioskPrinter(deps, e.actor.id);
      const ticket = target ? await deps.store.getTicket(e.ticketId) : null;
      if (target && ticket) {
        // Every hub process sharing the store sees the issue; the first print job is made once.
        await queuePrintJob(deps, { ticket, deviceId: target.deviceId, copy: 1, actor: e.actor }).catch(
          (err: unknown) => {
            if (!(isDomainError(err) && err.code === 'conflict')) throw err;
          },
        );
      }
    }
    if (e.type === 'print.queued' && typeof e.data.jobId === 'string') {
      const job = await deps.store.getPrintJob(e.data.jobId);
      if (!job || job.status !== 'queued') return;
      const target = await targetOfDevice(() => deps.store.listDevices(job.hallId), job.deviceId);
      if (target?.kind === 'network') await network.enqueue(job, target);
      else if (target?.kind === 'agent') await props.agents.deliver(job);
      // No printer any more (configuration changed): the job waits; a reprint goes elsewhere.
    }
  }

  const unsubscribe = deps.store.followEvents({ allHalls: true }, ({ events }) => {
    for (const e of events) {
      if (e.type !== 'ticket.issued' && e.type !== 'print.queued') continue;
      const p = onEvent(e).catch((err: unknown) => report(err, `print dispatch of ${e.type}`));
      pending.add(p);
      void p.finally(() => pending.delete(p));
    }
  });

  const recovered = recoverPrintJobs(deps, { startedAt }).then(
    () => undefined,
    (err: unknown) => report(err, 'recovery of unfinished print jobs'),
  );
  const dispatch: PrintDispatch = {
    network,
    recovered,
    async idle() {
      await recovered;
      while (pending.size > 0) await Promise.all([...pending]);
      await network.idle();
    },
    stop() {
      stopped = true;
      unsubscribe();
    },
  };
  return dispatch;
}
