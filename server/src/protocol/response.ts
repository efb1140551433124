import type { RealtimeErrorCode } from './names.js';

/** What every acknowledgement carries. */
export type Response<T> = { ok: true; data: T } | { ok: false; error: RealtimeError };

export interface RealtimeError {
  code: RealtimeErrorCode;
  /** For people reading logs; never parsed. */
  message: string;
}

export type Ack<T> = (response: Response<T>) => void;

/**
 * The `data` of a refused connection (`connect_error`): the client sees
 * `err.message === code` and `err.data` with this shape.
 */
export type ConnectErrorData = RealtimeError;
