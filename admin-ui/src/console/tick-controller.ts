import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Redraws the host every second while it is on the page (the waiting and serving timers). */
export class TickController implements ReactiveController {
  now = Date.now();
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {
    this.timer = setInterval(() => {
      this.now = Date.now();
      this.host.requestUpdate();
    }, 1_000);
  }

  hostDisconnected(): void {
    clearInterval(this.timer);
  }
}
