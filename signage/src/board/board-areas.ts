import { consume } from '@lit/context';
import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { baseStyles } from '@hall-queue/ui-shared/tokens.js';
import { boardT, type BoardT } from './board-context.js';
import type { BoardArea } from './board-config.js';

/** Waiting counts (live) and estimated wait (refreshed from the hub) per area; 无需等候 when nobody waits. */
@customElement('board-areas')
export class BoardAreas extends LitElement {
  @property({ attribute: false }) areas: BoardArea[] = [];
  @consume({ context: boardT, subscribe: true }) t!: BoardT;

  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
        color: inherit;
      }
      h2 {
        margin: 0 0 var(--space-2);
        font-size: var(--board-heading-size, var(--font-size-large));
        opacity: 0.85;
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        grid-template-columns: repeat(var(--board-areas-columns, 2), minmax(0, 1fr));
        gap: var(--space-2);
        font-size: var(--board-area-size, var(--font-size-large));
      }
      li {
        display: flex;
        /* A long area name pushes its counts to a second line instead of being cut. */
        flex-wrap: wrap;
        justify-content: flex-end;
        white-space: nowrap;
        column-gap: var(--space-3);
        padding: var(--space-2) var(--space-3);
        border-radius: var(--radius-medium);
        background: var(--board-surface, rgb(255 255 255 / 8%));
      }
      .domain {
        font-weight: 700;
        flex: 1 0 auto;
      }
      .eta {
        opacity: 0.85;
      }
    `,
  ];

  override render() {
    return html`<h2>${this.t('waitingAreas')}</h2>
      <ul>
        ${this.areas.map(
          (a) =>
            html`<li data-domain=${a.domain}>
              <span class="domain">${a.domain}</span>
              ${
                a.waiting === 0
                  ? html`<span class="none">${this.t('noWait')}</span>`
                  : html`<span>${this.t('waiting', { n: a.waiting })}</span>
                      <span class="eta"
                        >${a.minutes === null ? this.t('noEstimate') : this.t('minutes', { n: a.minutes })}</span
                      >`
              }
            </li>`,
        )}
      </ul>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'board-areas': BoardAreas;
  }
}
