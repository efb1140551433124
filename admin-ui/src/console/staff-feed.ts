import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { io, type Socket } from 'socket.io-client';
import { SEQUENCED_EVENTS, SERVER_EVENTS, STAFF_NAMESPACE } from '../../../server/src/protocol/names.js';

/**
 * Follows the hall on the `/staff` namespace with the session cookie (the
 * hub accepts it from its own pages). Any event of the hall may change what
 * the console shows (another window called someone out of the next list, a
 * keypad pressed at this window), so each one asks the screen to re-read its
 * window; the screen coalesces those reads.
 */
export class StaffFeed implements ReactiveController {
  /** False while the socket is down: the screen says so, the clerk knows it is not live. */
  online = false;
  private socket: Socket | null = null;
  private hallId: string | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly onEvent: () => void,
  ) {
    host.addController(this);
  }

  follow(hallId: string): void {
    if (this.hallId === hallId && this.socket) return;
    this.disconnect();
    this.hallId = hallId;
    const socket = io(STAFF_NAMESPACE, { auth: { hallId }, transports: ['websocket'] });
    socket.on('connect', () => this.setOnline(true));
    socket.on('disconnect', () => this.setOnline(false));
    socket.on('connect_error', () => this.setOnline(false));
    socket.on(SERVER_EVENTS.snapshot, () => this.onEvent());
    socket.on(SERVER_EVENTS.ticketChanged, () => this.onEvent());
    for (const name of SEQUENCED_EVENTS) socket.on(name, () => this.onEvent());
    this.socket = socket;
  }

  private setOnline(online: boolean): void {
    this.online = online;
    this.host.requestUpdate();
  }

  disconnect(): void {
    this.socket?.disconnect();
    this.socket = null;
    this.online = false;
  }

  hostConnected(): void {
    if (this.hallId && !this.socket) this.follow(this.hallId);
  }

  hostDisconnected(): void {
    this.disconnect();
  }
}
