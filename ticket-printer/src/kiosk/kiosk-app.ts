import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { translator, type Lang } from '@hall-queue/ui-shared/i18n.js';
import { baseStyles, setTheme } from '@hall-queue/ui-shared/tokens.js';
import { IdleController } from './controllers/idle-controller.js';
import { PrintWatch } from './controllers/print-watch.js';
import { VoiceController } from './controllers/voice-controller.js';
import {
  KioskApi,
  answerUnknown,
  newIdempotencyKey,
  type IssuedTicketView,
  type KioskMenu,
  type KioskService,
  type TicketRequest,
} from './kiosk-api.js';
import { kioskStyles } from './kiosk-styles.js';
import { MESSAGES } from './messages.js';
import './kiosk-appointment.js';
import './kiosk-menu.js';
import './kiosk-priority.js';
import './kiosk-result.js';
import { refusalText } from '@hall-queue/ui-shared/refusals.js';

type Step = 'menu' | 'priority' | 'appointment' | 'taking' | 'result';

/**
 * The ticket machine: menu → priority → appointment (optional) → ticket.
 * Nothing is asked of the citizen but the matter. Idle for `idleSeconds`, it
 * goes back to the menu; elder mode enlarges everything and speaks prompts.
 */
@customElement('kiosk-app')
export class KioskApp extends LitElement {
  @property() hallId = '';
  @property() token: string | null = null;
  @property({ reflect: true }) language: Lang = 'zh';
  @property({ type: Number }) idleSeconds = 60;
  @property({ type: Boolean, reflect: true }) elder = false;
  @state() private step: Step = 'menu';
  @state() private menu: KioskMenu | null = null;
  @state() private service: KioskService | null = null;
  @state() private priority: { categories: string[]; assistance: boolean } = {
    categories: [],
    assistance: false,
  };
  @state() private ticket: IssuedTicketView | null = null;
  @state() private image: string | null = null;
  @state() private notice = '';
  /** Why the last booking code was not checked in. */
  @state() private apptRefusal = '';
  @state() private error = '';
  @state() private reprinting = false;
  /**
   * The issue request whose answer never came, with its Idempotency-Key:
   * 重试 sends it again with the same key, so a ticket the hub did issue
   * comes back instead of a second number.
   */
  @state() private pending: { key: string; request: TicketRequest } | null = null;

  private api = new KioskApi('', null);
  private readonly voice = new VoiceController(this);
  private readonly printing = new PrintWatch(this);
  private readonly idle = new IdleController(
    this,
    () => this.idleSeconds * 1000,
    () => this.reset(),
  );

  static override styles = [
    baseStyles,
    kioskStyles,
    css`
      :host {
        display: grid;
        grid-template-rows: auto 1fr;
        height: 100vh;
        background: var(--color-bg);
        padding: var(--space-6);
        gap: var(--space-5);
        overflow: hidden;
        --kiosk-pad-columns: 13;
      }
      /* Portrait (1080×1920): one column; landscape (1920×1080): the result beside its ticket. */
      @media (orientation: landscape) {
        :host {
          --kiosk-result-columns: 1fr auto;
          --kiosk-card-min: 340px;
        }
      }
      @media (orientation: portrait) {
        :host {
          --kiosk-pad-columns: 9;
          --kiosk-ticket-width: 70%;
        }
      }
      :host([elder]) {
        --kiosk-card-min: 420px;
        --kiosk-number-size: 200px;
      }
      header {
        display: flex;
        align-items: center;
        gap: var(--space-4);
      }
      h1 {
        margin: 0;
        font-size: var(--font-size-title);
        flex: 1;
      }
      h1 small {
        display: block;
        font-size: var(--font-size-large);
        font-weight: 400;
        color: var(--color-text-muted);
      }
      main {
        min-height: 0;
        overflow: auto;
        display: flex;
        flex-direction: column;
      }
      kiosk-menu {
        flex: 1;
      }
      .error {
        font-size: var(--font-size-large);
        color: var(--color-danger);
      }
    `,
  ];

  override connectedCallback(): void {
    super.connectedCallback();
    this.api = new KioskApi(this.hallId, this.token);
    void this.loadMenu();
  }

  override render() {
    const t = translator(MESSAGES, this.language);
    return html`
      <header>
        <h1 tabindex="-1">${this.menu?.hall.name ?? ''}<small>${t('title')} · ${t('pick')}</small></h1>
        <button aria-pressed=${String(this.elder)} data-elder @click=${this.toggleElder}>
          ${t('elder')}
        </button>
        <button data-lang @click=${this.toggleLang}>${t('language')}</button>
      </header>
      <main>${this.renderStep(t)}</main>
    `;
  }

  private renderStep(t: ReturnType<typeof translator<keyof (typeof MESSAGES)['zh']>>) {
    if (this.error) {
      return html`<p class="error" role="alert">${this.error}</p>
        <div class="actions">
          ${
            this.pending
              ? html`<button @click=${() => this.reset()}>${t('back')}</button>
                  <button class="primary" data-retry @click=${this.retryIssue}>${t('retry')}</button>`
              : html`<button class="primary" data-retry @click=${() => this.reset()}>${t('retry')}</button>`
          }
        </div>`;
    }
    switch (this.step) {
      case 'menu':
        return html`<kiosk-menu
          .menu=${this.menu}
          language=${this.language}
          @kiosk-pick=${this.onPick}
        ></kiosk-menu>`;
      case 'priority':
        return html`<kiosk-priority
          language=${this.language}
          .categories=${this.menu?.priorityCategories ?? []}
          serviceName=${this.service?.name ?? ''}
          @kiosk-priority=${this.onPriority}
          @kiosk-back=${() => this.reset()}
        ></kiosk-priority>`;
      case 'appointment':
        return html`<kiosk-appointment
          language=${this.language}
          refusal=${this.apptRefusal}
          @kiosk-appointment=${this.onAppointment}
          @kiosk-back=${() => (this.step = 'priority')}
        ></kiosk-appointment>`;
      case 'taking':
        return html`<h2>${t('taking')}</h2>`;
      case 'result':
        return html`<kiosk-result
          language=${this.language}
          .ticket=${this.ticket}
          image=${this.image ?? nothing}
          notice=${this.notice}
          print=${this.reprinting ? 'reprinting' : this.printing.state}
          @kiosk-reprint=${this.onReprint}
          @kiosk-done=${() => this.reset()}
        ></kiosk-result>`;
    }
  }

  protected override updated(changed: Map<string, unknown>): void {
    // Each new step takes the focus to its heading, so a keyboard or screen reader user is not left on the page body.
    if (changed.has('step') && changed.get('step') !== undefined) void this.focusStep();
  }

  private async focusStep(): Promise<void> {
    const main = this.renderRoot.querySelector('main');
    const step = main?.firstElementChild;
    if (step instanceof LitElement) await step.updateComplete;
    const target =
      step?.shadowRoot?.querySelector<HTMLElement>('h2, [data-number]') ??
      (step instanceof HTMLHeadingElement ? step : null) ??
      (this.step === 'menu' ? this.renderRoot.querySelector<HTMLElement>('h1') : null);
    if (!target) return;
    if (!target.hasAttribute('tabindex')) target.tabIndex = -1;
    target.focus();
  }

  private async loadMenu(): Promise<void> {
    try {
      this.menu = await this.api.menu();
      this.error = '';
    } catch (err) {
      this.error = translator(MESSAGES, this.language)('error', {
        detail: refusalText(err, this.language),
      });
    }
  }

  private readonly onPick = (e: CustomEvent<{ service: KioskService }>) => {
    this.service = e.detail.service;
    this.step = 'priority';
  };

  private readonly onPriority = (e: CustomEvent<{ categories: string[]; assistance: boolean }>) => {
    this.priority = e.detail;
    this.step = 'appointment';
  };

  /**
   * A code is checked in (a ticket with the appointment head start); a code
   * that cannot be stays on the step with the reason, where the big button
   * still gives an ordinary ticket. No code: an ordinary ticket.
   */
  private readonly onAppointment = (e: CustomEvent<{ code: string | null }>) => {
    this.apptRefusal = '';
    this.notice = '';
    if (e.detail.code) void this.checkIn(e.detail.code);
    else void this.take();
  };

  private async checkIn(code: string): Promise<void> {
    this.step = 'taking';
    try {
      const { ticket } = await this.api.checkIn(code);
      this.ticket = ticket;
      this.notice = translator(MESSAGES, this.language)('apptDone');
      this.step = 'result';
      this.printing.watch(this.api, ticket.statusToken, this.token !== null);
      void this.showImage(ticket, 1);
    } catch (err) {
      this.apptRefusal = refusalText(err, this.language);
      this.step = 'appointment';
    }
  }

  private async take(): Promise<void> {
    if (!this.service) return;
    this.pending ??= {
      key: newIdempotencyKey(),
      request: { serviceId: this.service.id, ...this.priority },
    };
    const attempt = this.pending;
    this.step = 'taking';
    try {
      const ticket = await this.api.issue(attempt.request, attempt.key);
      this.pending = null;
      this.ticket = ticket;
      this.step = 'result';
      this.printing.watch(this.api, ticket.statusToken, this.token !== null);
      void this.showImage(ticket, 1);
      if (this.elder) {
        this.voice.speak(
          translator(MESSAGES, this.language)('speakResult', { number: ticket.number, n: ticket.ahead }),
          this.language,
        );
      }
    } catch (err) {
      // A refusal is final; a lost answer keeps the attempt (and its key) for 重试.
      if (!answerUnknown(err)) this.pending = null;
      this.error = translator(MESSAGES, this.language)('error', {
        detail: refusalText(err, this.language),
      });
    }
  }

  private readonly retryIssue = () => {
    this.error = '';
    void this.take();
  };

  private async showImage(ticket: IssuedTicketView, copy: number): Promise<void> {
    const svg = await this.api.ticketSvg(ticket.statusToken, copy).catch(() => null);
    if (svg === null || this.ticket !== ticket) return;
    if (this.image) URL.revokeObjectURL(this.image);
    this.image = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  }

  private readonly onReprint = async () => {
    if (!this.ticket) return;
    this.reprinting = true;
    try {
      await this.api.reprint(this.ticket.statusToken);
      this.printing.watch(this.api, this.ticket.statusToken, true);
    } catch (err) {
      this.error = translator(MESSAGES, this.language)('error', {
        detail: refusalText(err, this.language),
      });
    } finally {
      this.reprinting = false;
    }
  };

  private readonly toggleElder = () => {
    this.elder = !this.elder;
    setTheme(this.elder ? 'elder' : 'default');
    if (this.elder) this.voice.speak(translator(MESSAGES, this.language)('speakPick'), this.language);
  };

  private readonly toggleLang = () => {
    this.language = this.language === 'zh' ? 'en' : 'zh';
    document.documentElement.lang = this.language === 'en' ? 'en' : 'zh-CN';
  };

  /** Back to the start for the next citizen: fresh menu (queues moved), default language and theme. */
  reset(): void {
    this.printing.stop();
    this.step = 'menu';
    this.service = null;
    this.ticket = null;
    this.pending = null;
    this.notice = '';
    this.apptRefusal = '';
    this.error = '';
    if (this.image) URL.revokeObjectURL(this.image);
    this.image = null;
    if (this.elder) this.toggleElder();
    void this.loadMenu();
    this.idle.restart();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-app': KioskApp;
  }
}
