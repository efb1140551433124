import {
  DomainError,
  businessDay,
  type Hall,
  type RoutingContext,
  type Service,
  type ServiceWindow,
  type Ticket,
} from '../domain/index.js';
import type { AppDeps } from './deps.js';

/** Loads that every use case does the same way, each failing with `not_found`. */

export async function requireHall(deps: AppDeps, hallId: string): Promise<Hall> {
  const hall = await deps.store.getHall(hallId);
  if (!hall) throw new DomainError('not_found', `No hall ${hallId}.`, { hallId });
  return hall;
}

export async function requireWindow(deps: AppDeps, windowId: string): Promise<ServiceWindow> {
  const w = await deps.store.getWindow(windowId);
  if (!w) throw new DomainError('not_found', `No window ${windowId}.`, { windowId });
  return w;
}

export async function requireService(deps: AppDeps, serviceId: string, hallId?: string): Promise<Service> {
  const s = await deps.store.getService(serviceId);
  if (!s || (hallId !== undefined && s.hallId !== hallId)) {
    throw new DomainError('not_found', `No matter ${serviceId} in this hall.`, { serviceId });
  }
  return s;
}

export async function requireTicket(deps: AppDeps, ticketId: string, hallId?: string): Promise<Ticket> {
  const t = await deps.store.getTicket(ticketId);
  if (!t || (hallId !== undefined && t.hallId !== hallId)) {
    throw new DomainError('not_found', `No ticket ${ticketId}.`, { ticketId });
  }
  return t;
}

export async function routingContext(deps: AppDeps, hallId: string): Promise<RoutingContext> {
  const [services, windows] = await Promise.all([
    deps.store.listServices(hallId),
    deps.store.listWindows(hallId),
  ]);
  return { services, windows };
}

export function today(deps: AppDeps, hall: Hall): string {
  return businessDay(deps.now(), hall.timeZone);
}
