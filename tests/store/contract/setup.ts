import { afterEach, beforeEach, expect } from 'vitest';
import {
  isDomainError,
  lifecycle,
  type Actor,
  type DomainErrorCode,
  type EligibilityFilter,
  type Hall,
  type Service,
  type ServiceWindow,
  type Ticket,
} from '../../../server/src/domain/index.js';
import type { ClaimRequest, ClaimResult, Store } from '../../../server/src/store/port.js';
import { buildHall, buildIssueInput, buildService, buildWindow, DAY, T0 } from '../../helpers/factories.js';

export type MakeStore = () => Promise<{ store: Store; cleanup: () => Promise<void> }>;

/** A fresh, empty store for every test. */
export function useStore(makeStore: MakeStore): () => Store {
  let current: Awaited<ReturnType<MakeStore>> | undefined;
  beforeEach(async () => {
    current = await makeStore();
  });
  afterEach(async () => {
    await current?.cleanup();
    current = undefined;
  });
  return () => {
    if (!current) throw new Error('The store is only available inside a test.');
    return current.store;
  };
}

/** Resolves to the DomainError code of the rejection, or fails showing what happened instead. */
export async function expectDomainError(promise: Promise<unknown>, code: DomainErrorCode): Promise<void> {
  const outcome = await promise.then(
    (value: unknown) => ({ resolved: value }),
    (err: unknown) => err,
  );
  expect(isDomainError(outcome) ? outcome.code : outcome).toBe(code);
}

export const CLERK: Actor = { type: 'user', id: 'clerk-1' };

export interface SeededHall {
  hall: Hall;
  /** Two ordinary matters, prefixes A-like and B-like. */
  services: [Service, Service];
  /** Two open comprehensive windows. */
  windows: [ServiceWindow, ServiceWindow];
}

export async function seedHall(store: Store, hallOverrides: Partial<Hall> = {}): Promise<SeededHall> {
  const hall = (await store.saveHall(buildHall(hallOverrides), [])).hall;
  const services: [Service, Service] = [
    (await store.saveService(buildService(hall), [])).service,
    (await store.saveService(buildService(hall), [])).service,
  ];
  const windows: [ServiceWindow, ServiceWindow] = [
    (await store.saveWindow(buildWindow(hall), [])).window,
    (await store.saveWindow(buildWindow(hall), [])).window,
  ];
  return { hall, services, windows };
}

export async function issue(
  store: Store,
  service: Service,
  overrides: Parameters<typeof buildIssueInput>[1] = {},
) {
  return (await store.issueTicket(buildIssueInput(service, overrides))).ticket;
}

/** A filter whose single empty clause matches every ticket. */
export function anyFilter(windowId: string, foreignTargets: string[] = []): EligibilityFilter {
  return { windowId, clauses: [{}], foreignTargets };
}

export function claimRequest(window: ServiceWindow, overrides: Partial<ClaimRequest> = {}): ClaimRequest {
  return {
    hallId: window.hallId,
    windowId: window.id,
    filters: [anyFilter(window.id)],
    businessDay: DAY,
    now: T0 + 60_000,
    actor: CLERK,
    idempotencyMs: 2000,
    completeCurrent: false,
    ...overrides,
  };
}

/** Everything a refused change must leave as it was. */
export async function captureState(store: Store, hallId: string) {
  return {
    tickets: await store.listTickets(hallId),
    windows: await store.listWindows(hallId),
    events: await store.listEvents(hallId, 0, 1_000_000),
    seq: await store.lastSeq(hallId),
  };
}

/** Calls `ticket` to `window` the way a "call this number" action would, outside call-next. */
export async function callDirectly(store: Store, ticket: Ticket, window: ServiceWindow, at: number) {
  const change = lifecycle.call(ticket, window.id, at, CLERK);
  return store.updateTicket({
    ticketId: ticket.id,
    expectedVersion: ticket.version,
    patch: change.patch,
    events: [change.event],
    window: { id: window.id, expectedCurrentTicketId: null, currentTicketId: ticket.id },
  });
}

export function claimedTicket(result: ClaimResult): Ticket {
  if (result.kind !== 'claimed') throw new Error(`Expected a claimed ticket, got ${result.kind}.`);
  return result.ticket;
}

/** Starts a called ticket (called → serving). */
export async function startTicket(store: Store, ticket: Ticket, at: number) {
  const change = lifecycle.start(ticket, at, CLERK);
  return (
    await store.updateTicket({
      ticketId: ticket.id,
      expectedVersion: ticket.version,
      patch: change.patch,
      events: [change.event],
    })
  ).ticket;
}
