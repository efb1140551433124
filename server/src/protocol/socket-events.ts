import type { Ack } from './response.js';
import type {
  DisplaySnapshot,
  DisplaySnapshotRequest,
  HallConfigMessage,
  JoinRequest,
  QueueCountsMessage,
  SnapshotRequest,
  TicketCalledMessage,
  TicketChangedMessage,
  TicketIssuedMessage,
  WindowChangedMessage,
} from './payloads.js';

/**
 * Typed event maps for `Server`/`Socket` generics on both ends:
 * `io<DisplayServerEvents, DisplayClientEvents>(url + DISPLAY_NAMESPACE)`.
 */

export interface DisplayServerEvents {
  'display:snapshot': (snapshot: DisplaySnapshot) => void;
  'ticket:issued': (message: TicketIssuedMessage) => void;
  'ticket:called': (message: TicketCalledMessage) => void;
  'window:changed': (message: WindowChangedMessage) => void;
  'queue:counts': (message: QueueCountsMessage) => void;
  'hall:config': (message: HallConfigMessage) => void;
}

export interface DisplayClientEvents {
  'display:join': (request: JoinRequest, ack: Ack<DisplaySnapshot>) => void;
  'display:snapshot': (request: DisplaySnapshotRequest, ack: Ack<DisplaySnapshot>) => void;
}

export interface StaffServerEvents extends DisplayServerEvents {
  'ticket:changed': (message: TicketChangedMessage) => void;
}

export interface StaffClientEvents {
  'display:snapshot': (request: SnapshotRequest, ack: Ack<DisplaySnapshot>) => void;
}

/** Handshake `auth` of each namespace. */
export interface DisplayAuth {
  hallId?: string;
  /** The last seq a returning screen has: the snapshot pushed on connect then carries the calls it missed. */
  sinceSeq?: number;
}

export interface StaffAuth {
  /** A user's `usr_…` API token or a device's `dev_…` token; browsers may rely on the session cookie instead. */
  token?: string;
  /** Follow only this hall (default: every hall the principal may access). */
  hallId?: string;
}
