import { DomainError, type TicketStatus } from '../domain/index.js';
import type { AppDeps } from './deps.js';
import { requireHall } from './lookups.js';
import { loadQueueView } from './queue-view.js';

/** What the citizen's phone shows after scanning the QR code: no personal data. */
export interface TicketStatusView {
  number: string;
  status: TicketStatus;
  hall: { id: string; name: string };
  service: { id: string; name: string; domain: string };
  issuedAt: number;
  /** Only while waiting. */
  ahead: number | null;
  estimatedMinutes: number | null;
  /** While called, served or held: where to go. */
  window: { number: number; name: string } | null;
  calledAt: number | null;
}

export async function ticketStatus(deps: AppDeps, props: { statusToken: string }): Promise<TicketStatusView> {
  const ticket = await deps.store.getTicketByToken(props.statusToken);
  if (!ticket) throw new DomainError('not_found', 'No ticket for this code.');
  const hall = await requireHall(deps, ticket.hallId);
  const view = await loadQueueView(deps, hall.id);
  const service = view.ctx.services.find((s) => s.id === ticket.serviceId);
  const window = view.ctx.windows.find((w) => w.id === ticket.windowId);
  const estimate = ticket.status === 'waiting' ? await view.estimate(ticket) : null;
  return {
    number: ticket.number,
    status: ticket.status,
    hall: { id: hall.id, name: hall.name },
    service: { id: ticket.serviceId, name: service?.name ?? '', domain: service?.domain ?? '' },
    issuedAt: ticket.issuedAt,
    ahead: estimate?.ahead ?? null,
    estimatedMinutes: estimate?.minutes ?? null,
    window: window && ticket.status !== 'waiting' ? { number: window.number, name: window.name } : null,
    calledAt: ticket.calledAt,
  };
}
