import { DomainError, SYSTEM, printFailed, type HallEvent, type NewEvent } from '../../domain/index.js';
import type { PrintJob } from '../../domain/index.js';
import type { AppDeps } from '../deps.js';
import { kioskPrinter } from './print-jobs.js';
import { targetOfDevice } from './printer-target.js';

/**
 * What a hub restart leaves behind in printing, settled once at start-up.
 * Print jobs are made from committed events on the in-memory bus and network
 * jobs are printed from memory, so a crash can leave:
 *
 * - a kiosk ticket with no print job (issued, then the hub died before it
 *   queued the job): the kiosk would say it has no printer;
 * - a network job `queued` or `sent` that nobody will ever finish.
 *
 * Neither is printed now. A ticket printed minutes after the citizen left the
 * kiosk lands in the tray for nobody (or for the next person, who takes the
 * wrong number), and a `sent` job may already be on paper. Both become failed
 * jobs with a `print.failed` event instead: the kiosk still showing the number
 * offers 重新打印, and the admin's list of failed prints shows them.
 *
 * Jobs of print agents are left alone: an agent is sent its unanswered jobs
 * again when it reconnects, and its ledger answers any it already printed.
 */

/**
 * Kiosk tickets without a job are looked for this far back from the start.
 * The kiosk screen returns to the start after a minute idle, so older tickets
 * gain nothing from a reprint button; half an hour keeps the start-up scan
 * short and still covers a crash followed by a slow restart. A ticket older
 * than this stays issued and simply has no print record.
 */
export const MISSED_TICKET_WINDOW_MS = 30 * 60_000;

/** Kept in the event's data, so the admin side can tell these from printer faults without reading the text. */
export const HUB_RESTART_REASON = 'hub_restart';

const NOT_QUEUED =
  'hub restarted before this ticket was printed; not printed automatically, reprint if the citizen still needs it';
const INTERRUPTED =
  'hub restarted while this job was printing; it may or may not be on paper; not printed again automatically';

const failedEvent = (job: PrintJob, at: number, error: string, number: string): NewEvent =>
  printFailed(job, at, SYSTEM, { error, reason: HUB_RESTART_REASON, number });

export interface PrintRecovery {
  /** Network jobs found queued or sent, now failed. */
  interrupted: PrintJob[];
  /** Kiosk tickets that had no print job, now with a failed copy 1. */
  missed: PrintJob[];
}

/**
 * `startedAt` is when this hub's print dispatch started listening: anything
 * at or after it is the live dispatch's business and is not touched.
 */
export async function recoverPrintJobs(deps: AppDeps, props: { startedAt: number }): Promise<PrintRecovery> {
  const interrupted = await failInterruptedJobs(deps, props.startedAt);
  const missed: PrintJob[] = [];
  for (const hall of await deps.store.listHalls()) {
    for (const e of await kioskIssuesSince(deps, hall.id, props.startedAt - MISSED_TICKET_WINDOW_MS)) {
      if (e.at >= props.startedAt) continue;
      const job = await recordMissedPrint(deps, e);
      if (job) missed.push(job);
    }
  }
  return { interrupted, missed };
}

async function failInterruptedJobs(deps: AppDeps, startedAt: number): Promise<PrintJob[]> {
  const failed: PrintJob[] = [];
  for (const job of await deps.store.listPrintJobs({ statuses: ['queued', 'sent'] })) {
    if (job.createdAt >= startedAt) continue;
    const target = await targetOfDevice(() => deps.store.listDevices(job.hallId), job.deviceId);
    if (target?.kind === 'agent') continue;
    const ticket = await deps.store.getTicket(job.ticketId);
    const error = job.status === 'sent' ? INTERRUPTED : NOT_QUEUED;
    const now = deps.now();
    try {
      const { job: saved } = await deps.store.updatePrintJob({
        id: job.id,
        expectedStatuses: ['queued', 'sent'],
        patch: { status: 'failed', error, updatedAt: now },
        events: [failedEvent(job, now, error, ticket?.number ?? '')],
      });
      failed.push(saved);
    } catch (err) {
      // Finished meanwhile (another hub process on the same store): nothing to recover.
      if (!(err instanceof DomainError && err.code === 'conflict')) throw err;
    }
  }
  return failed;
}

/** `ticket.issued` events by devices since `since`, read from the end of the hall's log backwards. */
async function kioskIssuesSince(deps: AppDeps, hallId: string, since: number): Promise<HallEvent[]> {
  const PAGE = 500;
  const found: HallEvent[] = [];
  let upTo = await deps.store.lastSeq(hallId);
  while (upTo > 0) {
    const from = Math.max(0, upTo - PAGE);
    const page = await deps.store.listEvents(hallId, from, upTo - from);
    for (const e of page) {
      if (e.type === 'ticket.issued' && e.actor.type === 'device' && e.ticketId && e.at >= since)
        found.push(e);
    }
    if (page.length === 0 || page[0]!.at < since) break;
    upTo = from;
  }
  return found;
}

async function recordMissedPrint(deps: AppDeps, issued: HallEvent): Promise<PrintJob | null> {
  const kioskId = issued.actor.id;
  if (!kioskId || !issued.ticketId) return null;
  if ((await deps.store.listPrintJobs({ ticketId: issued.ticketId, limit: 1 })).length > 0) return null;
  const target = await kioskPrinter(deps, kioskId);
  const ticket = target ? await deps.store.getTicket(issued.ticketId) : null;
  if (!target || !ticket) return null;
  const now = deps.now();
  const job: PrintJob = {
    id: deps.newId(),
    hallId: ticket.hallId,
    deviceId: target.deviceId,
    ticketId: ticket.id,
    copy: 1,
    status: 'failed',
    attempts: 0,
    error: NOT_QUEUED,
    createdAt: now,
    updatedAt: now,
  };
  try {
    const { job: saved } = await deps.store.createPrintJob(job, [
      failedEvent(job, now, NOT_QUEUED, ticket.number),
    ]);
    return saved;
  } catch (err) {
    // Copy 1 exists after all (made by another process meanwhile): that one stands.
    if (err instanceof DomainError && err.code === 'conflict') return null;
    throw err;
  }
}
