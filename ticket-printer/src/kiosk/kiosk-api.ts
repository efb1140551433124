import { api } from '../../../ui-shared/src/api.js';

/** The hub's kiosk routes (docs/api.md, "Citizens and kiosks"). */

export interface KioskService {
  id: string;
  code: string;
  name: string;
  domain: string;
  prefix: string;
  pinyin: string;
  crossRegion: boolean;
  cannotHandle: boolean;
  waiting: number;
  estimate: { ahead: number; minutes: number | null };
}

export interface KioskMenu {
  hall: { id: string; name: string };
  domains: { domain: string; waiting: number; services: KioskService[] }[];
  /** The priority categories a citizen may declare here (absent from an older hub). */
  priorityCategories?: string[];
}

export interface IssuedTicket {
  number: string;
  service: { id: string; name: string; domain: string };
  issuedAt: number;
  ahead: number;
  estimatedMinutes: number | null;
  statusToken: string;
}

export interface PrintJobView {
  id: string;
  copy: number;
  status: 'queued' | 'sent' | 'printed' | 'failed';
  error: string | null;
}

export interface TicketRequest {
  serviceId: string;
  categories: string[];
  assistance: boolean;
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

  issue(req: TicketRequest): Promise<IssuedTicket> {
    return api<IssuedTicket>(`/api/v1/halls/${encodeURIComponent(this.hallId)}/tickets`, {
      ...this.opts(),
      body: { ...req, channel: 'kiosk' },
    });
  }

  async printJobs(statusToken: string): Promise<PrintJobView[]> {
    return (await api<{ jobs: PrintJobView[] }>(`/api/v1/tickets/${statusToken}/print-jobs`, this.opts()))
      .jobs;
  }

  reprint(statusToken: string): Promise<{ job: PrintJobView }> {
    return api(`/api/v1/halls/${encodeURIComponent(this.hallId)}/reprints`, {
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
