import { isPriority } from './ordering.js';
import type { Service, ServiceWindow, Ticket } from './types.js';

/**
 * Which tickets a window may call (DESIGN.md §4). The answer is data, not a
 * closure, so a store can turn it into its own query; `matchesFilter` is the
 * reference meaning of that data.
 */
export interface EligibilityClause {
  /** The ticket's matter is one of these; absent means any matter. */
  serviceIds?: string[];
  /** The ticket has (true) or has not (false) a priority category; absent means either. */
  priority?: boolean;
  /** The ticket asked (true) or did not ask (false) for assistance; absent means either. */
  assistance?: boolean;
}

export interface EligibilityFilter {
  windowId: string;
  /** A ticket matches when any clause matches. */
  clauses: EligibilityClause[];
  /** Tickets transferred to one of these windows wait for it and are not ours. */
  foreignTargets: string[];
}

export type RoutableTicket = Pick<Ticket, 'serviceId' | 'categories' | 'assistance' | 'targetWindowId'>;

export interface RoutingContext {
  services: readonly Service[];
  windows: readonly ServiceWindow[];
}

export function matchesFilter(filter: EligibilityFilter, t: RoutableTicket): boolean {
  if (t.targetWindowId !== null) {
    if (t.targetWindowId === filter.windowId) return true;
    if (filter.foreignTargets.includes(t.targetWindowId)) return false;
  }
  return filter.clauses.some(
    (c) =>
      (c.serviceIds === undefined || c.serviceIds.includes(t.serviceId)) &&
      (c.priority === undefined || isPriority(t) === c.priority) &&
      (c.assistance === undefined || t.assistance === c.assistance),
  );
}

/**
 * What a ticket must have to be able to match a filter, for a store to read
 * fewer tickets: sent to the filter's window, or one of these matters. Null
 * when some clause takes any matter (every ticket is a candidate). A superset:
 * `matchesFilter` still decides.
 */
export function filterCandidates(
  filter: EligibilityFilter,
): { windowId: string; serviceIds: string[] } | null {
  const ids = new Set<string>();
  for (const c of filter.clauses) {
    if (c.serviceIds === undefined) return null;
    for (const id of c.serviceIds) ids.add(id);
  }
  return { windowId: filter.windowId, serviceIds: [...ids] };
}

/** A window takes part in routing unless it is closed: a paused window comes back. */
function available(w: ServiceWindow): boolean {
  return w.state !== 'closed';
}

/** The matters a window serves by its kind and configuration (not counting overflow). */
function ownServiceIds(w: ServiceWindow, services: readonly Service[]): string[] {
  const ids = new Set(w.serviceIds);
  for (const s of services) {
    if (w.kind === 'domain' && !s.dedicated && w.domains.includes(s.domain)) ids.add(s.id);
    if (w.kind === 'cross_region' && s.crossRegion) ids.add(s.id);
    if (w.kind === 'cannot_handle' && s.cannotHandle) ids.add(s.id);
  }
  return [...ids];
}

/**
 * What a comprehensive window takes: every non-dedicated matter, plus the
 * dedicated matters that no available window serves (so nobody is stranded
 * by a closed special window). While a help desk is available, tickets that
 * asked for assistance wait for it.
 */
function comprehensiveClauses(self: ServiceWindow, ctx: RoutingContext): EligibilityClause[] {
  const served = new Set<string>();
  for (const w of ctx.windows) {
    if (w.id !== self.id && available(w)) {
      for (const id of ownServiceIds(w, ctx.services)) served.add(id);
    }
  }
  const open = ctx.services.filter((s) => !s.dedicated).map((s) => s.id);
  const stranded = ctx.services.filter((s) => s.dedicated && !served.has(s.id)).map((s) => s.id);
  const helpDesk = ctx.windows.some((w) => w.id !== self.id && w.kind === 'assisted' && available(w));
  const clauses: EligibilityClause[] = [
    helpDesk ? { serviceIds: open, assistance: false } : { serviceIds: open },
  ];
  if (stranded.length > 0) clauses.push({ serviceIds: stranded });
  return clauses;
}

/**
 * The filters a window tries in order when it calls next: its speciality,
 * then (if it takes overflow) what a comprehensive window would take.
 */
export function windowFilters(window: ServiceWindow, ctx: RoutingContext): EligibilityFilter[] {
  const foreignTargets = ctx.windows.filter((w) => w.id !== window.id && available(w)).map((w) => w.id);
  const make = (clauses: EligibilityClause[]): EligibilityFilter => ({
    windowId: window.id,
    clauses,
    foreignTargets,
  });
  const helpDesk = ctx.windows.some((w) => w.id !== window.id && w.kind === 'assisted' && available(w));
  const own = ownServiceIds(window, ctx.services);
  const extra: EligibilityClause[] = window.serviceIds.length > 0 ? [{ serviceIds: window.serviceIds }] : [];

  let primary: EligibilityClause[];
  switch (window.kind) {
    case 'comprehensive':
      return [make([...comprehensiveClauses(window, ctx), ...extra])];
    case 'domain':
      primary = [helpDesk ? { serviceIds: own, assistance: false } : { serviceIds: own }];
      break;
    case 'green_channel':
      primary = [{ priority: true }, ...extra];
      break;
    case 'assisted':
      primary = [{ assistance: true }, ...extra];
      break;
    case 'cross_region':
    case 'cannot_handle':
      primary = [{ serviceIds: own }];
      break;
  }
  const filters = [make(primary)];
  if (window.overflow) filters.push(make(comprehensiveClauses(window, ctx)));
  return filters;
}

/** Whether a window may call this ticket now (speciality or overflow). */
export function isEligible(window: ServiceWindow, t: RoutableTicket, ctx: RoutingContext): boolean {
  return windowFilters(window, ctx).some((f) => matchesFilter(f, t));
}

/** The available windows at which a ticket can be called. */
export function windowsFor(t: RoutableTicket, ctx: RoutingContext): ServiceWindow[] {
  return ctx.windows.filter((w) => available(w) && isEligible(w, t, ctx));
}
