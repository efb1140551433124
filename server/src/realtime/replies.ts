import type { z } from 'zod';
import { isDomainError } from '../domain/index.js';
import type { RealtimeError, RealtimeErrorCode, Response } from '../protocol/index.js';

/** Acknowledgements and refusals: only known codes reach clients, internals never do. */

export function ok<T>(data: T): Response<T> {
  return { ok: true, data };
}

/** A refusal with the same stable `code` + `params` shape as an HTTP problem; `message` is for logs only. */
export function fail(
  code: RealtimeErrorCode,
  message: string,
  params?: RealtimeError['params'],
): { ok: false; error: RealtimeError } {
  return {
    ok: false,
    error: { code, message, ...(params && Object.keys(params).length > 0 ? { params } : {}) },
  };
}

/** A refused handshake: the client's `connect_error` has `message === code` and `data: { code, message }`. */
export function connectError(code: RealtimeErrorCode, message: string): Error & { data: RealtimeError } {
  return Object.assign(new Error(code), { data: { code, message } });
}

/** What a client may learn about a failure; anything unexpected is `internal`. */
export function failureOf(err: unknown): { ok: false; error: RealtimeError } {
  if (isDomainError(err) && err.code === 'not_found') return fail('hall_not_found', 'No such hall.');
  return fail('internal', 'The hub could not answer; try again.');
}

export type ErrorReporter = (err: unknown, context: string) => void;

/**
 * Wraps a client→hub request: validate → act → reply. Requests without an
 * acknowledgement callback are ignored, since there is nobody to answer.
 * The payload may be left out (`socket.emit(event, ack)`).
 */
export function request<I, O>(
  schema: z.ZodType<I>,
  act: (input: I) => Promise<Response<O>>,
  report: ErrorReporter,
  context: string,
): (...args: unknown[]) => void {
  return (...args: unknown[]) => {
    const reply = args.findLast((a): a is (r: Response<O>) => void => typeof a === 'function');
    if (!reply) return;
    const payload = typeof args[0] === 'function' ? {} : (args[0] ?? {});
    const parsed = schema.safeParse(payload);
    if (!parsed.success) {
      const fields = [...new Set(parsed.error.issues.map((i) => i.path.join('.') || 'payload'))];
      reply(
        fail(
          'invalid_payload',
          parsed.error.issues.map((i) => `${i.path.join('.') || 'payload'}: ${i.message}`).join('; '),
          { fields },
        ),
      );
      return;
    }
    act(parsed.data).then(reply, (err: unknown) => {
      const failure = failureOf(err);
      if (failure.error.code === 'internal') report(err, context);
      reply(failure);
    });
  };
}
