import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { fireEvent } from '@hall-queue/ui-shared/fire-event.js';
import { translator, type Lang } from '@hall-queue/ui-shared/i18n.js';
import { baseStyles } from '@hall-queue/ui-shared/tokens.js';
import type { KioskMenu, KioskService } from './kiosk-api.js';
import { kioskStyles } from './kiosk-styles.js';
import { MESSAGES, type KioskT } from './messages.js';
import { searchMatters } from './search.js';
import './kiosk-events.js';

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('');

/**
 * Step 1: the matters, by area (领域), each with its queue and wait now; a
 * search box with an on-screen letter pad for pinyin initials (a kiosk has no
 * keyboard). Tapping a matter sends `kiosk-pick`.
 */
@customElement('kiosk-menu')
export class KioskMenuView extends LitElement {
  @property({ attribute: false }) menu: KioskMenu | null = null;
  @property() language: Lang = 'zh';
  @state() private domain: string | null = null;
  @state() private query = '';
  /** The letter pad opens on demand, so the matters stay on screen (and a few Tabs away). */
  @state() private padOpen = false;

  static override styles = [
    baseStyles,
    kioskStyles,
    css`
      :host {
        display: grid;
        grid-template-rows: auto auto auto 1fr;
        gap: var(--space-5);
        min-height: 0;
      }
      .domains {
        display: flex;
        flex-wrap: wrap;
        gap: var(--space-3);
        align-content: start;
      }
      .domains button small {
        display: block;
        font-size: var(--font-size-small);
        color: inherit;
        opacity: 0.85;
      }
      .services {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(var(--kiosk-card-min, 300px), 1fr));
        gap: var(--space-4);
        align-content: start;
        overflow: auto;
        min-height: 0;
      }
      .service {
        text-align: left;
        min-height: calc(var(--kiosk-touch, var(--touch-target)) * 1.5);
        display: flex;
        flex-direction: column;
        justify-content: space-between;
        gap: var(--space-2);
      }
      .service .name {
        font-weight: 700;
        /* Two balanced lines (不动产/登记) rather than one character left alone. */
        text-wrap: balance;
        line-break: strict;
      }
      .service .meta {
        font-size: var(--font-size-body);
        color: var(--color-text-muted);
        display: flex;
        flex-wrap: wrap;
        column-gap: var(--space-4);
      }
      .service .meta span {
        white-space: nowrap;
      }
      .search {
        display: flex;
        gap: var(--space-3);
        align-items: center;
      }
      input {
        flex: 1;
        font: inherit;
        font-size: var(--font-size-large);
        min-height: var(--kiosk-touch, var(--touch-target));
        padding: 0 var(--space-4);
        border: 2px solid var(--color-border);
        border-radius: var(--radius-medium);
        background: var(--color-surface);
        color: var(--color-text);
      }
      .pad {
        display: grid;
        grid-template-columns: repeat(var(--kiosk-pad-columns, 9), 1fr);
        gap: var(--space-2);
      }
      .pad button {
        padding: 0;
        font-family: var(--font-family-number);
      }
      .empty {
        font-size: var(--font-size-large);
        color: var(--color-text-muted);
      }
    `,
  ];

  override render() {
    const t = translator(MESSAGES, this.language);
    const all = this.menu?.domains.flatMap((d) => d.services) ?? [];
    const shown: KioskService[] = this.query
      ? searchMatters(this.query, all)
      : (this.menu?.domains.find((d) => d.domain === this.domain)?.services ?? all);
    return html`
      <div class="search">
        <input
          aria-label=${t('search')}
          placeholder=${t('searchHint')}
          .value=${this.query}
          @input=${(e: Event) => (this.query = (e.target as HTMLInputElement).value)}
        />
        ${this.query ? html`<button @click=${() => (this.query = '')}>${t('clear')}</button>` : nothing}
        <button
          data-pad-toggle
          aria-expanded=${String(this.padOpen)}
          aria-controls="pad"
          @click=${() => (this.padOpen = !this.padOpen)}
        >
          ${t('letterPad')}
        </button>
      </div>
      ${
        this.padOpen
          ? html`<div class="pad" id="pad" role="group" aria-label=${t('letterPad')}>
              ${LETTERS.map(
                (l) =>
                  html`<button data-letter=${l} @click=${() => (this.query += l.toLowerCase())}>
                    ${l}
                  </button>`,
              )}
            </div>`
          : nothing
      }
      <nav class="domains" aria-label=${t('all')} @keydown=${this.onDomainKey}>
        ${this.domainButton(null, t('all'), nothing)}
        ${this.menu?.domains.map((d) =>
          this.domainButton(d.domain, d.domain, html`<small>${t('waiting', { n: d.waiting })}</small>`),
        )}
      </nav>
      <section class="services" aria-live="polite">
        ${shown.length === 0 ? html`<p class="empty">${t('noMatch')}</p>` : shown.map((s) => this.card(s, t))}
      </section>
    `;
  }

  private card(s: KioskService, t: KioskT) {
    const m = s.estimate.minutes;
    const wait = m === null ? t('waitUnknown') : m === 0 ? t('waitNone') : t('wait', { m });
    return html`<button
      class="service"
      data-service=${s.code}
      @click=${() => fireEvent(this, 'kiosk-pick', { service: s })}
    >
      <span class="name">${s.name}</span>
      <span class="meta"
        ><span>${s.domain}</span><span>${t('waiting', { n: s.waiting })}</span><span>${wait}</span></span
      >
    </button>`;
  }

  /**
   * One Tab stop for all the areas (the chosen one); the arrow keys move
   * between them. A keyboard user reaches the first matter in a few Tabs.
   */
  private domainButton(domain: string | null, label: string, extra: unknown) {
    const current = this.domain === domain && !this.query;
    const stop = this.query ? domain === null : current;
    return html`<button
      data-domain=${domain ?? nothing}
      aria-pressed=${String(current)}
      tabindex=${stop ? 0 : -1}
      @click=${() => this.pickDomain(domain)}
    >
      ${label}${extra}
    </button>`;
  }

  private readonly onDomainKey = (e: KeyboardEvent) => {
    const step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[e.key];
    if (!step) return;
    const buttons = Array.from(this.renderRoot.querySelectorAll<HTMLButtonElement>('.domains button'));
    const at = buttons.indexOf(e.composedPath()[0] as HTMLButtonElement);
    if (at < 0) return;
    e.preventDefault();
    const next = buttons[(at + step + buttons.length) % buttons.length]!;
    for (const b of buttons) b.tabIndex = b === next ? 0 : -1;
    next.focus();
  };

  private pickDomain(domain: string | null): void {
    this.query = '';
    this.domain = domain;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-menu': KioskMenuView;
  }
}
