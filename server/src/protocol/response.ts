import type { RealtimeErrorCode } from './names.js';

/** What every acknowledgement carries. */
export type Response<T> = { ok: true; data: T } | { ok: false; error: RealtimeError };

export interface RealtimeError {
  /** Stable: screens word the refusal from it (ui-shared/src/refusals.ts), as for an HTTP problem's `code`. */
  code: RealtimeErrorCode;
  /** English, for people reading logs; never parsed and never shown on a screen. */
  message: string;
  /** What the screen may name, as an HTTP problem's `params` (e.g. `fields` of an invalid payload). */
  params?: Record<string, string | number | boolean | string[]>;
}

export type Ack<T> = (response: Response<T>) => void;

/**
 * The `data` of a refused connection (`connect_error`): the client sees
 * `err.message === code` and `err.data` with this shape.
 */
export type ConnectErrorData = RealtimeError;
