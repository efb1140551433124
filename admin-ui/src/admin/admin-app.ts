import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { keyed } from 'lit/directives/keyed.js';
import { provide } from '@lit/context';
import { api } from '@hall-queue/ui-shared/api.js';
import { setTheme } from '@hall-queue/ui-shared/tokens.js';
import type { Lang } from '@hall-queue/ui-shared/i18n.js';
import { pageStyles } from './admin-styles.js';
import { consoleContext, type ConsoleContext } from './context.js';
import { makeT, type MessageKey } from './messages.js';
import { PageLoad } from './page-state.js';
import { errorText, Session, type HallSummary } from './session.js';
import './admin-login.js';
import './floor-page.js';
import './guide-page.js';
import './stats-page.js';
import './ratings-page.js';
import './devices-page.js';
import './hall-page.js';
import './catalogue-page.js';
import './windows-page.js';
import './appointments-page.js';
import './users-page.js';
import './signage-page.js';
import './hall-create.js';

/**
 * The console's shell: sign-in, the hall picker and the page menu. Admins
 * see every page; supervisors the floor, statistics and ratings of their
 * halls; a clerk is sent to the clerk console. The page is the URL hash
 * (`/admin/#stats`), so a reload stays where it was. An admin of a hub with
 * no hall yet (a township install without the demo) is asked to create one
 * first; creating or deleting a hall anywhere in the console comes back here
 * as an event and the hall list is read again.
 */
interface PageDef {
  id: string;
  label: MessageKey;
  adminOnly: boolean;
}

const PAGES: PageDef[] = [
  { id: 'floor', label: 'navFloor', adminOnly: false },
  { id: 'guide', label: 'navGuide', adminOnly: false },
  { id: 'stats', label: 'navStats', adminOnly: false },
  { id: 'ratings', label: 'navRatings', adminOnly: false },
  { id: 'devices', label: 'navDevices', adminOnly: true },
  { id: 'hall', label: 'navHall', adminOnly: true },
  { id: 'catalogue', label: 'navCatalogue', adminOnly: true },
  { id: 'windows', label: 'navWindows', adminOnly: true },
  { id: 'users', label: 'navUsers', adminOnly: true },
  { id: 'signage', label: 'navSignage', adminOnly: true },
  { id: 'appointments', label: 'navAppointments', adminOnly: true },
];

@customElement('admin-app')
export class AdminApp extends LitElement {
  static override styles = [
    pageStyles,
    css`
      :host {
        min-height: 100vh;
        background: var(--color-bg);
      }
      header {
        display: flex;
        flex-wrap: wrap;
        gap: var(--space-3);
        align-items: center;
        padding: var(--space-3) var(--space-5);
        background: var(--admin-header-bg, var(--color-primary));
        color: var(--color-primary-text);
      }
      header h1 {
        font-size: var(--font-size-large);
        margin: 0 auto 0 0;
      }
      nav {
        display: flex;
        flex-wrap: wrap;
        gap: var(--space-2);
        padding: var(--space-3) var(--space-5);
        border-bottom: 1px solid var(--color-border);
        background: var(--color-surface);
      }
      nav a {
        display: inline-flex;
        align-items: center;
        min-height: 44px;
        padding: 0 var(--space-4);
        border-radius: var(--radius-small);
        color: var(--color-primary);
        text-decoration: none;
        font-weight: bold;
      }
      nav a[aria-current='page'] {
        background: var(--color-primary);
        color: var(--color-primary-text);
      }
      main {
        padding: var(--space-4) var(--space-5);
      }
      header button {
        border-color: var(--color-primary-text);
      }
    `,
  ];

  @property() language: Lang = 'zh';
  @state() private phase: 'loading' | 'signin' | 'setup' | 'clerk' | 'nohall' | 'ready' | 'failed' =
    'loading';
  @state() private page = 'floor';
  @state() private failure = '';
  @provide({ context: consoleContext })
  @state()
  private ctx: ConsoleContext | null = null;
  private readonly session = new Session();
  /** Who is signed in and whether the hub waits for its first administrator; retried from the page. */
  private readonly starter = new PageLoad(this, () => this.start());
  private halls: HallSummary[] = [];
  private readonly onHashChange = () => (this.page = this.pageFromHash());

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('hashchange', this.onHashChange);
    this.page = this.pageFromHash();
  }

  override disconnectedCallback(): void {
    window.removeEventListener('hashchange', this.onHashChange);
    super.disconnectedCallback();
  }

  private get t() {
    return makeT(this.language);
  }

  private pageFromHash(): string {
    const id = location.hash.replace(/^#/, '');
    return PAGES.some((p) => p.id === id) ? id : 'floor';
  }

  private async start() {
    const user = await this.session.restore();
    if (user) return await this.enter();
    const setup = await api<{ pending: boolean }>('/api/v1/setup');
    this.phase = setup.pending ? 'setup' : 'signin';
  }

  private async enter() {
    const user = this.session.user;
    if (!user) return;
    if (user.role === 'clerk') {
      this.phase = 'clerk';
      location.assign('/console/');
      return;
    }
    await this.loadHalls(localStorage.getItem('admin-hall'));
  }

  /** Reads the halls again and shows `preferred` (or the first); with none, an admin creates one. */
  private async loadHalls(preferred: string | null, created?: HallSummary) {
    const { halls } = await this.session.call<{ halls: HallSummary[] }>('/api/v1/halls');
    // An admin limited to some halls does not see a hall they just created in the list; keep it anyway.
    this.halls = created && !halls.some((h) => h.id === created.id) ? [...halls, created] : halls;
    const hall = this.halls.find((h) => h.id === preferred) ?? this.halls[0];
    if (hall) {
      this.setHall(hall);
      this.phase = 'ready';
    } else if (this.session.isAdmin) {
      this.ctx = null;
      this.phase = 'nohall';
    } else {
      this.failure = this.t('noHallForYou');
      this.phase = 'failed';
    }
  }

  private readonly onHallCreated = (e: CustomEvent<{ hall: HallSummary }>) => {
    const hall = e.detail.hall;
    location.hash = '#hall';
    void this.loadHalls(hall.id, hall).catch((err: unknown) => this.fail(err));
  };

  private readonly onHallDeleted = (e: CustomEvent<{ hallId: string }>) => {
    if (localStorage.getItem('admin-hall') === e.detail.hallId) localStorage.removeItem('admin-hall');
    void this.loadHalls(null).catch((err: unknown) => this.fail(err));
  };

  private fail(err: unknown) {
    this.failure = errorText(err);
    this.phase = 'failed';
  }

  private setHall(hall: HallSummary) {
    localStorage.setItem('admin-hall', hall.id);
    this.ctx = { session: this.session, hall, halls: this.halls, lang: this.language, t: this.t };
  }

  override updated(changed: Map<string, unknown>) {
    if (changed.has('language') && this.ctx && this.ctx.lang !== this.language) this.setHall(this.ctx.hall);
  }

  override render() {
    const t = this.t;
    return html`<header>
        <h1>${t('title')}${this.ctx ? html` · ${this.ctx.hall.name}` : nothing}</h1>
        ${
          this.ctx && this.halls.length > 1
            ? html`<select
                aria-label=${t('hall')}
                @change=${(e: Event) => {
                  const h = this.halls.find((x) => x.id === (e.target as HTMLSelectElement).value);
                  if (h) this.setHall(h);
                }}
              >
                ${this.halls.map((h) => html`<option value=${h.id} ?selected=${h.id === this.ctx?.hall.id}>${h.name}</option>`)}
              </select>`
            : nothing
        }
        <button @click=${this.toggleLang}>${t('language')}</button>
        <button @click=${this.toggleTheme}>${t('elder')}</button>
        ${
          this.session.user
            ? html`<span>${this.session.user.displayName || this.session.user.username}</span>
                <button @click=${this.onLogout}>${t('logout')}</button>`
            : nothing
        }
      </header>
      ${this.renderBody()}`;
  }

  private renderBody() {
    const t = this.t;
    switch (this.phase) {
      case 'loading':
        return html`<main>${this.starter.render(t)}</main>`;
      case 'failed':
        return html`<main><p class="error" role="alert">${this.failure}</p></main>`;
      case 'clerk':
        return html`<main><p>${t('toClerk')}</p></main>`;
      case 'signin':
      case 'setup':
        return html`<main>
          <admin-login
            .session=${this.session}
            .t=${t}
            ?setupPending=${this.phase === 'setup'}
            @signed-in=${() => void this.enter().catch((err: unknown) => this.fail(err))}
          ></admin-login>
        </main>`;
      case 'nohall':
        return html`<main>
          <hall-create
            first
            .session=${this.session}
            .t=${t}
            @hall-created=${this.onHallCreated}
          ></hall-create>
        </main>`;
      case 'ready':
        return this.renderConsole();
    }
  }

  private renderConsole() {
    const t = this.t;
    const admin = this.session.isAdmin;
    const pages = PAGES.filter((p) => admin || !p.adminOnly);
    const page = pages.some((p) => p.id === this.page) ? this.page : 'floor';
    return html`<nav>
        ${pages.map(
          (p) => html`<a href="#${p.id}" aria-current=${p.id === page ? 'page' : 'false'}>${t(p.label)}</a>`,
        )}
      </nav>
      <main @hall-created=${this.onHallCreated} @hall-deleted=${this.onHallDeleted}>
        ${keyed(this.ctx?.hall.id ?? '', this.renderPage(page))}
      </main>`;
  }

  private renderPage(page: string) {
    switch (page) {
      case 'guide':
        return html`<guide-page></guide-page>`;
      case 'stats':
        return html`<stats-page></stats-page>`;
      case 'ratings':
        return html`<ratings-page></ratings-page>`;
      case 'devices':
        return html`<devices-page></devices-page>`;
      case 'hall':
        return html`<hall-page></hall-page>`;
      case 'catalogue':
        return html`<catalogue-page></catalogue-page>`;
      case 'windows':
        return html`<windows-page></windows-page>`;
      case 'users':
        return html`<users-page></users-page>`;
      case 'signage':
        return html`<signage-page></signage-page>`;
      case 'appointments':
        return html`<appointments-page></appointments-page>`;
      default:
        return html`<floor-page></floor-page>`;
    }
  }

  private toggleLang() {
    this.language = this.language === 'zh' ? 'en' : 'zh';
    localStorage.setItem('hall-lang', this.language);
    document.documentElement.lang = this.language === 'en' ? 'en' : 'zh-CN';
  }

  private toggleTheme() {
    const elder = document.documentElement.dataset.theme !== 'elder';
    setTheme(elder ? 'elder' : 'default');
    localStorage.setItem('admin-theme', elder ? 'elder' : 'default');
  }

  private async onLogout() {
    await this.session.logout().catch(() => undefined);
    this.ctx = null;
    this.phase = 'signin';
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'admin-app': AdminApp;
  }
}
