import {
  CITIZEN,
  DomainError,
  businessDay,
  checkDeclaredCategories,
  effectiveTime,
  type Actor,
  type Channel,
  type PriorityCategory,
  type PriorityDeclarer,
  type Service,
  type Ticket,
  type WaitEstimate,
} from '../domain/index.js';
import type { AppDeps } from './deps.js';
import { requireHall, requireService } from './lookups.js';
import { loadQueueView } from './queue-view.js';

export interface IssueTicketProps {
  hallId: string;
  serviceId: string;
  categories?: PriorityCategory[];
  assistance?: boolean;
  channel: Channel;
  /** A checked-in appointment near its slot gets the appointment head start. */
  appointmentId?: string | null;
  actor?: Actor;
  /**
   * Who declares the categories: a citizen (kiosk, public API) may declare
   * only the hall's self-declarable ones; staff may give any the hall offers.
   */
  declaredBy?: PriorityDeclarer;
}

export interface IssuedTicket {
  ticket: Ticket;
  service: Service;
  estimate: WaitEstimate;
}

/**
 * Issues a ticket. Nothing about the citizen is asked for: no account, phone,
 * ID number or appointment (不得强制要求先线上预约).
 */
export async function issueTicket(deps: AppDeps, props: IssueTicketProps): Promise<IssuedTicket> {
  const hall = await requireHall(deps, props.hallId);
  const service = await requireService(deps, props.serviceId, hall.id);
  if (!service.enabled) {
    throw new DomainError('service_disabled', `${service.name} is not being issued at the moment.`, {
      serviceId: service.id,
    });
  }
  const categories = [...new Set(props.categories ?? [])];
  checkDeclaredCategories(hall.rules, categories, props.declaredBy ?? 'citizen');
  const appointmentId = props.appointmentId ?? null;
  const now = deps.now();
  const { ticket, events } = await deps.store.issueTicket({
    id: deps.newId(),
    hallId: hall.id,
    serviceId: service.id,
    prefix: service.prefix,
    digits: hall.rules.numberDigits,
    businessDay: businessDay(now, hall.timeZone),
    categories,
    assistance: props.assistance ?? false,
    channel: props.channel,
    appointmentId,
    issuedAt: now,
    effectiveAt: effectiveTime(now, categories, hall.rules.headStarts, appointmentId !== null),
    statusToken: deps.newSecret(),
    actor: props.actor ?? CITIZEN,
  });
  deps.bus.publish(events);
  const view = await loadQueueView(deps, hall.id);
  return { ticket, service, estimate: await view.estimate(ticket) };
}
