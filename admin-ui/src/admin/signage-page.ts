import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { field, pageStyles } from './admin-styles.js';
import { consoleContext, type ConsoleContext } from './context.js';
import { FormSubmit, PageLoad } from './page-state.js';
import { unsafeSVG } from 'lit/directives/unsafe-svg.js';
import './board-settings.js';

/**
 * 公告与号票: the notice the lobby boards scroll, and the ticket layout with a
 * live preview drawn by the hub with the same layout code the printer and
 * the ticket image route use (POST …/ticket-layout/preview). ReceiptLine
 * itself cannot run in the browser bundle (its PNG support needs Node).
 */
interface Layout {
  paper: 58 | 80;
  logoText: string;
  notice: string[];
}

@customElement('signage-page')
export class SignagePage extends LitElement {
  static override styles = [
    pageStyles,
    css`
      .layout {
        display: grid;
        grid-template-columns: minmax(0, 1fr) auto;
        gap: var(--space-5);
        align-items: start;
      }
      .preview {
        background: #fff;
        padding: var(--space-3);
        border: 1px solid var(--color-border);
        box-shadow: 0 2px 8px rgba(0, 0, 0, 0.15);
      }
      .preview svg {
        display: block;
        width: var(--ticket-preview-width, 300px);
        height: auto;
      }
    `,
  ];

  @consume({ context: consoleContext, subscribe: true })
  @state()
  private ctx!: ConsoleContext;
  @state() private notice = '';
  /** The call-out sentence and how ticket numbers are read (hall signage setting `voice`). */
  @state() private sentence = { template: '', numberReading: 'digits' };
  @state() private layout: Layout = { paper: 80, logoText: '', notice: [] };
  @state() private previewSvg = '';
  private previewTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly loader = new PageLoad(this, async () => {
    const [sig, layout] = await Promise.all([
      this.ctx.session.call<{ notice: string; voice: { template: string; numberReading: string } }>(
        `${this.base}/signage`,
      ),
      this.ctx.session.call<Layout>(`${this.base}/ticket-layout`),
    ]);
    this.notice = sig.notice;
    this.sentence = { template: sig.voice.template, numberReading: sig.voice.numberReading };
    this.layout = layout;
    this.schedulePreview();
  });
  /** The notice (part `notice`), call-out sentence (`voice`) and ticket layout (`layout`) forms. */
  private readonly form = new FormSubmit(this);
  /** The layout's live preview: a value the hub refuses is shown at its field. */
  private readonly previewing = new FormSubmit(this);

  private get base() {
    return `/api/v1/halls/${encodeURIComponent(this.ctx.hall.id)}`;
  }

  override disconnectedCallback(): void {
    clearTimeout(this.previewTimer);
    super.disconnectedCallback();
  }

  /** Redrawn a moment after typing stops; a layout the hub refuses keeps the last good picture and shows why. */
  private schedulePreview() {
    clearTimeout(this.previewTimer);
    this.previewTimer = setTimeout(() => {
      const layout = this.layout;
      void this.previewing.run(async () => {
        this.previewSvg = await this.ctx.session.postForText(`${this.base}/ticket-layout/preview`, layout);
      });
    }, 300);
  }

  override render() {
    const t = this.ctx.t;
    const f = this.form;
    const e = { ...this.previewing.errors, ...f.errorsOf('layout') };
    const save = (part: string) =>
      html`<p class="row">
        <button class="primary" type="submit" ?disabled=${f.busy}>${t('save')}</button>${f.done(part)}
      </p>`;
    return html`<h2>${t('navSignage')}</h2>
      ${this.loader.render(t)}
      <form @submit=${this.saveNotice} aria-label=${t('notice')}>
        ${f.refused('notice')}
        ${f.field(t('notice'), 'notice', html`<textarea name="notice" .value=${this.notice}></textarea>`, 'notice')}
        ${save('notice')}
      </form>
      <board-settings></board-settings>
      <form @submit=${this.saveSentence} aria-label=${t('callOutVoice')}>
        <h3>${t('callOutVoice')}</h3>
        ${f.refused('voice')}
        <p class="muted">${t('callOutHint')}</p>
        <div class="fields">
          ${f.field(
            t('callOutTemplate'),
            'voice.template',
            html`<input name="template" .value=${this.sentence.template} maxlength="60" />`,
            'voice',
          )}
          ${f.field(
            t('numberReading'),
            'voice.numberReading',
            html`<select name="numberReading">
              ${(['digits', 'number'] as const).map(
                (v) =>
                  html`<option value=${v} ?selected=${this.sentence.numberReading === v}>
                    ${t(v === 'digits' ? 'readDigits' : 'readNumber')}
                  </option>`,
              )}
            </select>`,
            'voice',
          )}
        </div>
        ${save('voice')}
      </form>
      <form @submit=${this.saveLayout} @input=${this.onLayoutInput} aria-label=${t('ticketLayout')}>
        <h3>${t('ticketLayout')}</h3>
        ${f.refused('layout')}
        <div class="layout">
          <div>
            <div class="fields">
              ${field(
                t('paperWidth'),
                'paper',
                html`<select name="paper">
                  ${[80, 58].map((p) => html`<option value=${p} ?selected=${p === this.layout.paper}>${p}</option>`)}
                </select>`,
                e,
              )}
              ${field(t('logoText'), 'logoText', html`<input name="logoText" .value=${this.layout.logoText} />`, e)}
            </div>
            ${field(t('ticketNotice'), 'notice', html`<textarea name="ticketNotice" .value=${this.layout.notice.join('\n')}></textarea>`, e)}
            ${Object.entries(e)
              .filter(([k]) => k.startsWith('notice.'))
              .map(
                ([k, v]) =>
                  html`<p class="field-error">${t('row', { n: Number(k.split('.')[1]) + 1 })}：${v}</p>`,
              )}
            ${save('layout')}
          </div>
          <figure class="preview" aria-label=${t('preview')}>
            <figcaption class="muted">${t('preview')}</figcaption>
            <div data-preview>${this.previewSvg ? unsafeSVG(this.previewSvg) : nothing}</div>
          </figure>
        </div>
      </form>`;
  }

  private readLayout(form: HTMLFormElement): Layout {
    const fd = new FormData(form);
    return {
      paper: Number(fd.get('paper')) === 58 ? 58 : 80,
      logoText: String(fd.get('logoText') ?? ''),
      notice: String(fd.get('ticketNotice') ?? '')
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean),
    };
  }

  /** Every keystroke redraws the preview; nothing is saved until the button. */
  private onLayoutInput(ev: Event) {
    this.layout = this.readLayout(ev.currentTarget as HTMLFormElement);
    this.schedulePreview();
  }

  private async saveNotice(ev: Event) {
    ev.preventDefault();
    const notice = String(new FormData(ev.target as HTMLFormElement).get('notice') ?? '');
    await this.form.run(
      async () => {
        const res = await this.ctx.session.call<{ notice: string }>(`${this.base}/signage`, {
          method: 'PATCH',
          body: { notice },
        });
        this.notice = res.notice;
      },
      { part: 'notice', done: this.ctx.t('saved') },
    );
  }

  private async saveSentence(ev: Event) {
    ev.preventDefault();
    const fd = new FormData(ev.target as HTMLFormElement);
    const voice = {
      template: String(fd.get('template') ?? ''),
      numberReading: String(fd.get('numberReading') ?? 'digits'),
    };
    await this.form.run(
      async () => {
        const res = await this.ctx.session.call<{ voice: { template: string; numberReading: string } }>(
          `${this.base}/signage`,
          { method: 'PATCH', body: { voice } },
        );
        this.sentence = { template: res.voice.template, numberReading: res.voice.numberReading };
      },
      { part: 'voice', done: this.ctx.t('saved') },
    );
  }

  private async saveLayout(ev: Event) {
    ev.preventDefault();
    const body = this.readLayout(ev.target as HTMLFormElement);
    await this.form.run(
      async () => {
        this.layout = await this.ctx.session.call<Layout>(`${this.base}/ticket-layout`, {
          method: 'PUT',
          body,
        });
      },
      { part: 'layout', done: this.ctx.t('saved') },
    );
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'signage-page': SignagePage;
  }
}
