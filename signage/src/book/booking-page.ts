import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api } from '@hall-queue/ui-shared/api.js';
import { translator, type Lang } from '@hall-queue/ui-shared/i18n.js';
import { refusalText } from '@hall-queue/ui-shared/refusals.js';
import { baseStyles } from '@hall-queue/ui-shared/tokens.js';
import { MESSAGES } from './messages.js';

/**
 * /book/<hallId>: booking without an account (预约), phone first and large:
 * one question per screen (matter, day, time, contact), then the booking
 * code and its QR for the kiosk. The code is the only key to view, cancel
 * or move the booking. Booking is offered, never required: the page says so.
 */

type Mode = 'identity' | 'off' | 'optional' | 'required';
interface Options {
  hall: { id: string; name: string };
  services: { id: string; name: string; domain: string; slotMinutes: number }[];
  days: string[];
  name: Mode;
  phone: Mode;
}
interface Slot {
  start: number;
  end: number;
  label: string;
}
interface Booking {
  code: string;
  serviceId: string;
  day: string;
  slotStart: number;
  slot: string;
  status: 'booked' | 'checked_in' | 'cancelled' | 'missed';
}
type Step = 'service' | 'day' | 'slot' | 'details' | 'booking';

const WEEKDAYS_ZH = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];
const WEEKDAYS_EN = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

@customElement('booking-page')
export class BookingPage extends LitElement {
  @property() hallId = '';
  @property() initialCode = '';
  @property() language: Lang = 'zh';
  @property({ reflect: true }) step: Step = 'service';
  @state() private options: Options | null = null;
  @state() private serviceId = '';
  @state() private day = '';
  @state() private slots: Slot[] = [];
  @state() private slotStart: number | null = null;
  @state() private booking: Booking | null = null;
  /** Choosing a new time for `booking` rather than booking anew. */
  @state() private moving = false;
  @state() private error = '';
  @state() private busy = false;

  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
        max-width: 480px;
        margin: 0 auto;
        padding: var(--space-4);
        font-size: var(--book-font-size, 22px);
      }
      h1 {
        font-size: var(--font-size-large);
        margin: 0;
      }
      h2 {
        font-size: var(--font-size-large);
        margin: var(--space-4) 0 var(--space-3);
      }
      .choices {
        display: grid;
        gap: var(--space-3);
      }
      button,
      input {
        font: inherit;
        min-height: 56px;
        border-radius: var(--radius-medium);
        border: 2px solid var(--color-border);
        background: var(--color-surface);
        color: var(--color-text);
        padding: 0 var(--space-3);
      }
      button.primary {
        background: var(--color-primary);
        color: var(--color-primary-text);
        border-color: var(--color-primary);
        width: 100%;
        margin-top: var(--space-4);
      }
      label {
        display: grid;
        gap: var(--space-2);
        margin-top: var(--space-3);
      }
      .card {
        background: var(--color-surface);
        border: 2px solid var(--color-border);
        border-radius: var(--radius-large);
        padding: var(--space-4);
        margin-top: var(--space-3);
        text-align: center;
      }
      .code {
        font-family: var(--font-family-number);
        font-size: 44px;
        font-weight: 700;
        letter-spacing: 0.1em;
        color: var(--color-primary);
      }
      .qr {
        width: 200px;
        height: 200px;
        margin: var(--space-3) auto 0;
        display: block;
      }
      .error {
        color: var(--color-danger);
        font-weight: 700;
      }
      .note {
        color: var(--color-text-muted);
        font-size: var(--font-size-small);
      }
      form.lookup {
        display: flex;
        gap: var(--space-2);
        margin-top: var(--space-5);
      }
      form.lookup input {
        flex: 1;
        min-width: 0;
      }
    `,
  ];

  private get t() {
    return translator(MESSAGES, this.language);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.start();
  }

  private async start(): Promise<void> {
    await this.run(async () => {
      this.options = await api<Options>(`/api/v1/halls/${encodeURIComponent(this.hallId)}/booking`);
      if (this.initialCode) await this.open(this.initialCode);
    });
  }

  /** Runs a request, showing the hub's refusal in the page's language. */
  private async run(work: () => Promise<void>): Promise<void> {
    this.busy = true;
    this.error = '';
    try {
      await work();
    } catch (err) {
      this.error = refusalText(err, this.language);
    } finally {
      this.busy = false;
    }
  }

  private async open(code: string): Promise<void> {
    this.booking = await api<Booking>(`/api/v1/bookings/${encodeURIComponent(code.trim())}`);
    this.moving = false;
    this.step = 'booking';
  }

  private chooseService(id: string): void {
    this.serviceId = id;
    this.step = 'day';
  }

  private async chooseDay(day: string): Promise<void> {
    this.day = day;
    await this.run(async () => {
      const q = `?day=${day}`;
      const r = await api<{ slots: Slot[] }>(
        `/api/v1/halls/${encodeURIComponent(this.hallId)}/services/${encodeURIComponent(this.serviceId)}/booking-slots${q}`,
      );
      this.slots = r.slots;
      this.step = 'slot';
    });
  }

  private async chooseSlot(start: number): Promise<void> {
    this.slotStart = start;
    if (!this.moving) {
      const asks = this.options?.name !== 'off' || this.options?.phone !== 'off';
      if (asks) {
        this.step = 'details';
        return;
      }
      await this.submit();
      return;
    }
    await this.run(async () => {
      this.booking = await api<Booking>(`/api/v1/bookings/${this.booking?.code ?? ''}/reschedule`, {
        body: { day: this.day, slotStart: start },
      });
      this.moving = false;
      this.step = 'booking';
    });
  }

  private async submit(form?: HTMLFormElement): Promise<void> {
    const data = form ? new FormData(form) : null;
    const field = (k: string) => {
      const v = data?.get(k);
      return typeof v === 'string' && v.trim() !== '' ? { [k]: v.trim() } : {};
    };
    await this.run(async () => {
      this.booking = await api<Booking>(`/api/v1/halls/${encodeURIComponent(this.hallId)}/bookings`, {
        body: {
          serviceId: this.serviceId,
          day: this.day,
          slotStart: this.slotStart,
          ...field('name'),
          ...field('phone'),
        },
      });
      this.step = 'booking';
    });
  }

  private async cancel(): Promise<void> {
    await this.run(async () => {
      this.booking = await api<Booking>(`/api/v1/bookings/${this.booking?.code ?? ''}/cancel`, { body: {} });
    });
  }

  private dayLabel(day: string): string {
    const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
    const names = this.language === 'en' ? WEEKDAYS_EN : WEEKDAYS_ZH;
    return `${day.slice(5).replace('-', this.language === 'en' ? '/' : '月')}${this.language === 'en' ? '' : '日'} ${names[weekday]}`;
  }

  override render() {
    const o = this.options;
    return html`
      <header><h1>${this.t('title')}${o ? ` · ${o.hall.name}` : ''}</h1></header>
      <p class="note">${this.t('noGate')}</p>
      ${this.error ? html`<p class="error" role="alert" data-testid="error">${this.error}</p>` : nothing}
      ${o ? this.renderStep(o) : nothing} ${this.step !== 'booking' ? this.renderLookup() : nothing}
    `;
  }

  private renderStep(o: Options) {
    if (this.step === 'booking' && this.booking) return this.renderBooking(this.booking);
    if (o.services.length === 0) return html`<p data-testid="not-offered">${this.t('notOffered')}</p>`;
    switch (this.step) {
      case 'service':
        return html`<h2>${this.t('chooseService')}</h2>
          <div class="choices">
            ${o.services.map((s) => html`<button @click=${() => this.chooseService(s.id)}>${s.name}</button>`)}
          </div>`;
      case 'day':
        return html`<h2>${this.t('chooseDay')}</h2>
          <div class="choices">
            ${o.days.map((d) => html`<button ?disabled=${this.busy} @click=${() => void this.chooseDay(d)}>${this.dayLabel(d)}</button>`)}
          </div>`;
      case 'slot':
        return html`<h2>${this.t('chooseSlot')} · ${this.dayLabel(this.day)}</h2>
          ${this.slots.length === 0 ? html`<p>${this.t('noSlots')}</p>` : nothing}
          <div class="choices">
            ${this.slots.map((s) => html`<button ?disabled=${this.busy} @click=${() => void this.chooseSlot(s.start)}>${s.label}</button>`)}
          </div>
          <button @click=${() => (this.step = 'day')}>${this.t('back')}</button>`;
      case 'details':
        return this.renderDetails(o);
      default:
        return nothing;
    }
  }

  private renderDetails(o: Options) {
    const field = (key: 'name' | 'phone', mode: Mode, type: string) =>
      mode === 'off'
        ? nothing
        : html`<label
            >${this.t(key)}${mode === 'optional' ? this.t('optional') : ''}
            <input
              name=${key}
              type=${type}
              ?required=${mode === 'required'}
              autocomplete=${key === 'name' ? 'name' : 'tel'}
              inputmode=${key === 'phone' ? 'tel' : 'text'}
          /></label>`;
    return html`<h2>${this.t('details')}</h2>
      <form
        @submit=${(e: Event) => {
          e.preventDefault();
          void this.submit(e.target as HTMLFormElement);
        }}
      >
        ${field('name', o.name, 'text')} ${field('phone', o.phone, 'tel')}
        <button class="primary" type="submit" ?disabled=${this.busy}>${this.t('confirm')}</button>
      </form>`;
  }

  private renderBooking(b: Booking) {
    const service = this.options?.services.find((s) => s.id === b.serviceId);
    const live = b.status === 'booked';
    const statusText =
      b.status === 'booked'
        ? this.t('booked')
        : b.status === 'cancelled'
          ? this.t('cancelled')
          : b.status === 'missed'
            ? this.t('missed')
            : this.t('checkedIn');
    return html`<div class="card">
        <h2 data-testid="booking-status">${statusText}</h2>
        <div>${this.t('code')}</div>
        <div class="code" data-testid="code">${b.code}</div>
        ${live ? html`<img class="qr" alt=${this.t('qr')} src=${`/api/v1/bookings/${b.code}/qr.svg`} />` : nothing}
        <p data-testid="slot">${service?.name ?? ''} · ${this.dayLabel(b.day)} ${b.slot}</p>
        ${live ? html`<p class="note">${this.t('codeHint')}</p>` : nothing}
      </div>
      ${
        live
          ? html`<button
                class="primary"
                @click=${() => {
                  this.serviceId = b.serviceId;
                  this.moving = true;
                  this.step = 'day';
                }}
              >
                ${this.t('reschedule')}
              </button>
              <button class="primary" ?disabled=${this.busy} @click=${() => void this.cancel()}>
                ${this.t('cancel')}
              </button>`
          : html`<button
              class="primary"
              @click=${() => {
                this.booking = null;
                this.step = 'service';
              }}
            >
              ${this.t('newBooking')}
            </button>`
      }`;
  }

  private renderLookup() {
    return html`<form
      class="lookup"
      @submit=${(e: Event) => {
        e.preventDefault();
        const input = (e.target as HTMLFormElement).elements.namedItem('code') as HTMLInputElement;
        void this.run(() => this.open(input.value));
      }}
    >
      <input name="code" aria-label=${this.t('lookup')} placeholder=${this.t('lookup')} autocomplete="off" />
      <button type="submit">${this.t('lookupButton')}</button>
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'booking-page': BookingPage;
  }
}
