import { LitElement, css, html } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { translator, type Lang } from '@hall-queue/ui-shared/i18n.js';
import { baseStyles } from '@hall-queue/ui-shared/tokens.js';
import { MESSAGES } from './messages.js';
import { Session } from '../admin/session.js';
import { dialogStyles } from './dialog-styles.js';
import '../shared/staff-issue.js';
import './console-login.js';
import './window-picker.js';
import './window-screen.js';
import { refusalText } from '@hall-queue/ui-shared/refusals.js';

/**
 * /console: log in, choose the window, work it. The chosen window is kept in
 * this browser so a reload comes back to it; there is no rating button
 * anywhere (the citizen rates, never the clerk).
 */

const CHOICE_KEY = 'console-window';

type Stage = 'starting' | 'login' | 'pick' | 'window';

@customElement('clerk-console')
export class ClerkConsole extends LitElement {
  @property() language: Lang = 'zh';
  @state() private stage: Stage = 'starting';
  @state() private error = '';
  @state() private busy = false;
  @state() private choice: { hallId: string; windowId: string } | null = null;
  private readonly session = new Session();
  /** 为群众取号: the clerk issues a ticket for a citizen at the window (any priority the hall offers). */
  @state() private issuing = false;
  @query('dialog.issue') private issueDialog!: HTMLDialogElement;
  private readonly issueClient = {
    get: <T>(path: string) => this.session.get<T>(path),
    post: <T>(path: string, body: unknown) => this.session.send<T>(path, body),
  };

  static override styles = [
    baseStyles,
    dialogStyles,
    css`
      dialog.issue {
        width: min(760px, 96vw);
      }
      :host {
        display: block;
        min-height: 100vh;
        background: var(--console-bg, var(--color-bg));
      }
      nav {
        display: flex;
        align-items: center;
        gap: var(--space-3);
        padding: var(--space-1) var(--space-3);
        background: var(--color-primary);
        color: var(--color-primary-text);
        font-size: var(--font-size-small);
      }
      nav .title {
        font-weight: 700;
        flex: 1;
      }
      nav button {
        font: inherit;
        min-height: 32px;
        border-radius: var(--radius-small);
        border: 1px solid currentColor;
        background: transparent;
        color: inherit;
        cursor: pointer;
        padding: 0 var(--space-2);
      }
    `,
  ];

  override connectedCallback(): void {
    super.connectedCallback();
    void this.start();
  }

  private async start(): Promise<void> {
    // Nobody signed in (401) shows the login; a hub that cannot answer says why there too.
    let user = null;
    try {
      user = await this.session.restore();
    } catch (err) {
      this.error = refusalText(err, this.language);
    }
    if (!user) {
      this.stage = 'login';
      return;
    }
    this.choice = readChoice();
    this.stage = this.choice ? 'window' : 'pick';
  }

  private async login(username: string, password: string): Promise<void> {
    this.busy = true;
    try {
      await this.session.login(username, password);
      this.error = '';
      this.choice = readChoice();
      this.stage = this.choice ? 'window' : 'pick';
    } catch (err) {
      this.error = refusalText(err, this.language);
    } finally {
      this.busy = false;
    }
  }

  private async logout(): Promise<void> {
    await this.session.logout().catch(() => undefined);
    this.stage = 'login';
  }

  private choose(choice: { hallId: string; windowId: string } | null): void {
    this.choice = choice;
    if (choice) localStorage.setItem(CHOICE_KEY, JSON.stringify(choice));
    else localStorage.removeItem(CHOICE_KEY);
    this.stage = choice ? 'window' : 'pick';
  }

  private toggleLanguage(): void {
    this.language = this.language === 'zh' ? 'en' : 'zh';
    localStorage.setItem('hall-lang', this.language);
    document.documentElement.lang = this.language === 'en' ? 'en' : 'zh-CN';
  }

  override render() {
    const t = translator(MESSAGES, this.language);
    const user = this.session.user;
    return html`
      <nav>
        <span class="title">${t('title')}</span>
        ${user && this.stage !== 'login' ? html`<span>${user.displayName || user.username}</span>` : null}
        ${
          this.stage === 'window'
            ? html`<button data-issue-for-citizen @click=${() => this.openIssue()}>
                  ${t('issueForCitizen')}
                </button>
                <button @click=${() => this.choose(null)}>${t('changeWindow')}</button>`
            : null
        }
        <button @click=${() => this.toggleLanguage()}>${t('language')}</button>
        ${
          user && this.stage !== 'login'
            ? html`<button @click=${() => void this.logout()}>${t('logout')}</button>`
            : null
        }
      </nav>
      ${this.renderStage()}
      <dialog class="issue" aria-label=${t('issueForCitizen')} @close=${() => (this.issuing = false)}>
        <h2>${t('issueForCitizen')}</h2>
        ${
          this.issuing && this.choice
            ? html`<staff-issue
                .client=${this.issueClient}
                hallId=${this.choice.hallId}
                language=${this.language}
              ></staff-issue>`
            : null
        }
        <div class="actions"><button @click=${() => this.issueDialog.close()}>${t('close')}</button></div>
      </dialog>
    `;
  }

  private openIssue(): void {
    this.issuing = true;
    void this.updateComplete.then(() => this.issueDialog.showModal());
  }

  private renderStage() {
    switch (this.stage) {
      case 'starting':
        return null;
      case 'login':
        return html`<console-login
          .language=${this.language}
          .error=${this.error}
          .busy=${this.busy}
          @login-submit=${(e: CustomEvent<{ username: string; password: string }>) =>
            void this.login(e.detail.username, e.detail.password)}
        ></console-login>`;
      case 'pick':
        return html`<window-picker
          .session=${this.session}
          .language=${this.language}
          @window-chosen=${(e: CustomEvent<{ hallId: string; windowId: string }>) => this.choose(e.detail)}
        ></window-picker>`;
      case 'window':
        return html`<window-screen
          .session=${this.session}
          .hallId=${this.choice!.hallId}
          .windowId=${this.choice!.windowId}
          .language=${this.language}
        ></window-screen>`;
    }
  }
}

function readChoice(): { hallId: string; windowId: string } | null {
  try {
    const v = JSON.parse(localStorage.getItem(CHOICE_KEY) ?? 'null') as {
      hallId?: unknown;
      windowId?: unknown;
    };
    return typeof v?.hallId === 'string' && typeof v.windowId === 'string'
      ? { hallId: v.hallId, windowId: v.windowId }
      : null;
  } catch {
    return null;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'clerk-console': ClerkConsole;
  }
}
