import { LitElement, css, html } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { ApiError } from '@hall-queue/ui-shared/api.js';
import { translator, type Lang } from '@hall-queue/ui-shared/i18n.js';
import { baseStyles } from '@hall-queue/ui-shared/tokens.js';
import { ACTION_LABELS, MESSAGES } from './messages.js';
import type { Session } from '../admin/session.js';
import { StaffFeed } from '@hall-queue/ui-shared/staff-feed.js';
import { ClockController } from '@hall-queue/ui-shared/clock-controller.js';
import type { TransferChoice, TransferDialog } from './transfer-dialog.js';
import type { ReasonDialog } from './reason-dialog.js';
import type { ServiceList } from '@hall-queue/server/protocol';
import type { ConsoleAction, ConsoleWindow, ServiceItem, WindowView } from './types.js';
import './action-bar.js';
import './current-ticket.js';
import './queue-lists.js';
import './reason-dialog.js';
import './transfer-dialog.js';
import { refusalText } from '@hall-queue/ui-shared/refusals.js';

type Prompt = 'hold' | 'pause' | 'call-number';

/**
 * One window at work: the current ticket, the held and next tickets, and
 * every action. What it shows is always re-read from the hub after an action
 * and after any event of the hall, so a keypad press at this window or
 * another window's call shows at once.
 */
@customElement('window-screen')
export class WindowScreen extends LitElement {
  @property({ attribute: false }) session!: Session;
  @property() windowId = '';
  @property() hallId = '';
  @property() language: Lang = 'zh';
  @state() private view: WindowView | null = null;
  @state() private services: ServiceItem[] = [];
  @state() private windows: ConsoleWindow[] = [];
  @state() private busy = false;
  @state() private dialogOpen = false;
  @state() private prompt: Prompt = 'pause';
  /** The action whose button was used last; focus returns to it after a dialog or a reply. */
  private lastAction: ConsoleAction | null = null;
  @state() private refusal: { action: ConsoleAction; detail: string } | null = null;
  /** Why the window could not be read (not one of this clerk's windows any more, hub unreachable). */
  @state() private loadError = '';
  @query('reason-dialog') private reasonDialog!: ReasonDialog;
  @query('transfer-dialog') private transferDialog!: TransferDialog;
  private readonly tick = new ClockController(this);
  private readonly feed = new StaffFeed(this, () => void this.load());
  private loading: Promise<void> | null = null;
  private again = false;

  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
        padding: var(--space-2) var(--space-3);
      }
      header {
        display: flex;
        flex-wrap: wrap;
        align-items: baseline;
        gap: var(--space-2) var(--space-4);
        margin-bottom: var(--space-2);
        font-size: var(--font-size-body);
      }
      header strong {
        font-size: var(--font-size-large);
      }
      .state {
        font-weight: 700;
      }
      .state.open {
        color: var(--color-success);
      }
      .state.paused {
        color: var(--color-warning);
      }
      .state.closed {
        color: var(--color-danger);
      }
      .offline {
        color: var(--color-danger);
      }
      /* Current ticket and lists side by side, the buttons across the full width under them. */
      .layout {
        display: grid;
        grid-template-columns: minmax(0, 3fr) minmax(220px, 2fr);
        grid-template-areas: 'current lists' 'actions actions';
        gap: var(--space-3);
        align-items: start;
      }
      current-ticket {
        grid-area: current;
      }
      queue-lists {
        grid-area: lists;
      }
      action-bar {
        grid-area: actions;
      }
      @media (max-width: 640px) {
        .layout {
          grid-template-columns: 1fr;
          grid-template-areas: 'current' 'actions' 'lists';
        }
      }
    `,
  ];

  override connectedCallback(): void {
    super.connectedCallback();
    this.feed.follow(this.hallId);
    void this.load();
    void this.loadHall();
  }

  /** Re-reads the window; reads asked for during a read are folded into one more. */
  load(): Promise<void> {
    if (this.loading) {
      this.again = true;
      return this.loading;
    }
    this.loading = (async () => {
      do {
        this.again = false;
        try {
          this.view = await this.session.get<WindowView>(
            `/api/v1/windows/${encodeURIComponent(this.windowId)}`,
          );
          this.loadError = '';
        } catch (err) {
          this.loadError = this.explain(err);
        }
      } while (this.again);
    })().finally(() => (this.loading = null));
    return this.loading;
  }

  private async loadHall(): Promise<void> {
    const hall = encodeURIComponent(this.hallId);
    const [s, w] = await Promise.all([
      this.session.get<ServiceList>(`/api/v1/halls/${hall}/services`),
      this.session.get<{ windows: ConsoleWindow[] }>(`/api/v1/halls/${hall}/windows`),
    ]);
    this.services = s.services;
    this.windows = w.windows;
  }

  private async act(action: ConsoleAction, body: object = {}): Promise<void> {
    this.busy = true;
    this.refusal = null;
    try {
      const r = await this.session.send<{ outcome?: string }>(
        `/api/v1/windows/${encodeURIComponent(this.windowId)}/${action}`,
        body,
      );
      if (r.outcome === 'empty')
        this.refusal = { action, detail: translator(MESSAGES, this.language)('empty') };
    } catch (err) {
      this.refusal = { action, detail: this.explain(err) };
    } finally {
      this.busy = false;
    }
    await this.load();
    // The buttons were disabled while the hub answered; focus must not fall to the page.
    if (!this.dialogOpen && this.focusLost()) this.returnFocus();
  }

  /** Whether the keyboard focus is nowhere (a focused button that got disabled drops it to the page body). */
  private focusLost(): boolean {
    let active = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    return active === null || active === document.body;
  }

  /** Focus goes back to the button that opened the dialog, so the keyboard user is where they were. */
  private dialogClosed(): void {
    this.dialogOpen = false;
    this.returnFocus();
  }

  private returnFocus(): void {
    const bar = this.renderRoot.querySelector('action-bar');
    if (this.lastAction && bar) void bar.updateComplete.then(() => bar.focusAction(this.lastAction!));
  }

  private onAction(action: ConsoleAction): void {
    this.lastAction = action;
    if (action === 'hold' || action === 'pause' || action === 'call-number') {
      this.prompt = action;
      this.dialogOpen = true;
      this.reasonDialog.show();
    } else if (action === 'transfer') {
      this.dialogOpen = true;
      void this.loadHall();
      this.transferDialog.show();
    } else if (action === 'call-back') {
      const first = this.view?.held[0];
      if (first) void this.act('call-back', { ticketId: first.id });
    } else {
      void this.act(action);
    }
  }

  private onPrompt(value: string): void {
    if (this.prompt === 'call-number') void this.act('call-number', { number: value });
    else void this.act(this.prompt, { reason: value });
  }

  override render() {
    const t = translator(MESSAGES, this.language);
    const v = this.view;
    if (!v) return html`<p role="alert">${this.loadError || '…'}</p>`;
    const w = v.window;
    const names = new Map(this.services.map((s) => [s.id, s.name]));
    const stateText = w.state === 'paused' ? t('paused', { reason: w.pauseReason ?? '' }) : t(w.state);
    const heading = ACTION_LABELS[this.prompt][this.language];
    return html`
      <header>
        <strong>${t('window', { n: w.number })}</strong><span>${w.name}</span>
        <span class="state ${w.state}" data-testid="window-state">${stateText}</span>
        ${this.feed.online ? null : html`<span class="offline" role="status">${t('offline')}</span>`}
        ${this.loadError ? html`<span class="offline" role="alert">${this.loadError}</span>` : null}
      </header>
      <div class="layout">
        <current-ticket
          .ticket=${v.current}
          .serviceName=${v.current ? (names.get(v.current.serviceId) ?? '') : ''}
          .language=${this.language}
          .now=${this.tick.now}
        ></current-ticket>
        <action-bar
          .windowState=${w.state}
          .hasHeld=${v.held.length > 0}
          .ticketStatus=${v.current?.status ?? null}
          .busy=${this.busy}
          .blocked=${this.dialogOpen}
          .language=${this.language}
          .refusal=${this.refusal}
          @console-action=${(e: CustomEvent<{ action: ConsoleAction }>) => this.onAction(e.detail.action)}
        ></action-bar>
        <queue-lists
          .held=${v.held}
          .next=${v.next}
          .serviceNames=${names}
          .language=${this.language}
          .now=${this.tick.now}
          .busy=${this.busy}
          @call-back-ticket=${(e: CustomEvent<{ ticketId: string }>) =>
            void this.act('call-back', { ticketId: e.detail.ticketId })}
        ></queue-lists>
      </div>
      <reason-dialog
        heading=${heading}
        label=${this.prompt === 'call-number' ? t('number') : t('reason')}
        placeholder=${this.prompt === 'call-number' ? t('numberHint') : ''}
        requiredMessage=${this.prompt === 'call-number' ? t('numberHint') : t('reasonRequired')}
        confirmLabel=${t('confirm')}
        cancelLabel=${t('cancel')}
        ?upper=${this.prompt === 'call-number'}
        @prompt-submit=${(e: CustomEvent<{ value: string }>) => this.onPrompt(e.detail.value)}
        @dialog-closed=${() => this.dialogClosed()}
      ></reason-dialog>
      <transfer-dialog
        .services=${this.services}
        .windows=${this.windows}
        .windowId=${this.windowId}
        .ticketNumber=${v.current?.number ?? ''}
        .language=${this.language}
        @transfer-submit=${(e: CustomEvent<TransferChoice>) => void this.act('transfer', e.detail)}
        @dialog-closed=${() => this.dialogClosed()}
      ></transfer-dialog>
    `;
  }

  /**
   * The refusal in the shared words every screen uses (refusals.ts), never
   * the hub's English detail. One exception: every action here is on the
   * clerk's own window, so a `forbidden` means this window is not theirs
   * (or no longer is), which says more than the shared "not allowed".
   */
  private explain(err: unknown): string {
    if (err instanceof ApiError && err.code === 'forbidden')
      return translator(MESSAGES, this.language)('notYourWindow');
    return refusalText(err, this.language);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'window-screen': WindowScreen;
  }
}
