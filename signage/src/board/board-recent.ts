import { consume } from '@lit/context';
import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { CallOut } from '@hall-queue/server/protocol';
import { baseStyles } from '@hall-queue/ui-shared/tokens.js';
import { boardT, type BoardT } from './board-context.js';

/**
 * The latest call very large, then the recent calls, newest first: as many
 * of them as fit whole, never one cut in half at the bottom of the screen.
 * After an absence of the board, the calls it missed are listed below them,
 * in the order they were made, with their count, as many as fit: the latest
 * and recent calls keep their place on screen.
 */
@customElement('board-recent')
export class BoardRecent extends LitElement {
  @property({ attribute: false }) calls: CallOut[] = [];
  /** How many recent calls to list under the latest one. */
  @property({ type: Number }) limit = 6;
  /** Calls made while the board was away, oldest first (all of them, however many). */
  @property({ attribute: false }) missed: CallOut[] = [];
  @consume({ context: boardT, subscribe: true }) t!: BoardT;
  private readonly resize = new ResizeObserver(() => this.fit());

  override connectedCallback(): void {
    super.connectedCallback();
    this.resize.observe(this);
  }

  override disconnectedCallback(): void {
    this.resize.disconnect();
    super.disconnectedCallback();
  }

  protected override updated(): void {
    this.fit();
  }

  /** Hides the recent calls that would reach past the bottom of the board's box. */
  private fit(): void {
    const items = Array.from(this.renderRoot.querySelectorAll('li'));
    for (const li of items) li.hidden = false;
    const bottom = this.getBoundingClientRect().bottom;
    for (const li of items) if (li.getBoundingClientRect().bottom > bottom + 0.5) li.hidden = true;
  }

  static override styles = [
    baseStyles,
    css`
      :host {
        display: flex;
        flex-direction: column;
        gap: var(--board-gap, var(--space-4));
        color: inherit;
        min-height: 0;
      }
      .latest {
        border-radius: var(--radius-large);
        background: var(--board-highlight, var(--color-board-highlight));
        padding: var(--board-latest-padding, var(--space-5));
        text-align: center;
      }
      .latest .number {
        font-family: var(--font-family-number);
        font-size: var(--board-number-size, var(--font-size-giant));
        font-weight: 700;
        line-height: 1;
        color: var(--board-number, var(--color-board-number));
      }
      .latest .to {
        font-size: var(--board-window-size, var(--font-size-title));
        font-weight: 700;
      }
      .tag {
        display: inline-block;
        margin-inline-end: var(--space-3);
        padding: 0 var(--space-3);
        border-radius: var(--radius-small);
        border: 2px solid currentColor;
        font-size: var(--font-size-large);
        vertical-align: middle;
      }
      h2 {
        margin: 0;
        font-size: var(--board-heading-size, var(--font-size-large));
        opacity: 0.85;
      }
      ol {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: var(--space-2);
        font-size: var(--board-recent-size, var(--font-size-title));
      }
      li[hidden] {
        display: none;
      }
      li {
        display: flex;
        align-items: baseline;
        justify-content: space-between;
        gap: var(--space-4);
        padding: var(--space-2) var(--space-4);
        border-radius: var(--radius-medium);
        background: var(--board-surface, rgb(255 255 255 / 8%));
      }
      li .n {
        font-family: var(--font-family-number);
        font-weight: 700;
        color: var(--board-number, var(--color-board-number));
      }
      .missed ol {
        display: flex;
        flex-wrap: wrap;
        font-size: var(--board-missed-size, var(--font-size-large));
      }
      .missed li {
        gap: var(--space-2);
      }
      .empty {
        font-size: var(--font-size-title);
        opacity: 0.7;
        text-align: center;
      }
    `,
  ];

  private renderMissed() {
    if (this.missed.length === 0) return '';
    return html`<section class="missed" data-missed>
      <h2>${this.t('missed', { n: this.missed.length })}</h2>
      <ol>
        ${this.missed.map(
          (c) =>
            html`<li data-call=${c.callId}>
              <span class="n">${c.ticketNumber}</span><span>${this.t('window', { n: c.window.number })}</span>
            </li>`,
        )}
      </ol>
    </section>`;
  }

  override render() {
    const [latest, ...rest] = this.calls;
    if (!latest) return html`<div class="empty">${this.t('noCalls')}</div>`;
    return html`
      <div class="latest" data-call=${latest.callId} data-priority=${latest.priority ? 'true' : ''}>
        <div class="number">${latest.ticketNumber}</div>
        <div class="to">
          ${latest.priority ? html`<span class="tag" data-mark>${this.t('priority')}</span>` : ''}${
            latest.recall ? html`<span class="tag">${this.t('recall')}</span>` : ''
          }${this.t('window', {
            n: latest.window.number,
          })}
        </div>
      </div>
      ${
        rest.length > 0
          ? html`<h2>${this.t('recent')}</h2>
              <ol>
                ${rest
                  .slice(0, this.limit)
                  .map(
                    (c) =>
                      html`<li data-priority=${c.priority ? 'true' : ''}>
                        <span class="n">${c.ticketNumber}</span
                        ><span
                          >${c.priority ? html`<span class="tag" data-mark>${this.t('priority')}</span>` : ''}${this.t(
                            'window',
                            { n: c.window.number },
                          )}</span
                        >
                      </li>`,
                  )}
              </ol>`
          : ''
      }
      ${this.renderMissed()}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'board-recent': BoardRecent;
  }
}
