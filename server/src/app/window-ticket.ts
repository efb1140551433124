import {
  DomainError,
  lifecycle,
  parseNumber,
  formatNumber,
  type Actor,
  type ServiceWindow,
  type Ticket,
  type TicketChange,
} from '../domain/index.js';
import type { AppDeps } from './deps.js';
import { requireHall, requireService, requireTicket, requireWindow, today } from './lookups.js';

/**
 * The clerk's actions on the ticket at a window. Each reads the ticket,
 * lets the lifecycle decide, and writes with compare-and-set, so an action
 * that raced with another changes nothing and is refused.
 */

export interface WindowActionProps {
  windowId: string;
  actor: Actor;
}

async function currentTicket(deps: AppDeps, window: ServiceWindow): Promise<Ticket> {
  if (!window.currentTicketId) {
    throw new DomainError('window_has_no_ticket', `Window ${window.number} has no called or served ticket.`, {
      windowId: window.id,
    });
  }
  return requireTicket(deps, window.currentTicketId);
}

async function apply(
  deps: AppDeps,
  ticket: Ticket,
  change: TicketChange,
  window?: ServiceWindow,
): Promise<Ticket> {
  const to = change.patch.status;
  const leaves = lifecycle.leavesWindow(ticket.status, to);
  const enters = lifecycle.entersWindow(ticket.status, to);
  const windowId = window?.id ?? ticket.windowId;
  const { ticket: updated, events } = await deps.store.updateTicket({
    ticketId: ticket.id,
    expectedVersion: ticket.version,
    patch: change.patch,
    events: [change.event],
    ...(windowId && (leaves || enters)
      ? {
          window: {
            id: windowId,
            expectedCurrentTicketId: leaves ? ticket.id : null,
            currentTicketId: enters ? ticket.id : null,
          },
        }
      : {}),
  });
  deps.bus.publish(events);
  return updated;
}

type Decide = (ticket: Ticket, window: ServiceWindow, now: number) => Promise<TicketChange> | TicketChange;

async function onCurrent(deps: AppDeps, props: WindowActionProps, decide: Decide): Promise<Ticket> {
  const window = await requireWindow(deps, props.windowId);
  const ticket = await currentTicket(deps, window);
  return apply(deps, ticket, await decide(ticket, window, deps.now()));
}

export async function recallTicket(deps: AppDeps, props: WindowActionProps): Promise<Ticket> {
  return onCurrent(deps, props, async (t, w, now) => {
    const hall = await requireHall(deps, w.hallId);
    return lifecycle.recall(t, hall.rules, now, props.actor);
  });
}

export async function startService(deps: AppDeps, props: WindowActionProps): Promise<Ticket> {
  return onCurrent(deps, props, (t, _w, now) => lifecycle.start(t, now, props.actor));
}

export async function completeTicket(deps: AppDeps, props: WindowActionProps): Promise<Ticket> {
  return onCurrent(deps, props, (t, _w, now) => lifecycle.complete(t, now, props.actor));
}

export async function markNoShow(deps: AppDeps, props: WindowActionProps): Promise<Ticket> {
  return onCurrent(deps, props, (t, _w, now) => lifecycle.noShow(t, now, props.actor));
}

export async function holdTicket(
  deps: AppDeps,
  props: WindowActionProps & { reason: string },
): Promise<Ticket> {
  return onCurrent(deps, props, (t, _w, now) => lifecycle.hold(t, props.reason, now, props.actor));
}

export interface TransferProps extends WindowActionProps {
  serviceId?: string;
  targetWindowId?: string;
  reason: string;
}

/** Sends the window's ticket to another matter or window; it keeps its issue time and place. */
export async function transferTicket(deps: AppDeps, props: TransferProps): Promise<Ticket> {
  return onCurrent(deps, props, async (t, w, now) => {
    const serviceId = props.serviceId ?? t.serviceId;
    await requireService(deps, serviceId, w.hallId);
    if (props.targetWindowId !== undefined) {
      const target = await requireWindow(deps, props.targetWindowId);
      if (target.hallId !== w.hallId || target.id === w.id) {
        throw new DomainError('invalid_transfer', 'Transfer to another window of the same hall.', {
          targetWindowId: props.targetWindowId,
        });
      }
    }
    return lifecycle.transfer(
      t,
      { serviceId, windowId: props.targetWindowId ?? null, reason: props.reason },
      now,
      props.actor,
    );
  });
}

/** Frees the window for the next call, finishing its ticket first when the hall's rules say so. */
async function freeWindow(deps: AppDeps, window: ServiceWindow, actor: Actor): Promise<void> {
  if (!window.currentTicketId) return;
  const hall = await requireHall(deps, window.hallId);
  let current = await requireTicket(deps, window.currentTicketId);
  if (!hall.rules.completeOnNext) {
    throw new DomainError('window_busy', `Window ${window.number} is still with ${current.number}.`, {
      ticketId: current.id,
    });
  }
  if (current.status === 'called')
    current = await apply(deps, current, lifecycle.start(current, deps.now(), actor));
  await apply(deps, current, lifecycle.complete(current, deps.now(), actor));
}

/** 回呼: a held citizen is back and is called to the window again, ahead of the queue. */
export async function callBackTicket(
  deps: AppDeps,
  props: WindowActionProps & { ticketId: string },
): Promise<Ticket> {
  const window = await requireWindow(deps, props.windowId);
  const ticket = await requireTicket(deps, props.ticketId, window.hallId);
  if (ticket.windowId !== window.id || ticket.status !== 'held') {
    throw new DomainError(
      'invalid_state',
      `Ticket ${ticket.number} is not held at window ${window.number}.`,
      {
        ticketId: ticket.id,
        number: ticket.number,
        status: ticket.status,
      },
    );
  }
  if (window.state !== 'open')
    throw new DomainError('window_not_open', `Window ${window.number} is ${window.state}.`);
  await freeWindow(deps, window, props.actor);
  return apply(deps, ticket, lifecycle.callBack(ticket, deps.now(), props.actor), window);
}

/** Calls a waiting ticket by its number, typed by the clerk. */
export async function callSpecific(
  deps: AppDeps,
  props: WindowActionProps & { number: string },
): Promise<Ticket> {
  const window = await requireWindow(deps, props.windowId);
  const hall = await requireHall(deps, window.hallId);
  if (window.state !== 'open')
    throw new DomainError('window_not_open', `Window ${window.number} is ${window.state}.`);
  const parsed = parseNumber(props.number);
  if (!parsed) throw new DomainError('not_found', `${props.number} is not a ticket number.`);
  const number = formatNumber(parsed.prefix, parsed.seq, hall.rules.numberDigits);
  const ticket = await deps.store.findTicketByNumber(hall.id, today(deps, hall), number);
  if (!ticket) throw new DomainError('not_found', `No ticket ${number} today.`, { number });
  if (ticket.status !== 'waiting') {
    throw new DomainError('invalid_state', `Ticket ${number} is ${ticket.status}, not waiting.`, {
      ticketId: ticket.id,
      status: ticket.status,
    });
  }
  await freeWindow(deps, window, props.actor);
  const change = lifecycle.call(ticket, window.id, deps.now(), props.actor, { specific: true });
  return apply(deps, ticket, change, window);
}

/** Cancels a ticket at the citizen's request or a supervisor's decision. */
export async function cancelTicket(
  deps: AppDeps,
  props: { ticketId: string; hallId?: string; reason: string; actor: Actor },
): Promise<Ticket> {
  const ticket = await requireTicket(deps, props.ticketId, props.hallId);
  return apply(deps, ticket, lifecycle.cancel(ticket, props.reason, deps.now(), props.actor));
}
