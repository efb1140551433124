import { DomainError, type Actor, type HallEvent, type Ticket } from '../../domain/index.js';
import type { Device, Evaluation, EvaluationLevel } from '../../domain/index.js';
import type { AppDeps } from '../deps.js';
import { requireHall, requireWindow, today } from '../lookups.js';
import { isNegative, type EvaluationReason } from './reasons.js';
import { evaluationSettings } from './settings.js';

/**
 * 一次一评: one rating per served ticket, by the citizen. At the window the
 * evaluator device rates only the ticket just completed at its own window,
 * within `acceptMinutes`; by the QR code the citizen rates their own ticket
 * within `qrAcceptMinutes`. Staff never rate: the console has no rating
 * button and the routes refuse people's credentials.
 */

export interface RatingInput {
  level: EvaluationLevel;
  reasons: EvaluationReason[];
  comment: string;
}

function checkRating(input: RatingInput): void {
  if (isNegative(input.level) && input.reasons.length === 0) {
    throw new DomainError('invalid_state', 'A rating of 不满意 or 非常不满意 needs a reason.', {
      level: input.level,
    });
  }
}

/**
 * Who served the ticket: the person who last started, completed or called it
 * (an action is credited to whoever did it, not to whoever opened the
 * window). A keypad or a job acting alone leaves it to the window's clerk.
 */
function servedBy(events: readonly HallEvent[]): string | null {
  for (const e of [...events].reverse()) {
    const serving =
      e.type === 'ticket.completed' ||
      e.type === 'ticket.started' ||
      e.type === 'ticket.called' ||
      e.type === 'ticket.called_back';
    if (serving && e.actor.type === 'user' && e.actor.id) return e.actor.id;
  }
  return null;
}

async function save(
  deps: AppDeps,
  ticket: Ticket,
  input: RatingInput,
  via: { channel: Evaluation['channel']; deviceId: string | null; actor: Actor },
): Promise<Evaluation> {
  checkRating(input);
  const window = ticket.windowId ? await deps.store.getWindow(ticket.windowId) : null;
  const negative = isNegative(input.level);
  const evaluation: Evaluation = {
    id: deps.newId(),
    hallId: ticket.hallId,
    ticketId: ticket.id,
    serviceId: ticket.serviceId,
    windowId: ticket.windowId,
    clerkId: servedBy(await deps.store.listTicketEvents(ticket.id)) ?? window?.currentClerkId ?? null,
    level: input.level,
    reasons: isNegative(input.level) ? [...input.reasons] : [],
    comment: input.comment.trim(),
    channel: via.channel,
    deviceId: via.deviceId,
    at: deps.now(),
  };
  const { evaluation: saved } = await deps.store.saveEvaluation(evaluation, [
    {
      hallId: ticket.hallId,
      type: 'evaluation.submitted',
      at: evaluation.at,
      actor: via.actor,
      ticketId: ticket.id,
      windowId: ticket.windowId,
      from: null,
      to: null,
      data: {
        evaluationId: evaluation.id,
        level: evaluation.level,
        channel: evaluation.channel,
        // Flag for the follow-up (整改) of a 差评.
        negative,
        reasons: negative ? evaluation.reasons : [],
      },
    },
  ]);
  return saved;
}

async function alreadyRated(deps: AppDeps, ticket: Ticket): Promise<void> {
  if (await deps.store.getEvaluationByTicket(ticket.id))
    throw new DomainError('conflict', `Ticket ${ticket.number} has been rated already (一次一评).`);
}

/** The ticket completed last at this window today, or null. */
export async function lastCompletedAt(deps: AppDeps, windowId: string): Promise<Ticket | null> {
  const window = await requireWindow(deps, windowId);
  const hall = await requireHall(deps, window.hallId);
  const done = await deps.store.listTickets(hall.id, {
    statuses: ['completed'],
    windowId: window.id,
    businessDay: today(deps, hall),
  });
  return done.reduce<Ticket | null>((a, t) => (!a || (t.endedAt ?? 0) > (a.endedAt ?? 0) ? t : a), null);
}

/** A rating on the evaluator of the window where the ticket was just completed. */
export async function rateAtWindow(
  deps: AppDeps,
  props: { device: Device; ticketId: string } & RatingInput,
): Promise<Evaluation> {
  const { device } = props;
  if (!device.windowId || !(device.kind === 'evaluator' || device.kind === 'display'))
    throw new DomainError('invalid_state', 'Only an evaluator bound to a window takes ratings.');
  const last = await lastCompletedAt(deps, device.windowId);
  if (!last || last.id !== props.ticketId)
    throw new DomainError(
      'invalid_state',
      'Only the ticket just completed at this window can be rated here.',
    );
  const settings = await evaluationSettings(deps, device.hallId);
  if (deps.now() - (last.endedAt ?? 0) > settings.acceptMinutes * 60_000)
    throw new DomainError('invalid_state', `Ratings are taken within ${settings.acceptMinutes} minutes.`);
  await alreadyRated(deps, last);
  return save(deps, last, props, {
    channel: 'evaluator',
    deviceId: device.id,
    actor: { type: 'device', id: device.id },
  });
}

export interface RatingState {
  canRate: boolean;
  rated: boolean;
  level: EvaluationLevel | null;
  /** Until when the ticket can be rated (epoch ms), once completed. */
  until: number | null;
}

async function ratingStateOf(deps: AppDeps, ticket: Ticket): Promise<RatingState> {
  const existing = await deps.store.getEvaluationByTicket(ticket.id);
  const settings = await evaluationSettings(deps, ticket.hallId);
  const until =
    ticket.status === 'completed' && ticket.endedAt
      ? ticket.endedAt + settings.qrAcceptMinutes * 60_000
      : null;
  return {
    canRate: !existing && until !== null && deps.now() <= until,
    rated: existing !== null,
    level: existing?.level ?? null,
    until,
  };
}

async function ticketByToken(deps: AppDeps, statusToken: string): Promise<Ticket> {
  const ticket = await deps.store.getTicketByToken(statusToken);
  if (!ticket) throw new DomainError('not_found', 'No ticket for this code.');
  return ticket;
}

export async function ratingState(deps: AppDeps, props: { statusToken: string }): Promise<RatingState> {
  return ratingStateOf(deps, await ticketByToken(deps, props.statusToken));
}

/** A rating from the citizen's phone, by the status token of the QR code. */
export async function rateByToken(
  deps: AppDeps,
  props: { statusToken: string } & RatingInput,
): Promise<Evaluation> {
  const ticket = await ticketByToken(deps, props.statusToken);
  if (ticket.status !== 'completed')
    throw new DomainError(
      'invalid_state',
      `Ticket ${ticket.number} is ${ticket.status}; rate it once served.`,
    );
  await alreadyRated(deps, ticket);
  const state = await ratingStateOf(deps, ticket);
  if (!state.canRate) throw new DomainError('invalid_state', 'The time to rate this service has passed.');
  return save(deps, ticket, props, { channel: 'qr', deviceId: null, actor: { type: 'citizen', id: null } });
}
