import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { ApiError } from '@hall-queue/ui-shared/api.js';
import { isPermanent, loadBoardConfig, type BoardConfig, type BoardSource } from './board-config.js';

/**
 * Keeps the board's configuration current: loaded at start (retried until
 * the hub answers), again whenever the hub says the hall's configuration
 * changed, and every minute for the estimated waits, which move with the
 * queue but are not in the realtime feed.
 */

const REFRESH_MS = 60_000;
const RETRY_MS = [1_000, 2_000, 5_000, 10_000, 30_000];

export class BoardConfigController implements ReactiveController {
  config: BoardConfig | null = null;
  /** Why the configuration could not be loaded, while it could not. */
  error: ApiError | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private abort: AbortController | null = null;
  private failures = 0;
  private active = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly source: BoardSource,
    private readonly onLoaded: (config: BoardConfig) => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.active = true;
    void this.reload();
  }

  hostDisconnected(): void {
    this.active = false;
    clearTimeout(this.timer);
    this.abort?.abort();
  }

  /** Fetch now; a fetch still running is dropped, so the newest answer wins. */
  async reload(): Promise<void> {
    if (!this.active) return;
    clearTimeout(this.timer);
    this.abort?.abort();
    const abort = new AbortController();
    this.abort = abort;
    try {
      const config = await loadBoardConfig(this.source, abort.signal);
      if (abort.signal.aborted) return;
      this.config = config;
      this.error = null;
      this.failures = 0;
      this.onLoaded(config);
      this.schedule(REFRESH_MS);
    } catch (err) {
      if (abort.signal.aborted) return;
      this.error = err instanceof ApiError ? err : new ApiError(0, 'network_error', String(err));
      // A revoked token or unknown hall is retried slowly: an admin may fix it without anyone touching the screen.
      const wait = isPermanent(err)
        ? 60_000
        : (RETRY_MS[Math.min(this.failures++, RETRY_MS.length - 1)] ?? 30_000);
      this.schedule(wait);
    }
    this.host.requestUpdate();
  }

  private schedule(ms: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.reload(), ms);
  }
}
