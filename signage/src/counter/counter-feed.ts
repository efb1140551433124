import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { io, type Socket } from 'socket.io-client';
import {
  DISPLAY_NAMESPACE,
  type DisplayAuth,
  type DisplayClientEvents,
  type DisplayServerEvents,
} from '@hall-queue/server/protocol';

/**
 * Follows the hall on the public `/display` namespace and tells the screen
 * when something about its window happened (a call, a state change, a
 * completion), so it re-reads its counter view. A call to this window also
 * comes with its call id, for the brief flash.
 */
export class CounterFeed implements ReactiveController {
  private socket: Socket<DisplayServerEvents, DisplayClientEvents> | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: {
      hallId: () => string | null;
      windowId: () => string;
      onChange: (call: { callId: string } | null) => void;
    },
  ) {
    host.addController(this);
  }

  /** Connects once the hall is known. */
  connect(): void {
    const hallId = this.options.hallId();
    if (!hallId || this.socket) return;
    const socket: Socket<DisplayServerEvents, DisplayClientEvents> = io(DISPLAY_NAMESPACE, {
      auth: { hallId } satisfies DisplayAuth,
      transports: ['websocket'],
    });
    const mine = (p: { window: { id: string } | null }) => p.window?.id === this.options.windowId();
    socket.on('display:snapshot', () => this.options.onChange(null));
    socket.on('ticket:called', (p) => {
      if (mine(p)) this.options.onChange({ callId: p.callId });
    });
    socket.on('window:changed', (p) => mine(p) && this.options.onChange(null));
    socket.on('queue:counts', (p) => mine(p) && this.options.onChange(null));
    socket.on('hall:config', (p) => p.refresh && this.options.onChange(null));
    this.socket = socket;
  }

  hostConnected(): void {
    this.connect();
  }

  hostDisconnected(): void {
    this.socket?.disconnect();
    this.socket = null;
  }
}
