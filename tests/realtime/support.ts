import { io, type Socket } from 'socket.io-client';
import {
  DISPLAY_NAMESPACE,
  DisplaySync,
  SEQUENCED_EVENTS,
  STAFF_NAMESPACE,
  type DisplaySnapshot,
  type DisplayState,
  type Response,
  type SequencedMessage,
  type SyncResult,
} from '../../server/src/protocol/index.js';

/** Real socket.io clients for the realtime tests, and ways to wait for what they receive without sleeping. */

const TIMEOUT_MS = 5_000;
const open = new Set<Socket>();

function connect(url: string, auth: Record<string, unknown>, extra: Record<string, unknown> = {}): Socket {
  const socket = io(url, { auth, transports: ['websocket'], forceNew: true, reconnection: false, ...extra });
  open.add(socket);
  return socket;
}

export function connectDisplay(baseUrl: string, hallId?: string): Socket {
  return connect(baseUrl + DISPLAY_NAMESPACE, hallId === undefined ? {} : { hallId });
}

export function connectStaff(
  baseUrl: string,
  auth: Record<string, unknown>,
  extraHeaders?: Record<string, string>,
): Socket {
  return connect(baseUrl + STAFF_NAMESPACE, auth, extraHeaders ? { extraHeaders } : {});
}

export function closeClients(): void {
  for (const s of open) s.disconnect();
  open.clear();
}

/** Resolves with the first `event` whose payload matches; fails the test after a timeout. */
export function waitFor<T = unknown>(
  socket: Socket,
  event: string,
  predicate: (payload: T) => boolean = () => true,
  timeoutMs = TIMEOUT_MS,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event, listener);
      reject(new Error(`No matching ${event} within ${timeoutMs} ms`));
    }, timeoutMs);
    const listener = (payload: T) => {
      if (!predicate(payload)) return;
      clearTimeout(timer);
      socket.off(event, listener);
      resolve(payload);
    };
    socket.on(event, listener);
  });
}

export async function refusal(socket: Socket): Promise<{ message: string; data?: { code: string } }> {
  return waitFor(socket, 'connect_error');
}

export async function ask<T>(socket: Socket, event: string, payload?: unknown): Promise<Response<T>> {
  const args = payload === undefined ? [] : [payload];
  return (await socket.timeout(TIMEOUT_MS).emitWithAck(event, ...args)) as Response<T>;
}

interface Entry {
  event: string;
  payload: { seq?: number } & Record<string, unknown>;
}

/** Everything a socket receives, in order, so nothing that came before a wait is missed. */
export class MessageLog {
  readonly entries: Entry[] = [];
  private readonly waiters = new Set<() => void>();

  constructor(
    socket: Socket,
    events: readonly string[] = [...SEQUENCED_EVENTS, 'display:snapshot', 'ticket:changed'],
  ) {
    for (const event of events) {
      socket.on(event, (payload: Entry['payload']) => {
        this.entries.push({ event, payload });
        for (const w of this.waiters) w();
      });
    }
  }

  of<T>(event: string): T[] {
    return this.entries.filter((e) => e.event === event).map((e) => e.payload as T);
  }

  /** The seq runs (fromSeq … seq) the sequenced messages stand for, flattened, in arrival order. */
  coveredSeqs(): number[] {
    return this.entries
      .filter((e) => (SEQUENCED_EVENTS as readonly string[]).includes(e.event))
      .flatMap((e) => {
        const seq = e.payload.seq as number;
        const from = (e.payload.fromSeq as number | undefined) ?? seq;
        return Array.from({ length: seq - from + 1 }, (_, i) => from + i);
      });
  }

  /** The seqs of the sequenced messages, in arrival order. */
  seqs(): number[] {
    return this.entries
      .filter((e) => (SEQUENCED_EVENTS as readonly string[]).includes(e.event))
      .map((e) => e.payload.seq as number);
  }

  next<T>(event: string, predicate: (payload: T) => boolean = () => true): Promise<T> {
    return until(this.waiters, () => this.of<T>(event).find(predicate), `${event}`);
  }
}

function until<T>(waiters: Set<() => void>, found: () => T | undefined, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const hit = found();
      if (hit === undefined) return;
      cleanup();
      resolve(hit);
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`Timed out waiting for ${what}`));
    }, TIMEOUT_MS);
    const cleanup = () => {
      clearTimeout(timer);
      waiters.delete(check);
    };
    waiters.add(check);
    check();
  });
}

/**
 * A display wired the way the signage will be: DisplaySync fed by the
 * socket, snapshots fetched when it asks. `drop` loses chosen messages, as
 * a flaky network would.
 */
export class SyncedDisplay {
  readonly sync: DisplaySync;
  readonly announced: string[] = [];
  snapshotRequests = 0;
  drop: (m: SequencedMessage) => boolean = () => false;
  private readonly waiters = new Set<() => void>();

  constructor(
    readonly socket: Socket,
    hallId: string,
  ) {
    this.sync = new DisplaySync({ hallId });
    socket.on('display:snapshot', (s: DisplaySnapshot) => this.handle(this.sync.applySnapshot(s)));
    for (const event of SEQUENCED_EVENTS) {
      socket.on(event, (payload: unknown) => {
        const m = { event, payload } as SequencedMessage;
        if (!this.drop(m)) this.handle(this.sync.apply(m));
      });
    }
    socket.on('connect', () => {
      if (!socket.recovered) this.sync.expectSnapshot();
    });
  }

  get state(): DisplayState | null {
    return this.sync.state;
  }

  /** Resolves once the state reflects `seq` (and no snapshot is outstanding). */
  reached(seq: number): Promise<DisplayState> {
    return until(
      this.waiters,
      () => (this.sync.inSync && this.state && this.state.seq >= seq ? this.state : undefined),
      `seq ${seq}`,
    );
  }

  private handle(r: SyncResult): void {
    this.announced.push(...r.announce.map((c) => c.callId));
    if (r.needSnapshot) {
      this.snapshotRequests += 1;
      void ask<DisplaySnapshot>(this.socket, 'display:snapshot', {}).then((res) =>
        this.handle(res.ok ? this.sync.applySnapshot(res.data) : this.sync.snapshotFailed()),
      );
    }
    for (const w of this.waiters) w();
  }
}
