import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { field, pageStyles } from './admin-styles.js';
import { consoleContext, type ConsoleContext } from './context.js';
import { errorText, fieldErrors } from './session.js';
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
  @state() private errors: Record<string, string> = {};
  @state() private message: { part: string; ok: boolean; text: string } | null = null;
  @state() private previewSvg = '';
  private previewTimer: ReturnType<typeof setTimeout> | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private get base() {
    return `/api/v1/halls/${encodeURIComponent(this.ctx.hall.id)}`;
  }

  private async load() {
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
  }

  override disconnectedCallback(): void {
    clearTimeout(this.previewTimer);
    super.disconnectedCallback();
  }

  /** Redrawn a moment after typing stops; a layout the hub refuses keeps the last good picture and shows why. */
  private schedulePreview() {
    clearTimeout(this.previewTimer);
    this.previewTimer = setTimeout(() => {
      this.ctx.session.postForText(`${this.base}/ticket-layout/preview`, this.layout).then(
        (svg) => {
          this.previewSvg = svg;
          this.errors = {};
        },
        (err: unknown) => (this.errors = fieldErrors(err)),
      );
    }, 300);
  }

  override render() {
    const t = this.ctx.t;
    const e = this.errors;
    const msg = (part: string) =>
      this.message?.part === part
        ? html`<span class=${this.message.ok ? 'ok' : 'error'} role="status">${this.message.text}</span>`
        : nothing;
    return html`<h2>${t('navSignage')}</h2>
      <form @submit=${this.saveNotice} aria-label=${t('notice')}>
        ${field(t('notice'), 'notice', html`<textarea name="notice" .value=${this.notice}></textarea>`, e)}
        <p class="row"><button class="primary" type="submit">${t('save')}</button>${msg('notice')}</p>
      </form>
      <board-settings></board-settings>
      <form @submit=${this.saveSentence} aria-label=${t('callOutVoice')}>
        <h3>${t('callOutVoice')}</h3>
        <p class="muted">${t('callOutHint')}</p>
        <div class="fields">
          ${field(
            t('callOutTemplate'),
            'voice.template',
            html`<input name="template" .value=${this.sentence.template} maxlength="60" />`,
            e,
          )}
          ${field(
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
            e,
          )}
        </div>
        <p class="row"><button class="primary" type="submit">${t('save')}</button>${msg('voice')}</p>
      </form>
      <form @submit=${this.saveLayout} @input=${this.onLayoutInput} aria-label=${t('ticketLayout')}>
        <h3>${t('ticketLayout')}</h3>
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
              .map(([k, v]) => html`<p class="field-error">${k}: ${v}</p>`)}
            <p class="row"><button class="primary" type="submit">${t('save')}</button>${msg('layout')}</p>
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
    await this.attempt('notice', async () => {
      const res = await this.ctx.session.call<{ notice: string }>(`${this.base}/signage`, {
        method: 'PATCH',
        body: { notice },
      });
      this.notice = res.notice;
    });
  }

  private async saveSentence(ev: Event) {
    ev.preventDefault();
    const fd = new FormData(ev.target as HTMLFormElement);
    const voice = {
      template: String(fd.get('template') ?? ''),
      numberReading: String(fd.get('numberReading') ?? 'digits'),
    };
    await this.attempt('voice', async () => {
      const res = await this.ctx.session.call<{ voice: { template: string; numberReading: string } }>(
        `${this.base}/signage`,
        { method: 'PATCH', body: { voice } },
      );
      this.sentence = { template: res.voice.template, numberReading: res.voice.numberReading };
    });
  }

  private async saveLayout(ev: Event) {
    ev.preventDefault();
    const body = this.readLayout(ev.target as HTMLFormElement);
    await this.attempt('layout', async () => {
      this.layout = await this.ctx.session.call<Layout>(`${this.base}/ticket-layout`, {
        method: 'PUT',
        body,
      });
    });
  }

  private async attempt(part: string, work: () => Promise<void>) {
    this.errors = {};
    this.message = null;
    try {
      await work();
      this.message = { part, ok: true, text: this.ctx.t('saved') };
    } catch (err) {
      this.errors = fieldErrors(err);
      this.message = { part, ok: false, text: errorText(err) };
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'signage-page': SignagePage;
  }
}
