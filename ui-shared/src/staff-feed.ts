import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { io, type Socket } from 'socket.io-client';
import {
  SEQUENCED_EVENTS,
  SERVER_EVENTS,
  STAFF_NAMESPACE,
  type StaffAuth,
  type StaffClientEvents,
  type StaffServerEvents,
} from '@hall-queue/server/protocol';

/**
 * A hall's authenticated realtime feed (`/staff`, docs/realtime.md) with the
 * session cookie of the consoles (the hub accepts it from its own pages).
 * A screen does not rebuild its state from each message: any message, or a
 * (re)connect, means "read again", coalesced over `coalesceMs` so a burst of
 * calls costs one read. Used by the clerk console and the live floor.
 */
export interface StaffFeedOptions {
  /** The hall to follow from the start; `follow()` names or changes it later. */
  hallId?: () => string;
  /** Messages within this many ms cause one read (0: each message at once). */
  coalesceMs?: number;
}

export class StaffFeed implements ReactiveController {
  /** False while the socket is down: the screen says so, so staff know it is not live. */
  online = false;
  private socket: Socket<StaffServerEvents, StaffClientEvents> | null = null;
  private hallId: string | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly onChange: () => void,
    private readonly options: StaffFeedOptions = {},
  ) {
    host.addController(this);
  }

  /** Follows `hallId` (a no-op when it is already followed). */
  follow(hallId: string): void {
    if (this.hallId === hallId && this.socket) return;
    this.disconnect();
    this.hallId = hallId;
    const socket: Socket<StaffServerEvents, StaffClientEvents> = io(location.origin + STAFF_NAMESPACE, {
      auth: { hallId } satisfies StaffAuth,
      withCredentials: true,
      transports: ['websocket', 'polling'],
      tryAllTransports: true,
    });
    socket.on('connect', () => {
      this.setOnline(true);
      this.schedule();
    });
    socket.on('disconnect', () => this.setOnline(false));
    socket.on('connect_error', () => this.setOnline(false));
    for (const event of [...SEQUENCED_EVENTS, SERVER_EVENTS.ticketChanged, SERVER_EVENTS.snapshot])
      socket.on(event, () => this.schedule());
    this.socket = socket;
  }

  disconnect(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.socket?.removeAllListeners();
    this.socket?.disconnect();
    this.socket = null;
    this.online = false;
  }

  hostConnected(): void {
    const hallId = this.hallId ?? this.options.hallId?.() ?? null;
    if (hallId && !this.socket) this.follow(hallId);
  }

  hostDisconnected(): void {
    this.disconnect();
  }

  private setOnline(online: boolean): void {
    this.online = online;
    this.host.requestUpdate();
  }

  private schedule(): void {
    const wait = this.options.coalesceMs ?? 0;
    if (wait === 0) {
      this.onChange();
      return;
    }
    if (this.timer !== undefined) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.onChange();
    }, wait);
  }
}
