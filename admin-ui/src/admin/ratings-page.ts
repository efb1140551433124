import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { dateTime, field, pageStyles } from './admin-styles.js';
import { consoleContext, type ConsoleContext } from './context.js';
import { MESSAGES, type MessageKey } from './messages.js';
import { FormSubmit, PageLoad } from './page-state.js';

/**
 * 好差评整改: every 差评 case of the hall, overdue ones flagged; one case
 * opened shows its history (who did what when) and the step it allows now:
 * assign, record a contact, close, appeal, or decide someone else's appeal.
 */
interface Case {
  ticketId: string;
  ticketNumber: string;
  serviceId: string;
  windowId: string | null;
  clerkId: string | null;
  level: number;
  reasons: string[];
  comment: string;
  ratedAt: number;
  status: 'open' | 'assigned' | 'contacted' | 'appealed' | 'closed' | 'voided';
  openedAt: number;
  deadlineDay: string;
  assigneeId: string | null;
  contacts: { at: number; by: string; channel: string; note: string }[];
  rectification: string | null;
  closedAt: number | null;
  closedBy: string | null;
  appeal: {
    by: string;
    at: number;
    reason: string;
    decidedBy: string | null;
    decidedAt: number | null;
    decision: 'approved' | 'rejected' | null;
    note: string | null;
  } | null;
  overdueAt: number | null;
  overdue: boolean;
}

interface Person {
  id: string;
  displayName: string;
  staffNo: string;
  role: string;
}

@customElement('ratings-page')
export class RatingsPage extends LitElement {
  static override styles = [
    pageStyles,
    css`
      tr[data-overdue='true'] td:first-child {
        border-left: 6px solid var(--color-danger);
      }
      tr.selected td {
        background: var(--ratings-selected-bg, #e3eefb);
        color: #17202a;
      }
      ol.history li {
        margin-bottom: var(--space-1);
      }
    `,
  ];

  @consume({ context: consoleContext, subscribe: true })
  @state()
  private ctx!: ConsoleContext;
  @state() private cases: Case[] = [];
  @state() private selected: Case | null = null;
  @state() private onlyOverdue = false;
  @state() private names = new Map<string, string>();
  @state() private people: Person[] = [];
  private readonly loader = new PageLoad(this, async () => {
    const s = this.ctx.session;
    const [list, people, services, windows] = await Promise.all([
      s.call<{ rectifications: Case[] }>(
        `${this.base}/rectifications${this.onlyOverdue ? '?overdue=true' : ''}`,
      ),
      s.call<{ people: Person[] }>(`${this.base}/people`),
      s.call<{ services: { id: string; name: string }[] }>(`${this.base}/services`),
      s.call<{ windows: { id: string; number: number; name: string }[] }>(`${this.base}/windows`),
    ]);
    this.cases = list.rectifications;
    this.people = people.people;
    const names = new Map<string, string>();
    for (const p of people.people) names.set(p.id, p.displayName + (p.staffNo ? ` (${p.staffNo})` : ''));
    for (const x of services.services) names.set(x.id, x.name);
    for (const w of windows.windows) names.set(w.id, `${w.number} · ${w.name}`);
    this.names = names;
    if (this.selected) this.selected = this.cases.find((c) => c.ticketId === this.selected?.ticketId) ?? null;
  });
  /** The steps of the chosen case, one form each (part: the step). */
  private readonly form = new FormSubmit(this);

  private get base() {
    return `/api/v1/halls/${encodeURIComponent(this.ctx.hall.id)}`;
  }

  private name(id: string | null): string {
    return id ? (this.names.get(id) ?? id) : '—';
  }

  /** A 差评 reason code (`repeated_visits`) in words (需要多次跑); an unknown code reads as 其他. */
  private reasonLabel(code: string): string {
    const key = `rr_${code}`;
    return this.ctx.t((key in MESSAGES.zh ? key : 'rr_other') as MessageKey);
  }

  override render() {
    const t = this.ctx.t;
    return html`<h2>${t('navRatings')}</h2>
      <p class="row">
        <label class="check"
          ><input
            type="checkbox"
            .checked=${this.onlyOverdue}
            @change=${(e: Event) => {
              this.onlyOverdue = (e.target as HTMLInputElement).checked;
              void this.loader.reload();
            }}
          />${t('onlyOverdue')}</label
        >
        <button @click=${() => void this.loader.reload()}>${t('refresh')}</button>
      </p>
      ${this.loader.render(t)}
      ${
        this.loader.loaded && !this.loader.error && this.cases.length === 0
          ? html`<p class="muted" role="status" data-empty="cases">
              ${this.onlyOverdue ? t('noOverdueCases') : t('noCases')}
            </p>`
          : nothing
      }
      <table aria-label=${t('cases')} ?hidden=${this.cases.length === 0}>
        <thead>
          <tr>
            <th>${t('ticket')}</th>
            <th>${t('level')}</th>
            <th>${t('window')}</th>
            <th>${t('clerk')}</th>
            <th>${t('matter')}</th>
            <th>${t('state')}</th>
            <th>${t('deadline')}</th>
            <th>${t('assignee')}</th>
            <th></th>
          </tr>
        </thead>
        <tbody>
          ${this.cases.map(
            (c) =>
              html`<tr
                data-case=${c.ticketNumber}
                data-overdue=${c.overdue}
                class=${this.selected?.ticketId === c.ticketId ? 'selected' : ''}
              >
                <td>${c.ticketNumber}</td>
                <td>${t(`level${c.level}` as MessageKey)}</td>
                <td>${this.name(c.windowId)}</td>
                <td>${this.name(c.clerkId)}</td>
                <td>${this.name(c.serviceId)}</td>
                <td>
                  ${t(`rc_${c.status}` as MessageKey)}
                  ${c.overdue || c.overdueAt ? html`<span class="badge error">${t('overdue')}</span>` : nothing}
                </td>
                <td>${c.deadlineDay}</td>
                <td>${this.name(c.assigneeId)}</td>
                <td>
                  <button @click=${() => ((this.selected = c), this.form.clear())}>${t('edit')}</button>
                </td>
              </tr>`,
          )}
        </tbody>
      </table>
      ${this.selected ? this.renderCase(this.selected) : nothing}`;
  }

  private renderCase(c: Case) {
    const t = this.ctx.t;
    const f = this.form;
    const lang = this.ctx.lang;
    const at = (n: number | null) => dateTime(n, lang);
    const active = ['open', 'assigned', 'contacted'].includes(c.status);
    const me = this.ctx.session.user?.id;
    const history = [
      t('h_rated', { at: at(c.ratedAt) }),
      t('h_opened', { at: at(c.openedAt), deadline: c.deadlineDay }),
      ...(c.assigneeId ? [t('h_assigned', { name: this.name(c.assigneeId) })] : []),
      ...c.contacts.map((x) =>
        t('h_contact', {
          at: at(x.at),
          by: this.name(x.by),
          channel: t(`ch_${x.channel}` as MessageKey),
          note: x.note,
        }),
      ),
      ...(c.appeal
        ? [t('h_appeal', { at: at(c.appeal.at), by: this.name(c.appeal.by), text: c.appeal.reason })]
        : []),
      ...(c.appeal?.decision
        ? [
            t('h_decided', {
              at: at(c.appeal.decidedAt),
              by: this.name(c.appeal.decidedBy),
              decision: t(c.appeal.decision === 'approved' ? 'approve' : 'reject'),
              text: c.appeal.note ?? '',
            }),
          ]
        : []),
      ...(c.overdueAt ? [t('h_overdue', { at: at(c.overdueAt) })] : []),
      ...(c.closedAt
        ? [t('h_closed', { at: at(c.closedAt), by: this.name(c.closedBy), text: c.rectification ?? '' })]
        : []),
    ];
    return html`<section class="card" aria-label=${c.ticketNumber} data-case-detail=${c.ticketNumber}>
      <h3>
        ${c.ticketNumber} · ${t(`level${c.level}` as MessageKey)} · ${t(`rc_${c.status}` as MessageKey)}
      </h3>
      <p>
        ${t('reasons')}：${c.reasons.map((r) => this.reasonLabel(r)).join('、') || '—'} ·
        ${t('comment')}：${c.comment || '—'}
      </p>
      <h3>${t('history')}</h3>
      <ol class="history">
        ${history.map((h) => html`<li>${h}</li>`)}
      </ol>
      ${
        active
          ? html`<form @submit=${(e: Event) => this.step(e, 'assign')}>
                ${f.refused('assign')}
                <div class="fields">
                  ${field(
                    t('assignee'),
                    'assigneeId',
                    html`<select name="assigneeId">
                      ${this.people.map((p) => html`<option value=${p.id} ?selected=${p.id === (c.assigneeId ?? me)}>${p.displayName}</option>`)}
                    </select>`,
                    f.errorsOf('assign'),
                  )}
                </div>
                <button type="submit">${t('assign')}</button>
              </form>
              ${
                c.status !== 'open'
                  ? html`<form @submit=${(e: Event) => this.step(e, 'contact')}>
                      ${f.refused('contact')}
                      <div class="fields">
                        ${field(
                          t('channel'),
                          'channel',
                          html`<select name="channel">
                            ${['phone', 'sms', 'visit', 'other'].map((ch) => html`<option value=${ch}>${t(`ch_${ch}` as MessageKey)}</option>`)}
                          </select>`,
                          f.errorsOf('contact'),
                        )}
                        ${field(t('note'), 'note', html`<textarea name="note"></textarea>`, f.errorsOf('contact'))}
                      </div>
                      <button type="submit">${t('contact')}</button>
                    </form>`
                  : nothing
              }
              ${
                c.contacts.length > 0
                  ? html`<form @submit=${(e: Event) => this.step(e, 'close')}>
                      ${f.refused('close')}
                      ${field(t('rectification'), 'rectification', html`<textarea name="rectification"></textarea>`, f.errorsOf('close'))}
                      <button class="primary" type="submit">${t('close')}</button>
                    </form>`
                  : nothing
              }
              ${
                c.appeal
                  ? nothing
                  : html`<form @submit=${(e: Event) => this.step(e, 'appeal')}>
                      ${f.refused('appeal')}
                      ${field(t('appealReason'), 'reason', html`<textarea name="reason"></textarea>`, f.errorsOf('appeal'))}
                      <button type="submit">${t('appeal')}</button>
                    </form>`
              }`
          : nothing
      }
      ${
        c.status === 'appealed'
          ? html`<form @submit=${(e: Event) => this.step(e, 'decide-appeal')}>
              ${f.refused('decide-appeal')}
              <h3>${t('decide')}</h3>
              <div class="fields">
                ${field(
                  t('decide'),
                  'decision',
                  html`<select name="decision">
                    <option value="approved">${t('approve')}</option>
                    <option value="rejected">${t('reject')}</option>
                  </select>`,
                  f.errorsOf('decide-appeal'),
                )}
                ${field(t('note'), 'note', html`<textarea name="note"></textarea>`, f.errorsOf('decide-appeal'))}
              </div>
              <button class="primary" type="submit">${t('decide')}</button>
            </form>`
          : nothing
      }
    </section>`;
  }

  private async step(e: Event, action: string) {
    e.preventDefault();
    const c = this.selected;
    if (!c) return;
    const body = Object.fromEntries(
      [...new FormData(e.target as HTMLFormElement)].map(([k, v]) => [k, String(v)]),
    );
    const ok = await this.form.run(
      async () => {
        const res = await this.ctx.session.call<{ rectification: Case }>(
          `${this.base}/rectifications/${encodeURIComponent(c.ticketId)}/${action}`,
          { method: 'POST', body },
        );
        this.selected = res.rectification;
      },
      { part: action },
    );
    if (ok) await this.loader.reload();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ratings-page': RatingsPage;
  }
}
