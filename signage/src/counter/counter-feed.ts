import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { io, type Socket } from 'socket.io-client';

/**
 * Follows the hall on the public `/display` namespace and tells the screen
 * when something about its window happened (a call, a state change, a
 * completion), so it re-reads its counter view. A call to this window also
 * comes with its call id, for the brief flash.
 */
export class CounterFeed implements ReactiveController {
  private socket: Socket | null = null;

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
    const socket = io('/display', { auth: { hallId }, transports: ['websocket'] });
    const mine = (p: { window?: { id?: string } | null }) => p.window?.id === this.options.windowId();
    socket.on('display:snapshot', () => this.options.onChange(null));
    socket.on('ticket:called', (p: { callId: string; window: { id: string } }) => {
      if (mine(p)) this.options.onChange({ callId: p.callId });
    });
    socket.on('window:changed', (p: { window: { id: string } }) => mine(p) && this.options.onChange(null));
    socket.on(
      'queue:counts',
      (p: { window: { id: string } | null }) => mine(p) && this.options.onChange(null),
    );
    socket.on('hall:config', (p: { refresh: boolean }) => p.refresh && this.options.onChange(null));
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
