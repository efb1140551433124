/**
 * Plain-object builders for domain unit tests: every field has a sensible
 * default and any of them can be overridden, e.g. `buildTicket({ status: 'called' })`.
 * No I/O, no clock: times are fixed numbers.
 */
import {
  defaultDedicated,
  defaultRules,
  formatNumber,
  standardCalendar,
  type Hall,
  type QueueRules,
  type RoutingContext,
  type Service,
  type ServiceWindow,
  type Ticket,
} from '../../server/src/domain/index.js';

export const SECOND = 1_000;
export const MINUTE = 60 * SECOND;

/** Friday 2026-11-27 09:00 in Asia/Shanghai (01:00 UTC), when a standard hall opens. */
export const T0 = Date.UTC(2026, 10, 27, 1, 0, 0);

export const HALL_ID = 'hall-1';

export function buildRules(overrides: Partial<QueueRules> = {}): QueueRules {
  return { ...defaultRules(), ...overrides };
}

export function buildHall(overrides: Partial<Hall> = {}): Hall {
  return {
    id: HALL_ID,
    name: '市政务服务中心',
    level: 'city',
    timeZone: 'Asia/Shanghai',
    calendar: standardCalendar(),
    rules: defaultRules(),
    createdAt: T0,
    updatedAt: T0,
    ...overrides,
  };
}

let serviceSeq = 0;

/** `dedicated` defaults to what the catalogue default would say for the given flags. */
export function buildService(overrides: Partial<Service> = {}): Service {
  serviceSeq += 1;
  const crossRegion = overrides.crossRegion ?? false;
  const cannotHandle = overrides.cannotHandle ?? false;
  return {
    id: `svc-${serviceSeq}`,
    hallId: HALL_ID,
    code: `S${String(serviceSeq).padStart(3, '0')}`,
    name: `事项${serviceSeq}`,
    domain: '社保',
    prefix: 'A',
    crossRegion,
    cannotHandle,
    dedicated: defaultDedicated({ crossRegion, cannotHandle }),
    expectedMinutes: 10,
    pinyin: 'sx',
    enabled: true,
    sortOrder: serviceSeq,
    ...overrides,
  };
}

let windowSeq = 0;

export function buildWindow(overrides: Partial<ServiceWindow> = {}): ServiceWindow {
  windowSeq += 1;
  return {
    id: `win-${windowSeq}`,
    hallId: HALL_ID,
    number: windowSeq,
    name: `${windowSeq}号窗口`,
    kind: 'comprehensive',
    domains: [],
    serviceIds: [],
    overflow: false,
    state: 'open',
    pauseReason: null,
    clerkIds: [],
    currentClerkId: null,
    currentTicketId: null,
    lastCallNextAt: null,
    sortOrder: windowSeq,
    ...overrides,
  };
}

let ticketSeq = 0;

/**
 * A waiting normal ticket issued at T0 unless overridden. `effectiveAt`
 * defaults to `issuedAt` (no head start); `number` defaults from prefix and seq.
 */
export function buildTicket(overrides: Partial<Ticket> = {}): Ticket {
  ticketSeq += 1;
  const prefix = overrides.prefix ?? 'A';
  const seq = overrides.seq ?? ticketSeq;
  const issuedAt = overrides.issuedAt ?? T0;
  return {
    id: `tkt-${ticketSeq}`,
    hallId: HALL_ID,
    serviceId: 'svc-default',
    number: formatNumber(prefix, seq, 3),
    prefix,
    seq,
    businessDay: '2026-11-27',
    categories: [],
    assistance: false,
    channel: 'kiosk',
    appointmentId: null,
    status: 'waiting',
    issuedAt,
    effectiveAt: issuedAt,
    windowId: null,
    targetWindowId: null,
    callCount: 0,
    calledAt: null,
    startedAt: null,
    endedAt: null,
    transferCount: 0,
    statusToken: `token-${ticketSeq}`,
    version: 1,
    ...overrides,
  };
}

export function buildContext(
  services: readonly Service[],
  windows: readonly ServiceWindow[],
): RoutingContext {
  return { services, windows };
}
