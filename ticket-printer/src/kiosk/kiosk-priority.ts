import { LitElement, css, html, nothing } from 'lit';
import type { PriorityCategory } from '@hall-queue/server/protocol';
import { customElement, property, state } from 'lit/decorators.js';
import { fireEvent } from '@hall-queue/ui-shared/fire-event.js';
import { translator, type Lang } from '@hall-queue/ui-shared/i18n.js';
import { baseStyles } from '@hall-queue/ui-shared/tokens.js';
import { kioskStyles } from './kiosk-styles.js';
import { MESSAGES, type KioskKey } from './messages.js';
import './kiosk-events.js';

/**
 * Step 2: a priority category (绿色通道) or assistance (帮办代办), or neither.
 * The citizen's word is taken at the kiosk; whoever declares a category is
 * asked to show proof at the window before the ticket is taken.
 */
@customElement('kiosk-priority')
export class KioskPriority extends LitElement {
  @property() language: Lang = 'zh';
  /** The matter chosen at step 1, named here so the citizen sees what the ticket is for. */
  @property() serviceName = '';
  /**
   * The categories a citizen may declare in this hall (the kiosk menu's
   * `priorityCategories`; by default 老、幼、病、残、孕、军, DESIGN.md §4). Key
   * projects and urgent matters are given by staff at the 导服台, not here.
   */
  @property({ attribute: false }) categories: readonly PriorityCategory[] = [];
  @state() private chosen = new Set<string>();
  @state() private assistance = false;
  /** Showing the 出示证件 prompt for the chosen categories. */
  @state() private proof = false;

  static override styles = [
    baseStyles,
    kioskStyles,
    css`
      .grid {
        display: grid;
        grid-template-columns: repeat(var(--kiosk-priority-columns, 4), 1fr);
        gap: var(--space-4);
      }
      .matter {
        margin: 0 0 var(--space-3);
        font-size: var(--font-size-large);
        font-weight: 700;
      }
      .assist {
        margin-top: var(--space-5);
        width: 100%;
        text-align: left;
      }
      .assist small {
        display: block;
        font-size: var(--font-size-body);
      }
    `,
  ];

  override render() {
    const t = translator(MESSAGES, this.language);
    if (this.proof) {
      const names = [...this.chosen]
        .map((c) => t(`cat_${c}` as KioskKey))
        .join(this.language === 'zh' ? '、' : ', ');
      return html`
        <section data-proof role="alertdialog" aria-labelledby="proof-title" aria-describedby="proof-hint">
          <h2 id="proof-title">${t('proofTitle')}</h2>
          <p class="hint" id="proof-hint">${t('proofHint', { categories: names })}</p>
          <div class="actions">
            <button @click=${() => (this.proof = false)}>${t('back')}</button>
            <button class="primary" data-proof-ok @click=${this.confirm}>${t('proofOk')}</button>
          </div>
        </section>
      `;
    }
    const none = this.chosen.size === 0 && !this.assistance;
    return html`
      <h2>${t('priorityTitle')}</h2>
      ${
        this.serviceName
          ? html`<p class="matter" data-matter>${t('forMatter', { name: this.serviceName })}</p>`
          : nothing
      }
      <p class="hint">${t('priorityHint')}</p>
      <div class="grid">
        ${this.categories.map(
          (c) =>
            html`<button
              data-category=${c}
              aria-pressed=${String(this.chosen.has(c))}
              @click=${() => this.toggle(c)}
            >
              ${t(`cat_${c}` as KioskKey)}
            </button>`,
        )}
      </div>
      <button
        class="assist"
        data-assistance
        aria-pressed=${String(this.assistance)}
        @click=${() => (this.assistance = !this.assistance)}
      >
        ${t('assistance')}<small>${t('assistanceHint')}</small>
      </button>
      <div class="actions">
        <button @click=${() => fireEvent(this, 'kiosk-back', {})}>${t('back')}</button>
        <button class="primary" data-next @click=${this.next}>${none ? t('normal') : t('next')}</button>
      </div>
    `;
  }

  private toggle(c: string): void {
    const next = new Set(this.chosen);
    if (next.has(c)) next.delete(c);
    else next.add(c);
    this.chosen = next;
  }

  private readonly next = () => {
    if (this.chosen.size > 0) this.proof = true;
    else this.confirm();
  };

  private readonly confirm = () =>
    fireEvent(this, 'kiosk-priority', { categories: [...this.chosen], assistance: this.assistance });
}

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-priority': KioskPriority;
  }
}
