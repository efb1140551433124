import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { minutes, pageStyles } from './admin-styles.js';
import { consoleContext, type ConsoleContext } from './context.js';
import type { MessageKey } from './messages.js';
import { FormSubmit, PageLoad } from './page-state.js';
import './stats-chart.js';
import type { AppointmentStats, StatsReport } from '@hall-queue/server/protocol';

function isoDay(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/**
 * 效能统计: the figures of GET …/stats for a period, area, window and clerk,
 * as charts with the same numbers in tables beside them, and the CSV export
 * of exactly the chosen filters.
 */
@customElement('stats-page')
export class StatsPage extends LitElement {
  static override styles = [
    pageStyles,
    css`
      .pair {
        display: grid;
        grid-template-columns: minmax(0, 3fr) minmax(0, 2fr);
        gap: var(--space-4);
        margin-bottom: var(--space-5);
        align-items: start;
      }
      @media (max-width: 900px) {
        .pair {
          grid-template-columns: 1fr;
        }
      }
      .hourly {
        max-height: 280px;
        overflow: auto;
      }
    `,
  ];

  @consume({ context: consoleContext, subscribe: true })
  @state()
  private ctx!: ConsoleContext;
  @state() private report: StatsReport | null = null;
  @state() private appointments: AppointmentStats | null = null;
  @state() private domains: string[] = [];
  @state() private windows: { id: string; number: number; name: string }[] = [];
  @state() private clerks: { id: string; name: string }[] = [];
  @state() private filters: Record<string, string> = {
    from: isoDay(new Date(Date.now() - 29 * 86_400_000)),
    to: isoDay(new Date()),
    domain: '',
    windowId: '',
    clerkId: '',
  };

  private readonly loader = new PageLoad(this, async () => {
    await Promise.all([this.loadChoices(), this.loadReport()]);
  });
  /** The filter form: a range or person the hub refuses is shown at its field. */
  private readonly form = new FormSubmit(this);

  private get base() {
    return `/api/v1/halls/${encodeURIComponent(this.ctx.hall.id)}`;
  }

  private async loadChoices() {
    const s = this.ctx.session;
    // Staff names come from `…/people`, which supervisors may read as well as admins
    // (`/api/v1/users` is for admins only); disabled people stay, their past work counts.
    const [services, windows, people] = await Promise.all([
      s.call<{ services: { domain: string }[] }>(`${this.base}/services`),
      s.call<{ windows: { id: string; number: number; name: string }[] }>(`${this.base}/windows`),
      s.call<{ people: { id: string; displayName: string; staffNo: string }[] }>(`${this.base}/people`),
    ]);
    this.domains = [...new Set(services.services.map((x) => x.domain))];
    this.windows = windows.windows;
    this.clerks = people.people.map((p) => ({
      id: p.id,
      name: p.staffNo ? `${p.displayName}（${p.staffNo}）` : p.displayName,
    }));
  }

  private query(): string {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(this.filters)) if (v) q.set(k, v);
    return q.toString();
  }

  private async loadReport() {
    const res = await this.ctx.session.call<{ report: StatsReport; appointments: AppointmentStats }>(
      `${this.base}/stats?${this.query()}`,
    );
    this.report = res.report;
    this.appointments = res.appointments;
  }

  private set(name: string, e: Event) {
    this.filters = { ...this.filters, [name]: (e.target as HTMLInputElement).value };
  }

  override render() {
    const t = this.ctx.t;
    const f = this.filters;
    const q = this.form;
    return html`<h2>${t('navStats')}</h2>
      ${this.loader.render(t)}
      <form
        @submit=${(e: Event) => {
          e.preventDefault();
          void q.run(() => this.loadReport());
        }}
      >
        ${q.refused()}
        <div class="fields">
          ${q.field(
            t('from'),
            'from',
            html`<input
              name="from"
              type="date"
              .value=${f.from ?? ''}
              @change=${(e: Event) => this.set('from', e)}
            />`,
          )}
          ${q.field(
            t('to'),
            'to',
            html`<input
              name="to"
              type="date"
              .value=${f.to ?? ''}
              @change=${(e: Event) => this.set('to', e)}
            />`,
          )}
          ${q.field(
            t('area'),
            'domain',
            html`<select name="domain" @change=${(e: Event) => this.set('domain', e)}>
              <option value="">${t('allAreas')}</option>
              ${this.domains.map((d) => html`<option value=${d} ?selected=${d === f.domain}>${d}</option>`)}
            </select>`,
          )}
          ${q.field(
            t('window'),
            'windowId',
            html`<select name="windowId" @change=${(e: Event) => this.set('windowId', e)}>
              <option value="">${t('allWindows')}</option>
              ${this.windows.map((w) => html`<option value=${w.id} ?selected=${w.id === f.windowId}>${w.number} · ${w.name}</option>`)}
            </select>`,
          )}
          ${q.field(
            t('clerk'),
            'clerkId',
            html`<select name="clerkId" @change=${(e: Event) => this.set('clerkId', e)}>
              <option value="">${t('allClerks')}</option>
              ${this.clerks.map((c) => html`<option value=${c.id} ?selected=${c.id === f.clerkId}>${c.name}</option>`)}
            </select>`,
          )}
        </div>
        <p class="row">
          <button class="primary" type="submit" ?disabled=${q.busy}>${t('query')}</button>
          <a href="${this.base}/stats.csv?${this.query()}" download>${t('exportCsv')}</a>
        </p>
      </form>
      ${
        this.report
          ? this.report.issued === 0
            ? html`<p class="muted" role="status" data-empty="stats">${this.ctx.t('noStats')}</p>`
            : this.renderReport(this.report)
          : nothing
      }
      ${this.appointments && this.appointments.booked > 0 ? this.renderAppointments(this.appointments) : nothing}`;
  }

  private renderAppointments(a: AppointmentStats) {
    const t = this.ctx.t;
    const rate = a.onTimeRate === null ? '—' : `${(a.onTimeRate * 100).toFixed(1)}%`;
    const rows: [MessageKey, string | number][] = [
      ['apptBooked', a.booked],
      ['apptCancelled', a.cancelled],
      ['apptCheckedIn', a.checkedIn],
      ['apptMissed', a.missed],
      ['apptPending', a.pending],
      ['apptOnTimeRate', rate],
    ];
    return html`<h3>${t('appointmentsStats')}</h3>
      <table data-table="appointments" aria-label=${t('appointmentsStats')}>
        <tbody>
          ${rows.map(
            ([k, v]) =>
              html`<tr data-figure=${k}>
                <th>${t(k)}</th>
                <td class="num">${v}</td>
              </tr>`,
          )}
        </tbody>
      </table>
      <p class="muted">${t('apptOnTimeNote', { n: String(a.onTime), of: String(a.called) })}</p>`;
  }

  private renderReport(r: StatsReport) {
    const t = this.ctx.t;
    const counts: [MessageKey, number][] = [
      ['issued', r.issued],
      ['served', r.served],
      ['servedWithoutStart', r.servedWithoutStart],
      ['noShows', r.noShows],
      ['transfers', r.transfers],
      ['transferredTickets', r.transferredTickets],
      ['cancelled', r.cancelled],
      ['expired', r.expired],
      ['openTickets', r.open],
    ];
    const times: [MessageKey, string][] = [
      ['avgWait', minutes(r.wait.avgMs)],
      ['p90Wait', minutes(r.wait.p90Ms)],
      ['avgService', minutes(r.service.avgMs)],
      ['p90Service', minutes(r.service.p90Ms)],
      ['priorityWait', minutes(r.priority.wait.avgMs)],
      ['normalWait', minutes(r.normal.wait.avgMs)],
    ];
    const share = r.priority.share === null ? '—' : `${(r.priority.share * 100).toFixed(1)}%`;
    const levels = [5, 4, 3, 2, 1].map((l) => ({
      level: l,
      count: r.ratings.levels.find((x) => x.level === l)?.count ?? 0,
    }));
    const hours = r.hourly.filter((h) => h.issued > 0 || h.served > 0);
    return html`<section class="pair">
        <stats-chart
          label=${t('figure')}
          .labels=${counts.map(([k]) => t(k))}
          .series=${[{ label: t('value'), data: counts.map(([, v]) => v), color: '#0b57a4' }]}
        ></stats-chart>
        <table aria-label=${t('figure')} data-table="counts">
          <tbody>
            ${counts.map(
              ([k, v]) =>
                html`<tr data-figure=${k}>
                  <th>${t(k)}</th>
                  <td class="num">${v}</td>
                </tr>`,
            )}
          </tbody>
        </table>
      </section>
      <section class="pair">
        <stats-chart
          label=${t('avgWait')}
          .labels=${times.map(([k]) => t(k))}
          .series=${[{ label: t('minutes', { n: '' }).trim(), data: times.map(([, v]) => (v === '—' ? 0 : Number(v))), color: '#b26a00' }]}
        ></stats-chart>
        <table aria-label=${t('avgWait')} data-table="times">
          <tbody>
            ${times.map(
              ([k, v]) =>
                html`<tr data-figure=${k}>
                  <th>${t(k)}</th>
                  <td class="num">${v}</td>
                </tr>`,
            )}
            <tr data-figure="priorityShare">
              <th>${t('priorityShare')}</th>
              <td class="num">${share}</td>
            </tr>
          </tbody>
        </table>
      </section>
      <h3>${t('hourly')}</h3>
      <section class="pair">
        <stats-chart
          type="line"
          label=${t('hourly')}
          .labels=${r.hourly.map((h) => `${h.hour}:00`)}
          .series=${[
            { label: t('issued'), data: r.hourly.map((h) => h.issued), color: '#0b57a4' },
            { label: t('served'), data: r.hourly.map((h) => h.served), color: '#1b7f3b' },
          ]}
        ></stats-chart>
        <div class="hourly">
          <table data-table="hourly">
            <thead>
              <tr>
                <th>${t('hour')}</th>
                <th class="num">${t('issued')}</th>
                <th class="num">${t('served')}</th>
              </tr>
            </thead>
            <tbody>
              ${hours.map(
                (h) =>
                  html`<tr data-hour=${h.hour}>
                    <td>${h.hour}:00</td>
                    <td class="num">${h.issued}</td>
                    <td class="num">${h.served}</td>
                  </tr>`,
              )}
            </tbody>
          </table>
        </div>
      </section>
      <h3>${t('ratings')}</h3>
      <section class="pair">
        <stats-chart
          label=${t('ratings')}
          .labels=${levels.map((l) => t(`level${l.level}` as MessageKey))}
          .series=${[{ label: t('ratings'), data: levels.map((l) => l.count), color: '#1b7f3b' }]}
        ></stats-chart>
        <table data-table="ratings">
          <tbody>
            ${levels.map(
              (l) =>
                html`<tr data-level=${l.level}>
                  <th>${t(`level${l.level}` as MessageKey)}</th>
                  <td class="num">${l.count}</td>
                </tr>`,
            )}
            <tr data-figure="bad">
              <th>${t('badRatings')}</th>
              <td class="num">${r.ratings.bad}</td>
            </tr>
          </tbody>
        </table>
      </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'stats-page': StatsPage;
  }
}
