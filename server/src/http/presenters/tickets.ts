import type { IssuedTicket } from '../../app/index.js';
import type { Ticket } from '../../domain/index.js';
import type { IssuedTicketView, StaffTicketView } from '../../protocol/http.js';

export type { IssuedTicketView, StaffTicketView } from '../../protocol/http.js';

/**
 * Tickets for staff screens, and the one answer a citizen gets when taking a
 * ticket. The status token leaves the hub once, in that answer; staff views
 * never carry it (it is the citizen's key to the status page).
 */

export function presentTicket(t: Ticket): StaffTicketView {
  return {
    id: t.id,
    hallId: t.hallId,
    serviceId: t.serviceId,
    number: t.number,
    businessDay: t.businessDay,
    status: t.status,
    categories: [...t.categories],
    assistance: t.assistance,
    channel: t.channel,
    issuedAt: t.issuedAt,
    effectiveAt: t.effectiveAt,
    windowId: t.windowId,
    targetWindowId: t.targetWindowId,
    callCount: t.callCount,
    calledAt: t.calledAt,
    startedAt: t.startedAt,
    endedAt: t.endedAt,
    transferCount: t.transferCount,
  };
}

export function presentIssued({ ticket, service, estimate }: IssuedTicket): IssuedTicketView {
  return {
    number: ticket.number,
    status: ticket.status,
    hallId: ticket.hallId,
    service: { id: service.id, name: service.name, domain: service.domain },
    issuedAt: ticket.issuedAt,
    priority: ticket.categories.length > 0,
    assistance: ticket.assistance,
    channel: ticket.channel,
    ahead: estimate.ahead,
    estimatedMinutes: estimate.minutes,
    statusToken: ticket.statusToken,
  };
}
