import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import type { DeviceView, PrinterStateView } from '@hall-queue/server/protocol';
import { dateTime, field, pageStyles } from './admin-styles.js';
import { consoleContext, type ConsoleContext } from './context.js';
import type { MessageKey } from './messages.js';
import { errorText, fieldErrors } from './session.js';

/**
 * 设备: register printers, kiosks, keypads, displays and evaluators (the
 * token is shown once, right after registering), see who is online, a
 * printer's paper, when each was last seen; bind keypads and displays to a
 * window; revoke a lost device (the hub disconnects it at once).
 */
type Device = DeviceView;

const KINDS = ['kiosk', 'printer', 'keypad', 'display', 'evaluator'] as const;

@customElement('devices-page')
export class DevicesPage extends LitElement {
  static override styles = [
    pageStyles,
    css`
      .token {
        font-family: var(--font-family-number);
        font-size: var(--font-size-large);
        word-break: break-all;
        background: #fff8d6;
        color: #17202a;
        padding: var(--space-3);
        border: 2px dashed var(--color-warning);
      }
      tr[data-revoked='true'] td {
        color: var(--color-text-muted);
        text-decoration: line-through;
      }
    `,
  ];

  @consume({ context: consoleContext, subscribe: true })
  @state()
  private ctx!: ConsoleContext;
  @state() private devices: Device[] = [];
  @state() private windows: { id: string; number: number; name: string }[] = [];
  @state() private keypadOnline = new Map<string, boolean>();
  @state() private printers = new Map<string, PrinterStateView | null>();
  @state() private kind: (typeof KINDS)[number] = 'kiosk';
  @state() private token = '';
  @state() private errors: Record<string, string> = {};
  @state() private error = '';

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private get base() {
    return `/api/v1/halls/${encodeURIComponent(this.ctx.hall.id)}`;
  }

  private async load() {
    const s = this.ctx.session;
    try {
      const [devices, windows, keypads, printing] = await Promise.all([
        s.call<{ devices: Device[] }>(`${this.base}/devices`),
        s.call<{ windows: { id: string; number: number; name: string }[] }>(`${this.base}/windows`),
        s.call<{ keypads: { device: Device; online: boolean }[] }>(`${this.base}/keypads`),
        s.call<{
          printers: { deviceId: string; state: PrinterStateView | null }[];
        }>(`${this.base}/printing`),
      ]);
      this.devices = devices.devices;
      this.windows = windows.windows;
      this.keypadOnline = new Map(keypads.keypads.map((k) => [k.device.id, k.online]));
      this.printers = new Map(printing.printers.map((p) => [p.deviceId, p.state]));
    } catch (err) {
      this.error = errorText(err);
    }
  }

  override render() {
    const t = this.ctx.t;
    return html`<h2>${t('navDevices')}</h2>
      ${this.renderRegister()} ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      <table aria-label=${t('navDevices')}>
        <thead>
          <tr>
            <th>${t('name')}</th>
            <th>${t('kind')}</th>
            <th>${t('window')}</th>
            <th>${t('state')}</th>
            <th>${t('paper')}</th>
            <th>${t('lastSeen')}</th>
            <th>${t('actions')}</th>
          </tr>
        </thead>
        <tbody>
          ${this.devices.map((d) => this.renderDevice(d))}
        </tbody>
      </table>`;
  }

  private renderRegister() {
    const t = this.ctx.t;
    const needsWindow = this.kind === 'keypad' || this.kind === 'evaluator' || this.kind === 'display';
    return html`<form @submit=${this.register} aria-label=${t('registerDevice')}>
      <h3>${t('registerDevice')}</h3>
      <div class="fields">
        ${field(
          t('kind'),
          'kind',
          html`<select
            name="kind"
            @change=${(e: Event) => (this.kind = (e.target as HTMLSelectElement).value as (typeof KINDS)[number])}
          >
            ${KINDS.map((k) => html`<option value=${k} ?selected=${k === this.kind}>${t(`d_${k}` as MessageKey)}</option>`)}
          </select>`,
          this.errors,
        )}
        ${field(t('name'), 'name', html`<input name="name" />`, this.errors)}
        ${
          needsWindow
            ? field(
                t('window'),
                'windowId',
                html`<select name="windowId">
                  <option value="">${t('unbound')}</option>
                  ${this.windows.map((w) => html`<option value=${w.id}>${w.number} · ${w.name}</option>`)}
                </select>`,
                this.errors,
              )
            : nothing
        }
        ${
          this.kind === 'keypad'
            ? html`${field(
                t('profile'),
                'config.profile',
                html`<select name="profile">
                  ${['vendor', 'keyboard', 'wireless'].map((p) => html`<option value=${p}>${p}</option>`)}
                </select>`,
                this.errors,
              )}
              ${field(t('serial'), 'config.serial', html`<input name="serial" />`, this.errors)}`
            : nothing
        }
      </div>
      <p><button class="primary" type="submit">${t('create')}</button></p>
      ${
        this.token
          ? html`<p>${t('tokenOnce')}</p>
              <p class="token" data-token>${this.token}</p>`
          : nothing
      }
    </form>`;
  }

  private renderDevice(d: Device) {
    const t = this.ctx.t;
    const online =
      d.kind === 'keypad'
        ? this.keypadOnline.get(d.id)
        : d.lastSeenAt !== null && Date.now() - d.lastSeenAt < 10 * 60_000;
    const ps = this.printers.get(d.id);
    const paper =
      ps === undefined
        ? ''
        : ps?.code === 'not_a_printer'
          ? t('notAPrinter')
          : !ps?.status
            ? t('unknown')
            : ps.status.paperOut
              ? t('paperOut')
              : ps.status.paperNearEnd
                ? t('paperNearEnd')
                : t('paperOk');
    const bindable = d.kind === 'keypad' || d.kind === 'display' || d.kind === 'evaluator';
    return html`<tr data-device=${d.name} data-revoked=${d.revoked}>
      <td>${d.name}</td>
      <td>${t(`d_${d.kind}` as MessageKey)}</td>
      <td>
        ${
          bindable && !d.revoked
            ? html`<select
                aria-label=${t('bindTo')}
                @change=${(e: Event) => void this.bind(d, (e.target as HTMLSelectElement).value)}
              >
                <option value="" ?selected=${!d.windowId}>${t('unbound')}</option>
                ${this.windows.map((w) => html`<option value=${w.id} ?selected=${w.id === d.windowId}>${w.number} · ${w.name}</option>`)}
              </select>`
            : (this.windows.find((w) => w.id === d.windowId)?.name ?? '—')
        }
      </td>
      <td>
        ${d.revoked ? t('revoked') : online ? html`<span class="ok">${t('online')}</span>` : html`<span class="warn">${t('offline')}</span>`}
      </td>
      <td>${paper}</td>
      <td>${d.lastSeenAt ? dateTime(d.lastSeenAt, this.ctx.lang) : t('never')}</td>
      <td>
        ${d.revoked ? nothing : html`<button class="danger" @click=${() => void this.revoke(d)}>${t('revoke')}</button>`}
      </td>
    </tr>`;
  }

  private async register(e: Event) {
    e.preventDefault();
    // Read now: once the event has been dispatched its target inside the shadow root is null.
    const form = e.target as HTMLFormElement;
    const v = Object.fromEntries([...new FormData(form)].map(([k, val]) => [k, String(val)]));
    this.errors = {};
    this.error = '';
    this.token = '';
    try {
      const windowId = v.windowId ? v.windowId : null;
      const res =
        this.kind === 'keypad'
          ? await this.ctx.session.call<{ token: string }>(`${this.base}/keypads`, {
              body: {
                name: v.name,
                windowId,
                config: { profile: v.profile, ...(v.serial ? { serial: v.serial } : {}) },
              },
            })
          : await this.ctx.session.call<{ token: string }>(`${this.base}/devices`, {
              body: { kind: this.kind, name: v.name, ...(windowId ? { windowId } : {}) },
            });
      this.token = res.token;
      form.reset();
      await this.load();
    } catch (err) {
      this.errors = fieldErrors(err);
      this.error = errorText(err);
    }
  }

  private async bind(d: Device, windowId: string) {
    this.error = '';
    try {
      if (d.kind === 'keypad') {
        const path = `${this.base}/keypads/${encodeURIComponent(d.id)}/${windowId ? 'bind' : 'unbind'}`;
        await this.ctx.session.call(path, { body: windowId ? { windowId } : {} });
      } else {
        await this.ctx.session.call(`${this.base}/devices/${encodeURIComponent(d.id)}`, {
          method: 'PATCH',
          body: { windowId: windowId || null },
        });
      }
      await this.load();
    } catch (err) {
      this.error = errorText(err);
      await this.load();
    }
  }

  private async revoke(d: Device) {
    if (!confirm(this.ctx.t('revokeConfirm'))) return;
    try {
      await this.ctx.session.call(`/api/v1/devices/${encodeURIComponent(d.id)}/revoke`, { body: {} });
      await this.load();
    } catch (err) {
      this.error = errorText(err);
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'devices-page': DevicesPage;
  }
}
