import {
  configChanged,
  upcastEvent,
  type Actor,
  type ConfigChangedData,
  type EventType,
} from '../../server/src/domain/index.js';
import { randomUUID } from 'node:crypto';
import {
  CITIZEN,
  defaultDedicated,
  defaultRules,
  standardCalendar,
  type Hall,
  type NewEvent,
  type Service,
  type ServiceWindow,
  type Ticket,
} from '../../server/src/domain/index.js';
import type { Device, IssueInput, Session, User } from '../../server/src/store/port.js';

/**
 * Test factories: each builds a valid object with fresh ids and takes
 * overrides, so a test states only what it is about:
 * `buildWindow(hall, { kind: 'green_channel' })`.
 */

/** Monday 3 March 2025, 09:00 in Asia/Shanghai: the hall has just opened. */
export const T0 = Date.UTC(2025, 2, 3, 1, 0);
export const DAY = '2025-03-03';
export const NEXT_DAY = '2025-03-04';
export const MINUTE = 60_000;

let serial = 0;
const next = (): number => (serial += 1);

export const newId = (kind: string): string => `${kind}-${randomUUID()}`;

/**
 * AA, AB, … ZZ: a fresh two-letter prefix for every matter built, so a test
 * can pick one-letter prefixes (`A`, `B`) without clashing with them.
 */
function prefixFor(n: number): string {
  const k = n % 676;
  return String.fromCharCode(65 + Math.floor(k / 26)) + String.fromCharCode(65 + (k % 26));
}

export function buildHall(overrides: Partial<Hall> = {}): Hall {
  return {
    id: newId('hall'),
    name: `政务服务中心 ${next()}`,
    level: 'county',
    timeZone: 'Asia/Shanghai',
    calendar: standardCalendar(),
    rules: defaultRules(),
    createdAt: T0,
    updatedAt: T0,
    ...overrides,
  };
}

export function buildService(hall: Pick<Hall, 'id'>, overrides: Partial<Service> = {}): Service {
  const n = next();
  const flags = {
    crossRegion: overrides.crossRegion ?? false,
    cannotHandle: overrides.cannotHandle ?? false,
  };
  return {
    id: newId('service'),
    hallId: hall.id,
    code: `SX-${n}`,
    name: `事项 ${n}`,
    domain: '社保',
    prefix: prefixFor(n),
    ...flags,
    dedicated: defaultDedicated(flags),
    expectedMinutes: 10,
    pinyin: 'sx',
    enabled: true,
    sortOrder: n,
    ...overrides,
  };
}

export function buildWindow(hall: Pick<Hall, 'id'>, overrides: Partial<ServiceWindow> = {}): ServiceWindow {
  const n = next();
  return {
    id: newId('window'),
    hallId: hall.id,
    number: n,
    name: `${n} 号窗口`,
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
    sortOrder: n,
    ...overrides,
  };
}

/** What a kiosk asks the store to issue for `service`. */
export function buildIssueInput(
  service: Pick<Service, 'id' | 'hallId' | 'prefix'>,
  overrides: Partial<IssueInput> = {},
): IssueInput {
  const issuedAt = overrides.issuedAt ?? T0;
  return {
    id: newId('ticket'),
    hallId: service.hallId,
    serviceId: service.id,
    prefix: service.prefix,
    digits: 3,
    businessDay: DAY,
    categories: [],
    assistance: false,
    channel: 'kiosk',
    appointmentId: null,
    issuedAt,
    effectiveAt: issuedAt,
    statusToken: randomUUID(),
    actor: CITIZEN,
    ...overrides,
  };
}

/** A ticket as a store would return it right after issuing. */
export function buildTicket(overrides: Partial<Ticket> = {}): Ticket {
  const seq = overrides.seq ?? next();
  const prefix = overrides.prefix ?? 'A';
  return {
    id: newId('ticket'),
    hallId: newId('hall'),
    serviceId: newId('service'),
    number: prefix + String(seq).padStart(3, '0'),
    prefix,
    seq,
    businessDay: DAY,
    categories: [],
    assistance: false,
    channel: 'kiosk',
    appointmentId: null,
    status: 'waiting',
    issuedAt: T0,
    effectiveAt: T0,
    windowId: null,
    targetWindowId: null,
    callCount: 0,
    calledAt: null,
    startedAt: null,
    endedAt: null,
    transferCount: 0,
    statusToken: randomUUID(),
    version: 1,
    ...overrides,
  };
}

/** An audit event (config.changed) for `hallId`. */
export function buildEvent(
  hallId: string,
  overrides: {
    type?: EventType;
    at?: number;
    actor?: Actor;
    ticketId?: string | null;
    windowId?: string | null;
    change?: Partial<ConfigChangedData>;
  } = {},
): NewEvent {
  const envelope = {
    hallId,
    at: overrides.at ?? T0,
    actor: overrides.actor ?? { type: 'user' as const, id: 'admin-1' },
    ticketId: overrides.ticketId ?? null,
    windowId: overrides.windowId ?? null,
  };
  const type = overrides.type ?? 'config.changed';
  if (type === 'config.changed') {
    return configChanged(envelope, { entity: 'setting', action: 'updated', ...overrides.change });
  }
  // Any other type with the payload an empty stored row reads as: the store does not look inside.
  const { seq: _seq, ...event } = upcastEvent({ ...envelope, seq: 0, type, from: null, to: null, data: {} });
  return event;
}

export function buildUser(overrides: Partial<User> = {}): User {
  const n = next();
  return {
    id: newId('user'),
    username: `clerk${n}`,
    displayName: `工作人员 ${n}`,
    staffNo: `G${String(n).padStart(4, '0')}`,
    role: 'clerk',
    hallIds: [],
    passwordHash: `scrypt$test$${n}`,
    disabled: false,
    createdAt: T0,
    ...overrides,
  };
}

export function buildSession(user: Pick<User, 'id'>, overrides: Partial<Session> = {}): Session {
  return {
    tokenHash: randomUUID(),
    userId: user.id,
    kind: 'cookie',
    csrfToken: randomUUID(),
    createdAt: T0,
    expiresAt: T0 + 8 * 60 * MINUTE,
    ...overrides,
  };
}

export function buildDevice(hall: Pick<Hall, 'id'>, overrides: Partial<Device> = {}): Device {
  const n = next();
  return {
    id: newId('device'),
    hallId: hall.id,
    kind: 'keypad',
    name: `设备 ${n}`,
    windowId: null,
    tokenHash: randomUUID(),
    config: {},
    revokedAt: null,
    lastSeenAt: null,
    createdAt: T0,
    ...overrides,
  };
}
