import { callKindOf, countWaiting, presentCall, presentWindow, type AppDeps } from '../app/index.js';
import type { HallEvent, Ticket } from '../domain/index.js';
import type {
  PublicWindow,
  SequencedMessage,
  StaffTicket,
  TicketChangedMessage,
  WaitingCounts,
} from '../protocol/index.js';
import type { CachedHall, DirectoryCache } from './directory-cache.js';

/** One hall event as it leaves the hub: exactly one sequenced message, plus the staff view of its ticket. */
export interface Outgoing {
  message: SequencedMessage;
  ticket: TicketChangedMessage | null;
  /** Windows whose devices get `ticket:changed`. */
  windowIds: string[];
}

/** Configuration that no screen shows: its change moves the seq on without a refetch. */
const UNSEEN_CONFIG = new Set(['device', 'user']);

export type EventFailure = (err: unknown, event: HallEvent) => void;

function staffTicket(t: Ticket): StaffTicket {
  return {
    id: t.id,
    number: t.number,
    status: t.status,
    serviceId: t.serviceId,
    windowId: t.windowId,
    targetWindowId: t.targetWindowId,
    categories: [...t.categories],
    assistance: t.assistance,
    issuedAt: t.issuedAt,
    effectiveAt: t.effectiveAt,
    calledAt: t.calledAt,
    startedAt: t.startedAt,
  };
}

/**
 * Reads made after the batch was committed: counts and windows are the
 * latest state, never older than the event. Each is read once per batch.
 */
class BatchReads {
  private counts: Promise<WaitingCounts> | null = null;
  private readonly windows = new Map<string, Promise<PublicWindow | null>>();
  private readonly tickets = new Map<string, Promise<Ticket | null>>();

  constructor(
    private readonly deps: AppDeps,
    private readonly hall: CachedHall,
  ) {}

  waitingCounts(): Promise<WaitingCounts> {
    this.counts ??= this.deps.store
      .waitingGroups(this.hall.hall.id)
      .then((groups) => countWaiting(groups, this.hall.services));
    return this.counts;
  }

  ticket(id: string): Promise<Ticket | null> {
    let t = this.tickets.get(id);
    if (!t) this.tickets.set(id, (t = this.deps.store.getTicket(id)));
    return t;
  }

  window(id: string): Promise<PublicWindow | null> {
    let w = this.windows.get(id);
    if (!w) this.windows.set(id, (w = this.readWindow(id)));
    return w;
  }

  private async readWindow(id: string): Promise<PublicWindow | null> {
    const w = await this.deps.store.getWindow(id);
    if (!w) return null;
    const current = w.currentTicketId ? await this.ticket(w.currentTicketId) : null;
    return presentWindow(w, current, this.hall.dir);
  }
}

async function publicMessage(e: HallEvent, hall: CachedHall, reads: BatchReads): Promise<SequencedMessage> {
  const base = { seq: e.seq, hallId: e.hallId };
  const config: SequencedMessage = { event: 'hall:config', payload: { ...base, refresh: true } };
  if (e.type === 'config.changed') {
    return { event: 'hall:config', payload: { ...base, refresh: !UNSEEN_CONFIG.has(e.data.entity) } };
  }
  // 整改 steps are for supervisors' screens only, and a booking's steps tell a
  // lobby screen nothing it may show (a check-in reaches it as its ticket's
  // issue): the seq moves on, nothing to refetch.
  if (e.type.startsWith('rectification.') || e.type.startsWith('appointment.'))
    return { event: 'hall:config', payload: { ...base, refresh: false } };
  if (e.type.startsWith('window.')) {
    const window = e.windowId ? await reads.window(e.windowId) : null;
    return window ? { event: 'window:changed', payload: { ...base, cause: e.type, window } } : config;
  }
  const counts = await reads.waitingCounts();
  if (e.type === 'ticket.issued') {
    const { serviceId } = e.data;
    const domain = hall.dir.services.get(serviceId)?.domain ?? '';
    return { event: 'ticket:issued', payload: { ...base, serviceId, domain, counts } };
  }
  const call = callKindOf(e.type)
    ? presentCall(e, hall.dir, e.ticketId ? await reads.ticket(e.ticketId) : null)
    : null;
  if (call) return { event: 'ticket:called', payload: { ...call, hallId: e.hallId, counts } };
  const window = e.windowId ? await reads.window(e.windowId) : null;
  return { event: 'queue:counts', payload: { ...base, cause: e.type, counts, window } };
}

/** Whether the cached names cover this event; if not, the cache is re-read once. */
function namesKnown(e: HallEvent, hall: CachedHall): boolean {
  if (e.windowId && !hall.dir.windows.has(e.windowId)) return false;
  const serviceId = serviceOf(e);
  return serviceId === null || hall.dir.services.has(serviceId);
}

/**
 * The messages for one committed batch of a hall, in seq order. An event
 * that cannot be presented still gets its seq, as `hall:config`, so clients
 * fetch a snapshot instead of waiting for a message that never comes.
 */
export async function buildMessages(
  deps: AppDeps,
  cache: DirectoryCache,
  hallId: string,
  events: readonly HallEvent[],
  onFailure: EventFailure,
): Promise<Outgoing[]> {
  let hall: CachedHall | null = null;
  let loadError: unknown = null;
  try {
    hall = await cache.get(hallId);
    if (hall && !events.every((e) => namesKnown(e, hall as CachedHall))) {
      cache.invalidate(hallId);
      hall = await cache.get(hallId);
    }
  } catch (err) {
    loadError = err;
  }
  const reads = hall ? new BatchReads(deps, hall) : null;
  const out: Outgoing[] = [];
  for (const e of events) {
    try {
      if (!hall || !reads) throw loadError ?? new Error(`Hall ${hallId} is gone.`);
      const message = await publicMessage(e, hall, reads);
      const ticket = e.ticketId && e.type.startsWith('ticket.') ? await reads.ticket(e.ticketId) : null;
      out.push({
        message,
        ticket: ticket ? { seq: e.seq, hallId: e.hallId, cause: e.type, ticket: staffTicket(ticket) } : null,
        windowIds: [
          ...new Set(
            [e.windowId, ticket?.windowId, ticket?.targetWindowId].filter((id): id is string => !!id),
          ),
        ],
      });
    } catch (err) {
      onFailure(err, e);
      const payload = { seq: e.seq, hallId: e.hallId, refresh: true };
      out.push({ message: { event: 'hall:config', payload }, ticket: null, windowIds: [] });
    }
  }
  return out;
}

/** The matter an event names, if it names one. */
function serviceOf(e: HallEvent): string | null {
  switch (e.type) {
    case 'ticket.issued':
    case 'ticket.called':
    case 'ticket.recalled':
    case 'ticket.called_back':
    case 'ticket.completed':
      return e.data.serviceId;
    case 'ticket.transferred':
      return e.data.toServiceId;
    default:
      return null;
  }
}
