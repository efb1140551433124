import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Redraws the host every `everyMs` (a second by default) with the time in
 * `now`: the board's clock, the console's waiting and serving timers, the
 * floor's "serving for 4 min". The timer lives only while the host is on
 * the page.
 */
export class ClockController implements ReactiveController {
  now = Date.now();
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly everyMs = 1_000,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    clearInterval(this.timer);
    this.timer = setInterval(() => {
      this.now = Date.now();
      this.host.requestUpdate();
    }, this.everyMs);
  }

  hostDisconnected(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}
