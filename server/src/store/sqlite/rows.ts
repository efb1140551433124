import type {
  Hall,
  HallCalendar,
  HallLevel,
  QueueRules,
  Service,
  ServiceWindow,
  WindowKind,
  WindowState,
} from '../../domain/index.js';

/**
 * Rows as SQLite returns them, and their mapping to the domain types:
 * booleans are 0/1, nested fields JSON text, nulls kept as nulls.
 */

export type Bit = 0 | 1;

export const bit = (b: boolean): Bit => (b ? 1 : 0);
export const bool = (b: number): boolean => b !== 0;
export const json = (value: unknown): string => JSON.stringify(value);
export const parse = <T>(text: string): T => JSON.parse(text) as T;

export interface HallRow {
  id: string;
  name: string;
  level: string;
  time_zone: string;
  calendar: string;
  rules: string;
  created_at: number;
  updated_at: number;
}

export function toHall(r: HallRow): Hall {
  return {
    id: r.id,
    name: r.name,
    level: r.level as HallLevel,
    timeZone: r.time_zone,
    calendar: parse<HallCalendar>(r.calendar),
    rules: parse<QueueRules>(r.rules),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export interface ServiceRow {
  id: string;
  hall_id: string;
  code: string;
  name: string;
  domain: string;
  prefix: string;
  cross_region: number;
  cannot_handle: number;
  dedicated: number;
  expected_minutes: number;
  pinyin: string;
  enabled: number;
  sort_order: number;
}

export function toService(r: ServiceRow): Service {
  return {
    id: r.id,
    hallId: r.hall_id,
    code: r.code,
    name: r.name,
    domain: r.domain,
    prefix: r.prefix,
    crossRegion: bool(r.cross_region),
    cannotHandle: bool(r.cannot_handle),
    dedicated: bool(r.dedicated),
    expectedMinutes: r.expected_minutes,
    pinyin: r.pinyin,
    enabled: bool(r.enabled),
    sortOrder: r.sort_order,
  };
}

export interface WindowRow {
  id: string;
  hall_id: string;
  number: number;
  name: string;
  kind: string;
  domains: string;
  service_ids: string;
  overflow: number;
  state: string;
  pause_reason: string | null;
  clerk_ids: string;
  current_clerk_id: string | null;
  current_ticket_id: string | null;
  last_call_next_at: number | null;
  last_claim_ticket_id: string | null;
  sort_order: number;
}

export function toWindow(r: WindowRow): ServiceWindow {
  return {
    id: r.id,
    hallId: r.hall_id,
    number: r.number,
    name: r.name,
    kind: r.kind as WindowKind,
    domains: parse<string[]>(r.domains),
    serviceIds: parse<string[]>(r.service_ids),
    overflow: bool(r.overflow),
    state: r.state as WindowState,
    pauseReason: r.pause_reason,
    clerkIds: parse<string[]>(r.clerk_ids),
    currentClerkId: r.current_clerk_id,
    currentTicketId: r.current_ticket_id,
    lastCallNextAt: r.last_call_next_at,
    sortOrder: r.sort_order,
  };
}
