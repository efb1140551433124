import {
  estimateWait,
  serviceTimes,
  type QueuedTicket,
  type RoutingContext,
  type WaitEstimate,
} from '../domain/index.js';
import type { AppDeps } from './deps.js';
import { routingContext } from './lookups.js';

/** Live service rates look this far back: long enough to have data, short enough to follow the day. */
const RATE_WINDOW_MS = 3 * 60 * 60_000;

/** The queue as the estimators see it: routing, waiting tickets in order, live service times. */
export interface QueueView {
  ctx: RoutingContext;
  waiting: QueuedTicket[];
  times: Map<string, number>;
  estimate(ticket: QueuedTicket): WaitEstimate;
}

export async function loadQueueView(deps: AppDeps, hallId: string): Promise<QueueView> {
  const [ctx, waiting, samples] = await Promise.all([
    routingContext(deps, hallId),
    deps.store.listWaiting(hallId),
    deps.store.serviceSamples(hallId, deps.now() - RATE_WINDOW_MS),
  ]);
  const times = serviceTimes(ctx.services, samples);
  return { ctx, waiting, times, estimate: (t) => estimateWait(t, waiting, ctx, times) };
}

/** A ticket that would be issued now for a matter, with no priority: the kiosk's estimate. */
export function newcomer(serviceId: string, now: number): QueuedTicket {
  return {
    id: '',
    serviceId,
    categories: [],
    assistance: false,
    targetWindowId: null,
    effectiveAt: now,
    issuedAt: now,
    number: '\uffff',
  };
}
