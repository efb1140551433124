import { DomainError, type WindowKind, type WindowState } from '../../domain/index.js';
import type { AppDeps } from '../deps.js';
import { requireHall, requireService, requireWindow } from '../lookups.js';
import { evaluationSettings } from './settings.js';
import { lastCompletedAt } from './submit-evaluation.js';

/**
 * What the counter display at a window shows: the window, the clerk on duty
 * (name and staff number, as the counter plate does), the number being
 * served, and the ticket that can be rated now, if any. No personal data of
 * citizens.
 */
export interface CounterView {
  hall: { id: string; name: string };
  window: {
    id: string;
    number: number;
    name: string;
    kind: WindowKind;
    state: WindowState;
    pauseReason: string | null;
  };
  clerk: { displayName: string; staffNo: string } | null;
  /** `priority`: a 绿色通道 ticket, marked on the counter display (which category stays private). */
  current: {
    number: string;
    status: string;
    service: string;
    calledAt: number | null;
    priority: boolean;
  } | null;
  /** The ticket just completed here and not yet rated, while it can be rated. */
  evaluable: { ticketId: string; number: string; service: string; endedAt: number; until: number } | null;
}

export async function counterView(deps: AppDeps, props: { windowId: string }): Promise<CounterView> {
  const window = await requireWindow(deps, props.windowId);
  const hall = await requireHall(deps, window.hallId);
  const clerk = window.currentClerkId ? await deps.store.getUser(window.currentClerkId) : null;
  const current = window.currentTicketId ? await deps.store.getTicket(window.currentTicketId) : null;
  const settings = await evaluationSettings(deps, hall.id);
  const last = await lastCompletedAt(deps, window.id);
  const until = last?.endedAt ? last.endedAt + settings.acceptMinutes * 60_000 : 0;
  const open = last && deps.now() <= until && !(await deps.store.getEvaluationByTicket(last.id));
  const serviceName = async (id: string) => (await requireService(deps, id).catch(() => null))?.name ?? '';
  if (current && current.hallId !== hall.id) throw new DomainError('conflict', 'Window and ticket disagree.');
  return {
    hall: { id: hall.id, name: hall.name },
    window: {
      id: window.id,
      number: window.number,
      name: window.name,
      kind: window.kind,
      state: window.state,
      pauseReason: window.pauseReason,
    },
    clerk: clerk ? { displayName: clerk.displayName, staffNo: clerk.staffNo } : null,
    current: current
      ? {
          number: current.number,
          status: current.status,
          service: await serviceName(current.serviceId),
          calledAt: current.calledAt,
          priority: current.categories.length > 0,
        }
      : null,
    evaluable:
      open && last?.endedAt
        ? {
            ticketId: last.id,
            number: last.number,
            service: await serviceName(last.serviceId),
            endedAt: last.endedAt,
            until,
          }
        : null,
  };
}
