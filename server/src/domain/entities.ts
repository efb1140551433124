/**
 * The hall's people, devices, print jobs and ratings as the rules see them.
 * The storage port keeps them; the HTTP layer, the 差评 rules and the
 * devices read these types from here, not from the store.
 */

export type Role = 'admin' | 'supervisor' | 'clerk';

export interface User {
  id: string;
  username: string;
  displayName: string;
  /** Staff number shown at the counter. */
  staffNo: string;
  role: Role;
  /** Halls the user works in; an admin with none works in all. */
  hallIds: string[];
  passwordHash: string;
  disabled: boolean;
  createdAt: number;
}

export interface Session {
  /** Hash of the secret; the secret itself is never stored. */
  tokenHash: string;
  userId: string;
  /** Cookie sessions carry a CSRF token; bearer tokens do not need one. */
  kind: 'cookie' | 'bearer';
  csrfToken: string | null;
  createdAt: number;
  expiresAt: number;
}

export type DeviceKind = 'printer' | 'keypad' | 'display' | 'evaluator' | 'kiosk';

export interface Device {
  id: string;
  hallId: string;
  kind: DeviceKind;
  name: string;
  /** Keypads, counter displays and evaluators act for one window. */
  windowId: string | null;
  tokenHash: string;
  /** Free-form device settings (printer address, keypad serial, display layout). */
  config: Record<string, unknown>;
  revokedAt: number | null;
  lastSeenAt: number | null;
  createdAt: number;
}

export type PrintJobStatus = 'queued' | 'sent' | 'printed' | 'failed';

/** One printing of one ticket on one printer; a reprint is a new job with the next `copy`. */
export interface PrintJob {
  id: string;
  hallId: string;
  /** The printer device, or the kiosk whose agent prints locally. */
  deviceId: string;
  ticketId: string;
  /** 1 for the first print, 2 and up for reprints. */
  copy: number;
  status: PrintJobStatus;
  attempts: number;
  error: string | null;
  createdAt: number;
  updatedAt: number;
}

/** 好差评: five levels, 1 非常不满意 … 5 非常满意; 1 and 2 are 差评. */
export type EvaluationLevel = 1 | 2 | 3 | 4 | 5;

export interface Evaluation {
  id: string;
  hallId: string;
  /** One rating per ticket (一次一评). */
  ticketId: string;
  serviceId: string;
  windowId: string | null;
  /** The clerk who served the ticket, when known. */
  clerkId: string | null;
  level: EvaluationLevel;
  reasons: string[];
  comment: string;
  channel: 'evaluator' | 'qr';
  deviceId: string | null;
  at: number;
}
