import { consume } from '@lit/context';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { keyed } from 'lit/directives/keyed.js';
import type { CallOut, PublicWindow } from '@hall-queue/server/protocol';
import type { Lang } from '@hall-queue/ui-shared/i18n.js';
import { baseStyles } from '@hall-queue/ui-shared/tokens.js';
import { shortKind } from '../shared/window-kinds.js';
import { boardT, type BoardT } from './board-context.js';

/**
 * The calls in progress, one card per window: the window number, its name
 * and kind (绿色通道, 帮办代办 …), and the ticket number very large. The window of the latest call is highlighted and
 * flashes a few times when the call comes in.
 */
@customElement('board-calls')
export class BoardCalls extends LitElement {
  @property({ attribute: false }) windows: PublicWindow[] = [];
  @property({ attribute: false }) latest: CallOut | null = null;
  @property() language: Lang = 'zh';
  @consume({ context: boardT, subscribe: true }) t!: BoardT;

  static override styles = [
    baseStyles,
    css`
      :host {
        display: grid;
        grid-template-columns: repeat(var(--board-calls-columns, 4), minmax(0, 1fr));
        grid-auto-rows: minmax(0, 1fr);
        gap: var(--board-gap, var(--space-4));
        color: inherit;
        min-height: 0;
      }
      .card {
        display: flex;
        flex-direction: column;
        align-items: center;
        justify-content: center;
        border-radius: var(--radius-large);
        background: var(--board-surface, rgb(255 255 255 / 8%));
        border: 3px solid transparent;
        padding: var(--space-2) var(--space-3);
        min-width: 0;
        overflow: hidden;
        line-height: 1;
        /* A card sizes its text to fit itself when a hall has more windows than the layout planned for. */
        container-type: size;
      }
      /*
       * Each line has a fixed share of the card's height (together at most 90%),
       * and its type is smaller than its share, so every line fits whatever the card's size.
       */
      .window,
      .name,
      .number,
      .status {
        flex: none;
        display: flex;
        align-items: center;
        justify-content: center;
        gap: var(--space-2);
        max-width: 100%;
        white-space: nowrap;
      }
      .window {
        height: var(--board-window-share, 20cqh);
        font-size: min(
          var(--board-window-size, var(--font-size-title)),
          var(--board-window-cap, 16cqh),
          18cqw
        );
        font-weight: 700;
      }
      .name {
        height: var(--board-name-share, 13cqh);
        font-size: min(var(--board-name-size, var(--font-size-large)), var(--board-name-cap, 10cqh), 8cqw);
      }
      .kind {
        flex: none;
        padding: 0 var(--space-2);
        border-radius: var(--radius-small);
        border: 2px solid currentColor;
      }
      .number {
        height: var(--board-card-number-share, 44cqh);
        font-family: var(--font-family-number);
        font-size: min(
          var(--board-card-number-size, var(--font-size-huge)),
          var(--board-card-number-cap, 38cqh),
          30cqw
        );
        font-weight: 700;
        color: var(--board-number, var(--color-board-number));
        letter-spacing: 0.04em;
      }
      .status {
        height: 13cqh;
        font-size: min(var(--board-status-size, var(--font-size-large)), 10cqh, 20cqw);
        opacity: 0.9;
      }
      .card.latest {
        border-color: var(--board-number, var(--color-board-number));
        background: var(--board-highlight, var(--color-board-highlight));
      }
      .card.latest.flash {
        animation: flash var(--board-flash-duration, var(--duration-flash)) ease-in-out 4 alternate;
      }
      .card.paused .number {
        opacity: 0.5;
      }
      /* Priority calls (绿色通道) are marked so waiting citizens see why a number went ahead. */
      .card.priority {
        border-color: var(--board-priority, var(--color-success, #2e7d32));
      }
      .mark {
        font-size: min(var(--board-status-size, var(--font-size-large)), 12cqh, 16cqw);
        font-weight: 700;
        padding: 0 var(--space-2);
        border-radius: var(--radius-small);
        background: var(--board-priority, var(--color-success, #2e7d32));
        color: #fff;
        white-space: nowrap;
      }
      @keyframes flash {
        from {
          filter: brightness(1);
        }
        to {
          filter: brightness(1.8);
        }
      }
      .empty {
        grid-column: 1 / -1;
        place-self: center;
        font-size: var(--font-size-title);
        opacity: 0.7;
      }
    `,
  ];

  override render() {
    if (this.windows.length === 0) return html`<div class="empty">${this.t('noCalls')}</div>`;
    return this.windows.map((w) => this.card(w));
  }

  private card(w: PublicWindow) {
    const c = w.current;
    const latest =
      this.latest !== null && this.latest.window.id === w.id && c?.ticketNumber === this.latest.ticketNumber;
    const status =
      w.state === 'paused'
        ? this.t('paused')
        : c
          ? this.t(c.status === 'serving' ? 'serving' : 'called')
          : '';
    const priority = c?.priority === true;
    const green = w.kind === 'green_channel';
    const classes = [
      'card',
      latest ? 'latest flash' : '',
      w.state === 'paused' ? 'paused' : '',
      priority || green ? 'priority' : '',
    ].join(' ');
    // Keyed by the call id, so the flash runs again for each new call to this window.
    return keyed(
      latest ? this.latest?.callId : w.id,
      html`<div
        class=${classes}
        data-window=${w.number}
        data-priority=${priority ? 'true' : nothing}
        aria-live=${latest ? 'polite' : 'off'}
      >
        <div class="window">${this.t('window', { n: w.number })}</div>
        ${this.nameLine(w)}
        ${
          priority || green
            ? html`<div class="mark" data-mark>${green ? this.t('greenChannel') : this.t('priority')}</div>`
            : nothing
        }
        <div class="number">${c ? c.ticketNumber : '—'}</div>
        ${status ? html`<div class="status">${status}</div>` : nothing}
      </div>`,
    );
  }

  /** "绿色通道", or "社保医保窗口 分领域": the name, and the kind when the name does not already say it. */
  private nameLine(w: PublicWindow) {
    const kind = shortKind(w.kind, w.name, this.language);
    if (!w.name && !kind) return nothing;
    return html`<div class="name" data-name>
      ${w.name ? html`<span>${w.name}</span>` : nothing}${kind ? html`<span class="kind">${kind}</span>` : nothing}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'board-calls': BoardCalls;
  }
}
