import {
  windowMoved,
  DomainError,
  type Actor,
  type ServiceWindow,
  type WindowState,
} from '../domain/index.js';
import type { AppDeps } from './deps.js';
import { requireWindow } from './lookups.js';

/**
 * Opening, pausing, resuming and closing a window. Pausing needs a reason
 * (supervisors read it); a window closes only when no citizen is at it.
 */

interface Move {
  from: readonly WindowState[];
  to: WindowState;
  type: 'window.opened' | 'window.paused' | 'window.resumed' | 'window.closed';
}

const MOVES = {
  open: { from: ['closed'], to: 'open', type: 'window.opened' },
  pause: { from: ['open'], to: 'paused', type: 'window.paused' },
  resume: { from: ['paused'], to: 'open', type: 'window.resumed' },
  close: { from: ['open', 'paused'], to: 'closed', type: 'window.closed' },
} as const satisfies Record<string, Move>;

export type WindowMove = keyof typeof MOVES;

export interface WindowStateProps {
  windowId: string;
  actor: Actor;
  move: WindowMove;
  /** Required for `pause`. */
  reason?: string;
  /** For `open`: the clerk who takes the window. */
  clerkId?: string | null;
}

export async function changeWindowState(deps: AppDeps, props: WindowStateProps): Promise<ServiceWindow> {
  const window = await requireWindow(deps, props.windowId);
  // A window open with nobody at it (the demo's, or after a clerk's session ended) is taken by
  // the clerk who opens it: from then on the window's work is theirs.
  const takesOver =
    props.move === 'open' &&
    window.state === 'open' &&
    window.currentClerkId === null &&
    props.actor.type === 'user' &&
    props.actor.id !== null;
  const move: Move = takesOver ? { ...MOVES.open, from: ['open'] } : MOVES[props.move];
  if (!move.from.includes(window.state)) {
    throw new DomainError(
      'invalid_state',
      `Window ${window.number} is ${window.state}; ${props.move} needs it ${move.from.join(' or ')}.`,
      { windowId: window.id, state: window.state },
    );
  }
  const reason = props.reason?.trim() ?? '';
  if (props.move === 'pause' && reason === '') {
    throw new DomainError('invalid_state', 'A pause needs a reason.', { windowId: window.id });
  }
  if (props.move === 'close' && window.currentTicketId) {
    throw new DomainError('window_busy', `Window ${window.number} still has a citizen; finish first.`, {
      windowId: window.id,
    });
  }
  if (props.move === 'close') {
    // Only this window calls a held citizen back (回呼): closing it would strand them.
    const held = await deps.store.listTickets(window.hallId, { statuses: ['held'], windowId: window.id });
    if (held.length > 0) {
      throw new DomainError(
        'window_busy',
        `Window ${window.number} holds ${held.map((t) => t.number).join(', ')}; call back or cancel first.`,
        { windowId: window.id, held: held.length },
      );
    }
  }
  const patch: { state: WindowState; pauseReason: string | null; currentClerkId?: string | null } = {
    state: move.to,
    pauseReason: props.move === 'pause' ? reason : null,
  };
  if (props.move === 'open')
    patch.currentClerkId = props.clerkId ?? (props.actor.type === 'user' ? props.actor.id : null);
  if (props.move === 'close') patch.currentClerkId = null;
  const { window: updated } = await deps.store.updateWindow({
    windowId: window.id,
    expectedState: window.state,
    ...(props.move === 'close' ? { expectedCurrentTicketId: null, expectNoHeldTickets: true } : {}),
    patch,
    events: [
      windowMoved(
        move.type,
        {
          hallId: window.hallId,
          windowId: window.id,
          at: deps.now(),
          actor: props.actor,
          from: window.state,
          to: move.to,
        },
        { reason, clerkId: patch.currentClerkId ?? null },
      ),
    ],
  });
  return updated;
}
