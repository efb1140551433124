import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { io, type Socket } from 'socket.io-client';
import {
  DISPLAY_NAMESPACE,
  type DisplayAuth,
  type DisplayClientEvents,
  type DisplayServerEvents,
} from '@hall-queue/server/protocol';

/**
 * Keeps the citizen's page current: it re-reads the ticket when the hall
 * calls someone or the queue moves (public `/display` events), and every
 * 10 s anyway, because a phone's socket sleeps with its screen.
 */
const POLL_MS = 10_000;

export class TicketFeed implements ReactiveController {
  private socket: Socket<DisplayServerEvents, DisplayClientEvents> | null = null;
  private timer: ReturnType<typeof setInterval> | undefined;
  private readonly onVisible = () => document.visibilityState === 'visible' && this.refresh();

  constructor(
    host: ReactiveControllerHost,
    private readonly refresh: () => void,
  ) {
    host.addController(this);
  }

  /** Follows the ticket's hall once it is known. */
  follow(hallId: string): void {
    if (this.socket) return;
    const socket: Socket<DisplayServerEvents, DisplayClientEvents> = io(DISPLAY_NAMESPACE, {
      auth: { hallId } satisfies DisplayAuth,
      transports: ['websocket'],
    });
    for (const name of ['ticket:called', 'queue:counts', 'window:changed'] as const)
      socket.on(name, this.refresh);
    // The hub sends the snapshot once the socket has joined the hall: a call made while it was
    // still connecting sent no event this page could hear, so read the ticket again then.
    socket.on('display:snapshot', this.refresh);
    this.socket = socket;
  }

  hostConnected(): void {
    this.timer = setInterval(this.refresh, POLL_MS);
    document.addEventListener('visibilitychange', this.onVisible);
  }

  hostDisconnected(): void {
    clearInterval(this.timer);
    document.removeEventListener('visibilitychange', this.onVisible);
    this.socket?.disconnect();
    this.socket = null;
  }
}
