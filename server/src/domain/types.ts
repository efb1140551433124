/**
 * The words of the hall (DESIGN.md §3). Times are epoch milliseconds; a
 * business day is the hall-local calendar date `YYYY-MM-DD`.
 */

import type { PriorityCategoryRule } from './priority.js';

export const PRIORITY_CATEGORIES = [
  'elderly',
  'child',
  'sick',
  'disabled',
  'pregnant',
  'military',
  'key_project',
  'urgent',
] as const;
export type PriorityCategory = (typeof PRIORITY_CATEGORIES)[number];

export const WINDOW_KINDS = [
  'comprehensive',
  'domain',
  'assisted',
  'cross_region',
  'cannot_handle',
  'green_channel',
] as const;
export type WindowKind = (typeof WINDOW_KINDS)[number];

export const WINDOW_STATES = ['open', 'paused', 'closed'] as const;
export type WindowState = (typeof WINDOW_STATES)[number];

export const TICKET_STATUSES = [
  'waiting',
  'called',
  'serving',
  'held',
  'completed',
  'no_show',
  'cancelled',
  'expired',
] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

export const CHANNELS = ['kiosk', 'counter', 'mobile', 'appointment'] as const;
export type Channel = (typeof CHANNELS)[number];

export const HALL_LEVELS = ['city', 'county', 'township', 'village'] as const;
export type HallLevel = (typeof HALL_LEVELS)[number];

/** Head starts in minutes. A ticket takes the largest that applies to it. */
export interface HeadStarts {
  /** 绿色通道 urgent matters and key projects. */
  urgent: number;
  key_project: number;
  /** 老、幼、病、残、孕、军. */
  elderly: number;
  child: number;
  sick: number;
  disabled: number;
  pregnant: number;
  military: number;
  /** A checked-in appointment near its slot. */
  appointment: number;
}

/** One day's opening, hall-local `HH:MM`. */
export interface OpeningSpan {
  open: string;
  close: string;
}

export interface HallCalendar {
  /** Index 0 = Sunday … 6 = Saturday; an empty list means closed that weekday. */
  weekly: OpeningSpan[][];
  /** Business days (YYYY-MM-DD) on which the hall is closed. */
  holidays: string[];
  /** Business days with special hours (延时服务, 周末轮值): they replace the weekly spans. */
  special: Record<string, OpeningSpan[]>;
}

export interface QueueRules {
  headStarts: HeadStarts;
  /** How many times a called ticket may be called again before it must be marked no-show. */
  recallLimit: number;
  /** How long after a no-show the ticket can be re-activated. */
  noShowReactivateMinutes: number;
  /** A re-activated ticket re-enters behind this many waiting tickets (过号重排). */
  reentryBehind: number;
  /** A repeated call-next from the same window within this time returns the same ticket. */
  idempotencyMs: number;
  /** Call-next on a window whose ticket is still called or serving completes that ticket first. */
  completeOnNext: boolean;
  /** Digits of the sequence part of a number: 3 gives A001. */
  numberDigits: number;
  /**
   * The priority categories the hall offers and who may declare each
   * (domain/priority.ts); absent in a hall configured before the list existed.
   */
  priorityCategories?: PriorityCategoryRule[];
}

export interface Hall {
  id: string;
  name: string;
  level: HallLevel;
  timeZone: string;
  calendar: HallCalendar;
  rules: QueueRules;
  createdAt: number;
  updatedAt: number;
}

export interface Service {
  id: string;
  hallId: string;
  code: string;
  name: string;
  domain: string;
  /** Letters that start every number of this matter: `A` gives A001. */
  prefix: string;
  crossRegion: boolean;
  /** The 办不成事 matter. */
  cannotHandle: boolean;
  /** Dedicated matters are not served at comprehensive windows. Default: cross-region and 办不成事. */
  dedicated: boolean;
  expectedMinutes: number;
  /** Pinyin initials used by the kiosk search (社保 → sb). */
  pinyin: string;
  enabled: boolean;
  sortOrder: number;
}

export interface ServiceWindow {
  id: string;
  hallId: string;
  /** The number said in the call-out: 请A023号到**3**号窗口办理. */
  number: number;
  name: string;
  kind: WindowKind;
  /** For `domain` windows: the domains it serves. */
  domains: string[];
  /** Matters served in addition to what the kind serves (a dedicated matter can be named here). */
  serviceIds: string[];
  /** Takes what a comprehensive window would when nothing it specialises in waits. */
  overflow: boolean;
  state: WindowState;
  pauseReason: string | null;
  /** Clerks who may work this window. */
  clerkIds: string[];
  /** The clerk working the window now, if any. */
  currentClerkId: string | null;
  /** The ticket called or being served here now. */
  currentTicketId: string | null;
  /** When call-next last claimed a ticket here (for the idempotency window). */
  lastCallNextAt: number | null;
  sortOrder: number;
}

export interface Ticket {
  id: string;
  hallId: string;
  serviceId: string;
  /** `prefix + zero-padded sequence`, unique per hall and business day. */
  number: string;
  prefix: string;
  seq: number;
  businessDay: string;
  categories: PriorityCategory[];
  assistance: boolean;
  channel: Channel;
  appointmentId: string | null;
  status: TicketStatus;
  issuedAt: number;
  /** Issue time minus the head start: the queue order key. */
  effectiveAt: number;
  /** Window the ticket is called to, served at or held at. */
  windowId: string | null;
  /** After a transfer to a specific window, only that window may call it. */
  targetWindowId: string | null;
  /** Calls of the current call-out including recalls (0 while waiting). */
  callCount: number;
  calledAt: number | null;
  startedAt: number | null;
  endedAt: number | null;
  transferCount: number;
  /** Secret for the citizen's public status page (QR). */
  statusToken: string;
  /** Monotonic version for compare-and-set updates. */
  version: number;
}

export type ActorType = 'user' | 'device' | 'citizen' | 'system';
export interface Actor {
  type: ActorType;
  id: string | null;
}
export const SYSTEM: Actor = { type: 'system', id: null };
export const CITIZEN: Actor = { type: 'citizen', id: null };
