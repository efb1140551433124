import type { ServiceWindow, Ticket } from '../../domain/index.js';
import type { DeviceKind } from '../../domain/index.js';

/**
 * A window as a device at it sees it (`GET /api/v1/windows/:id` with a device
 * token). Device tokens sit in page addresses and on unattended machines, so
 * each kind gets only what its own screen shows: never who works the window,
 * nor which priority categories or assistance a citizen declared.
 */
export interface DeviceWindowView {
  window: Pick<ServiceWindow, 'id' | 'hallId' | 'number' | 'name' | 'kind' | 'state' | 'pauseReason'>;
  current: { id: string; number: string; status: Ticket['status']; calledAt: number | null } | null;
  /** Keypad only (its display lists what it can call back and call next); empty for other kinds. */
  held: { id: string; number: string }[];
  next: { id: string; number: string }[];
}

const numbered = (t: { id: string; number: string }) => ({ id: t.id, number: t.number });

export function presentWindowForDevice(
  kind: DeviceKind,
  view: {
    window: ServiceWindow;
    current: Ticket | null;
    held: Ticket[];
    next: { id: string; number: string }[];
  },
): DeviceWindowView {
  const { window: w, current } = view;
  const keypad = kind === 'keypad';
  return {
    window: {
      id: w.id,
      hallId: w.hallId,
      number: w.number,
      name: w.name,
      kind: w.kind,
      state: w.state,
      pauseReason: w.pauseReason,
    },
    current: current
      ? { id: current.id, number: current.number, status: current.status, calledAt: current.calledAt }
      : null,
    held: keypad ? view.held.map(numbered) : [],
    next: keypad ? view.next.map(numbered) : [],
  };
}
