import { LitElement, css, html, nothing, type CSSResultGroup } from 'lit';
import { property, state } from 'lit/decorators.js';
import { fireEvent } from '@hall-queue/ui-shared/fire-event.js';
import type { Lang } from '@hall-queue/ui-shared/i18n.js';
import { baseStyles } from '@hall-queue/ui-shared/tokens.js';

/**
 * The rating (好差评, "一次一评") as the counter evaluator and the phone page
 * both take it: five levels; a tap selects a level and the citizen confirms
 * with the submit button, so a mistaken tap can be changed. 不满意 and
 * 非常不满意 ask for at least one reason from the short list (and optional
 * text) first. It only collects the rating and fires `rating-chosen`; the
 * screen sends it. Each screen subclasses it with its own styles.
 */

export interface RatingChoice {
  level: number;
  reasons: string[];
  comment: string;
}

declare module '@hall-queue/ui-shared/fire-event.js' {
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

/** Levels 1 and 2 (不满意, 非常不满意) are 差评 and need a reason. */
const needsReason = (level: number) => level <= 2;

export class RatingForm extends LitElement {
  @property({ attribute: false }) levels: LevelOption[] = [];
  @property({ attribute: false }) reasons: ReasonOption[] = [];
  @property() language: Lang = 'zh';
  @property() reasonsLabel = '';
  @property() commentLabel = '';
  @property() submitLabel = '';
  /** While the screen is sending, nothing can be changed or sent again. */
  @property({ type: Boolean }) busy = false;
  @state() private level: number | null = null;
  @state() private chosen = new Set<string>();
  @state() private comment = '';

  static override styles: CSSResultGroup = [
    baseStyles,
    css`
      :host {
        display: grid;
        gap: var(--rating-gap, var(--space-3));
      }
      .levels,
      .reasons {
        display: grid;
        gap: var(--rating-gap, var(--space-3));
      }
      .levels {
        grid-template-columns: repeat(var(--rating-level-columns, 1), minmax(0, 1fr));
      }
      .reasons {
        grid-template-columns: repeat(var(--rating-reason-columns, 2), minmax(0, 1fr));
      }
      .prompt {
        margin: 0;
        font-size: var(--rating-prompt-size, var(--font-size-large));
        font-weight: 700;
      }
      button {
        font: inherit;
        font-size: var(--rating-button-size, var(--font-size-body));
        min-height: var(--rating-button-height, var(--touch-target));
        border-radius: var(--radius-medium);
        border: var(--rating-border-width, 2px) solid var(--color-border);
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
      /* A submit that cannot be used yet must not look like one that can. */
      button:disabled,
      .send:disabled {
        background: var(--color-bg);
        border-style: dashed;
        border-color: var(--color-text-muted);
        color: var(--color-text-muted);
        cursor: not-allowed;
      }
      textarea {
        font: inherit;
        font-size: var(--font-size-body);
        min-height: var(--rating-comment-height, 72px);
        padding: var(--space-2);
        border: 2px solid var(--color-border);
        border-radius: var(--radius-small);
        background: var(--color-surface);
        color: var(--color-text);
      }
    `,
  ];

  private pick(level: number): void {
    this.level = level;
    if (!needsReason(level)) this.chosen = new Set();
  }

  private toggle(code: string): void {
    const next = new Set(this.chosen);
    if (next.has(code)) next.delete(code);
    else next.add(code);
    this.chosen = next;
  }

  private get ready(): boolean {
    return this.level !== null && (!needsReason(this.level) || this.chosen.size > 0);
  }

  private send(): void {
    if (!this.ready || this.busy) return;
    const bad = needsReason(this.level!);
    fireEvent(this, 'rating-chosen', {
      level: this.level!,
      reasons: bad ? [...this.chosen] : [],
      comment: bad ? this.comment : '',
    });
  }

  override render() {
    const label = (o: { zh: string; en: string }) => (this.language === 'en' ? o.en : o.zh);
    const bad = this.level !== null && needsReason(this.level);
    return html`
      <div class="levels" role="group">
        ${this.levels.map(
          (l) =>
            html`<button
              ?disabled=${this.busy}
              aria-pressed=${this.level === l.level ? 'true' : 'false'}
              data-level=${l.level}
              @click=${() => this.pick(l.level)}
            >
              ${label(l)}
            </button>`,
        )}
      </div>
      ${
        bad
          ? html`<p class="prompt" id="reasons-prompt">${this.reasonsLabel}</p>
              <div class="reasons" role="group" aria-labelledby="reasons-prompt">
                ${this.reasons.map(
                  (r) =>
                    html`<button
                      ?disabled=${this.busy}
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
              ></textarea>`
          : nothing
      }
      ${
        this.level !== null
          ? html`<button class="send" ?disabled=${this.busy || !this.ready} @click=${() => this.send()}>
              ${this.submitLabel}
            </button>`
          : nothing
      }
    `;
  }
}
