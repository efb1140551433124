import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { io, type Socket } from 'socket.io-client';
import {
  DISPLAY_NAMESPACE,
  DisplaySync,
  type CallOut,
  type DisplayAuth,
  type DisplayClientEvents,
  type DisplayServerEvents,
  type DisplayState,
  type SequencedMessage,
  type SyncResult,
} from '@hall-queue/server/protocol';

/**
 * The screen's live link to its hall (docs/realtime.md): one socket to
 * `/display`, kept in step by `DisplaySync`. On every connect that was not
 * recovered the hub pushes a snapshot and the state is rebuilt from it; a
 * gap asks for one. Calls are handed to `onAnnounce` once per call id, even
 * across reconnects and hub restarts, because the same `DisplaySync` lives as
 * long as the screen. Listeners are added once per socket and the state is
 * replaced, never grown, so a screen can run for days. Every (re)connect and
 * snapshot request names the last seq the screen has (`sinceSeq`), so after
 * an absence the hub sends every call it missed (`onMissed`), not only the
 * snapshot's last ten.
 */

export interface HubConnectionOptions {
  hallId: string;
  /** Hub origin; the page's own by default. */
  url?: string;
  /** Show the offline mark after this long without the hub. */
  offlineAfterMs?: number;
  onAnnounce: (calls: CallOut[]) => void;
  /** Calls made while the screen was away, oldest first, spoken or not (the spoken ones also go to `onAnnounce`). */
  onMissed?: (calls: CallOut[]) => void;
  /** Missed calls at most this old are spoken (hall signage setting `voice.missedCallSeconds`). */
  missedCallMs?: number;
  /** The hall's configuration changed (or the link came back): fetch it again. */
  onConfigChanged?: () => void;
}

const SNAPSHOT_TIMEOUT_MS = 5_000;
const RETRY_MS = [500, 1_000, 2_000, 5_000, 10_000];
const RECONNECT_AFTER_CLOSE_MS = 2_000;

export class HubConnectionController implements ReactiveController {
  readonly sync: DisplaySync;
  /** The socket is connected now. */
  connected = false;
  /** Without the hub for longer than `offlineAfterMs`: show the mark, keep the last state. */
  offline = false;
  private socket: Socket<DisplayServerEvents, DisplayClientEvents> | null = null;
  private offlineTimer: ReturnType<typeof setTimeout> | undefined;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private retries = 0;
  private everConnected = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: HubConnectionOptions,
  ) {
    this.sync = new DisplaySync({
      hallId: options.hallId,
      ...(options.missedCallMs !== undefined ? { missedCallMs: options.missedCallMs } : {}),
    });
    host.addController(this);
  }

  get state(): DisplayState | null {
    return this.sync.state;
  }

  hostConnected(): void {
    if (this.socket) return;
    // Without a url: the page's own origin (a board is served by its hub).
    const origin = (globalThis as { location?: { origin: string } }).location?.origin ?? '';
    const url = (this.options.url ?? origin) + DISPLAY_NAMESPACE;
    const socket: Socket<DisplayServerEvents, DisplayClientEvents> = io(url, {
      // Asked again at every reconnect: the seq the screen has then is where the catch-up starts.
      auth: (cb) => cb({ hallId: this.options.hallId, ...this.since() } satisfies DisplayAuth),
      // WebSocket first (one connection, no long-poll upgrade); long-polling only where a proxy refuses it.
      transports: ['websocket', 'polling'],
      tryAllTransports: true,
      reconnectionDelay: 500,
      reconnectionDelayMax: 5_000,
    });
    this.socket = socket;
    // A new socket: whatever this screen knew is only good again once the hub's snapshot is in.
    this.sync.expectSnapshot();
    this.armOffline();
    socket.on('connect', () => {
      this.connected = true;
      this.setOffline(false);
      clearTimeout(this.offlineTimer);
      if (!socket.recovered) this.sync.expectSnapshot();
      // Settings may have changed while the hub was away; nothing in the snapshot says so.
      if (this.everConnected) this.options.onConfigChanged?.();
      this.everConnected = true;
      this.host.requestUpdate();
    });
    socket.on('disconnect', (reason) => {
      this.connected = false;
      this.armOffline();
      // The hub closed the link itself (shutting down for a restart): socket.io does not retry that on its own.
      if (reason === 'io server disconnect') {
        clearTimeout(this.retryTimer);
        this.retryTimer = setTimeout(() => socket.connect(), RECONNECT_AFTER_CLOSE_MS);
      }
      this.host.requestUpdate();
    });
    socket.on('display:snapshot', (s) => this.handle(this.sync.applySnapshot(s)));
    const apply = (m: SequencedMessage) => this.handle(this.sync.apply(m));
    socket.on('ticket:issued', (payload) => apply({ event: 'ticket:issued', payload }));
    socket.on('ticket:called', (payload) => apply({ event: 'ticket:called', payload }));
    socket.on('window:changed', (payload) => apply({ event: 'window:changed', payload }));
    socket.on('queue:counts', (payload) => apply({ event: 'queue:counts', payload }));
    socket.on('hall:config', (payload) => {
      apply({ event: 'hall:config', payload });
      if (payload.refresh) this.options.onConfigChanged?.();
    });
  }

  hostDisconnected(): void {
    clearTimeout(this.offlineTimer);
    clearTimeout(this.retryTimer);
    this.socket?.removeAllListeners();
    this.socket?.disconnect();
    this.socket = null;
    this.connected = false;
  }

  private since(): { sinceSeq?: number } {
    const seq = this.sync.catchUpFrom;
    return seq === undefined ? {} : { sinceSeq: seq };
  }

  private handle(result: SyncResult): void {
    if (result.missed && result.missed.length > 0) this.options.onMissed?.(result.missed);
    if (result.announce.length > 0) this.options.onAnnounce(result.announce);
    if (result.needSnapshot) void this.fetchSnapshot();
    this.host.requestUpdate();
  }

  private async fetchSnapshot(): Promise<void> {
    const socket = this.socket;
    if (!socket) return;
    try {
      const res = await socket.timeout(SNAPSHOT_TIMEOUT_MS).emitWithAck('display:snapshot', this.since());
      if (res.ok) {
        this.retries = 0;
        this.handle(this.sync.applySnapshot(res.data));
        return;
      }
    } catch {
      // No answer in time: asked again below.
    }
    if (!this.sync.snapshotFailed().needSnapshot) return;
    // A little longer each time, so a struggling hub is not hammered by every screen of the hall.
    const wait = RETRY_MS[Math.min(this.retries++, RETRY_MS.length - 1)] ?? 10_000;
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => void this.fetchSnapshot(), wait);
  }

  private armOffline(): void {
    clearTimeout(this.offlineTimer);
    this.offlineTimer = setTimeout(() => this.setOffline(true), this.options.offlineAfterMs ?? 10_000);
  }

  private setOffline(offline: boolean): void {
    if (this.offline === offline) return;
    this.offline = offline;
    this.host.requestUpdate();
  }
}
