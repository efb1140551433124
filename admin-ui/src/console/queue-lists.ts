import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { fireEvent } from '@hall-queue/ui-shared/fire-event.js';
import { translator, type Lang } from '@hall-queue/ui-shared/i18n.js';
import { baseStyles } from '@hall-queue/ui-shared/tokens.js';
import { ACTION_LABELS, MESSAGES, duration } from './messages.js';
import type { ConsoleTicket, NextTicket } from './types.js';

declare module '@hall-queue/ui-shared/fire-event.js' {
  interface HallEvents {
    'call-back-ticket': { ticketId: string };
  }
}

/**
 * The window's held tickets (挂起), each with its call-back button, and the
 * next few tickets the window would call, in the hub's own order.
 */
@customElement('queue-lists')
export class QueueLists extends LitElement {
  @property({ attribute: false }) held: ConsoleTicket[] = [];
  @property({ attribute: false }) next: NextTicket[] = [];
  @property({ attribute: false }) serviceNames: Map<string, string> = new Map();
  @property() language: Lang = 'zh';
  @property({ type: Number }) now = Date.now();
  @property({ type: Boolean }) busy = false;

  static override styles = [
    baseStyles,
    css`
      :host {
        display: grid;
        gap: var(--space-3);
        align-content: start;
        font-size: var(--font-size-body);
      }
      h2 {
        font-size: var(--font-size-body);
        margin: 0 0 var(--space-1);
        color: var(--color-text-muted);
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: var(--space-1);
      }
      li {
        display: flex;
        gap: var(--space-2);
        align-items: center;
        background: var(--color-surface);
        border: 1px solid var(--color-border);
        border-radius: var(--radius-small);
        padding: var(--space-1) var(--space-2);
        min-height: 40px;
      }
      .num {
        font-family: var(--font-family-number);
        font-weight: 700;
        min-width: 4.5ch;
      }
      .svc {
        flex: 1;
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
        font-size: var(--font-size-small);
      }
      .tag {
        font-size: var(--font-size-small);
        color: var(--color-accent);
        font-weight: 700;
      }
      .muted {
        color: var(--color-text-muted);
        font-size: var(--font-size-small);
      }
      button {
        font: inherit;
        font-size: var(--font-size-small);
        min-height: 36px;
        padding: 0 var(--space-3);
        border-radius: var(--radius-small);
        border: 2px solid var(--color-primary);
        background: var(--color-surface);
        color: var(--color-primary);
        cursor: pointer;
      }
    `,
  ];

  override render() {
    const t = translator(MESSAGES, this.language);
    const svc = (id: string) => this.serviceNames.get(id) ?? '';
    const callBack = this.language === 'en' ? ACTION_LABELS['call-back'].en : ACTION_LABELS['call-back'].zh;
    return html`
      <section aria-label=${t('held')}>
        <h2>${t('held')}</h2>
        ${
          this.held.length === 0
            ? html`<div class="muted">${t('noHeld')}</div>`
            : html`<ul data-testid="held">
                ${this.held.map(
                  (h) =>
                    html`<li>
                      <span class="num">${h.number}</span><span class="svc">${svc(h.serviceId)}</span>
                      <button
                        ?disabled=${this.busy}
                        @click=${() => fireEvent(this, 'call-back-ticket', { ticketId: h.id })}
                      >
                        ${callBack} ${h.number}
                      </button>
                    </li>`,
                )}
              </ul>`
        }
      </section>
      <section aria-label=${t('next')}>
        <h2>${t('next')}</h2>
        ${
          this.next.length === 0
            ? html`<div class="muted">${t('noNext')}</div>`
            : html`<ul data-testid="next">
                ${this.next.map(
                  (n) =>
                    html`<li>
                      <span class="num">${n.number}</span><span class="svc">${svc(n.serviceId)}</span>
                      ${n.priority ? html`<span class="tag">${t('priority')}</span>` : null}
                      ${n.assistance ? html`<span class="tag">${t('assistance')}</span>` : null}
                      <span class="muted">${duration(this.now - n.issuedAt)}</span>
                    </li>`,
                )}
              </ul>`
        }
      </section>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'queue-lists': QueueLists;
  }
}
