import type { PriorityCategory, TicketStatus, WindowKind, WindowState } from '../domain/types.js';
import type { EventType } from '../domain/events.js';

/**
 * Payloads of the realtime messages (docs/realtime.md). Public payloads hold
 * no personal data and no secrets: ticket numbers, window names, counts.
 */

/** Waiting tickets of the hall now. Every service and domain of the hall is listed, with 0 when none wait. */
export interface WaitingCounts {
  total: number;
  byService: Record<string, number>;
  byDomain: Record<string, number>;
}

export interface WindowRef {
  id: string;
  /** The number said in the call-out. */
  number: number;
  name: string;
  kind: WindowKind;
}

export interface ServiceRef {
  id: string;
  name: string;
}

/** The ticket called to or being served at a window. */
export interface CurrentCall {
  ticketNumber: string;
  service: ServiceRef;
  status: 'called' | 'serving';
  calledAt: number;
  /** A priority ticket (绿色通道: 老幼病残孕军, urgent, key project); which category stays private. Absent from an older hub. */
  priority?: boolean;
}

export interface PublicWindow extends WindowRef {
  state: WindowState;
  pauseReason: string | null;
  current: CurrentCall | null;
}

/** `call`: first call-out; `recall`: the same ticket called again (重呼); `call_back`: a held ticket called back (回呼). */
export type CallKind = 'call' | 'recall' | 'call_back';

/** One call-out. A recall is a new call-out with a new `callId`. */
export interface CallOut {
  seq: number;
  /** Unique per call-out: show and speak each id once. */
  callId: string;
  ticketNumber: string;
  window: WindowRef;
  service: ServiceRef;
  /** Text to speak, e.g. `请A023号到3号窗口办理`; a recall starts with `重呼，`. */
  voiceText: string;
  recall: boolean;
  kind: CallKind;
  at: number;
  /** A priority ticket (绿色通道), marked on the board; which category stays private. Absent from an older hub. */
  priority?: boolean;
}

/**
 * When present, the message also stands for the events `fromSeq` … `seq − 1`
 * of the same committed change, which had nothing to show beyond it (the
 * previous ticket started and completed, then the next one called): the
 * message follows the last seen seq when `fromSeq` is that seq + 1.
 */
interface Covers {
  fromSeq?: number;
}

interface Sequenced extends Covers {
  /** The hall's event sequence number; consecutive per hall. */
  seq: number;
  hallId: string;
}

/** A ticket was issued: counts only, nothing about the ticket or the citizen. */
export interface TicketIssuedMessage extends Sequenced {
  serviceId: string;
  domain: string;
  counts: WaitingCounts;
}

export interface TicketCalledMessage extends CallOut, Covers {
  hallId: string;
  counts: WaitingCounts;
}

export interface WindowChangedMessage extends Sequenced {
  cause: EventType;
  window: PublicWindow;
}

/** Any other ticket event (started, completed, no-show, transferred, held, cancelled, expired, re-activated). */
export interface QueueCountsMessage extends Sequenced {
  cause: EventType;
  counts: WaitingCounts;
  /** The window whose current call the event changed, as it is now; null when no window was involved. */
  window: PublicWindow | null;
}

/**
 * The hall's configuration changed (or the hub could not present an event).
 * With `refresh`, fetch a snapshot; without, only the seq moves on (a change
 * screens do not show, such as a device token).
 */
export interface HallConfigMessage extends Sequenced {
  refresh: boolean;
}

export interface DisplaySnapshot {
  /** The seq of the last event reflected here; apply messages with a greater seq. */
  seq: number;
  hall: { id: string; name: string };
  /** All windows of the hall, in display order. */
  windows: PublicWindow[];
  /** Newest first, at most RECENT_CALLS_LIMIT. */
  recentCalls: CallOut[];
  counts: WaitingCounts;
  /** Hub time when the snapshot was built. */
  at: number;
  /**
   * Only when the client named the last seq it has (`sinceSeq`): every
   * call-out after it up to `seq`, oldest first, of the hall's business day
   * (at most MISSED_CALLS_LIMIT, the newest kept). A board back from an
   * absence shows all of them, however many more than `recentCalls` holds.
   */
  missedCalls?: CallOut[];
}

/** Staff namespace only. No status token: that secret is the citizen's. */
export interface StaffTicket {
  id: string;
  number: string;
  status: TicketStatus;
  serviceId: string;
  windowId: string | null;
  /** After a transfer to a specific window: only that window may call it. */
  targetWindowId: string | null;
  categories: PriorityCategory[];
  assistance: boolean;
  issuedAt: number;
  /**
   * The queue place: issue time minus the ticket's head start, or the place a
   * re-activated no-show was given (过号重排). Earlier is called first.
   */
  effectiveAt: number;
  calledAt: number | null;
  startedAt: number | null;
}

export interface TicketChangedMessage extends Sequenced {
  cause: EventType;
  /** The ticket as it is now (it may already reflect later events). */
  ticket: StaffTicket;
}

export interface JoinRequest {
  hallId: string;
}

export interface SnapshotRequest {
  /** Required on the staff namespace when the socket follows several halls. */
  hallId?: string;
}

/** On `/display`: with the last seq the screen has, the snapshot carries the calls it missed (`missedCalls`). */
export interface DisplaySnapshotRequest extends SnapshotRequest {
  sinceSeq?: number;
}
