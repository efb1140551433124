import type {
  ActorType,
  Channel,
  HallEvent,
  PriorityCategory,
  QueuedTicket,
  Ticket,
  TicketStatus,
} from '../../domain/index.js';
import { upcastEvent } from '../../domain/index.js';
import { bool, parse } from './rows.js';

/** Ticket and event rows (see rows.ts for the mapping rules). */

export interface TicketRow {
  id: string;
  hall_id: string;
  service_id: string;
  number: string;
  prefix: string;
  seq: number;
  business_day: string;
  categories: string;
  assistance: number;
  channel: string;
  appointment_id: string | null;
  status: string;
  issued_at: number;
  effective_at: number;
  window_id: string | null;
  target_window_id: string | null;
  call_count: number;
  called_at: number | null;
  started_at: number | null;
  ended_at: number | null;
  transfer_count: number;
  status_token: string;
  version: number;
}

export function toTicket(r: TicketRow): Ticket {
  return {
    id: r.id,
    hallId: r.hall_id,
    serviceId: r.service_id,
    number: r.number,
    prefix: r.prefix,
    seq: r.seq,
    businessDay: r.business_day,
    categories: parse<PriorityCategory[]>(r.categories),
    assistance: bool(r.assistance),
    channel: r.channel as Channel,
    appointmentId: r.appointment_id,
    status: r.status as TicketStatus,
    issuedAt: r.issued_at,
    effectiveAt: r.effective_at,
    windowId: r.window_id,
    targetWindowId: r.target_window_id,
    callCount: r.call_count,
    calledAt: r.called_at,
    startedAt: r.started_at,
    endedAt: r.ended_at,
    transferCount: r.transfer_count,
    statusToken: r.status_token,
    version: r.version,
  };
}

/** The columns call-next and the ETA need: enough to route and order, no more. */
export const QUEUED_COLUMNS =
  'id, service_id, categories, assistance, target_window_id, effective_at, issued_at, number';

export type QueuedRow = Pick<
  TicketRow,
  | 'id'
  | 'service_id'
  | 'categories'
  | 'assistance'
  | 'target_window_id'
  | 'effective_at'
  | 'issued_at'
  | 'number'
>;

export function toQueued(r: QueuedRow): QueuedTicket {
  return {
    id: r.id,
    serviceId: r.service_id,
    categories: parse<PriorityCategory[]>(r.categories),
    assistance: bool(r.assistance),
    targetWindowId: r.target_window_id,
    effectiveAt: r.effective_at,
    issuedAt: r.issued_at,
    number: r.number,
  };
}

export interface EventRow {
  hall_id: string;
  seq: number;
  type: string;
  at: number;
  actor_type: string;
  actor_id: string | null;
  ticket_id: string | null;
  window_id: string | null;
  from_state: string | null;
  to_state: string | null;
  data: string;
}

/** Rows of any version are read through the upcaster, so old logs read as today's events. */
export function toEvent(r: EventRow): HallEvent {
  return upcastEvent({
    seq: r.seq,
    hallId: r.hall_id,
    type: r.type,
    at: r.at,
    actor: { type: r.actor_type as ActorType, id: r.actor_id },
    ticketId: r.ticket_id,
    windowId: r.window_id,
    from: r.from_state,
    to: r.to_state,
    data: parse<unknown>(r.data),
  });
}
