import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api } from '@hall-queue/ui-shared/api.js';
import { translator, type Lang } from '@hall-queue/ui-shared/i18n.js';
import { baseStyles } from '@hall-queue/ui-shared/tokens.js';
import type { LevelOption, RatingChoice, ReasonOption } from './counter-evaluator.js';
import { CounterFeed } from './counter-feed.js';
import { KIND_NAMES, MESSAGES } from './messages.js';
import './counter-evaluator.js';
import { refusalText } from '@hall-queue/ui-shared/refusals.js';

/**
 * The screen at a window: its number, name and kind, the clerk on duty, the
 * number being served in very large type (flashing briefly on a new call),
 * and after a completion the evaluator for that ticket.
 */

interface CounterView {
  hall: { id: string; name: string };
  window: {
    id: string;
    number: number;
    name: string;
    kind: string;
    state: string;
    pauseReason: string | null;
  };
  clerk: { displayName: string; staffNo: string } | null;
  current: { number: string; status: string; service: string; priority?: boolean } | null;
  evaluable: { ticketId: string; number: string; service: string } | null;
  levels: LevelOption[];
  reasons: ReasonOption[];
}

const FLASH_MS = 3000;

@customElement('counter-screen')
export class CounterScreen extends LitElement {
  @property() windowId = '';
  @property() token = '';
  @property() language: Lang = 'zh';
  /** Set while a new call is shown flashing. */
  @property({ type: Boolean, reflect: true }) flashing = false;
  @state() private view: CounterView | null = null;
  @state() private error = '';
  @state() private thanked: string | null = null;
  private flashTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly feed = new CounterFeed(this, {
    hallId: () => this.view?.hall.id ?? null,
    windowId: () => this.windowId,
    onChange: (call) => {
      if (call) this.flash();
      void this.load();
    },
  });

  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
        min-height: 100vh;
        padding: var(--space-6);
        background: var(--counter-bg, var(--color-board-bg));
        color: var(--counter-text, var(--color-board-text));
      }
      header {
        display: flex;
        justify-content: space-between;
        align-items: baseline;
        gap: var(--space-4);
        font-size: var(--font-size-title);
      }
      .kind,
      .clerk {
        font-size: var(--font-size-large);
        opacity: 0.9;
      }
      /* A priority ticket is marked, so the clerk asks for the proof the citizen was told to show. */
      .mark {
        display: inline-block;
        font-size: var(--font-size-large);
        font-weight: 700;
        padding: var(--space-1) var(--space-3);
        border-radius: var(--radius-small);
        background: var(--counter-priority, var(--color-success));
        color: #fff;
      }
      .number {
        font-family: var(--font-family-number);
        font-size: var(--counter-number-size, var(--font-size-giant));
        color: var(--color-board-number);
        text-align: center;
        line-height: 1.1;
        margin: var(--space-6) 0;
      }
      /* While the citizen rates, the number steps back so the whole form fits a 1280×800 screen. */
      .number.small {
        font-size: var(--font-size-title);
        margin: var(--space-2) 0;
      }
      :host([flashing]) .number {
        animation: flash var(--duration-flash) ease-in-out 5;
      }
      /* The flash grows the number and keeps its colour, so it stays readable (contrast) throughout. */
      @keyframes flash {
        50% {
          transform: scale(1.08);
        }
      }
      .status {
        text-align: center;
        font-size: var(--font-size-title);
      }
      .rate {
        background: var(--color-surface);
        color: var(--color-text);
        border-radius: var(--radius-large);
        padding: var(--space-4) var(--space-5);
        margin-top: var(--space-4);
      }
      .rate h2 {
        margin: 0 0 var(--space-3);
        font-size: var(--font-size-title);
      }
      .error {
        color: var(--color-board-number);
        font-size: var(--font-size-large);
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

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.flashTimer);
  }

  async load(): Promise<void> {
    if (!this.token) return;
    try {
      this.view = await api<CounterView>(`/api/v1/windows/${encodeURIComponent(this.windowId)}/counter`, {
        token: this.token,
      });
      this.error = '';
      this.feed.connect();
    } catch (err) {
      this.error = refusalText(err, this.language);
    }
  }

  private flash(): void {
    this.thanked = null;
    this.flashing = true;
    clearTimeout(this.flashTimer);
    this.flashTimer = setTimeout(() => (this.flashing = false), FLASH_MS);
  }

  private async rate(e: CustomEvent<RatingChoice>): Promise<void> {
    const ticket = this.view?.evaluable;
    if (!ticket) return;
    try {
      await api(`/api/v1/windows/${encodeURIComponent(this.windowId)}/evaluations`, {
        token: this.token,
        body: { ticketId: ticket.ticketId, ...e.detail },
      });
      this.thanked = ticket.number;
    } catch (err) {
      this.error = refusalText(err, this.language);
    }
    await this.load();
  }

  override render() {
    const t = this.t;
    if (!this.token) return html`<p class="error">${t('noToken')}</p>`;
    const v = this.view;
    if (!v) return html`<p class="error">${this.error}</p>`;
    const kind = KIND_NAMES[v.window.kind];
    const numberClass = v.evaluable && !this.thanked ? 'number small' : 'number';
    return html`
      <header>
        <div><strong>${t('window', { n: v.window.number })}</strong> ${v.window.name}</div>
        <div class="kind">${kind ? (this.language === 'en' ? kind.en : kind.zh) : v.window.kind}</div>
      </header>
      ${v.clerk ? html`<div class="clerk">${t('clerk', { name: v.clerk.displayName, no: v.clerk.staffNo })}</div>` : null}
      ${
        v.window.state === 'paused'
          ? html`<p class="status">${t('paused', { reason: v.window.pauseReason ?? '' })}</p>`
          : v.window.state === 'closed'
            ? html`<p class="status">${t('closed')}</p>`
            : null
      }
      ${
        v.current
          ? html`<div class="status">${t('serving')}</div>
              <div class=${numberClass} aria-live="polite" data-testid="serving">${v.current.number}</div>
              ${
                v.current.priority
                  ? html`<div class="mark" data-testid="priority-mark">${t('priority')}</div>`
                  : null
              }
              <div class="status">${v.current.service}</div>`
          : html`<div class=${numberClass} data-testid="serving">—</div>`
      }
      ${
        this.thanked
          ? html`<div class="rate" role="status"><h2>${t('thanks')}</h2></div>`
          : v.evaluable
            ? html`<section class="rate">
                <h2>${t('rate', { number: v.evaluable.number })}</h2>
                <counter-evaluator
                  .levels=${v.levels}
                  .reasons=${v.reasons}
                  .language=${this.language}
                  reasonsLabel=${t('reasons')}
                  commentLabel=${t('comment')}
                  submitLabel=${t('submit')}
                  @rating-chosen=${(e: CustomEvent<RatingChoice>) => void this.rate(e)}
                ></counter-evaluator>
              </section>`
            : null
      }
      ${this.error ? html`<p class="error">${t('error', { detail: this.error })}</p>` : null}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'counter-screen': CounterScreen;
  }
}
