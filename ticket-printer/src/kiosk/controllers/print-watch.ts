import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { KioskApi, PrintJobView } from '../kiosk-api.js';

export type PrintState = 'none' | 'printing' | 'printed' | 'failed';

/**
 * Follows the print job of the ticket on screen: asks the hub every second
 * until the newest job is printed or failed. No job after a few tries means
 * this kiosk has no printer (`none`). There is no give-up timer: a slow
 * printer may still be printing, and showing 重新打印 then would put a second
 * copy in the tray. The hub always ends a job (its network printing has
 * connect, write and status time limits; an agent's job ends when the agent
 * answers), and the kiosk returns to the start when left idle.
 */
export class PrintWatch implements ReactiveController {
  state: PrintState = 'none';
  copy = 1;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private run = 0;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly opts: { intervalMs?: number } = {},
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this.stop();
  }

  watch(kiosk: KioskApi, statusToken: string, expectPrinter: boolean): void {
    this.stop();
    const run = ++this.run;
    this.state = expectPrinter ? 'printing' : 'none';
    this.host.requestUpdate();
    if (!expectPrinter) return;
    const started = Date.now();
    const tick = async () => {
      let jobs: PrintJobView[] = [];
      try {
        jobs = await kiosk.printJobs(statusToken);
      } catch {
        // The hub is briefly unreachable: keep asking until giving up.
      }
      if (run !== this.run) return;
      const last = jobs.at(-1);
      const waited = Date.now() - started;
      if (last) this.copy = last.printedCopy;
      if (last?.status === 'printed' || last?.status === 'failed') this.state = last.status;
      else if (!last && waited > 3000) this.state = 'none';
      this.host.requestUpdate();
      if (this.state === 'printing') this.timer = setTimeout(() => void tick(), this.opts.intervalMs ?? 1000);
    };
    void tick();
  }

  stop(): void {
    this.run++;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
