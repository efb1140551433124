import {
  businessDay,
  isCallEvent,
  type HallEvent,
  type Service,
  type ServiceWindow,
  type Ticket,
} from '../domain/index.js';
import {
  MISSED_CALLS_LIMIT,
  RECENT_CALLS_LIMIT,
  type CallKind,
  type CallOut,
  type DisplaySnapshot,
  type PublicWindow,
  type WaitingCounts,
} from '../protocol/index.js';
import type { AppDeps } from './deps.js';
import { requireHall } from './lookups.js';

/**
 * The public view of a hall (lobby boards, counter screens) and the
 * presenters the realtime layer shares with it, so a snapshot and the
 * messages that follow it describe the hall in exactly the same terms.
 * Nothing personal leaves here: numbers, matters, windows and counts.
 */

/** What the presenters look names up in. */
export interface HallDirectory {
  services: ReadonlyMap<string, Service>;
  windows: ReadonlyMap<string, ServiceWindow>;
}

export function directoryOf(services: readonly Service[], windows: readonly ServiceWindow[]): HallDirectory {
  return {
    services: new Map(services.map((s) => [s.id, s])),
    windows: new Map(windows.map((w) => [w.id, w])),
  };
}

const CALL_KINDS: Partial<Record<HallEvent['type'], CallKind>> = {
  'ticket.called': 'call',
  'ticket.recalled': 'recall',
  'ticket.called_back': 'call_back',
};

export function callKindOf(type: HallEvent['type']): CallKind | null {
  return CALL_KINDS[type] ?? null;
}

/** 请A023号到3号窗口办理; a recall is announced as such (重呼) so the citizen knows it is the same number again. */
export function voiceText(ticketNumber: string, windowNumber: number, recall: boolean): string {
  return `${recall ? '重呼，' : ''}请${ticketNumber}号到${windowNumber}号窗口办理`;
}

export function callIdOf(event: Pick<HallEvent, 'hallId' | 'seq'>): string {
  return `${event.hallId}:${event.seq}`;
}

function serviceRef(dir: HallDirectory, serviceId: string) {
  return { id: serviceId, name: dir.services.get(serviceId)?.name ?? '' };
}

/** A call event as a call-out; null for any other event. `ticket` (when found) tells whether it is a priority ticket. */
export function presentCall(
  event: HallEvent,
  dir: HallDirectory,
  ticket: Pick<Ticket, 'categories'> | null = null,
): CallOut | null {
  if (!isCallEvent(event)) return null;
  const kind = callKindOf(event.type);
  if (kind === null) return null;
  const w = event.windowId ? dir.windows.get(event.windowId) : undefined;
  const window = w
    ? { id: w.id, number: w.number, name: w.name, kind: w.kind }
    : { id: event.windowId ?? '', number: 0, name: '', kind: 'comprehensive' as const };
  const { number: ticketNumber, serviceId } = event.data;
  const recall = kind === 'recall';
  return {
    seq: event.seq,
    callId: callIdOf(event),
    ticketNumber,
    window,
    service: serviceRef(dir, serviceId),
    voiceText: voiceText(ticketNumber, window.number, recall),
    recall,
    kind,
    at: event.at,
    priority: (ticket?.categories.length ?? 0) > 0,
  };
}

/** A window with the ticket at it; `current` is that ticket when it is still called or served there. */
export function presentWindow(w: ServiceWindow, current: Ticket | null, dir: HallDirectory): PublicWindow {
  const at =
    current &&
    current.id === w.currentTicketId &&
    (current.status === 'called' || current.status === 'serving')
      ? current
      : null;
  return {
    id: w.id,
    number: w.number,
    name: w.name,
    kind: w.kind,
    state: w.state,
    pauseReason: w.pauseReason,
    current: at
      ? {
          ticketNumber: at.number,
          service: serviceRef(dir, at.serviceId),
          status: at.status as 'called' | 'serving',
          calledAt: at.calledAt ?? 0,
          priority: at.categories.length > 0,
        }
      : null,
  };
}

/** Waiting tickets per matter and per domain; every matter and domain of the hall is listed. */
export function countWaiting(
  waiting: readonly { serviceId: string; count?: number }[],
  services: Iterable<Service>,
): WaitingCounts {
  const counts: WaitingCounts = { total: 0, byService: {}, byDomain: {} };
  const domainOf = new Map<string, string>();
  for (const s of services) {
    counts.byService[s.id] = 0;
    counts.byDomain[s.domain] = 0;
    domainOf.set(s.id, s.domain);
  }
  // Tickets count one each; groups (store.waitingGroups) count their `count`.
  for (const t of waiting) {
    const n = t.count ?? 1;
    counts.total += n;
    counts.byService[t.serviceId] = (counts.byService[t.serviceId] ?? 0) + n;
    const domain = domainOf.get(t.serviceId);
    if (domain !== undefined) counts.byDomain[domain] = (counts.byDomain[domain] ?? 0) + n;
  }
  return counts;
}

export function sortWindows(windows: readonly ServiceWindow[]): ServiceWindow[] {
  return [...windows].sort((a, b) => a.sortOrder - b.sortOrder || a.number - b.number);
}

/**
 * The call-outs after `afterSeq` up to `upToSeq`, oldest first, of the
 * business day of `now`: read from the log backwards, page by page, stopping
 * at the day's first event, so a board that was off overnight is not sent
 * yesterday's calls and the read stays bounded by one day.
 */
async function missedCalls(
  deps: AppDeps,
  props: { hallId: string; timeZone: string; afterSeq: number; upToSeq: number; dir: HallDirectory },
): Promise<CallOut[]> {
  const PAGE = 1000;
  const today = businessDay(deps.now(), props.timeZone);
  const newestFirst: CallOut[] = [];
  let upTo = props.upToSeq;
  while (upTo > props.afterSeq && newestFirst.length < MISSED_CALLS_LIMIT) {
    const from = Math.max(props.afterSeq, upTo - PAGE);
    const page = await deps.store.listEvents(props.hallId, from, upTo - from);
    let dayStart = false;
    for (const e of page.reverse()) {
      if (e.seq > props.upToSeq) continue;
      if (businessDay(e.at, props.timeZone) !== today) {
        dayStart = true;
        break;
      }
      const call = presentCall(e, props.dir);
      if (call && newestFirst.length < MISSED_CALLS_LIMIT) newestFirst.push(call);
    }
    if (dayStart || page.length === 0) break;
    upTo = from;
  }
  return newestFirst.reverse();
}

/**
 * The public snapshot a display starts from; `seq` is the last event it
 * reflects. With `sinceSeq` (the last seq the display has), it also carries
 * the calls the display missed since then (`missedCalls`).
 */
export async function hallSnapshot(
  deps: AppDeps,
  props: { hallId: string; recentCalls?: number; sinceSeq?: number },
): Promise<DisplaySnapshot> {
  const hall = await requireHall(deps, props.hallId);
  const services = await deps.store.listServices(hall.id);
  const snap = await deps.store.hallSnapshot(hall.id, props.recentCalls ?? RECENT_CALLS_LIMIT);
  const dir = directoryOf(services, snap.windows);
  const tickets = new Map(snap.activeTickets.map((t) => [t.id, t]));
  // Recent calls may be of tickets already finished: read those few to mark priority calls.
  const callTickets = new Map(tickets);
  await Promise.all(
    snap.recentCalls.map(async (e) => {
      if (e.ticketId && !callTickets.has(e.ticketId)) {
        const t = await deps.store.getTicket(e.ticketId);
        if (t) callTickets.set(t.id, t);
      }
    }),
  );
  return {
    seq: snap.seq,
    hall: { id: hall.id, name: hall.name },
    windows: sortWindows(snap.windows).map((w) =>
      presentWindow(w, w.currentTicketId ? (tickets.get(w.currentTicketId) ?? null) : null, dir),
    ),
    recentCalls: snap.recentCalls.flatMap(
      (e) => presentCall(e, dir, e.ticketId ? (callTickets.get(e.ticketId) ?? null) : null) ?? [],
    ),
    counts: countWaiting(snap.waiting, services),
    at: deps.now(),
    ...(props.sinceSeq !== undefined
      ? {
          missedCalls: await missedCalls(deps, {
            hallId: hall.id,
            timeZone: hall.timeZone,
            afterSeq: props.sinceSeq,
            upToSeq: snap.seq,
            dir,
          }),
        }
      : {}),
  };
}
