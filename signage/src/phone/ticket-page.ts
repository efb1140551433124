import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api, ApiError } from '@hall-queue/ui-shared/api.js';
import { translator, type Lang } from '@hall-queue/ui-shared/i18n.js';
import { baseStyles } from '@hall-queue/ui-shared/tokens.js';
import type { LevelOption, RatingChoice, ReasonOption } from '../shared/rating-form.js';
import { MESSAGES } from './messages.js';
import { TicketFeed } from './ticket-feed.js';
import { statusLine, type TicketStatus } from './status-line.js';
import './phone-rating.js';
import { refusalText } from '@hall-queue/ui-shared/refusals.js';

/**
 * /t/<statusToken>: the citizen's ticket on their phone, from the QR code.
 * Number, matter, status in plain words, people ahead and the estimated
 * wait; a clear call with vibration; 过号 re-activation; the rating after
 * service. The token is the only key: no account, no personal data.
 */

interface RatingState {
  canRate: boolean;
  rated: boolean;
  level: number | null;
  levels: LevelOption[];
  reasons: ReasonOption[];
}

@customElement('ticket-page')
export class TicketPage extends LitElement {
  @property() token = '';
  @property() language: Lang = 'zh';
  /** Reflected so the called state can be styled (and found) from outside. */
  @property({ reflect: true }) status = '';
  @state() private ticket: TicketStatus | null = null;
  @state() private rating: RatingState | null = null;
  @state() private thanked = false;
  @state() private busy = false;
  @state() private error = '';
  @state() private missing = false;
  private lastCall: number | null = null;
  private readonly feed = new TicketFeed(this, () => void this.load());

  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
        max-width: 480px;
        margin: 0 auto;
        padding: var(--space-4);
        font-size: var(--phone-font-size, 22px);
      }
      header {
        display: flex;
        justify-content: space-between;
        align-items: center;
        color: var(--color-text-muted);
        font-size: var(--font-size-small);
      }
      header button {
        font: inherit;
        min-height: 44px;
        padding: 0 var(--space-3);
        border: 2px solid var(--color-border);
        border-radius: var(--radius-small);
        background: var(--color-surface);
        color: var(--color-text);
      }
      .card {
        background: var(--color-surface);
        border: 2px solid var(--color-border);
        border-radius: var(--radius-large);
        padding: var(--space-4);
        margin-top: var(--space-3);
        text-align: center;
      }
      .number {
        font-family: var(--font-family-number);
        font-size: var(--phone-number-size, 88px);
        font-weight: 700;
        line-height: 1.05;
        color: var(--color-primary);
      }
      .service {
        font-size: var(--font-size-large);
      }
      .status {
        font-size: var(--font-size-large);
        font-weight: 700;
        margin-top: var(--space-3);
      }
      .hint {
        margin-top: var(--space-2);
      }
      :host([status='called']) .card {
        background: var(--color-accent);
        border-color: var(--color-accent);
        color: #fff;
      }
      :host([status='called']) .number {
        color: #fff;
      }
      :host([status='called']) .status {
        font-size: var(--font-size-title);
      }
      .action {
        font: inherit;
        width: 100%;
        min-height: 64px;
        margin-top: var(--space-4);
        border-radius: var(--radius-medium);
        border: none;
        background: var(--color-primary);
        color: var(--color-primary-text);
      }
      section {
        margin-top: var(--space-5);
      }
      h2 {
        font-size: var(--font-size-large);
        margin: 0 0 var(--space-3);
      }
      .error {
        color: var(--color-danger);
        font-weight: 700;
      }
      footer {
        margin-top: var(--space-5);
        font-size: var(--font-size-small);
        color: var(--color-text-muted);
        text-align: center;
      }
    `,
  ];

  private get t() {
    return translator(MESSAGES, this.language);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  async load(): Promise<void> {
    if (!this.token) return;
    try {
      const path = `/api/v1/tickets/status/${encodeURIComponent(this.token)}`;
      const ticket = await api<TicketStatus>(path);
      this.noticeCall(ticket);
      this.ticket = ticket;
      this.status = ticket.status;
      this.error = '';
      this.feed.follow(ticket.hall.id);
      if (ticket.status === 'completed' && !this.thanked)
        this.rating = await api<RatingState>(`${path}/evaluation`);
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) this.missing = true;
      else this.error = refusalText(err, this.language);
    }
  }

  /** A new call (or a recall) buzzes the phone where the browser allows it. */
  private noticeCall(next: TicketStatus): void {
    if (next.status === 'called' && next.calledAt !== null && next.calledAt !== this.lastCall) {
      if (this.ticket !== null) navigator.vibrate?.([400, 150, 400]);
    }
    this.lastCall = next.status === 'called' ? next.calledAt : null;
  }

  private async reactivate(): Promise<void> {
    if (!this.ticket) return;
    this.busy = true;
    try {
      const hall = encodeURIComponent(this.ticket.hall.id);
      this.ticket = await api<TicketStatus>(`/api/v1/halls/${hall}/tickets/reactivate`, {
        body: { statusToken: this.token },
      });
      this.status = this.ticket.status;
      this.error = '';
    } catch (err) {
      this.error = refusalText(err, this.language);
    } finally {
      this.busy = false;
    }
  }

  private async rate(choice: RatingChoice): Promise<void> {
    this.busy = true;
    try {
      await api(`/api/v1/tickets/status/${encodeURIComponent(this.token)}/evaluation`, { body: choice });
      this.thanked = true;
      this.error = '';
    } catch (err) {
      // Rated meanwhile (at the window or on another tab): say so instead of an error.
      if (err instanceof ApiError && err.code === 'conflict') await this.load();
      else this.error = refusalText(err, this.language);
    } finally {
      this.busy = false;
    }
  }

  private toggleLanguage(): void {
    this.language = this.language === 'zh' ? 'en' : 'zh';
    localStorage.setItem('hall-lang', this.language);
    document.documentElement.lang = this.language === 'en' ? 'en' : 'zh-CN';
  }

  override render() {
    const t = this.t;
    const tk = this.ticket;
    return html`
      <header>
        <span>${tk?.hall.name ?? t('title')}</span>
        <button @click=${() => this.toggleLanguage()}>${t('language')}</button>
      </header>
      ${this.missing ? html`<p class="error" role="alert">${t('notFound')}</p>` : null}
      ${tk ? this.renderTicket(tk) : null}
      ${this.error ? html`<p class="error" role="alert">${t('error', { detail: this.error })}</p>` : null}
      <footer>${t('updated')} · ${t('privacy')}</footer>
    `;
  }

  private renderTicket(tk: TicketStatus) {
    const t = this.t;
    const line = statusLine(tk, t);
    return html`
      <div class="card" aria-live="assertive">
        <div>${t('yourNumber')}</div>
        <div class="number" data-testid="number">${tk.number}</div>
        <div class="service">${tk.service.name}</div>
        <div class="status" data-testid="status" role="status">${line.status}</div>
        ${line.hint ? html`<div class="hint" data-testid="hint">${line.hint}</div>` : null}
      </div>
      ${
        tk.status === 'no_show'
          ? html`<button class="action" ?disabled=${this.busy} @click=${() => void this.reactivate()}>
              ${t('reactivate')}
            </button>`
          : null
      }
      ${tk.status === 'completed' ? this.renderRating() : null}
    `;
  }

  private renderRating() {
    const t = this.t;
    const r = this.rating;
    if (this.thanked) return html`<section role="status"><h2>${t('thanks')}</h2></section>`;
    if (!r) return null;
    if (r.rated) {
      const level = r.levels.find((l) => l.level === r.level);
      const name = level ? (this.language === 'en' ? level.en : level.zh) : '';
      return html`<section role="status" data-testid="already-rated">
        ${t('alreadyRated', { level: name })}
      </section>`;
    }
    if (!r.canRate) return html`<section>${t('rateClosed')}</section>`;
    return html`<section>
      <h2>${t('rate')}</h2>
      <phone-rating
        .levels=${r.levels}
        .reasons=${r.reasons}
        .language=${this.language}
        .busy=${this.busy}
        reasonsLabel=${t('reasons')}
        commentLabel=${t('comment')}
        submitLabel=${t('submit')}
        @rating-chosen=${(e: CustomEvent<RatingChoice>) => void this.rate(e.detail)}
      ></phone-rating>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ticket-page': TicketPage;
  }
}
