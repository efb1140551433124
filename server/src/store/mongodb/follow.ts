import type { ChangeStream, ChangeStreamDocument, ChangeStreamOptions, ResumeToken } from 'mongodb';
import type { HallEvent } from '../../domain/index.js';
import type { EventBatch, EventListener, FollowRequest, Unsubscribe } from '../port.js';
import { col, type Ctx } from './context.js';
import { fromEventDoc, type EventDoc } from './docs.js';
import { listEvents } from './records.js';

/**
 * Per hall, what one follower has been given. Events are handed out only in
 * seq order without gaps: an event past a gap asks for the missing seqs to be
 * read from the log first, and an event at or below the last one given is
 * dropped (the stream and a local commit may both bring it). Pure, so the
 * "in order, exactly once" rule is unit-tested without a server.
 */
export class HallCursors {
  private readonly given = new Map<string, number>();

  constructor(initial: Iterable<[string, number]> = []) {
    for (const [hallId, seq] of initial) this.given.set(hallId, seq);
  }

  /** The last seq given for the hall; unknown halls start at 0 (a hall created after the follow began). */
  position(hallId: string): number {
    return this.given.get(hallId) ?? 0;
  }

  halls(): string[] {
    return [...this.given.keys()];
  }

  /**
   * Splits `events` (one hall's, ascending) into those to hand out now and
   * the seq after which the log must be read because one is missing.
   */
  plan(hallId: string, events: readonly HallEvent[]): { ready: HallEvent[]; gapAfter: number | null } {
    let last = this.position(hallId);
    const ready: HallEvent[] = [];
    for (const e of events) {
      if (e.seq <= last) continue;
      if (e.seq !== last + 1) return { ready, gapAfter: last };
      ready.push(e);
      last = e.seq;
    }
    return { ready, gapAfter: null };
  }

  advance(hallId: string, events: readonly HallEvent[]): void {
    if (events.length > 0) this.given.set(hallId, events[events.length - 1]!.seq);
  }
}

/** Where the change stream restarts: after the last change seen, or from now when none was seen or the token is lost. */
export class ResumePoint {
  private token: ResumeToken | null = null;

  seen(token: ResumeToken | undefined): void {
    if (token !== undefined) this.token = token;
  }

  /** Forgets a token the server no longer has (the oplog rolled past it): the next open starts from now and the log is read to fill the gap. */
  lost(): void {
    this.token = null;
  }

  options(): ChangeStreamOptions {
    return this.token === null ? {} : { resumeAfter: this.token };
  }
}

/** The server no longer holds the change the token names (ChangeStreamHistoryLost, or an invalid token). */
export function isResumeTokenLost(err: unknown): boolean {
  const code = typeof err === 'object' && err !== null ? (err as { code?: unknown }).code : undefined;
  return code === 286 || code === 280 || code === 260;
}

/** Only inserts into the log interest a follower; events are never updated or deleted. */
export const CHANGE_PIPELINE = [{ $match: { operationType: 'insert' } }];

export const RETRY_MS = 500;
const BACKLOG_PAGE = 2000;

interface Subscription {
  request: FollowRequest;
  listener: EventListener;
  cursors: HallCursors;
  ready: boolean;
}

/**
 * Follows the log of one MongoDB database for the hub process: one change
 * stream on `events`, resumed after errors from its last resume token;
 * a follower that starts at `afterSeq` first reads the backlog from the log.
 * Commits through this store are offered directly by the writing call
 * (awaited before it settles); the stream then brings the same events again
 * and they are dropped. All delivery runs on one promise chain, so each
 * listener sees each hall's events in seq order, each once.
 */
export class MongoEventFollower {
  private readonly subscriptions = new Set<Subscription>();
  private stream: ChangeStream<EventDoc, ChangeStreamDocument<EventDoc>> | null = null;
  private readonly resume = new ResumePoint();
  private chain: Promise<void> = Promise.resolve();
  private closed = false;
  private retry: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly ctx: Ctx,
    private readonly onError: (err: unknown) => void,
  ) {}

  follow(request: FollowRequest, listener: EventListener): Unsubscribe {
    const sub: Subscription = { request, listener, cursors: new HallCursors(), ready: false };
    this.subscriptions.add(sub);
    if (!this.stream && !this.retry) this.open();
    this.enqueue(() => this.start(sub));
    return () => {
      this.subscriptions.delete(sub);
      if (this.subscriptions.size === 0) void this.closeStream();
    };
  }

  /** Events just committed by this process, handed out before the writing call settles. */
  offer(events: readonly HallEvent[]): Promise<void> {
    if (events.length === 0 || this.subscriptions.size === 0) return Promise.resolve();
    return this.enqueue(() => this.deliver(events));
  }

  async close(): Promise<void> {
    this.closed = true;
    this.subscriptions.clear();
    if (this.retry) clearTimeout(this.retry);
    await this.closeStream();
    await this.chain;
  }

  private enqueue(work: () => Promise<void>): Promise<void> {
    const next = this.chain.then(work).catch((err: unknown) => this.onError(err));
    this.chain = next;
    return next;
  }

  private async start(sub: Subscription): Promise<void> {
    if (!this.subscriptions.has(sub)) return;
    if ('hallId' in sub.request) {
      sub.cursors = new HallCursors([[sub.request.hallId, sub.request.afterSeq]]);
      sub.ready = true;
      await this.backfill(sub, sub.request.hallId);
    } else {
      // Every hall from now: each hall's present seq is the starting point.
      const halls = await col<{ _id: string; eventSeq: number }>(this.ctx, 'halls')
        .find({}, { projection: { eventSeq: 1 } })
        .toArray();
      sub.cursors = new HallCursors(halls.map((h) => [h._id, h.eventSeq ?? 0] as [string, number]));
      sub.ready = true;
    }
  }

  private open(): void {
    if (this.closed || this.subscriptions.size === 0) return;
    const stream = col<EventDoc>(this.ctx, 'events').watch<EventDoc>(CHANGE_PIPELINE, this.resume.options());
    this.stream = stream;
    // Once the stream is open, whatever was committed before it (after a follower's backlog read,
    // or while a broken stream was down) is read from the log; later commits come on the stream.
    stream.on('init', () => void this.enqueue(() => this.sweep()));
    // The token moves with every batch, even an empty one, so a resume skips nothing seen.
    stream.on('resumeTokenChanged', (token) => this.resume.seen(token));
    stream.on('change', (change) => {
      this.resume.seen(change._id);
      if (change.operationType !== 'insert') return;
      const event = fromEventDoc(change.fullDocument);
      void this.enqueue(() => this.deliver([event]));
    });
    stream.on('error', (err) => {
      if (isResumeTokenLost(err)) this.resume.lost();
      else this.onError(err);
      void this.closeStream().then(() => this.scheduleReopen());
    });
  }

  private scheduleReopen(): void {
    if (this.closed || this.subscriptions.size === 0 || this.retry) return;
    this.retry = setTimeout(() => {
      this.retry = null;
      this.open();
    }, RETRY_MS);
    this.retry.unref();
  }

  private async closeStream(): Promise<void> {
    const stream = this.stream;
    this.stream = null;
    if (stream) await stream.close().catch(() => undefined);
  }

  private async sweep(): Promise<void> {
    for (const sub of [...this.subscriptions]) {
      if (!sub.ready) continue;
      for (const hallId of sub.cursors.halls()) await this.backfill(sub, hallId);
    }
  }

  private async deliver(events: readonly HallEvent[]): Promise<void> {
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
        const { ready, gapAfter } = sub.cursors.plan(hallId, list);
        await this.hand(sub, { hallId, events: ready });
        if (gapAfter !== null) await this.backfill(sub, hallId);
      }
    }
  }

  /** Reads the hall's log after what the subscription was given and hands it out. */
  private async backfill(sub: Subscription, hallId: string): Promise<void> {
    for (;;) {
      const page = await listEvents(this.ctx, hallId, sub.cursors.position(hallId), BACKLOG_PAGE);
      const { ready } = sub.cursors.plan(hallId, page);
      await this.hand(sub, { hallId, events: ready });
      if (page.length < BACKLOG_PAGE || ready.length === 0) return;
    }
  }

  private async hand(sub: Subscription, batch: EventBatch): Promise<void> {
    if (batch.events.length === 0 || !this.subscriptions.has(sub)) return;
    sub.cursors.advance(batch.hallId, batch.events);
    try {
      const done = sub.listener(batch);
      if (done instanceof Promise) done.catch(this.onError);
    } catch (err) {
      this.onError(err);
    }
  }
}
