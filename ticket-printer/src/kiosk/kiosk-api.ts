import type {
  IssuedTicketView,
  KioskMenu,
  KioskService,
  PrintJobList,
  PrintJobView,
  ReprintAnswer,
} from '@hall-queue/server/protocol';
import { ApiError, api } from '@hall-queue/ui-shared/api.js';

/** The hub's kiosk routes (docs/api.md, "Citizens and kiosks"); the answers are the hub's own types. */

export type { IssuedTicketView, KioskMenu, KioskService, PrintJobView };

export interface TicketRequest {
  serviceId: string;
  categories: string[];
  assistance: boolean;
}

/**
 * A fresh key for one issue attempt. `crypto.randomUUID` needs a secure
 * context, which a kiosk on the hall's LAN over plain HTTP is not;
 * `getRandomValues` works everywhere.
 */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `kiosk-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** Whether an issue may have happened even though no answer arrived (network lost, hub failed). */
export function answerUnknown(err: unknown): boolean {
  return !(err instanceof ApiError) || err.status === 0 || err.status >= 500;
}

export class KioskApi {
  constructor(
    readonly hallId: string,
    readonly token: string | null,
  ) {}

  private opts() {
    return this.token ? { token: this.token } : {};
  }

  menu(): Promise<KioskMenu> {
    return api<KioskMenu>(`/api/v1/halls/${encodeURIComponent(this.hallId)}/kiosk-menu`, this.opts());
  }

  /**
   * Takes a ticket. `idempotencyKey` names this attempt: sent again with the
   * same request after a lost answer, the hub gives back the same ticket.
   */
  issue(req: TicketRequest, idempotencyKey: string): Promise<IssuedTicketView> {
    return api<IssuedTicketView>(`/api/v1/halls/${encodeURIComponent(this.hallId)}/tickets`, {
      ...this.opts(),
      headers: { 'idempotency-key': idempotencyKey },
      body: { ...req, channel: 'kiosk' },
    });
  }

  /** Checks a booking in: a ticket with the appointment head start, or a refusal (too early, too late). */
  checkIn(code: string): Promise<{ ticket: IssuedTicketView }> {
    const path = `/api/v1/halls/${encodeURIComponent(this.hallId)}/bookings/${encodeURIComponent(code)}/check-in`;
    return api(path, { ...this.opts(), body: {} });
  }

  async printJobs(statusToken: string): Promise<PrintJobView[]> {
    return (await api<PrintJobList>(`/api/v1/tickets/${statusToken}/print-jobs`, this.opts())).jobs;
  }

  /** `joined`: a job of this ticket was still printing; no second one was made. */
  reprint(statusToken: string): Promise<ReprintAnswer> {
    return api<ReprintAnswer>(`/api/v1/halls/${encodeURIComponent(this.hallId)}/reprints`, {
      ...this.opts(),
      body: { statusToken },
    });
  }

  /** The ticket image from the hub, the same layout the printer prints (with the kiosk's paper width). */
  async ticketSvg(statusToken: string, copy = 1): Promise<string> {
    const res = await fetch(`/api/v1/tickets/${statusToken}/ticket.svg${copy > 1 ? `?copy=${copy}` : ''}`, {
      headers: this.token ? { authorization: `Bearer ${this.token}` } : {},
    });
    if (!res.ok) throw new Error(`ticket image: ${res.status}`);
    return res.text();
  }
}
