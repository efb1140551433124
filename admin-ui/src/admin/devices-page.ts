import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import type { DeviceView, PrinterStateView } from '@hall-queue/server/protocol';
import { dateTime, pageStyles } from './admin-styles.js';
import { consoleContext, type ConsoleContext } from './context.js';
import type { MessageKey } from './messages.js';
import { FormSubmit, PageLoad } from './page-state.js';

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
  private readonly loader = new PageLoad(this, async () => {
    const s = this.ctx.session;
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
  });
  private readonly form = new FormSubmit(this);
  /** Binding and revoking from a device's row. */
  private readonly rows = new FormSubmit(this);

  private get base() {
    return `/api/v1/halls/${encodeURIComponent(this.ctx.hall.id)}`;
  }

  override render() {
    const t = this.ctx.t;
    return html`<h2>${t('navDevices')}</h2>
      ${this.loader.render(t)} ${this.renderRegister()} ${this.rows.refused()}
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
    const f = this.form;
    return html`<form @submit=${this.register} aria-label=${t('registerDevice')}>
      <h3>${t('registerDevice')}</h3>
      ${f.refused()}
      <div class="fields">
        ${f.field(
          t('kind'),
          'kind',
          html`<select
            name="kind"
            @change=${(e: Event) => (this.kind = (e.target as HTMLSelectElement).value as (typeof KINDS)[number])}
          >
            ${KINDS.map((k) => html`<option value=${k} ?selected=${k === this.kind}>${t(`d_${k}` as MessageKey)}</option>`)}
          </select>`,
        )}
        ${f.field(t('name'), 'name', html`<input name="name" />`)}
        ${
          needsWindow
            ? f.field(
                t('window'),
                'windowId',
                html`<select name="windowId">
                  <option value="">${t('unbound')}</option>
                  ${this.windows.map((w) => html`<option value=${w.id}>${w.number} · ${w.name}</option>`)}
                </select>`,
              )
            : nothing
        }
        ${
          this.kind === 'keypad'
            ? html`${f.field(
                t('profile'),
                'config.profile',
                html`<select name="profile">
                  ${['vendor', 'keyboard', 'wireless'].map((p) => html`<option value=${p}>${p}</option>`)}
                </select>`,
              )}
              ${f.field(t('serial'), 'config.serial', html`<input name="serial" />`)}`
            : nothing
        }
      </div>
      <p><button class="primary" type="submit" ?disabled=${f.busy}>${t('create')}</button></p>
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
    this.token = '';
    const windowId = v.windowId ? v.windowId : null;
    const ok = await this.form.run(async () => {
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
    });
    if (!ok) return;
    form.reset();
    await this.loader.reload();
  }

  private async bind(d: Device, windowId: string) {
    await this.rows.run(() =>
      d.kind === 'keypad'
        ? this.ctx.session.call(
            `${this.base}/keypads/${encodeURIComponent(d.id)}/${windowId ? 'bind' : 'unbind'}`,
            { body: windowId ? { windowId } : {} },
          )
        : this.ctx.session.call(`${this.base}/devices/${encodeURIComponent(d.id)}`, {
            method: 'PATCH',
            body: { windowId: windowId || null },
          }),
    );
    // Refused or not, the row shows the binding the hub keeps.
    await this.loader.reload();
  }

  private async revoke(d: Device) {
    if (!confirm(this.ctx.t('revokeConfirm'))) return;
    const ok = await this.rows.run(() =>
      this.ctx.session.call(`/api/v1/devices/${encodeURIComponent(d.id)}/revoke`, { body: {} }),
    );
    if (ok) await this.loader.reload();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'devices-page': DevicesPage;
  }
}
