import { consume } from '@lit/context';
import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { keyed } from 'lit/directives/keyed.js';
import type { CallOut } from '@hall-queue/server/protocol';
import { baseStyles } from '@hall-queue/ui-shared/tokens.js';
import { boardT, type BoardT } from './board-context.js';

/** The one-line board (a strip over a corridor or a door): the latest call, then the ones before it. */
@customElement('board-strip')
export class BoardStrip extends LitElement {
  @property({ attribute: false }) calls: CallOut[] = [];
  @property({ type: Number }) limit = 4;
  @consume({ context: boardT, subscribe: true }) t!: BoardT;

  static override styles = [
    baseStyles,
    css`
      :host {
        display: flex;
        align-items: center;
        gap: var(--space-6);
        white-space: nowrap;
        overflow: hidden;
        color: inherit;
        font-size: var(--board-strip-size, var(--font-size-title));
      }
      .latest {
        font-weight: 700;
        padding: 0 var(--space-4);
        border-radius: var(--radius-medium);
        background: var(--board-highlight, var(--color-board-highlight));
        animation: flash var(--board-flash-duration, var(--duration-flash)) ease-in-out 4 alternate;
      }
      .n {
        font-family: var(--font-family-number);
        color: var(--board-number, var(--color-board-number));
        font-weight: 700;
      }
      .older {
        opacity: 0.8;
      }
      @keyframes flash {
        to {
          filter: brightness(1.8);
        }
      }
    `,
  ];

  override render() {
    const [latest, ...rest] = this.calls;
    if (!latest) return html`<span>${this.t('noCalls')}</span>`;
    return html`
      ${keyed(
        latest.callId,
        html`<span class="latest" data-call=${latest.callId}
          >${latest.recall ? `${this.t('recall')} ` : ''}${this.t('callTo', {
            number: latest.ticketNumber,
            window: latest.window.number,
          })}</span
        >`,
      )}
      ${rest
        .slice(0, this.limit)
        .map(
          (c) =>
            html`<span class="older"
              ><span class="n">${c.ticketNumber}</span> → ${this.t('window', { n: c.window.number })}</span
            >`,
        )}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'board-strip': BoardStrip;
  }
}
