import {
  CITIZEN,
  DomainError,
  businessDay,
  effectiveTime,
  isAfterClosing,
  type Actor,
  type Channel,
  type PriorityCategory,
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
  const now = deps.now();
  // The end-of-day job expires whatever still waits after closing: a ticket
  // issued then would be void within minutes, so it is refused with a reason,
  // from staff too (serving later is a calendar change: a 延时服务 special day).
  if (isAfterClosing(hall.calendar, now, hall.timeZone)) {
    throw new DomainError(
      'hall_closed',
      'The hall has closed for today; tickets are issued again when it opens.',
    );
  }
  const categories = [...new Set(props.categories ?? [])];
  const appointmentId = props.appointmentId ?? null;
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
