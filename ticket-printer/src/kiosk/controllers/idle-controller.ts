import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Calls `onIdle` when nobody has touched the screen for `ms`: the kiosk goes
 * back to the start so the next citizen does not inherit a half-finished
 * choice. Any pointer or key event restarts the count.
 */
export class IdleController implements ReactiveController {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly poke = () => this.restart();

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly ms: () => number,
    private readonly onIdle: () => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    for (const type of ['pointerdown', 'keydown', 'input'])
      this.host.addEventListener(type, this.poke, { capture: true });
    this.restart();
  }

  hostDisconnected(): void {
    for (const type of ['pointerdown', 'keydown', 'input'])
      this.host.removeEventListener(type, this.poke, { capture: true });
    if (this.timer) clearTimeout(this.timer);
  }

  restart(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.onIdle(), this.ms());
  }
}
