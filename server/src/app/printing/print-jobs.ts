import {
  DomainError,
  printFailed,
  printPrinted,
  printQueued,
  type Actor,
  type Ticket,
} from '../../domain/index.js';
import type { PrintJob, PrintJobStatus } from '../../domain/index.js';
import type { AppDeps } from '../deps.js';
import type { PrintJobView } from '../../protocol/http.js';
import { printerTarget, targetOfDevice, type PrinterTarget } from './printer-target.js';

/**
 * Print jobs of tickets. A job is queued in the store with a `print.queued`
 * event; the printer dispatch (server/src/devices/printer) listens for that
 * event and prints, then records the result here. A failure never touches the
 * ticket: it stays issued, and a reprint is a new job with the next copy.
 */

export async function queuePrintJob(
  deps: AppDeps,
  props: { ticket: Ticket; deviceId: string; copy: number; actor: Actor },
): Promise<PrintJob> {
  const now = deps.now();
  const job: PrintJob = {
    id: deps.newId(),
    hallId: props.ticket.hallId,
    deviceId: props.deviceId,
    ticketId: props.ticket.id,
    copy: props.copy,
    status: 'queued',
    attempts: 0,
    error: null,
    createdAt: now,
    updatedAt: now,
  };
  const { job: saved } = await deps.store.createPrintJob(job, [
    printQueued(job, now, props.actor, props.ticket.number),
  ]);
  return saved;
}

/** The kiosk's printer, if it has one; tickets of a kiosk without a printer are shown on screen only. */
export async function kioskPrinter(deps: AppDeps, kioskId: string): Promise<PrinterTarget | null> {
  const devices = await deps.store.listDevices();
  const kiosk = devices.find((d) => d.id === kioskId);
  if (!kiosk || kiosk.kind !== 'kiosk' || kiosk.revokedAt !== null) return null;
  return printerTarget(kiosk, (id) => devices.find((d) => d.id === id));
}

/** Marks a job as handed to its printer or agent; `attempts` counts hand-overs. */
/**
 * Marks a job handed to its printer. `from` ['queued'] claims the job: of two
 * hub processes that both see it queued, one gets it, the other `conflict`.
 * An agent that reconnects gets its unanswered ('sent') job again.
 */
export async function markPrintJobSent(
  deps: AppDeps,
  job: PrintJob,
  from: PrintJobStatus[] = ['queued', 'sent'],
): Promise<PrintJob> {
  const { job: saved } = await deps.store.updatePrintJob({
    id: job.id,
    expectedStatuses: from,
    patch: { status: 'sent', attempts: job.attempts + 1, updatedAt: deps.now() },
    events: [],
  });
  return saved;
}

/**
 * Records how a job ended. A job already finished is left as it is and
 * returned (an agent repeating its answer after a reconnect changes nothing).
 */
export async function recordPrintResult(
  deps: AppDeps,
  props: { jobId: string; ok: boolean; error?: string; actor: Actor; deviceId?: string },
): Promise<PrintJob> {
  const job = await deps.store.getPrintJob(props.jobId);
  if (!job || (props.deviceId !== undefined && job.deviceId !== props.deviceId)) {
    throw new DomainError('not_found', `No print job ${props.jobId}.`, { jobId: props.jobId });
  }
  if (job.status === 'printed' || job.status === 'failed') return job;
  const status: PrintJobStatus = props.ok ? 'printed' : 'failed';
  const error = props.ok ? null : (props.error ?? 'print failed').slice(0, 200);
  const now = deps.now();
  let result;
  try {
    result = await deps.store.updatePrintJob({
      id: job.id,
      expectedStatuses: ['queued', 'sent'],
      patch: { status, error, updatedAt: now },
      events: [
        error === null
          ? printPrinted(job, now, props.actor)
          : printFailed(job, now, props.actor, { error, reason: 'printer', number: null }),
      ],
    });
  } catch (err) {
    // The same answer twice at once (an agent's retry crossing its first send): the first one won.
    const again = await deps.store.getPrintJob(job.id);
    if (again && (again.status === 'printed' || again.status === 'failed')) return again;
    throw err;
  }
  const { job: saved } = result;
  return saved;
}

/** Reprints being decided, per ticket: two presses of 重新打印 at once make one job (one hub process). */
const reprinting = new Map<string, Promise<unknown>>();

/**
 * Prints the ticket again with the same number, on the printer of the last
 * job (or of the kiosk asking). A job of the ticket still queued or printing
 * is joined, not doubled: a slow printer may yet deliver it, and a second job
 * would put two copies of one number in the tray (`joined: true`). A job's
 * `copy` numbers the jobs of the ticket; what the paper says is
 * `printedCopyOf` (copies that came out before it, plus one).
 */
export async function reprintTicket(
  deps: AppDeps,
  props: { ticket: Ticket; actor: Actor; kioskId?: string },
): Promise<{ job: PrintJob; joined: boolean }> {
  const before = reprinting.get(props.ticket.id) ?? Promise.resolve();
  const run = before.then(
    () => decideReprint(deps, props),
    () => decideReprint(deps, props),
  );
  reprinting.set(props.ticket.id, run);
  try {
    return await run;
  } finally {
    if (reprinting.get(props.ticket.id) === run) reprinting.delete(props.ticket.id);
  }
}

async function decideReprint(
  deps: AppDeps,
  props: { ticket: Ticket; actor: Actor; kioskId?: string },
): Promise<{ job: PrintJob; joined: boolean }> {
  const jobs = await deps.store.listPrintJobs({ ticketId: props.ticket.id });
  const last = jobs.at(-1);
  let deviceId = last?.deviceId ?? null;
  if (props.kioskId !== undefined)
    deviceId = (await kioskPrinter(deps, props.kioskId)) ? props.kioskId : deviceId;
  if (deviceId === null) {
    throw new DomainError(
      'invalid_state',
      'This ticket was not issued at a kiosk with a printer; there is nothing to reprint on.',
      {
        ticketId: props.ticket.id,
      },
    );
  }
  // Joined only where it can still come out: a job left waiting for a printer that was since
  // removed from the configuration never will, and the reprint goes to the printer there is now.
  const unfinished = jobs.find(
    (j) => (j.status === 'queued' || j.status === 'sent') && j.deviceId === deviceId,
  );
  const target = unfinished
    ? await targetOfDevice(() => deps.store.listDevices(props.ticket.hallId), unfinished.deviceId)
    : null;
  if (unfinished && target) return { job: unfinished, joined: true };
  const copy = jobs.reduce((max, j) => Math.max(max, j.copy), 0) + 1;
  return {
    job: await queuePrintJob(deps, { ticket: props.ticket, deviceId, copy, actor: props.actor }),
    joined: false,
  };
}

/**
 * The copy number printed on a job: one more than the copies of the ticket
 * that actually came out before it. A first print that failed leaves the
 * reprint as copy 1, so it does not say 补打 第2联 when it is the only paper.
 */
export function printedCopyOf(jobs: readonly PrintJob[], job: PrintJob): number {
  return jobs.filter((j) => j.id !== job.id && j.status === 'printed' && j.copy < job.copy).length + 1;
}

export type { PrintJobView } from '../../protocol/http.js';

export const presentPrintJob = (j: PrintJob, jobs: readonly PrintJob[] = [j]): PrintJobView => ({
  id: j.id,
  copy: j.copy,
  printedCopy: printedCopyOf(jobs, j),
  status: j.status,
  error: j.error,
  createdAt: j.createdAt,
  updatedAt: j.updatedAt,
});
