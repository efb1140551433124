import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { pageStyles } from './admin-styles.js';
import { consoleContext, type ConsoleContext } from './context.js';
import { floorAlerts, hubTime, type Floor } from './floor-types.js';
import type { MessageKey } from './messages.js';
import { PageLoad } from './page-state.js';
import { ClockController } from '@hall-queue/ui-shared/clock-controller.js';
import { StaffFeed } from '@hall-queue/ui-shared/staff-feed.js';

/**
 * 现场监控: every window with its state, clerk, current number and how long
 * it has been served; waiting and the longest wait per area; alerts. Reads
 * GET …/floor and again whenever the `/staff` feed reports a change.
 */
@customElement('floor-page')
export class FloorPage extends LitElement {
  static override styles = [
    pageStyles,
    css`
      .alerts {
        list-style: none;
        padding: 0;
        margin: 0 0 var(--space-4);
      }
      .alerts li {
        padding: var(--space-2) var(--space-3);
        margin-bottom: var(--space-1);
        border-left: 6px solid var(--color-danger);
        background: var(--floor-alert-bg, #fdecea);
        color: #5f1410;
        font-weight: bold;
      }
      tr[data-state='paused'] td {
        background: var(--floor-paused-bg, #fff4e0);
        color: #17202a;
      }
      tr[data-state='closed'] td {
        color: var(--color-text-muted);
      }
      .current {
        font-family: var(--font-family-number);
        font-size: var(--font-size-large);
        font-weight: bold;
      }
      .layout {
        display: grid;
        grid-template-columns: minmax(0, 3fr) minmax(0, 2fr);
        gap: var(--space-5);
      }
      @media (max-width: 900px) {
        .layout {
          grid-template-columns: 1fr;
        }
      }
      input[type='number'] {
        width: 6em;
      }
    `,
  ];

  @consume({ context: consoleContext, subscribe: true })
  @state()
  private ctx!: ConsoleContext;
  @state() private floor: Floor | null = null;
  /** False when the hub cannot voice call-outs: boards without a browser Mandarin voice only chime. */
  @state() private hubVoice = true;
  @state() private waitMinutes = Number(localStorage.getItem('floor-wait-min') ?? 30);
  @state() private pauseMinutes = Number(localStorage.getItem('floor-pause-min') ?? 15);
  private fetchedAt = Date.now();
  private readonly clock = new ClockController(this, 5_000);
  private readonly loader = new PageLoad(this, async () => {
    const floor = await this.ctx.session.call<Floor>(
      `/api/v1/halls/${encodeURIComponent(this.ctx.hall.id)}/floor`,
    );
    this.fetchedAt = Date.now();
    this.floor = floor;
  });
  private readonly feed = new StaffFeed(this, () => void this.loader.reload(), {
    hallId: () => this.ctx.hall.id,
    coalesceMs: 250,
  });

  override connectedCallback(): void {
    super.connectedCallback();
    void this.ctx.session
      .call<{ voice: { hubAudio: boolean } }>(
        `/api/v1/halls/${encodeURIComponent(this.ctx.hall.id)}/signage/board`,
      )
      .then((b) => (this.hubVoice = b.voice.hubAudio))
      .catch(() => undefined);
  }

  override render() {
    const t = this.ctx.t;
    const f = this.floor;
    return html`<h2>
        ${t('navFloor')}
        <span class="badge ${this.feed.online ? 'ok' : 'warn'}" data-live=${this.feed.online}
          >${this.feed.online ? t('live') : t('offline')}</span
        >
      </h2>
      ${this.loader.render(t)}
      ${this.hubVoice ? nothing : html`<p class="error" role="alert" data-voice-warning>${t('voiceChimeOnly')}</p>`}
      ${f ? this.renderFloor(f) : nothing}`;
  }

  private renderFloor(f: Floor) {
    const t = this.ctx.t;
    const now = hubTime(f, this.fetchedAt, this.clock.now);
    const alerts = floorAlerts(f, this.clock.now, {
      fetchedAt: this.fetchedAt,
      waitMinutes: this.waitMinutes,
      pauseMinutes: this.pauseMinutes,
      kindName: (k) => t(`d_${k}` as MessageKey),
    });
    const alertKey: Record<string, MessageKey> = {
      wait: 'alertWait',
      paper: 'alertPaper',
      printer: 'alertPrinter',
      offline: 'alertOffline',
      paused: 'alertPaused',
    };
    const mins = (since: number | null) =>
      since === null ? '—' : t('minutes', { n: Math.max(0, Math.floor((now - since) / 60_000)) });
    return html`<section aria-label=${t('alerts')}>
        <h3>${t('alerts')}</h3>
        <div class="row">
          <label class="check"
            >${t('waitThreshold')}
            <input
              type="number"
              min="0"
              .value=${String(this.waitMinutes)}
              @change=${(e: Event) => this.setThreshold('wait', e)}
          /></label>
          <label class="check"
            >${t('pauseThreshold')}
            <input
              type="number"
              min="0"
              .value=${String(this.pauseMinutes)}
              @change=${(e: Event) => this.setThreshold('pause', e)}
          /></label>
        </div>
        ${
          alerts.length === 0
            ? html`<p class="ok">${t('noAlerts')}</p>`
            : html`<ul class="alerts">
                ${alerts.map((a) => html`<li data-alert=${a.key}>${t(alertKey[a.kind] ?? 'alerts', a.vars)}</li>`)}
              </ul>`
        }
      </section>
      <div class="layout">
        <table aria-label=${t('window')}>
          <thead>
            <tr>
              <th>${t('window')}</th>
              <th>${t('state')}</th>
              <th>${t('clerk')}</th>
              <th>${t('current')}</th>
              <th>${t('servedFor')}</th>
            </tr>
          </thead>
          <tbody>
            ${f.windows.map(
              (w) =>
                html`<tr data-window=${w.number} data-state=${w.state}>
                  <td>
                    ${w.number} · ${w.name}<br /><span class="muted">${t(`k_${w.kind}` as MessageKey)}</span>
                  </td>
                  <td>
                    ${t(`st_${w.state}` as MessageKey)}${w.pauseReason ? html`<br /><span class="muted">${w.pauseReason}</span>` : nothing}
                    ${w.state === 'paused' ? html`<br />${mins(w.pausedSince)}` : nothing}
                  </td>
                  <td>
                    ${w.clerk ? `${w.clerk.name}${w.clerk.staffNo ? ` (${w.clerk.staffNo})` : ''}` : '—'}
                  </td>
                  <td>
                    ${
                      w.current
                        ? html`<span class="current">${w.current.number}</span><br /><span class="muted"
                              >${t(`tk_${w.current.status}` as MessageKey)} · ${w.current.service}</span
                            >`
                        : '—'
                    }
                  </td>
                  <td class="num">
                    ${
                      w.current
                        ? w.current.startedAt
                          ? mins(w.current.startedAt)
                          : `${t('calledFor')} ${mins(w.current.calledAt)}`
                        : '—'
                    }
                  </td>
                </tr>`,
            )}
          </tbody>
        </table>
        <table aria-label=${t('area')}>
          <thead>
            <tr>
              <th>${t('area')}</th>
              <th class="num">${t('waiting')}</th>
              <th class="num">${t('longestWait')}</th>
            </tr>
          </thead>
          <tbody>
            ${f.areas.map(
              (a) =>
                html`<tr data-area=${a.domain}>
                  <td>${a.domain}</td>
                  <td class="num">${a.waiting}</td>
                  <td class="num">${mins(a.oldestIssuedAt)}</td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>`;
  }

  private setThreshold(which: 'wait' | 'pause', e: Event) {
    const raw = Number((e.target as HTMLInputElement).value);
    const n = Number.isFinite(raw) ? Math.max(0, Math.floor(raw)) : which === 'wait' ? 30 : 15;
    if (which === 'wait') this.waitMinutes = n;
    else this.pauseMinutes = n;
    localStorage.setItem(which === 'wait' ? 'floor-wait-min' : 'floor-pause-min', String(n));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'floor-page': FloorPage;
  }
}
