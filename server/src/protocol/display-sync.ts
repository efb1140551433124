import { copyCall, copyCounts, copyWindow, type DisplayState } from './display-state.js';
import { RECENT_CALLS_LIMIT } from './names.js';
import type {
  CallOut,
  DisplaySnapshot,
  HallConfigMessage,
  PublicWindow,
  QueueCountsMessage,
  TicketCalledMessage,
  TicketIssuedMessage,
  WindowChangedMessage,
} from './payloads.js';

/**
 * Client-side state of one hall, kept in step with the hub (pure logic, no
 * socket, no timers): apply the snapshot, then each sequenced message. A
 * message whose seq is not the next one means something was missed; the
 * helper then holds messages and asks for a snapshot. A message with
 * `fromSeq` stands for the run of seqs fromSeq … seq. Call-outs are
 * announced once per `callId`, however often they are delivered.
 *
 * A display back from an absence asks its snapshot for the calls after the
 * last seq it has (`sinceSeq`, see `catchUpFrom`); the snapshot's
 * `missedCalls` are then all shown (`missed`), in order, and only those
 * younger than `missedCallMs` are spoken (`announce`): a call from minutes
 * ago read out now would send nobody anywhere useful.
 */

export type SequencedMessage =
  | { event: 'ticket:issued'; payload: TicketIssuedMessage }
  | { event: 'ticket:called'; payload: TicketCalledMessage }
  | { event: 'window:changed'; payload: WindowChangedMessage }
  | { event: 'queue:counts'; payload: QueueCountsMessage }
  | { event: 'hall:config'; payload: HallConfigMessage };

export interface SyncResult {
  /** Call-outs to show and speak now, oldest first; each callId is announced once. */
  announce: CallOut[];
  /**
   * Call-outs made while this display was away (from the snapshot's
   * `missedCalls`), oldest first, each once: to show, spoken or not (the
   * spoken ones are in `announce` too). Absent when nothing was missed.
   */
  missed?: CallOut[];
  /** Send `display:snapshot` and pass the answer to `applySnapshot` (asked once until it comes). */
  needSnapshot: boolean;
}

export interface DisplaySyncOptions {
  hallId: string;
  recentLimit?: number;
  /** Calls missed during a gap are spoken when at most this old at snapshot time (default 60 s). */
  missedCallMs?: number;
}

const MAX_HELD = 1000;
const REMEMBERED_CALLS = 500;
const NOTHING: SyncResult = { announce: [], needSnapshot: false };

export class DisplaySync {
  readonly hallId: string;
  private readonly recentLimit: number;
  private missedCallMs: number;
  private current: DisplayState | null = null;
  private held: SequencedMessage[] = [];
  /** Messages are held until a snapshot arrives; the hub pushes one on connect. */
  private awaiting = true;
  private requested = true;
  private readonly announced = new Set<string>();

  constructor(options: DisplaySyncOptions) {
    this.hallId = options.hallId;
    this.recentLimit = options.recentLimit ?? RECENT_CALLS_LIMIT;
    this.missedCallMs = options.missedCallMs ?? 60_000;
  }

  get state(): DisplayState | null {
    return this.current;
  }

  /** The hall's setting changed (signage voice `missedCallSeconds`). */
  setMissedCallMs(ms: number): void {
    this.missedCallMs = ms;
  }

  /**
   * The seq to name as `sinceSeq` when asking for a snapshot (or in the
   * handshake): the last one this display has, so the hub sends the calls
   * missed since. Undefined before the first snapshot: nothing was missed then.
   */
  get catchUpFrom(): number | undefined {
    return this.current?.seq;
  }

  /** True when the state is complete up to its seq: a snapshot arrived and no gap is open. */
  get inSync(): boolean {
    return this.current !== null && !this.awaiting;
  }

  /** The hub will push a snapshot (a reconnect that was not recovered): hold messages until then. */
  expectSnapshot(): void {
    this.awaiting = true;
    this.requested = true;
  }

  /** The snapshot request failed: ask again (the caller chooses when). */
  snapshotFailed(): SyncResult {
    this.requested = false;
    return { announce: [], needSnapshot: this.ask() };
  }

  applySnapshot(snapshot: DisplaySnapshot): SyncResult {
    if (snapshot.hall.id !== this.hallId) return NOTHING;
    const previous = this.current;
    const recentCalls = snapshot.recentCalls.slice(0, this.recentLimit).map(copyCall);
    this.current = {
      seq: snapshot.seq,
      hall: { id: snapshot.hall.id, name: snapshot.hall.name },
      windows: snapshot.windows.map(copyWindow),
      recentCalls,
      counts: copyCounts(snapshot.counts),
    };
    this.awaiting = false;
    this.requested = false;
    const announce: CallOut[] = [];
    const missed: CallOut[] = [];
    const fresh = (call: CallOut) => snapshot.at - call.at <= this.missedCallMs;
    if (previous !== null && snapshot.missedCalls) {
      // The hub sent every call after the seq we named, oldest first: show them all, speak the fresh ones.
      const after = previous.seq;
      for (const call of [...snapshot.missedCalls].sort((a, b) => a.seq - b.seq)) {
        if (call.seq <= after || call.seq > snapshot.seq || !this.remember(copyCall(call))) continue;
        missed.push(copyCall(call));
        if (fresh(call)) announce.push(copyCall(call));
      }
    }
    for (const call of [...recentCalls].reverse()) {
      // Without a catch-up list (an older hub), the recent calls are all a display can know it missed.
      const gap = previous !== null && call.seq > previous.seq;
      if (this.remember(call) && gap) {
        missed.push(call);
        if (fresh(call)) announce.push(call);
      }
    }
    const held = this.held.sort((a, b) => a.payload.seq - b.payload.seq);
    this.held = [];
    let needSnapshot = false;
    for (const m of held) {
      const r = this.apply(m);
      announce.push(...r.announce);
      needSnapshot ||= r.needSnapshot;
    }
    return missed.length > 0 ? { announce, missed, needSnapshot } : { announce, needSnapshot };
  }

  apply(message: SequencedMessage): SyncResult {
    if (message.payload.hallId !== this.hallId) return NOTHING;
    const cur = this.current;
    if (this.awaiting || cur === null) return this.hold(message);
    if (message.payload.seq <= cur.seq) return NOTHING;
    // A message may stand for a run of events (fromSeq … seq); it follows when the run starts next.
    if ((message.payload.fromSeq ?? message.payload.seq) > cur.seq + 1) {
      this.awaiting = true;
      return this.hold(message);
    }
    return this.step(cur, message);
  }

  private step(cur: DisplayState, m: SequencedMessage): SyncResult {
    const seq = m.payload.seq;
    switch (m.event) {
      case 'ticket:issued':
        this.current = { ...cur, seq, counts: copyCounts(m.payload.counts) };
        return NOTHING;
      case 'ticket:called': {
        const call = copyCall(m.payload);
        const current = {
          ticketNumber: call.ticketNumber,
          service: call.service,
          status: 'called' as const,
          calledAt: call.at,
          priority: call.priority === true,
        };
        const known = cur.windows.some((w) => w.id === call.window.id);
        this.current = {
          ...cur,
          seq,
          counts: copyCounts(m.payload.counts),
          windows: cur.windows.map((w) => (w.id === call.window.id ? { ...w, current } : w)),
          recentCalls: [call, ...cur.recentCalls.filter((c) => c.callId !== call.callId)].slice(
            0,
            this.recentLimit,
          ),
        };
        const announce = this.remember(call) ? [call] : [];
        return { announce, needSnapshot: known ? false : this.resync() };
      }
      case 'window:changed':
        return this.replaceWindow({ ...cur, seq }, m.payload.window);
      case 'queue:counts': {
        const next = { ...cur, seq, counts: copyCounts(m.payload.counts) };
        if (m.payload.window) return this.replaceWindow(next, m.payload.window);
        this.current = next;
        return NOTHING;
      }
      case 'hall:config':
        this.current = { ...cur, seq };
        return m.payload.refresh ? { announce: [], needSnapshot: this.resync() } : NOTHING;
    }
  }

  private replaceWindow(next: DisplayState, window: PublicWindow): SyncResult {
    const known = next.windows.some((w) => w.id === window.id);
    this.current = {
      ...next,
      windows: next.windows.map((w) => (w.id === window.id ? copyWindow(window) : w)),
    };
    // A window we have never seen was added: only a snapshot has its place in the list.
    return known ? NOTHING : { announce: [], needSnapshot: this.resync() };
  }

  private resync(): boolean {
    this.awaiting = true;
    return this.ask();
  }

  private hold(message: SequencedMessage): SyncResult {
    this.held.push(message);
    if (this.held.length > MAX_HELD) this.held.shift();
    return { announce: [], needSnapshot: this.current === null ? false : this.ask() };
  }

  private ask(): boolean {
    if (this.requested) return false;
    this.requested = true;
    return true;
  }

  private remember(call: CallOut): boolean {
    if (this.announced.has(call.callId)) return false;
    this.announced.add(call.callId);
    if (this.announced.size > REMEMBERED_CALLS) {
      const oldest = this.announced.values().next().value;
      if (oldest !== undefined) this.announced.delete(oldest);
    }
    return true;
  }
}
