import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { io, type Socket } from 'socket.io-client';
import { SEQUENCED_EVENTS, STAFF_NAMESPACE } from '../../../server/src/protocol/index.js';

/**
 * The hall's authenticated realtime feed (`/staff`, docs/realtime.md), with
 * the session cookie of the console. The floor page does not rebuild state
 * from each message: any message, or a reconnect, means "read the floor
 * again", coalesced so a burst of calls costs one read.
 */
export class StaffFeedController implements ReactiveController {
  connected = false;
  private socket: Socket | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly hallId: () => string,
    private readonly onChange: () => void,
    private readonly coalesceMs = 250,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    const socket = io(location.origin + STAFF_NAMESPACE, {
      auth: { hallId: this.hallId() },
      withCredentials: true,
      transports: ['websocket', 'polling'],
      tryAllTransports: true,
    });
    this.socket = socket;
    socket.on('connect', () => {
      this.connected = true;
      this.host.requestUpdate();
      this.schedule();
    });
    socket.on('disconnect', () => {
      this.connected = false;
      this.host.requestUpdate();
    });
    for (const event of [...SEQUENCED_EVENTS, 'ticket:changed', 'display:snapshot'])
      socket.on(event, () => this.schedule());
  }

  hostDisconnected(): void {
    clearTimeout(this.timer);
    this.socket?.removeAllListeners();
    this.socket?.disconnect();
    this.socket = null;
  }

  private schedule(): void {
    if (this.timer !== undefined) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.onChange();
    }, this.coalesceMs);
  }
}
