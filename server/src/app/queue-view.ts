import {
  estimateFromGroups,
  serviceTimes,
  type QueueKey,
  type RoutableTicket,
  type RoutingContext,
  type WaitEstimate,
} from '../domain/index.js';
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
 * completed services, so they are kept per hall until one of those events
 * (in this process) or for at most a second (another hub process's changes).
 * Only the estimates read them; call-next always reads the store.
 */
const SHARED_VIEW_MS = 1000;

interface CachedView {
  until: number;
  ctx: RoutingContext;
  times: Map<string, number>;
}

const caches = new WeakMap<AppDeps, Map<string, CachedView>>();

function cacheOf(deps: AppDeps): Map<string, CachedView> {
  let cache = caches.get(deps);
  if (!cache) {
    const created = new Map<string, CachedView>();
    deps.bus.subscribe(({ hallId, events }) => {
      const stale = events.some(
        (e) => e.type === 'config.changed' || e.type === 'ticket.completed' || e.type.startsWith('window.'),
      );
      if (stale) created.delete(hallId);
    });
    caches.set(deps, (cache = created));
  }
  return cache;
}

async function routingAndTimes(deps: AppDeps, hallId: string): Promise<CachedView> {
  const cache = cacheOf(deps);
  const cached = cache.get(hallId);
  if (cached && cached.until > performance.now()) return cached;
  const [ctx, samples] = await Promise.all([
    routingContext(deps, hallId),
    deps.store.serviceSamples(hallId, deps.now() - RATE_WINDOW_MS),
  ]);
  const view = { until: performance.now() + SHARED_VIEW_MS, ctx, times: serviceTimes(ctx.services, samples) };
  cache.set(hallId, view);
  return view;
}

export async function loadQueueView(deps: AppDeps, hallId: string): Promise<QueueView> {
  const { ctx, times } = await routingAndTimes(deps, hallId);
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
