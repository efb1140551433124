import { SYSTEM, isAfterClosing, lifecycle, type Ticket } from '../domain/index.js';
import type { AppDeps } from './deps.js';
import { requireHall, today } from './lookups.js';

/**
 * End of day: tickets still waiting (or called, or held) after closing are
 * closed as expired, each with its event; nothing is deleted. Tickets of
 * earlier days are always expired. A ticket being served is left to its clerk.
 */
export async function expireDay(deps: AppDeps, props: { hallId: string }): Promise<Ticket[]> {
  const hall = await requireHall(deps, props.hallId);
  const now = deps.now();
  const day = today(deps, hall);
  const closed = isAfterClosing(hall.calendar, now, hall.timeZone);
  const open = await deps.store.listTickets(hall.id, { statuses: ['waiting', 'called', 'held'] });
  const expired: Ticket[] = [];
  for (const t of open) {
    if (t.businessDay > day || (t.businessDay === day && !closed)) continue;
    const change = lifecycle.expire(t, now, SYSTEM);
    const wasCurrent = t.status === 'called' && t.windowId !== null;
    try {
      const { ticket } = await deps.store.updateTicket({
        ticketId: t.id,
        expectedVersion: t.version,
        patch: change.patch,
        events: [change.event],
        ...(wasCurrent && t.windowId
          ? { window: { id: t.windowId, expectedCurrentTicketId: t.id, currentTicketId: null } }
          : {}),
      });
      expired.push(ticket);
    } catch (err) {
      // A clerk acted on the ticket meanwhile: theirs wins; the next run looks again.
      if (!(err instanceof Error && 'code' in err && err.code === 'conflict')) throw err;
    }
  }
  return expired;
}
