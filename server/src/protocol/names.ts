/**
 * Names shared by the hub and its front ends (signage, clerk console, device
 * agents). Plain constants only: this folder must stay importable by a
 * browser bundle, so it has no runtime dependencies.
 */

/** Public, read-only: lobby boards and counter screens. No login. */
export const DISPLAY_NAMESPACE = '/display';
/** Logged-in clerks, supervisors, admins, and devices with their own token. */
export const STAFF_NAMESPACE = '/staff';

/** The session cookie the staff namespace accepts as an alternative to a bearer token. */
export const SESSION_COOKIE = 'hall_session';

/** How many call-outs a snapshot carries and a synced client keeps, newest first. */
export const RECENT_CALLS_LIMIT = 10;

/** At most this many missed call-outs come with a snapshot (`sinceSeq`); a peak hour has fewer. */
export const MISSED_CALLS_LIMIT = 500;

/** Hub → client. Every message but the snapshot carries the hall's `seq`. */
export const SERVER_EVENTS = {
  snapshot: 'display:snapshot',
  ticketIssued: 'ticket:issued',
  ticketCalled: 'ticket:called',
  windowChanged: 'window:changed',
  queueCounts: 'queue:counts',
  hallConfig: 'hall:config',
  /** Staff namespace only: the ticket behind every ticket event. */
  ticketChanged: 'ticket:changed',
} as const;

/** Client → hub; each takes a payload and an acknowledgement callback. */
export const CLIENT_EVENTS = {
  /** Display: follow a hall (instead of `auth.hallId` in the handshake). */
  join: 'display:join',
  /** Both namespaces: ask for a fresh snapshot (after a gap or `hall:config`). */
  snapshot: 'display:snapshot',
} as const;

/** The messages that carry a hall's `seq`: exactly one per event of the hall's log. */
export const SEQUENCED_EVENTS = [
  SERVER_EVENTS.ticketIssued,
  SERVER_EVENTS.ticketCalled,
  SERVER_EVENTS.windowChanged,
  SERVER_EVENTS.queueCounts,
  SERVER_EVENTS.hallConfig,
] as const;
export type SequencedEventName = (typeof SEQUENCED_EVENTS)[number];

/**
 * Stable codes of refused requests and refused connections. Clients branch
 * on the code, never on the message.
 */
export const REALTIME_ERROR_CODES = [
  /** The payload does not match the event's schema. */
  'invalid_payload',
  /** No hall with that id. */
  'hall_not_found',
  /** A display asked for a snapshot before joining a hall. */
  'not_joined',
  /** Staff namespace: no valid token or session cookie. */
  'unauthenticated',
  /** Staff namespace: the principal may not follow that hall. */
  'forbidden',
  /** A snapshot request is already being answered for this socket. */
  'busy',
  /** Something failed on the hub; retry later. */
  'internal',
] as const;
export type RealtimeErrorCode = (typeof REALTIME_ERROR_CODES)[number];
