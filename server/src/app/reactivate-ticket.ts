import {
  DomainError,
  formatNumber,
  lifecycle,
  parseNumber,
  reactivationEffectiveTime,
  type Actor,
  type Ticket,
} from '../domain/index.js';
import type { AppDeps } from './deps.js';
import { requireHall, routingContext, today } from './lookups.js';

export interface ReactivateProps {
  hallId: string;
  /** The number on the citizen's ticket, or the status token from its QR code. */
  number?: string;
  statusToken?: string;
  actor: Actor;
}

/**
 * 过号重排: a citizen who missed the call comes back within the allowed time
 * and re-enters behind K waiting tickets of its own eligibility group.
 */
export async function reactivateTicket(deps: AppDeps, props: ReactivateProps): Promise<Ticket> {
  const hall = await requireHall(deps, props.hallId);
  let ticket: Ticket | null = null;
  if (props.statusToken) ticket = await deps.store.getTicketByToken(props.statusToken);
  else if (props.number) {
    const parsed = parseNumber(props.number);
    if (parsed) {
      const number = formatNumber(parsed.prefix, parsed.seq, hall.rules.numberDigits);
      ticket = await deps.store.findTicketByNumber(hall.id, today(deps, hall), number);
    }
  }
  if (!ticket || ticket.hallId !== hall.id) throw new DomainError('not_found', 'No such ticket today.');
  // Yesterday's queue is closed: a ticket comes back only on its own business day.
  if (ticket.businessDay !== today(deps, hall)) {
    throw new DomainError(
      'reactivation_expired',
      `Ticket ${ticket.number} was for another day; take a new ticket.`,
      {
        ticketId: ticket.id,
      },
    );
  }

  const [ctx, waiting] = await Promise.all([routingContext(deps, hall.id), deps.store.listWaiting(hall.id)]);
  const now = deps.now();
  const effectiveAt = reactivationEffectiveTime({
    ticket,
    waiting,
    ctx,
    behind: hall.rules.reentryBehind,
    now,
  });
  const change = lifecycle.reactivate(ticket, hall.rules, effectiveAt, now, props.actor);
  const { ticket: updated } = await deps.store.updateTicket({
    ticketId: ticket.id,
    expectedVersion: ticket.version,
    patch: change.patch,
    events: [change.event],
  });
  return updated;
}
