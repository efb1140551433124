import { renderEscPos } from '@hall-queue/ticket-printer/render.js';
import { buildTicketDocument, printedCopyOf } from '../../app/printing/index.js';
import type { AppDeps } from '../../app/index.js';
import type { PaperWidth } from '@hall-queue/ticket-printer/ticket.js';
import type { PrintJob } from '../../domain/index.js';

/** The ESC/POS bytes of a print job, rendered when it is printed (people ahead and the wait are current then). */
export async function renderJobBytes(
  deps: AppDeps,
  job: PrintJob,
  props: { baseUrl: string; paper: PaperWidth | null },
): Promise<{ bytes: Uint8Array; number: string }> {
  const ticket = await deps.store.getTicket(job.ticketId);
  if (!ticket) throw new Error(`print job ${job.id}: ticket ${job.ticketId} is gone`);
  const jobs = await deps.store.listPrintJobs({ ticketId: ticket.id });
  const { document, paper } = await buildTicketDocument(deps, {
    ticket,
    copy: printedCopyOf(jobs, job),
    baseUrl: props.baseUrl,
  });
  return { bytes: renderEscPos(document, props.paper ?? paper), number: ticket.number };
}
