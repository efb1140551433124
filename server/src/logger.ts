import { AsyncLocalStorage } from 'node:async_hooks';
import { pino, type DestinationStream, type Logger } from 'pino';

/**
 * The hub's one logger (pino, one JSON object per line). main.ts makes it from
 * `LOG_LEVEL` and passes it in with the other parts; nothing else writes to
 * the console. Levels, from quietest: `silent` (nothing), `error` (the hub is
 * wrong: 5xx answers, failed jobs, broadcasts that failed), `warn` (a device
 * or the network is wrong), `info` (queue actions, start and stop), `debug`
 * (every HTTP request).
 */

export type { Logger };

export const LOG_LEVELS = ['silent', 'error', 'warn', 'info', 'debug'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** The request being served, so every line written while serving it names it. */
const requestScope = new AsyncLocalStorage<{ reqId: string }>();

/** Runs `fn` (and everything it starts) as part of request `reqId`. */
export function inRequest<T>(reqId: string, fn: () => T): T {
  return requestScope.run({ reqId }, fn);
}

/** Writes to stdout unless given a stream (tests capture the lines). */
export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  const options = {
    level,
    timestamp: pino.stdTimeFunctions.isoTime,
    // A fresh object each time: pino merges the line's own fields into it.
    mixin: () => {
      const r = requestScope.getStore();
      return r ? { reqId: r.reqId } : {};
    },
  };
  return destination ? pino(options, destination) : pino(options);
}

/** For parts built without a logger (use-case tests): writes nothing. */
export function silentLogger(): Logger {
  return createLogger('silent');
}
