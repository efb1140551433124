import type { HallEvent } from '../../domain/index.js';
import type { EventBatch, EventListener, FollowRequest, Unsubscribe } from '../port.js';
import { onCommit, sql, type Db } from './connection.js';
import { toEvent, type EventRow } from './queue-rows.js';

/** How often the file is checked for other processes' commits (the port promises 250 ms). */
export const FOLLOW_POLL_MS = 100;
const BATCH_ROWS = 2000;

interface Subscription {
  request: FollowRequest;
  listener: EventListener;
  /** Per hall: the last seq this subscription has been given. */
  delivered: Map<string, number>;
  /** A hall follower catching up from its own `afterSeq` is given nothing else until it has. */
  ready: boolean;
}

type CursorRow = EventRow & { rowid: number };

/**
 * Follows the log of one SQLite file for the hub process. Rows are read in
 * rowid order: writers take the file's write lock one at a time and events
 * are never deleted, so rowid order is commit order, and a reader that keeps
 * the last rowid it read sees every event once, in order, whichever process
 * wrote it. Commits through this connection are delivered as soon as they
 * are made (before the writing call returns, as the in-process listeners
 * expect); other processes' commits are noticed by `PRAGMA data_version`
 * within one poll.
 */
export class SqliteEventFollower {
  private readonly subscriptions = new Set<Subscription>();
  private cursor = 0;
  private dataVersion = -1;
  private timer: ReturnType<typeof setInterval> | null = null;
  private delivering = false;
  private again = false;
  private readonly detach: () => void;

  constructor(
    private readonly db: Db,
    private readonly onListenerError: (err: unknown) => void,
  ) {
    this.detach = onCommit(db, () => {
      if (this.subscriptions.size > 0) this.poll();
    });
  }

  follow(request: FollowRequest, listener: EventListener): Unsubscribe {
    if (this.subscriptions.size === 0) this.start();
    const sub: Subscription = { request, listener, delivered: new Map(), ready: !('hallId' in request) };
    this.subscriptions.add(sub);
    if (!sub.ready) queueMicrotask(() => this.catchUp(sub));
    return () => {
      this.subscriptions.delete(sub);
      if (this.subscriptions.size === 0) this.stop();
    };
  }

  close(): void {
    this.stop();
    this.subscriptions.clear();
    this.detach();
  }

  /** Reads what was committed since the cursor and hands it out, hall by hall, in order. */
  poll(): void {
    if (!this.db.open) return;
    if (this.delivering) {
      // A listener wrote to the store: its events follow once this delivery is done.
      this.again = true;
      return;
    }
    this.delivering = true;
    try {
      do {
        this.again = false;
        this.dataVersion = this.readDataVersion();
        for (;;) {
          const rows = sql(this.db, 'SELECT rowid, * FROM events WHERE rowid > ? ORDER BY rowid LIMIT ?').all(
            this.cursor,
            BATCH_ROWS,
          ) as CursorRow[];
          if (rows.length === 0) break;
          this.cursor = rows[rows.length - 1]!.rowid;
          this.deliver(rows.map(toEvent));
          if (rows.length < BATCH_ROWS) break;
        }
      } while (this.again);
    } finally {
      this.delivering = false;
    }
  }

  private start(): void {
    const row = sql(this.db, 'SELECT MAX(rowid) AS id FROM events').get() as { id: number | null };
    this.cursor = row.id ?? 0;
    this.dataVersion = this.readDataVersion();
    this.timer = setInterval(() => {
      if (!this.db.open) return;
      // data_version moves only when another connection commits.
      if (this.readDataVersion() !== this.dataVersion) this.poll();
    }, FOLLOW_POLL_MS);
    this.timer.unref();
  }

  private stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private readDataVersion(): number {
    return this.db.pragma('data_version', { simple: true }) as number;
  }

  private catchUp(sub: Subscription): void {
    if (!this.subscriptions.has(sub) || !this.db.open || !('hallId' in sub.request)) return;
    const { hallId, afterSeq } = sub.request;
    // Everything of the hall up to the shared cursor; what comes later arrives with the next polls.
    const rows = sql(
      this.db,
      'SELECT * FROM events WHERE hall_id = ? AND seq > ? AND rowid <= ? ORDER BY seq',
    ).all(hallId, afterSeq, this.cursor) as EventRow[];
    sub.delivered.set(hallId, afterSeq);
    sub.ready = true;
    if (rows.length > 0) this.hand(sub, { hallId, events: rows.map(toEvent) });
  }

  private deliver(events: HallEvent[]): void {
    const byHall = new Map<string, HallEvent[]>();
    for (const e of events) {
      const list = byHall.get(e.hallId);
      if (list) list.push(e);
      else byHall.set(e.hallId, [e]);
    }
    for (const sub of [...this.subscriptions]) {
      if (!sub.ready) continue;
      for (const [hallId, list] of byHall) {
        if ('hallId' in sub.request && sub.request.hallId !== hallId) continue;
        this.hand(sub, { hallId, events: list });
      }
    }
  }

  private hand(sub: Subscription, batch: EventBatch): void {
    const last = sub.delivered.get(batch.hallId) ?? 0;
    const fresh = batch.events.filter((e) => e.seq > last);
    if (fresh.length === 0) return;
    sub.delivered.set(batch.hallId, fresh[fresh.length - 1]!.seq);
    try {
      const done = sub.listener({ hallId: batch.hallId, events: fresh });
      if (done instanceof Promise) done.catch(this.onListenerError);
    } catch (err) {
      this.onListenerError(err);
    }
  }
}
