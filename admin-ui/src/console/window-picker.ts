import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { fireEvent } from '@hall-queue/ui-shared/fire-event.js';
import { translator, type Lang } from '@hall-queue/ui-shared/i18n.js';
import { refusalText } from '@hall-queue/ui-shared/refusals.js';
import { baseStyles } from '@hall-queue/ui-shared/tokens.js';
import { MESSAGES } from './messages.js';
import type { Session } from '../admin/session.js';
import type { ConsoleWindow, HallItem } from './types.js';

declare module '@hall-queue/ui-shared/fire-event.js' {
  interface HallEvents {
    'window-chosen': { hallId: string; windowId: string };
  }
}

/**
 * The windows this person may work: a clerk sees the windows that list them
 * among their clerks (the hub refuses the others anyway); supervisors and
 * admins see every window of their halls.
 */
@customElement('window-picker')
export class WindowPicker extends LitElement {
  @property({ attribute: false }) session!: Session;
  @property() language: Lang = 'zh';
  @state() private halls: { hall: HallItem; windows: ConsoleWindow[] }[] | null = null;
  @state() private error = '';

  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
        padding: var(--space-3) var(--space-4);
        font-size: var(--font-size-body);
      }
      h2 {
        font-size: var(--font-size-large);
        margin: var(--space-2) 0;
      }
      .grid {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(180px, 1fr));
        gap: var(--space-3);
      }
      button {
        font: inherit;
        min-height: 72px;
        border-radius: var(--radius-medium);
        border: 2px solid var(--color-border);
        background: var(--color-surface);
        color: var(--color-text);
        cursor: pointer;
        text-align: left;
        padding: var(--space-2) var(--space-3);
      }
      button strong {
        display: block;
        font-size: var(--font-size-large);
      }
      .error {
        color: var(--color-danger);
      }
    `,
  ];

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    const user = this.session.user;
    if (!user) return;
    try {
      const { halls } = await this.session.get<{ halls: HallItem[] }>('/api/v1/halls');
      this.halls = await Promise.all(
        halls.map(async (hall) => {
          const { windows } = await this.session.get<{ windows: ConsoleWindow[] }>(
            `/api/v1/halls/${encodeURIComponent(hall.id)}/windows`,
          );
          return {
            hall,
            windows: windows.filter((w) => user.role !== 'clerk' || w.clerkIds.includes(user.id)),
          };
        }),
      );
    } catch (err) {
      this.error = refusalText(err, this.language);
    }
  }

  override render() {
    const t = translator(MESSAGES, this.language);
    if (this.error) return html`<p class="error" role="alert">${this.error}</p>`;
    if (!this.halls) return html`<p>…</p>`;
    const withWindows = this.halls.filter((h) => h.windows.length > 0);
    if (withWindows.length === 0) return html`<p>${t('noWindows')}</p>`;
    return html`<h2>${t('chooseWindow')}</h2>
      ${withWindows.map(
        ({ hall, windows }) =>
          html`<section>
            ${withWindows.length > 1 ? html`<h2>${hall.name}</h2>` : null}
            <div class="grid">
              ${windows.map(
                (w) =>
                  html`<button
                    @click=${() => fireEvent(this, 'window-chosen', { hallId: hall.id, windowId: w.id })}
                  >
                    <strong>${t('window', { n: w.number })}</strong>${w.name}
                  </button>`,
              )}
            </div>
          </section>`,
      )}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'window-picker': WindowPicker;
  }
}
