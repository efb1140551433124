import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { baseStyles } from '../../../ui-shared/src/tokens.js';
import { fireEvent } from '../../../ui-shared/src/fire-event.js';
import type { Lang } from '../../../ui-shared/src/i18n.js';

/**
 * The evaluator (好差评): five large buttons; 不满意 and 非常不满意 ask for a
 * reason from a short list and optional text before sending. It only
 * collects the rating; the screen sends it.
 */

export interface RatingChoice {
  level: number;
  reasons: string[];
  comment: string;
}

declare module '../../../ui-shared/src/fire-event.js' {
  interface HallEvents {
    'rating-chosen': RatingChoice;
  }
}

export interface LevelOption {
  level: number;
  zh: string;
  en: string;
}
export interface ReasonOption {
  code: string;
  zh: string;
  en: string;
}

@customElement('counter-evaluator')
export class CounterEvaluator extends LitElement {
  @property({ attribute: false }) levels: LevelOption[] = [];
  @property({ attribute: false }) reasons: ReasonOption[] = [];
  @property() language: Lang = 'zh';
  @property() reasonsLabel = '';
  @property() commentLabel = '';
  @property() submitLabel = '';
  @state() private level: number | null = null;
  @state() private chosen = new Set<string>();
  @state() private comment = '';

  static override styles = [
    baseStyles,
    css`
      .levels {
        display: grid;
        grid-template-columns: repeat(5, 1fr);
        gap: var(--space-3);
      }
      button {
        min-height: var(--counter-button-height, var(--touch-target));
        font: inherit;
        font-size: var(--font-size-large);
        border-radius: var(--radius-medium);
        border: 3px solid var(--color-border);
        background: var(--color-surface);
        color: var(--color-text);
        cursor: pointer;
      }
      button[aria-pressed='true'] {
        background: var(--color-primary);
        color: var(--color-primary-text);
      }
      .bad {
        margin-top: var(--space-5);
        display: grid;
        gap: var(--space-3);
      }
      .reasons {
        display: flex;
        flex-wrap: wrap;
        gap: var(--space-3);
      }
      textarea {
        font: inherit;
        font-size: var(--font-size-body);
        min-height: 80px;
      }
      .send {
        background: var(--color-primary);
        color: var(--color-primary-text);
      }
    `,
  ];

  private pick(level: number): void {
    if (level >= 3) {
      fireEvent(this, 'rating-chosen', { level, reasons: [], comment: '' });
      return;
    }
    this.level = level;
  }

  private toggle(code: string): void {
    const next = new Set(this.chosen);
    if (next.has(code)) next.delete(code);
    else next.add(code);
    this.chosen = next;
  }

  private send(): void {
    if (this.level === null || this.chosen.size === 0) return;
    fireEvent(this, 'rating-chosen', { level: this.level, reasons: [...this.chosen], comment: this.comment });
  }

  override render() {
    const label = (o: { zh: string; en: string }) => (this.language === 'en' ? o.en : o.zh);
    return html`
      <div class="levels" role="group">
        ${this.levels.map(
          (l) =>
            html`<button
              aria-pressed=${this.level === l.level ? 'true' : 'false'}
              @click=${() => this.pick(l.level)}
            >
              ${label(l)}
            </button>`,
        )}
      </div>
      ${
        this.level !== null
          ? html`<div class="bad">
              <div>${this.reasonsLabel}</div>
              <div class="reasons" role="group" aria-label=${this.reasonsLabel}>
                ${this.reasons.map(
                  (r) =>
                    html`<button
                      aria-pressed=${this.chosen.has(r.code) ? 'true' : 'false'}
                      @click=${() => this.toggle(r.code)}
                    >
                      ${label(r)}
                    </button>`,
                )}
              </div>
              <textarea
                aria-label=${this.commentLabel}
                placeholder=${this.commentLabel}
                maxlength="500"
                @input=${(e: Event) => (this.comment = (e.target as HTMLTextAreaElement).value)}
              ></textarea>
              <button class="send" ?disabled=${this.chosen.size === 0} @click=${() => this.send()}>
                ${this.submitLabel}
              </button>
            </div>`
          : null
      }
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'counter-evaluator': CounterEvaluator;
  }
}
