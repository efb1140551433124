import {
  appointmentCheckedIn,
  CITIZEN,
  DomainError,
  businessDay,
  checkDeclaredCategories,
  effectiveTime,
  isAfterClosing,
  type Actor,
  type Channel,
  type PriorityCategory,
  type PriorityDeclarer,
  type Service,
  type Ticket,
  type WaitEstimate,
} from '../domain/index.js';
import type { Appointment } from '../domain/appointments/index.js';
import type { IssueInput, IssueResult } from '../store/port.js';
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
  /**
   * The booking this ticket checks in (签到), as read when the check-in was
   * decided: it becomes `checked_in` with this ticket in the issue's atomic
   * step, or, when it changed meanwhile, the issue is refused with
   * `conflict` and nothing is written.
   */
  checkIn?: Appointment;
  actor?: Actor;
  /**
   * The client's key for this issue attempt (the `Idempotency-Key` header):
   * repeated with the same request on the same business day it gives back
   * the ticket issued the first time instead of a new number.
   */
  idempotencyKey?: string;
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
  /** The ticket was issued by an earlier request with the same idempotency key. */
  replayed?: boolean;
  /** The booking as checked in by this ticket (`checkIn`). */
  booking?: Appointment;
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
  checkDeclaredCategories(hall.rules, categories, props.declaredBy ?? 'citizen');
  const appointmentId = props.checkIn?.id ?? props.appointmentId ?? null;
  const assistance = props.assistance ?? false;
  const id = deps.newId();
  const actor = props.actor ?? CITIZEN;
  const booking = props.checkIn;
  const input: IssueInput = {
    id,
    hallId: hall.id,
    serviceId: service.id,
    prefix: service.prefix,
    digits: hall.rules.numberDigits,
    businessDay: businessDay(now, hall.timeZone),
    categories,
    assistance,
    channel: props.channel,
    appointmentId,
    issuedAt: now,
    effectiveAt: effectiveTime(now, categories, hall.rules.headStarts, appointmentId !== null),
    statusToken: deps.newSecret(),
    actor,
    ...(booking && {
      checkIn: {
        expectedVersion: booking.version,
        patch: { status: 'checked_in', checkedInAt: now, ticketId: id, updatedAt: now },
        events: [appointmentCheckedIn(booking, id, true, now, actor)],
      },
    }),
  };
  let replayed = false;
  let issued: IssueResult;
  if (props.idempotencyKey === undefined) issued = await deps.store.issueTicket(input);
  else {
    const fingerprint = JSON.stringify({
      serviceId: service.id,
      categories: [...categories].sort(),
      assistance,
      channel: props.channel,
      appointmentId,
    });
    const once = await deps.store.issueTicketOnce(input, { key: props.idempotencyKey, fingerprint });
    if (once.fingerprint !== fingerprint) {
      throw new DomainError(
        'idempotency_key_reused',
        'This Idempotency-Key was already used today for another request; send a new key.',
        { key: props.idempotencyKey },
      );
    }
    replayed = once.replayed;
    issued = once;
  }
  const { ticket } = issued;
  const view = await loadQueueView(deps, hall.id);
  const estimate = await view.estimate(ticket);
  return issued.appointment
    ? { ticket, service, estimate, replayed, booking: issued.appointment }
    : { ticket, service, estimate, replayed };
}
