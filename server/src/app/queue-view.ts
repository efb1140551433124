import {
  estimateFromGroups,
  serviceTimes,
  type QueueKey,
  type RoutableTicket,
  type RoutingContext,
  type WaitEstimate,
  type HallEvent,
} from '../domain/index.js';
import type { Store, Unsubscribe } from '../store/port.js';
import type { AppDeps } from './deps.js';
import { routingContext } from './lookups.js';

/** Live service rates look this far back: long enough to have data, short enough to follow the day. */
const RATE_WINDOW_MS = 3 * 60 * 60_000;

/**
 * The queue as the estimators see it: routing and live service times. The
 * tickets ahead of a ticket are counted by the store in groups, so an
 * estimate costs the same however long the queue is.
 */
export interface QueueView {
  ctx: RoutingContext;
  times: Map<string, number>;
  estimate(ticket: RoutableTicket & QueueKey): Promise<WaitEstimate>;
  /** Estimates for tickets of these matters taken now without priority (the kiosk menu). */
  estimateNewcomers(serviceIds: readonly string[]): Promise<Map<string, WaitEstimate>>;
}

/**
 * Routing and service times change only with configuration, window state and
 * completed services, so they are kept per hall until the followed log (any
 * hub process's writes) carries one of those events. Only the estimates read
 * them; call-next always reads the store.
 */
interface CachedView {
  ctx: RoutingContext;
  times: Map<string, number>;
}

export class QueueViewCache {
  private readonly views = new Map<string, CachedView>();
  private unsubscribe: Unsubscribe | null = null;

  constructor(private readonly store: Store) {}

  async get(deps: AppDeps, hallId: string): Promise<CachedView> {
    // Only a followed log can say when a cached view went stale.
    this.unsubscribe ??= this.store.followEvents({ allHalls: true }, ({ hallId: changed, events }) => {
      if (events.some(invalidates)) this.views.delete(changed);
    });
    const cached = this.views.get(hallId);
    if (cached) return cached;
    const [ctx, samples] = await Promise.all([
      routingContext(deps, hallId),
      deps.store.serviceSamples(hallId, deps.now() - RATE_WINDOW_MS),
    ]);
    const view = { ctx, times: serviceTimes(ctx.services, samples) };
    this.views.set(hallId, view);
    return view;
  }

  close(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.views.clear();
  }
}

function invalidates(e: HallEvent): boolean {
  return e.type === 'config.changed' || e.type === 'ticket.completed' || e.type.startsWith('window.');
}

export async function loadQueueView(deps: AppDeps, hallId: string): Promise<QueueView> {
  const { ctx, times } = await deps.queueViews.get(deps, hallId);
  return {
    ctx,
    times,
    async estimate(ticket) {
      const ahead = await deps.store.waitingGroups(hallId, ticket);
      return estimateFromGroups(ticket, ahead, ctx, times);
    },
    async estimateNewcomers(serviceIds) {
      const now = deps.now();
      const ahead = await deps.store.waitingGroups(hallId, newcomer('', now));
      return new Map(serviceIds.map((id) => [id, estimateFromGroups(newcomer(id, now), ahead, ctx, times)]));
    },
  };
}

/** A ticket that would be issued now for a matter, with no priority: behind everyone now waiting. */
export function newcomer(serviceId: string, now: number): RoutableTicket & QueueKey {
  return {
    serviceId,
    categories: [],
    assistance: false,
    targetWindowId: null,
    effectiveAt: now,
    issuedAt: now,
    number: '\uffff',
  };
}
