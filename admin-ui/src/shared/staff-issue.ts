import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Lang } from '@hall-queue/ui-shared/i18n.js';
import { refusalText } from '@hall-queue/ui-shared/refusals.js';
import { baseStyles } from '@hall-queue/ui-shared/tokens.js';

/**
 * Issuing a ticket on a citizen's behalf: the hall guide at the 导服台 (admin
 * console page) or a clerk at a window (clerk console). The matter is chosen
 * as at the kiosk, by area; staff may give every priority the hall offers,
 * including the staff-only ones (重点项目, 急事急办), after seeing the proof.
 */

export interface StaffIssueClient {
  get<T>(path: string): Promise<T>;
  post<T>(path: string, body: unknown): Promise<T>;
}

interface Menu {
  domains: { domain: string; services: { id: string; name: string; waiting: number }[] }[];
  priorityRules?: { category: string; declaredBy: 'citizen' | 'staff' }[];
}

interface Issued {
  number: string;
  ahead: number;
  estimatedMinutes: number | null;
  service: { name: string };
}

const WORDS = {
  zh: {
    title: '为群众取号',
    matter: '办理事项',
    priority: '优先类别（核验证件后选择）',
    staffOnly: '工作人员认定',
    assistance: '需要帮办代办',
    issue: '取号',
    pickMatter: '请先选择办理事项',
    issued: '已取号 {number}（{service}），前面还有 {ahead} 人',
    loading: '正在读取事项…',
    checkIn: '预约签到',
    bookingCode: '预约码',
    checkedIn: '预约已签到，已取号 {number}（{service}），前面还有 {ahead} 人',
    elderly: '老年人',
    child: '携带幼儿',
    sick: '病患',
    disabled: '残疾人',
    pregnant: '孕妇',
    military: '军人',
    key_project: '重点项目',
    urgent: '急事急办',
  },
  en: {
    title: 'Issue a ticket for a citizen',
    matter: 'Matter',
    priority: 'Priority (after checking the proof)',
    staffOnly: 'staff only',
    assistance: 'Needs assistance',
    issue: 'Issue',
    pickMatter: 'Choose a matter first',
    issued: 'Issued {number} ({service}); {ahead} ahead',
    loading: 'Reading the matters…',
    checkIn: 'Check in a booking',
    bookingCode: 'Booking code',
    checkedIn: 'Booking checked in: {number} ({service}); {ahead} ahead',
    elderly: 'Elderly',
    child: 'With a small child',
    sick: 'Sick',
    disabled: 'Disabled',
    pregnant: 'Pregnant',
    military: 'Military',
    key_project: 'Key project',
    urgent: 'Urgent',
  },
} as const;
type Word = keyof (typeof WORDS)['zh'];

@customElement('staff-issue')
export class StaffIssue extends LitElement {
  @property() hallId = '';
  @property() language: Lang = 'zh';
  @property({ attribute: false }) client!: StaffIssueClient;
  @state() private menu: Menu | null = null;
  @state() private serviceId = '';
  @state() private chosen = new Set<string>();
  @state() private assistance = false;
  @state() private busy = false;
  @state() private result = '';
  @state() private error = '';

  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
      }
      fieldset {
        border: 1px solid var(--color-border);
        border-radius: var(--radius-small);
        margin: 0 0 var(--space-4);
        padding: var(--space-3);
      }
      legend {
        font-weight: 700;
      }
      .domain {
        margin: var(--space-2) 0;
      }
      .choices {
        display: flex;
        flex-wrap: wrap;
        gap: var(--space-2);
      }
      button[aria-pressed='true'] {
        background: var(--color-primary);
        color: var(--color-primary-text);
      }
      small {
        font-weight: 400;
      }
      .error {
        color: var(--color-danger);
      }
    `,
  ];

  private w(key: Word, vars: Record<string, string | number> = {}): string {
    return WORDS[this.language][key].replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? ''));
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      this.menu = await this.client.get<Menu>(`/api/v1/halls/${encodeURIComponent(this.hallId)}/kiosk-menu`);
    } catch (err) {
      this.error = refusalText(err, this.language);
    }
  }

  override render() {
    const m = this.menu;
    if (!m) return html`<p role=${this.error ? 'alert' : 'status'}>${this.error || this.w('loading')}</p>`;
    const rules = m.priorityRules ?? [];
    return html`
      <fieldset>
        <legend>${this.w('matter')}</legend>
        ${m.domains.map(
          (d) =>
            html`<div class="domain" role="group" aria-label=${d.domain}>
              <div>${d.domain}</div>
              <div class="choices">
                ${d.services.map(
                  (s) =>
                    html`<button
                      type="button"
                      data-service=${s.id}
                      aria-pressed=${String(this.serviceId === s.id)}
                      @click=${() => (this.serviceId = s.id)}
                    >
                      ${s.name}
                    </button>`,
                )}
              </div>
            </div>`,
        )}
      </fieldset>
      <fieldset>
        <legend>${this.w('priority')}</legend>
        <div class="choices">
          ${rules.map(
            (r) =>
              html`<button
                type="button"
                data-category=${r.category}
                aria-pressed=${String(this.chosen.has(r.category))}
                @click=${() => this.toggle(r.category)}
              >
                ${this.w(r.category as Word)}${
                  r.declaredBy === 'staff' ? html` <small>（${this.w('staffOnly')}）</small>` : nothing
                }
              </button>`,
          )}
          <button
            type="button"
            data-assistance
            aria-pressed=${String(this.assistance)}
            @click=${() => (this.assistance = !this.assistance)}
          >
            ${this.w('assistance')}
          </button>
        </div>
      </fieldset>
      <button class="primary" data-issue ?disabled=${this.busy} @click=${() => void this.issue()}>
        ${this.w('issue')}
      </button>
      <fieldset>
        <legend>${this.w('checkIn')}</legend>
        <form
          class="choices"
          @submit=${(e: Event) => {
            e.preventDefault();
            const input = (e.target as HTMLFormElement).elements.namedItem('code') as HTMLInputElement;
            void this.checkIn(input);
          }}
        >
          <input name="code" aria-label=${this.w('bookingCode')} autocomplete="off" />
          <button type="submit" data-check-in ?disabled=${this.busy}>${this.w('checkIn')}</button>
        </form>
      </fieldset>
      ${this.result ? html`<p role="status" data-issued>${this.result}</p>` : nothing}
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
    `;
  }

  /**
   * A citizen with a booking at the window: the clerk checks the code in for
   * them (inside the early/late window, a ticket with the appointment head start).
   */
  private async checkIn(input: HTMLInputElement): Promise<void> {
    this.result = '';
    this.error = '';
    const code = input.value.trim();
    if (!code) return;
    this.busy = true;
    try {
      const { ticket } = await this.client.post<{ ticket: Issued }>(
        `/api/v1/halls/${encodeURIComponent(this.hallId)}/bookings/${encodeURIComponent(code)}/check-in`,
        {},
      );
      this.result = this.w('checkedIn', {
        number: ticket.number,
        service: ticket.service.name,
        ahead: ticket.ahead,
      });
      input.value = '';
    } catch (err) {
      this.error = refusalText(err, this.language);
    } finally {
      this.busy = false;
    }
  }

  private toggle(category: string): void {
    const next = new Set(this.chosen);
    if (next.has(category)) next.delete(category);
    else next.add(category);
    this.chosen = next;
  }

  private async issue(): Promise<void> {
    this.result = '';
    this.error = '';
    if (!this.serviceId) {
      this.error = this.w('pickMatter');
      return;
    }
    this.busy = true;
    try {
      const t = await this.client.post<Issued>(
        `/api/v1/halls/${encodeURIComponent(this.hallId)}/tickets/staff`,
        {
          serviceId: this.serviceId,
          categories: [...this.chosen],
          assistance: this.assistance,
        },
      );
      this.result = this.w('issued', { number: t.number, service: t.service.name, ahead: t.ahead });
      this.serviceId = '';
      this.chosen = new Set();
      this.assistance = false;
    } catch (err) {
      this.error = refusalText(err, this.language);
    } finally {
      this.busy = false;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'staff-issue': StaffIssue;
  }
}
