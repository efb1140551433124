import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { fireEvent } from '../../../ui-shared/src/fire-event.js';
import type { Lang } from '../../../ui-shared/src/i18n.js';
import { baseStyles } from '../../../ui-shared/src/tokens.js';
import type { LevelOption, RatingChoice, ReasonOption } from '../counter/counter-evaluator.js';

declare module '../../../ui-shared/src/fire-event.js' {
  interface HallEvents {
    'phone-rating': RatingChoice;
  }
}

/**
 * The same five levels as the evaluator at the window, one under the other
 * with large touch targets for a phone; 不满意 and 非常不满意 ask for a reason
 * from the short list (and optional text) before sending.
 */
@customElement('phone-rating')
export class PhoneRating extends LitElement {
  @property({ attribute: false }) levels: LevelOption[] = [];
  @property({ attribute: false }) reasons: ReasonOption[] = [];
  @property() language: Lang = 'zh';
  @property() reasonsLabel = '';
  @property() commentLabel = '';
  @property() submitLabel = '';
  @property({ type: Boolean }) busy = false;
  @state() private level: number | null = null;
  @state() private chosen = new Set<string>();
  @state() private comment = '';

  static override styles = [
    baseStyles,
    css`
      :host {
        display: grid;
        gap: var(--space-3);
      }
      .levels,
      .reasons {
        display: grid;
        gap: var(--space-2);
      }
      .reasons {
        grid-template-columns: 1fr 1fr;
      }
      button {
        font: inherit;
        font-size: var(--phone-button-font, var(--font-size-body));
        min-height: var(--phone-button-height, 56px);
        border-radius: var(--radius-medium);
        border: 2px solid var(--color-border);
        background: var(--color-surface);
        color: var(--color-text);
        cursor: pointer;
      }
      button[aria-pressed='true'],
      .send {
        background: var(--color-primary);
        border-color: var(--color-primary);
        color: var(--color-primary-text);
      }
      textarea {
        font: inherit;
        min-height: 72px;
        padding: var(--space-2);
        border: 2px solid var(--color-border);
        border-radius: var(--radius-small);
      }
    `,
  ];

  private pick(level: number): void {
    if (level >= 3) {
      fireEvent(this, 'phone-rating', { level, reasons: [], comment: '' });
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

  override render() {
    const label = (o: { zh: string; en: string }) => (this.language === 'en' ? o.en : o.zh);
    return html`
      <div class="levels" role="group">
        ${this.levels.map(
          (l) =>
            html`<button
              ?disabled=${this.busy}
              aria-pressed=${this.level === l.level ? 'true' : 'false'}
              @click=${() => this.pick(l.level)}
            >
              ${label(l)}
            </button>`,
        )}
      </div>
      ${
        this.level === null
          ? null
          : html`<div>${this.reasonsLabel}</div>
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
                placeholder=${this.commentLabel}
                aria-label=${this.commentLabel}
                maxlength="500"
                @input=${(e: Event) => (this.comment = (e.target as HTMLTextAreaElement).value)}
              ></textarea>
              <button
                class="send"
                ?disabled=${this.busy || this.chosen.size === 0}
                @click=${() =>
                  fireEvent(this, 'phone-rating', {
                    level: this.level!,
                    reasons: [...this.chosen],
                    comment: this.comment,
                  })}
              >
                ${this.submitLabel}
              </button>`
      }
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'phone-rating': PhoneRating;
  }
}
