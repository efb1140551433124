import {
  newEvent,
  DomainError,
  matchesFilter,
  windowFilters,
  type Actor,
  type ServiceWindow,
} from '../../domain/index.js';
import type { Device } from '../../domain/index.js';
import { canActOnWindow } from '../auth/index.js';
import { callNext } from '../call-next.js';
import type { AppDeps } from '../deps.js';
import { requireWindow, routingContext } from '../lookups.js';
import { changeWindowState } from '../window-state.js';
import type { KeypadCommand } from './keypad-contract.js';
import {
  callSpecific,
  completeTicket,
  markNoShow,
  recallTicket,
  startService,
  transferTicket,
} from '../window-ticket.js';

/**
 * A key pressed on a keypad becomes the same window action a clerk's button
 * makes, with the keypad as the actor. The hub's protections apply unchanged
 * (a repeated call-next within the idempotency window returns the same
 * ticket; every ticket change is compare-and-set), so a double press or a
 * press at the same moment as the console never skips a citizen.
 *
 * Every press leaves a trace in the log: a successful one as the ticket or
 * window event it caused, any other (refused, nothing waiting, not bound) as
 * a `device.status` event with the keypad as the actor.
 */

export const KEYPAD_PAUSE_REASON = '暂停服务（键盘）';
export const KEYPAD_TRANSFER_REASON = '键盘转窗口';

export interface KeypadPressResult {
  outcome: 'done' | 'repeated' | 'empty' | 'refused' | 'unbound';
  action: KeypadCommand['action'];
  /** The ticket at the window after the press, for the keypad's display. */
  ticketNumber: string | null;
  /** Tickets this window could call now. */
  waiting: number | null;
  /** The refusal's error code. */
  code: string | null;
}

type PressReport = { status: string; action: string | null; code?: string | null };

async function record(deps: AppDeps, device: Device, report: PressReport): Promise<void> {
  await deps.store.appendEvents([
    newEvent(
      'device.status',
      {
        hallId: device.hallId,
        at: deps.now(),
        actor: { type: 'device', id: device.id },
        windowId: device.windowId,
      },
      {
        source: 'keypad',
        deviceId: device.id,
        pressId: deps.newId(),
        status: report.status,
        action: report.action,
        code: report.code ?? null,
      },
    ),
  ]);
}

/** How many waiting tickets this window could call: what the keypad's display shows. */
export async function eligibleWaiting(deps: AppDeps, window: ServiceWindow): Promise<number> {
  const [ctx, waiting] = await Promise.all([
    routingContext(deps, window.hallId),
    deps.store.listWaiting(window.hallId),
  ]);
  const filters = windowFilters(window, ctx);
  return waiting.filter((t) => filters.some((f) => matchesFilter(f, t))).length;
}

async function act(
  deps: AppDeps,
  window: ServiceWindow,
  device: Device,
  command: KeypadCommand,
  actor: Actor,
): Promise<'done' | 'repeated' | 'empty'> {
  const props = { windowId: window.id, actor };
  switch (command.action) {
    case 'call_next': {
      const r = await callNext(deps, props);
      return r.outcome === 'called' ? 'done' : r.outcome;
    }
    case 'recall':
      await recallTicket(deps, props);
      return 'done';
    case 'start':
      await startService(deps, props);
      return 'done';
    case 'complete':
      await completeTicket(deps, props);
      return 'done';
    case 'no_show':
      await markNoShow(deps, props);
      return 'done';
    case 'pause':
      await changeWindowState(deps, { ...props, move: 'pause', reason: KEYPAD_PAUSE_REASON });
      return 'done';
    case 'resume':
      await changeWindowState(deps, { ...props, move: 'resume' });
      return 'done';
    case 'transfer': {
      // A keypad types the number of the window to send the citizen to.
      const number = Number(command.typed);
      const target = (await deps.store.listWindows(window.hallId)).find(
        (w) => /^\d{1,4}$/.test(command.typed) && w.number === number,
      );
      if (!target) throw new DomainError('invalid_transfer', `Type the number of a window, then transfer.`);
      await transferTicket(deps, { ...props, targetWindowId: target.id, reason: KEYPAD_TRANSFER_REASON });
      return 'done';
    }
    case 'call_number': {
      const typed = /^\d+$/.test(command.typed)
        ? `${typeof device.config.prefix === 'string' ? device.config.prefix : 'A'}${command.typed}`
        : command.typed;
      await callSpecific(deps, { ...props, number: typed });
      return 'done';
    }
  }
}

export async function pressKeypad(
  deps: AppDeps,
  props: { deviceId: string; command: KeypadCommand },
): Promise<KeypadPressResult> {
  const { command } = props;
  const base = { action: command.action, ticketNumber: null, waiting: null, code: null };
  const device = await deps.store.getDevice(props.deviceId);
  if (!device || device.kind !== 'keypad' || device.revokedAt !== null) {
    return { ...base, outcome: 'refused', code: 'forbidden' };
  }
  if (!device.windowId) {
    await record(deps, device, { status: 'unbound_press', action: command.action });
    return { ...base, outcome: 'unbound', code: 'unbound' };
  }
  const bound = await requireWindow(deps, device.windowId);
  if (!canActOnWindow({ kind: 'device', device }, bound)) {
    await record(deps, device, { status: 'refused', action: command.action, code: 'forbidden' });
    return { ...base, outcome: 'refused', code: 'forbidden' };
  }
  let outcome: KeypadPressResult['outcome'];
  let code: string | null = null;
  try {
    outcome = await act(deps, bound, device, command, { type: 'device', id: device.id });
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    outcome = 'refused';
    code = err.code;
  }
  if (outcome !== 'done')
    await record(deps, device, { status: outcome, action: command.action, ...(code ? { code } : {}) });
  const window = await requireWindow(deps, bound.id);
  const current = window.currentTicketId ? await deps.store.getTicket(window.currentTicketId) : null;
  return {
    outcome,
    action: command.action,
    ticketNumber: current?.number ?? null,
    waiting: await eligibleWaiting(deps, window),
    code,
  };
}
