import { LitElement, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { pageStyles } from './admin-styles.js';
import { consoleContext, type ConsoleContext } from './context.js';
import '../shared/staff-issue.js';

/**
 * 导服台: the hall guide issues tickets for citizens at the entrance, and
 * gives the priorities a kiosk does not offer (重点项目, 急事急办) after
 * checking the papers. Open to supervisors and admins of the hall.
 */
@customElement('guide-page')
export class GuidePage extends LitElement {
  static override styles = [pageStyles];

  @consume({ context: consoleContext, subscribe: true })
  @state()
  private ctx!: ConsoleContext;

  private readonly client = {
    get: <T>(path: string) => this.ctx.session.call<T>(path),
    post: <T>(path: string, body: unknown) => this.ctx.session.call<T>(path, { method: 'POST', body }),
  };

  override render() {
    return html`<h2>${this.ctx.t('navGuide')}</h2>
      <p class="muted">${this.ctx.t('guideHint')}</p>
      <staff-issue
        .client=${this.client}
        hallId=${this.ctx.hall.id}
        language=${this.ctx.lang}
      ></staff-issue>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'guide-page': GuidePage;
  }
}
